import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Role } from '@/api/types'
import { clickIn, enums, item, me, registration, typeInto } from './fixtures'

const api = vi.hoisted(() => ({
  listPlanRegistrations: vi.fn(),
  getStaffPlanForRegistrations: vi.fn(),
  reviewRegistrations: vi.fn(),
}))
vi.mock('@/api/staff-registrations', () => api)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))

import { useAuthStore } from '@/stores/auth'
import PlanRegistrationsView from '../PlanRegistrationsView.vue'

let wrapper: VueWrapper

async function mountAs(role: Role) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe(me(role))
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/staff/plans/:id/registrations', name: 'staff-plan-registrations', component: PlanRegistrationsView },
      { path: '/staff/registrations/:rid', name: 'staff-registration', component: { render: () => null } },
    ],
  })
  await router.push('/staff/plans/7/registrations')
  await router.isReady()
  wrapper = mount(PlanRegistrationsView, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  api.getStaffPlanForRegistrations.mockResolvedValue({ id: 7, name: '20261220-测试机构', stage: 'open', items: [item] })
  api.listPlanRegistrations.mockResolvedValue({
    total: 3,
    items: [registration('a', '张三', 'pending'), registration('b', '李四', 'pending'), registration('c', '王五', 'approved')],
  })
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('the review list of a plan', () => {
  it('shows no 待支付 on a rejected application: nothing is owed', async () => {
    api.listPlanRegistrations.mockResolvedValue({
      total: 2,
      items: [{ ...registration('r', '赵六', 'rejected'), reason: '不符合报考条件' }, registration('a', '张三', 'approved')],
    })
    await mountAs('staff')
    const cards = wrapper.findAll('[data-test="reg-card"]')
    expect(cards[0].text()).not.toContain('待支付')
    expect(cards[1].text()).toContain('待支付')
  })

  it('loads the first page of the plan and shows a card per registration', async () => {
    await mountAs('staff')
    expect(api.listPlanRegistrations).toHaveBeenCalledWith('7', { q: undefined, item_id: undefined, status: undefined, page: 1, page_size: 20 })
    const cards = wrapper.findAll('[data-test="reg-card"]')
    expect(cards).toHaveLength(3)
    expect(cards[0].text()).toContain('张三')
    expect(cards[0].text()).toContain('待处理')
    expect(cards[0].text()).toContain('11010519491231002X')
    expect(wrapper.find('[data-test="reg-select-2"]').classes()).toContain('van-checkbox--disabled')
  })

  it('returns the selected ones only after a 2–200 character reason, and shows what was not handled', async () => {
    api.reviewRegistrations.mockResolvedValue({
      done: ['a'], failed: [{ id: 'b', code: 'registration_not_reviewable', message: '当前状态不能审核' }],
    })
    await mountAs('staff')
    await wrapper.find('[data-test="reg-select-0"]').trigger('click')
    await wrapper.find('[data-test="reg-select-1"]').trigger('click')
    expect(wrapper.find('[data-test="review-bar"]').text()).toContain('已选 2 条')
    await wrapper.find('[data-test="batch-return"]').trigger('click')
    await flushPromises()

    typeInto('[data-test="reason-input"] textarea', '差')
    await flushPromises()
    clickIn('[data-test="reason-confirm"]')
    await flushPromises()
    expect(document.body.querySelector('[data-test="reason-dialog"]')?.textContent).toContain('原因应为2至200个字')
    expect(api.reviewRegistrations).not.toHaveBeenCalled()

    typeInto('[data-test="reason-input"] textarea', '请补充学历证书')
    await flushPromises()
    clickIn('[data-test="reason-confirm"]')
    await flushPromises()
    expect(api.reviewRegistrations).toHaveBeenCalledWith(['a', 'b'], 'return', '请补充学历证书', false)
    expect(wrapper.find('[data-test="review-result"]').text()).toContain('已处理 1 条，1 条未处理：李四：当前状态不能审核')
    expect(api.listPlanRegistrations).toHaveBeenCalledTimes(2) // reloaded with the new statuses
  })

  it('is read-only for the centre', async () => {
    await mountAs('centre_finance')
    expect(wrapper.findAll('[data-test="reg-card"]')).toHaveLength(3)
    expect(wrapper.find('[data-test="review-bar"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="reg-select-0"]').exists()).toBe(false)
    expect(api.getStaffPlanForRegistrations).toHaveBeenCalledWith('7', true)
  })

  it('says so when nothing matches', async () => {
    api.listPlanRegistrations.mockResolvedValue({ total: 0, items: [] })
    await mountAs('staff')
    expect(wrapper.find('[data-test="reg-empty"]').text()).toContain('还没有考生报名')
  })
})
