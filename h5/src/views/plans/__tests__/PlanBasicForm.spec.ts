import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import { toRfc3339 } from '@/utils/plans'
import { enums, plan } from './fixtures'

const api = vi.hoisted(() => ({ createPlan: vi.fn(), updatePlan: vi.fn() }))
vi.mock('@/api/plans', () => api)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))

import PlanBasicForm from '@/components/plans/PlanBasicForm.vue'
import DateTimePickerField from '@/components/plans/DateTimePickerField.vue'

let wrapper: VueWrapper

function mountForm(p = plan as typeof plan | null) {
  wrapper = mount(PlanBasicForm, { props: { plan: p, institutionName: '测试评价机构' }, attachTo: document.body })
  return wrapper
}

const preview = () => wrapper.find('[data-test="plan-name-preview"]').text()
const formError = () => wrapper.find('[data-test="plan-form-error"]')

async function submit() {
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}

beforeEach(() => vi.clearAllMocks())
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('PlanBasicForm', () => {
  it('shows the generated name instead of a name input', () => {
    mountForm(null)
    expect(preview()).toContain('选择考试日期后自动生成')
    expect(preview()).toContain('计划名称按“考试日期-机构名称”自动生成')
    expect(wrapper.find('input[name="name"]').exists()).toBe(false)
    wrapper.unmount()
    mountForm()
    expect(preview()).toContain('20261220-测试评价机构')
  })

  it('refuses times out of order without calling the server', async () => {
    mountForm({ ...plan, reg_end: plan.reg_start })
    await submit()
    expect(formError().text()).toBe('报名截止时间须晚于报名开始时间')
    expect(wrapper.find('[data-test="plan-reg-end"]').text()).toContain('报名截止时间须晚于报名开始时间')
    expect(api.updatePlan).not.toHaveBeenCalled()
  })

  it('saves the basic information with PUT, without a name', async () => {
    api.updatePlan.mockResolvedValue(plan)
    mountForm()
    await wrapper.find('textarea[name="notice"]').setValue('请如实填写')
    await submit()
    expect(api.updatePlan).toHaveBeenCalledWith(5, {
      exam_date: '2026-12-20',
      reg_start: plan.reg_start,
      reg_end: plan.reg_end,
      review_deadline: plan.review_deadline,
      payment_deadline: plan.payment_deadline,
      ticket_start: plan.ticket_start,
      ticket_end: plan.ticket_end,
      announcement: '',
      notice: '请如实填写',
      conditions: '',
      max_occupations: 2,
    })
    expect(wrapper.emitted('saved')?.[0]).toEqual([plan])
  })

  it("shows the server's refusal next to the form", async () => {
    const msg = '已有考生报名，以下字段不能再修改：计划考试日期'
    api.updatePlan.mockRejectedValue(new ApiError(409, 'plan_field_locked', msg))
    mountForm()
    await submit()
    expect(formError().text()).toBe(msg)
    expect(wrapper.emitted('saved')).toBeUndefined()
  })
})

describe('DateTimePickerField', () => {
  it('picks a date and a time and gives them as RFC 3339 with the offset', async () => {
    const onUpdate = vi.fn()
    wrapper = mount(DateTimePickerField, {
      props: { label: '报名开始', modelValue: toRfc3339('2026-11-01', '09:30'), 'onUpdate:modelValue': onUpdate },
      attrs: { 'data-test': 'plan-reg-start' },
      attachTo: document.body,
    })
    expect(wrapper.find('[data-test="plan-reg-start"] input').element).toHaveProperty('value', '2026-11-01 09:30')
    await wrapper.find('[data-test="plan-reg-start"]').trigger('click')
    await flushPromises()
    const group = document.body.querySelector('.van-picker-group')!
    const pick = (col: number, text: string) => {
      const items = group.querySelectorAll('.van-picker-column')[col].querySelectorAll('.van-picker-column__item')
      ;([...items].find((li) => li.textContent === text) as HTMLElement).click()
    }
    pick(0, '2027') // date tab: year, month, day; time tab: hour, minute
    pick(3, '14')
    await flushPromises()
    group.querySelector<HTMLButtonElement>('.van-picker__confirm')!.click()
    await flushPromises()
    expect(onUpdate).toHaveBeenCalledWith(toRfc3339('2027-11-01', '14:30'))
  })
})
