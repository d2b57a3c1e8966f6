import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { Occupation } from '@/api/types'
import { enums, item } from './fixtures'

const api = vi.hoisted(() => ({ createItem: vi.fn(), updateItem: vi.fn() }))
const catalogue = vi.hoisted(() => ({ getOccupation: vi.fn(), listOccupations: vi.fn() }))
vi.mock('@/api/plans', () => api)
vi.mock('@/api/catalogue', () => catalogue)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))

import PlanItemForm from '@/components/plans/PlanItemForm.vue'

const electrician: Occupation = {
  id: 3,
  code: '6-31-01-03',
  name: '电工',
  job_types: ['维修电工'],
  levels: [
    { level: 'level4', subjects: ['theory', 'practical'] },
    { level: 'level3', subjects: ['theory', 'practical'] },
  ],
  active: true,
}
let wrapper: VueWrapper

async function mountForm() {
  wrapper = mount(PlanItemForm, { props: { planId: 5, item }, attachTo: document.body })
  await flushPromises()
}

async function submit() {
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  catalogue.getOccupation.mockResolvedValue(electrician)
})
afterEach(() => wrapper?.unmount())

describe('PlanItemForm', () => {
  it('shows the item with its fee in yuan', async () => {
    await mountForm()
    expect(catalogue.getOccupation).toHaveBeenCalledWith(3)
    expect(wrapper.find('input[name="occupation"]').element).toHaveProperty('value', '6-31-01-03 电工')
    expect(wrapper.find('input[name="fee"]').element).toHaveProperty('value', '120.00')
    expect(wrapper.find('input[name="job_type"]').element).toHaveProperty('value', '无')
  })

  it('sends the fee in fen, parsed from the text, with the whole item', async () => {
    api.updateItem.mockResolvedValue({ ...item, fee_fen: 12010 })
    await mountForm()
    await wrapper.find('input[name="fee"]').setValue('120.1')
    await wrapper.find('input[name="expected_count"]').setValue('45')
    await wrapper.find('[data-doc="身份证正反面"]').trigger('click')
    await wrapper.find('input[name="doc_extra"]').setValue('工作证明')
    await wrapper.find('[data-test="item-doc-add"]').trigger('click')
    await submit()
    expect(api.updateItem).toHaveBeenCalledWith(5, 8, {
      occupation_id: 3,
      job_type: '',
      level: 'level4',
      fee_fen: 12010,
      expected_count: 45,
      required_documents: ['学历证书', '身份证正反面', '工作证明'],
      subjects: item.subjects,
    })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('refuses a fee that is not an amount without calling the server', async () => {
    await mountForm()
    await wrapper.find('input[name="fee"]').setValue('abc')
    await submit()
    expect(wrapper.text()).toContain('请输入金额（元），最多两位小数')
    expect(api.updateItem).not.toHaveBeenCalled()
  })

  it("shows a locked field's refusal on the form", async () => {
    const msg = '已有考生报名，以下字段不能再修改：报名费'
    api.updateItem.mockRejectedValue(new ApiError(409, 'plan_field_locked', msg))
    await mountForm()
    await wrapper.find('input[name="fee"]').setValue('99')
    await submit()
    expect(wrapper.find('[data-test="item-form-error"]').text()).toBe(msg)
  })
})
