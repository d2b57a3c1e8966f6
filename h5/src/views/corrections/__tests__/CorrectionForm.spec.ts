import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { CandidateField } from '@/api/staff-types'
import { enums, ID } from '@/views/staff/__tests__/fixtures'

const api = vi.hoisted(() => ({ getCandidateFields: vi.fn(), createCorrection: vi.fn() }))
vi.mock('@/api/corrections', () => api)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))

import CorrectionForm from '@/components/corrections/CorrectionForm.vue'

const fields: CandidateField[] = [
  { field: 'name', label: '姓名', value: '张三', editable: true },
  { field: 'id_type', label: '证件类型', value: 'resident_id', editable: true },
  { field: 'id_number', label: '证件号码', value: ID, editable: true },
  { field: 'gender', label: '性别', value: 'female', editable: true },
  { field: 'birth_date', label: '出生日期', value: '1949-12-31', editable: true },
  { field: 'mobile', label: '手机号码', value: '13800138000', editable: true },
  { field: 'hukou_address', label: '户口地址', value: '广州市', editable: true },
  { field: 'work_years', label: '工龄', value: '3', editable: true },
]

let wrapper: VueWrapper

async function mountForm() {
  wrapper = mount(CorrectionForm, { props: { userId: 5, name: '张三' }, attachTo: document.body })
  await flushPromises()
}

async function set(name: string, value: string) {
  await wrapper.find(`[name="${name}"]`).setValue(value)
  await flushPromises()
}

async function submit() {
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  api.getCandidateFields.mockResolvedValue({ user_id: 5, fields })
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('the correction request form', () => {
  it('is pre-filled with every field of the candidate', async () => {
    await mountForm()
    expect(api.getCandidateFields).toHaveBeenCalledWith(5)
    expect(wrapper.find('input[name="id_number"]').element).toHaveProperty('value', ID)
    expect(wrapper.find('input[name="work_years"]').element).toHaveProperty('value', '3')
    expect(wrapper.find('input[name="gender"]').element).toHaveProperty('value', '女')
  })

  it('sends only the changed fields with the reason', async () => {
    api.createCorrection.mockResolvedValue({ id: 'c1' })
    await mountForm()
    await set('mobile', '13900139000')
    await set('hukou_address', '')
    await set('reason', '考生更换了手机号码')
    expect(wrapper.find('[data-test="correction-change-count"]').text()).toBe('将修改 2 项')
    await submit()
    expect(api.createCorrection).toHaveBeenCalledWith({
      user_id: 5, changes: { mobile: '13900139000', hukou_address: null }, reason: '考生更换了手机号码',
    })
    expect(wrapper.emitted('submitted')?.[0]).toEqual([{ id: 'c1' }])
  })

  it('refuses to send no change or no reason', async () => {
    await mountForm()
    await submit()
    expect(wrapper.find('[data-test="correction-error"]').text()).toBe('没有修改任何项目')
    expect(wrapper.text()).toContain('请填写原因')
    expect(api.createCorrection).not.toHaveBeenCalled()
  })

  it('derives gender and birth date from a corrected 居民身份证 number', async () => {
    api.createCorrection.mockResolvedValue({ id: 'c2' })
    const male = '440106199001011235' // odd 17th digit: male
    await mountForm()
    await set('id_number', male)
    await set('reason', '证件号码录入错误')
    await submit()
    expect(api.createCorrection).toHaveBeenCalledWith(expect.objectContaining({
      changes: { id_number: male, gender: 'male', birth_date: '1990-01-01' },
    }))
  })

  it('shows a taken number on its field', async () => {
    api.createCorrection.mockRejectedValue(new ApiError(409, 'id_number_taken', '该证件号码已被其他考生使用'))
    await mountForm()
    await set('name', '张叁')
    await set('reason', '姓名录入错误')
    await submit()
    expect(wrapper.find('[data-test="correction-error"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('该证件号码已被其他考生使用')
  })
})
