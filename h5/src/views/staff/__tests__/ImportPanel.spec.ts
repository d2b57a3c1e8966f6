import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { ImportResult } from '@/api/staff-types'
import { enums } from './fixtures'

const api = vi.hoisted(() => ({
  uploadImport: vi.fn(),
  listImports: vi.fn(),
  downloadImportTemplate: vi.fn(),
  downloadImportReport: vi.fn(),
}))
vi.mock('@/api/staff-registrations', () => api)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))

import ImportPanel from '@/components/staff/ImportPanel.vue'

const result: ImportResult = {
  id: 'i1', file_name: '报名.xlsx', total: 12, imported: 9, existing: 1, failed: 2, created_at: '2026-11-01T09:00:00+08:00',
  rows: [
    { row: 4, name: '王五', id_number_masked: '4401**********1234', id_number: '440106199001011234', status: 'failed', code: 'invalid_id_number', message: '证件号码校验位错误' },
    { row: 7, name: '', id_number_masked: '', status: 'failed', code: 'item_not_in_plan', message: '该职业等级不在本计划中' },
    { row: 2, name: '张三', id_number_masked: '1101**********002X', status: 'imported', code: null, message: null },
  ],
}

let wrapper: VueWrapper

async function choose(file: File) {
  const input = wrapper.find('[data-test="import-upload"] input[type="file"]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  await flushPromises()
}

beforeEach(async () => {
  vi.clearAllMocks()
  api.listImports.mockResolvedValue([])
  wrapper = mount(ImportPanel, { props: { planId: '7', planName: '20261220-测试机构' }, attachTo: document.body })
  await flushPromises()
})
afterEach(() => {
  vi.restoreAllMocks()
  wrapper.unmount()
  document.body.innerHTML = ''
})

describe('Excel import (模板导入)', () => {
  it('refuses a file that is not .xlsx without uploading it', async () => {
    await choose(new File(['%PDF'], '报名.pdf', { type: 'application/pdf' }))
    expect(wrapper.find('[data-test="import-error"]').text()).toContain('.xlsx')
    expect(api.uploadImport).not.toHaveBeenCalled()
  })

  it('uploads an .xlsx and shows the counts and the failed rows, then reloads the history', async () => {
    api.uploadImport.mockResolvedValue(result)
    await choose(new File(['PK'], '报名.xlsx'))
    expect(api.uploadImport).toHaveBeenCalledWith('7', expect.any(File), expect.any(Function))
    expect(wrapper.find('[data-test="import-counts"]').text()).toContain('共 12 行：导入 9，已存在 1，失败 2')
    const rows = wrapper.findAll('[data-test="import-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('第 4 行 · 王五')
    expect(rows[0].text()).toContain('证件号码校验位错误')
    expect(rows[0].text()).toContain('440106199001011234') // the importing staff see the full number
    expect(api.listImports).toHaveBeenCalledTimes(2)
  })

  it('shows a refusal of the whole file on the panel', async () => {
    api.uploadImport.mockRejectedValue(new ApiError(422, 'template_mismatch', '表头与模板不一致，缺少：证件号码'))
    await choose(new File(['PK'], '报名.xlsx'))
    expect(wrapper.find('[data-test="import-error"]').text()).toBe('表头与模板不一致，缺少：证件号码')
    expect(wrapper.find('[data-test="import-result"]').exists()).toBe(false)
  })

  it('saves the template under the plan’s name', async () => {
    const blob = new Blob(['PK'])
    api.downloadImportTemplate.mockResolvedValue({ blob, filename: null })
    const createObjectURL = vi.fn(() => 'blob:x')
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() })
    const clicked: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download)
    })
    await wrapper.find('[data-test="template-download"]').trigger('click')
    await flushPromises()
    expect(api.downloadImportTemplate).toHaveBeenCalledWith('7')
    expect(createObjectURL).toHaveBeenCalledWith(blob)
    expect(clicked).toEqual(['报名导入模板-20261220-测试机构.xlsx'])
  })
})
