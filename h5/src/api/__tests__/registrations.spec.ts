import { AxiosError, type InternalAxiosRequestConfig } from 'axios'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const { showToast } = vi.hoisted(() => ({ showToast: vi.fn() }))
vi.mock('vant', () => ({ showToast }))

import { http } from '../http'
import {
  createRegistration,
  fetchFormFile,
  getApplicationForm,
  getPublicPlan,
  getRegistration,
  listMyRegistrations,
  listOpenItems,
  updateRegistration,
  uploadDocument,
  withdrawRegistration,
} from '../registrations'

const ID = '0b9d3c4e-1111-4a5b-9c00-000000000001'
let seen: InternalAxiosRequestConfig[] = []

/** Answers every request on the shared instance with `status`, `data` and `headers`, recording the request. */
function answer(status: number, data: unknown, headers: Record<string, string> = {}) {
  http.defaults.adapter = async (config) => {
    seen.push(config)
    const response = { status, statusText: '', data, headers, config }
    if (status < 400) return response
    throw new AxiosError('failed', undefined, config, {}, response)
  }
}

const json = (config: InternalAxiosRequestConfig) => JSON.parse(config.data as string)
const bytes = (text: string) => new TextEncoder().encode(text).buffer

beforeEach(() => {
  seen = []
  vi.clearAllMocks()
})

describe('plans for candidates', () => {
  it('lists the open items with GET /plans/open', async () => {
    answer(200, [{ item_id: 1 }])
    await expect(listOpenItems()).resolves.toEqual([{ item_id: 1 }])
    expect(seen[0]).toMatchObject({ method: 'get', url: '/plans/open' })
  })

  it('reads a published plan with GET /plans/{id}', async () => {
    answer(200, { id: 3 })
    await getPublicPlan(3)
    expect(seen[0]).toMatchObject({ method: 'get', url: '/plans/3' })
  })
})

describe('applying', () => {
  it('uploads a document as the multipart field `file`', async () => {
    answer(201, { id: 42 })
    const f = new File(['x'], 'a.png', { type: 'image/png' })
    await expect(uploadDocument(f)).resolves.toEqual({ id: 42 })
    expect(seen[0]).toMatchObject({ method: 'post', url: '/registrations/documents' })
    expect(seen[0].data).toBeInstanceOf(FormData)
    expect((seen[0].data as FormData).get('file')).toBeInstanceOf(File)
  })

  it('posts the application with the documents and the confirmed notice', async () => {
    answer(201, { id: ID, status: 'pending' })
    const body = { item_id: 11, documents: [{ name: '学历证书', file_id: 'f42' }], notice_confirmed: true as const }
    await expect(createRegistration(body)).resolves.toMatchObject({ status: 'pending' })
    expect(seen[0]).toMatchObject({ method: 'post', url: '/registrations' })
    expect(json(seen[0])).toEqual(body)
  })

  it('leaves a refused application to the wizard (no toast), keeping the code', async () => {
    answer(409, { code: 'occupation_limit', message: '同一计划最多报考2个职业' })
    await expect(
      createRegistration({ item_id: 11, documents: [], notice_confirmed: true }),
    ).rejects.toMatchObject({ code: 'occupation_limit', message: '同一计划最多报考2个职业' })
    expect(showToast).not.toHaveBeenCalled()
  })
})

describe('my registrations', () => {
  it('lists mine with GET /registrations/mine', async () => {
    answer(200, [])
    await listMyRegistrations()
    expect(seen[0]).toMatchObject({ method: 'get', url: '/registrations/mine' })
  })

  it('reads one with GET /registrations/{id}', async () => {
    answer(200, { id: ID })
    await getRegistration(ID)
    expect(seen[0]).toMatchObject({ method: 'get', url: `/registrations/${ID}` })
  })

  it('saves new documents with PUT /registrations/{id}', async () => {
    answer(200, { id: ID })
    await updateRegistration(ID, { documents: [{ name: '学历证书', file_id: 'f43' }] })
    expect(seen[0]).toMatchObject({ method: 'put', url: `/registrations/${ID}` })
    expect(json(seen[0])).toEqual({ documents: [{ name: '学历证书', file_id: 'f43' }] })
  })

  it('withdraws with POST /registrations/{id}/withdraw', async () => {
    answer(200, { id: ID, status: 'withdrawn' })
    await expect(withdrawRegistration(ID)).resolves.toMatchObject({ status: 'withdrawn' })
    expect(seen[0]).toMatchObject({ method: 'post', url: `/registrations/${ID}/withdraw` })
  })

  it('reads the application form quietly, so the page can say why it is unavailable', async () => {
    answer(409, { code: 'form_unavailable', message: '申请通过后才能导出个人申请表' })
    await expect(getApplicationForm(ID)).rejects.toMatchObject({ code: 'form_unavailable' })
    expect(seen[0]).toMatchObject({ method: 'get', url: `/registrations/${ID}/form` })
    expect(showToast).not.toHaveBeenCalled()
  })
})

describe('the form files', () => {
  afterEach(() => vi.restoreAllMocks())

  it('fetches form.png as bytes and names it from the RFC 5987 header', async () => {
    answer(200, bytes('PNG'), {
      'content-type': 'image/png',
      'content-disposition': `attachment; filename="form.png"; filename*=UTF-8''${encodeURIComponent('个人申请表-张三.png')}`,
    })
    const { blob, filename } = await fetchFormFile(ID, 'png')
    expect(seen[0]).toMatchObject({ method: 'get', url: `/registrations/${ID}/form.png`, responseType: 'arraybuffer' })
    expect(filename).toBe('个人申请表-张三.png')
    expect(blob.type).toBe('image/png')
    expect(await blob.text()).toBe('PNG')
  })

  it('fetches form.pdf and falls back to a default name', async () => {
    answer(200, bytes('%PDF'), { 'content-type': 'application/pdf' })
    const { blob, filename } = await fetchFormFile(ID, 'pdf')
    expect(seen[0].url).toBe(`/registrations/${ID}/form.pdf`)
    expect(filename).toBe('个人申请表.pdf')
    expect(blob.type).toBe('application/pdf')
  })

  it('turns a refusal sent as bytes into the server message', async () => {
    answer(409, bytes(JSON.stringify({ code: 'form_unavailable', message: '申请通过后才能导出个人申请表' })))
    await expect(fetchFormFile(ID, 'pdf')).rejects.toMatchObject({
      code: 'form_unavailable',
      message: '申请通过后才能导出个人申请表',
    })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ message: '申请通过后才能导出个人申请表' }))
  })
})
