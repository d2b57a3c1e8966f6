import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const { showToast } = vi.hoisted(() => ({ showToast: vi.fn() }))
vi.mock('vant', () => ({ showToast }))

import { http } from '../http'
import {
  createEntry, downloadImportReport, downloadImportTemplate, downloadPlanReport, getStaffRegistration, listImports,
  listPlanRegistrations, readIdCard, reviewRegistrations, uploadImport,
} from '../staff-registrations'

let seen: InternalAxiosRequestConfig[] = []

/** Answers every request on the shared instance, recording it. */
function answer(status: number, data: unknown, headers: Record<string, string> = {}) {
  http.defaults.adapter = async (config) => {
    seen.push(config)
    const response = { status, statusText: '', data, headers: new AxiosHeaders(headers), config }
    if (status < 400) return response
    throw new AxiosError('failed', undefined, config, {}, response)
  }
}

const bytes = (text: string) => new TextEncoder().encode(text).buffer

beforeEach(() => {
  seen = []
  vi.clearAllMocks()
})

describe('registration list and review', () => {
  it('lists a plan page by page, leaving out empty filters', async () => {
    answer(200, { total: 0, items: [] })
    await listPlanRegistrations(7, { q: '', item_id: undefined, status: 'pending', page: 2, page_size: 20 })
    expect(seen[0]).toMatchObject({ method: 'get', url: '/staff/plans/7/registrations' })
    expect(seen[0].params).toEqual({ status: 'pending', page: 2, page_size: 20 })
  })

  it('reads one registration', async () => {
    answer(200, { id: 'r1' })
    await getStaffRegistration('r1')
    expect(seen[0]).toMatchObject({ method: 'get', url: '/staff/registrations/r1' })
  })

  it('reviews a batch with ids, action and the trimmed reason', async () => {
    answer(200, { done: ['a'], failed: [{ id: 'b', code: 'registration_not_reviewable', message: '不能审核' }] })
    const r = await reviewRegistrations(['a', 'b'], 'return', '  请补充学历证书 ')
    expect(seen[0]).toMatchObject({ method: 'post', url: '/staff/registrations/review' })
    expect(JSON.parse(seen[0].data)).toEqual({ ids: ['a', 'b'], action: 'return', reason: '请补充学历证书' })
    expect(r.failed).toHaveLength(1)
  })

  it('sends an empty reason when approving (the server takes a string and refuses null)', async () => {
    answer(200, { done: ['a'], failed: [] })
    await reviewRegistrations(['a'], 'approve')
    expect(JSON.parse(seen[0].data)).toEqual({ ids: ['a'], action: 'approve', reason: '' })
  })
})

describe('entry', () => {
  it('posts a manual entry to the plan and leaves refusals to the form', async () => {
    answer(409, { code: 'name_mismatch', message: '该证件号码已以其他姓名注册' })
    const body = { item_id: 3, name: '张三', id_type: 'resident_id', id_number: '11010519491231002X', mobile: '13800138000' }
    await expect(createEntry(7, body)).rejects.toMatchObject({ code: 'name_mismatch' })
    expect(seen[0]).toMatchObject({ method: 'post', url: '/staff/plans/7/entries' })
    expect(JSON.parse(seen[0].data)).toEqual(body)
    expect(showToast).not.toHaveBeenCalled()
  })

  it('posts what the ID-card reader delivered, silently', async () => {
    answer(400, { code: 'id_card_mismatch', message: '性别与证件号码不符' })
    await expect(readIdCard({ name: '张三', id_number: 'x' } as never)).rejects.toMatchObject({ code: 'id_card_mismatch' })
    expect(seen[0]).toMatchObject({ method: 'post', url: '/staff/id-card' })
    expect(showToast).not.toHaveBeenCalled()
  })

  it('uploads the workbook as multipart field `file` and lists imports of the plan', async () => {
    answer(201, { id: 'i1', total: 1, imported: 1, existing: 0, failed: 0, rows: [] })
    const file = new File(['PK'], '报名.xlsx')
    await uploadImport(7, file)
    expect(seen[0]).toMatchObject({ method: 'post', url: '/staff/plans/7/imports', silent: true })
    expect(seen[0].data).toBeInstanceOf(FormData)
    expect((seen[0].data as FormData).get('file')).toBeInstanceOf(File)
    expect(typeof seen[0].onUploadProgress).toBe('function')

    answer(200, [])
    await listImports(7)
    expect(seen[1]).toMatchObject({ method: 'get', url: '/staff/imports', params: { plan_id: 7 } })
  })

  it('reports upload progress as a percentage', async () => {
    answer(201, { id: 'i1', rows: [] })
    const progress: number[] = []
    await uploadImport(7, new File(['PK'], 'a.xlsx'), (p) => progress.push(p))
    seen[0].onUploadProgress?.({ loaded: 50, total: 200, bytes: 50, lengthComputable: true })
    expect(progress).toEqual([25])
  })
})

describe('file downloads', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

  it('fetches the template as bytes with the token and returns a typed Blob', async () => {
    answer(200, bytes('PK-template'), { 'content-type': XLSX })
    const { blob, filename } = await downloadImportTemplate(7)
    expect(seen[0]).toMatchObject({ method: 'get', url: '/staff/plans/7/import-template', responseType: 'arraybuffer' })
    expect(blob).toBeInstanceOf(Blob)
    expect(blob.type).toBe(XLSX)
    expect(await blob.text()).toBe('PK-template')
    expect(filename).toBeNull()
  })

  it('takes the file name the server gives', async () => {
    const cd = `attachment; filename*=UTF-8''${encodeURIComponent('导入结果-报名.xlsx')}`
    answer(200, bytes('PK'), { 'content-type': XLSX, 'content-disposition': cd })
    const { filename } = await downloadImportReport('i9')
    expect(seen[0].url).toBe('/staff/imports/i9/report')
    expect(filename).toBe('导入结果-报名.xlsx')
  })

  it('decodes a JSON refusal sent instead of the file and toasts its message', async () => {
    answer(404, bytes(JSON.stringify({ code: 'not_found', message: '计划不存在' })), { 'content-type': 'application/json' })
    await expect(downloadPlanReport(7)).rejects.toMatchObject({ status: 404, code: 'not_found', message: '计划不存在' })
    expect(seen[0].url).toBe('/staff/plans/7/report.xlsx')
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ message: '计划不存在' }))
  })
})
