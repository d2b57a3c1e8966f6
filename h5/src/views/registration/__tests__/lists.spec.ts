import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Router } from 'vue-router'
import { appConfig, deferred, enums, openItem, registration, testRouter } from './fixtures'

const api = vi.hoisted(() => ({ listOpenItems: vi.fn(), listMyRegistrations: vi.fn(), listMyItems: vi.fn() }))
vi.mock('@/api/registrations', () => api)
vi.mock('@/api/meta', () => ({ getEnums: vi.fn(async () => enums), getConfig: vi.fn(async () => appConfig) }))

import { useEnums } from '@/composables/useEnums'
import MyRegistrationsView from '../MyRegistrationsView.vue'
import PlansView from '../PlansView.vue'

let wrapper: VueWrapper
let router: Router

async function mountView(view: typeof PlansView | typeof MyRegistrationsView, path: string) {
  router = testRouter()
  await router.push(path)
  // Real transitions, so that a tag's attributes land on the tag as they do in a browser.
  wrapper = mount(view, { global: { plugins: [router], stubs: { transition: false } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const find = (hook: string) => wrapper.find(`[data-test="${hook}"]`)
const findAll = (hook: string) => wrapper.findAll(`[data-test="${hook}"]`)

beforeEach(async () => {
  vi.clearAllMocks()
  api.listMyItems.mockResolvedValue([])
  await useEnums().load()
})
// Vant's function dialogs are one instance mounted in body for the whole file: leave body alone.
afterEach(() => wrapper?.unmount())

describe('职业技能报考信息', () => {
  it('shows a skeleton while loading, then the empty state', async () => {
    const answer = deferred<never[]>()
    api.listOpenItems.mockReturnValue(answer.promise)
    await mountView(PlansView, '/plans')
    expect(find('plans-loading').exists()).toBe(true)
    answer.resolve([])
    await flushPromises()
    expect(find('plans-loading').exists()).toBe(false)
    expect(find('plans-empty').text()).toContain('暂无可报考的计划')
  })

  it('lists the items with the fee and greys out those that are closed', async () => {
    api.listOpenItems.mockResolvedValue([
      openItem(),
      openItem({ item_id: 12, job_type: '维修电工', can_apply: false, closed_reason: 'not_started' }),
      openItem({ item_id: 13, can_apply: false, closed_reason: 'closed' }),
    ])
    await mountView(PlansView, '/plans')
    const cards = findAll('plan-item')
    expect(cards).toHaveLength(3)
    expect(cards[0].text()).toContain('¥120.00')
    expect(cards[0].text()).toContain('四级/中级工')
    expect(cards[0].text()).toContain('2026-12-20')
    expect(cards[1].text()).toContain('维修电工')

    const buttons = findAll('apply-btn')
    expect(buttons.map((b) => b.text())).toEqual(['报名', '未开始', '已截止'])
    expect(buttons[0].attributes('disabled')).toBeUndefined()
    expect(buttons[1].attributes('disabled')).toBeDefined()
    expect(buttons[2].attributes('disabled')).toBeDefined()
  })

  it('marks the items already applied for as 已报名, linking to the registration', async () => {
    const reg = '0b9d3c4e-1111-4a5b-9c00-000000000009'
    api.listOpenItems.mockResolvedValue([openItem(), openItem({ item_id: 12 })])
    api.listMyItems.mockResolvedValue([{ item_id: 12, plan_id: 3, registration_id: reg, status: 'approved' }])
    await mountView(PlansView, '/plans')
    expect(findAll('apply-btn').map((b) => b.text())).toEqual(['报名'])
    const applied = findAll('plan-item')[1].find('[data-test="applied-btn"]')
    expect(applied.text()).toContain('已报名')
    await applied.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe(`/registrations/${reg}`)
  })

  it('still lists the items when 已报名 cannot be loaded', async () => {
    api.listOpenItems.mockResolvedValue([openItem()])
    api.listMyItems.mockRejectedValue(new Error('down'))
    await mountView(PlansView, '/plans')
    expect(findAll('apply-btn').map((b) => b.text())).toEqual(['报名'])
  })

  it('opens the announcement of the tapped item', async () => {
    api.listOpenItems.mockResolvedValue([openItem()])
    await mountView(PlansView, '/plans')
    await find('apply-btn').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('plan-announcement')
    expect(router.currentRoute.value.params.planId).toBe('3')
    expect(router.currentRoute.value.query.item).toBe('11')
  })

  it('offers a reload when the list cannot be loaded', async () => {
    api.listOpenItems.mockRejectedValueOnce(new Error('down')).mockResolvedValueOnce([openItem()])
    await mountView(PlansView, '/plans')
    expect(wrapper.text()).toContain('报考信息加载失败')
    await wrapper.find('.van-empty .van-button').trigger('click')
    await flushPromises()
    expect(findAll('plan-item')).toHaveLength(1)
  })
})

describe('我的报名', () => {
  it('shows the empty state with a way to apply', async () => {
    api.listMyRegistrations.mockResolvedValue([])
    await mountView(MyRegistrationsView, '/registrations')
    expect(find('registrations-empty').text()).toContain('还没有报名记录')
    await find('go-plans').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('plans')
  })

  it('shows each registration with coloured status and payment tags', async () => {
    api.listMyRegistrations.mockResolvedValue([
      registration({ id: 'a', status: 'returned', reason: '学历证书不清晰' }),
      registration({ id: 'b', status: 'approved', payment_status: 'paid' }),
      registration({ id: 'c', status: 'withdrawn' }),
    ])
    await mountView(MyRegistrationsView, '/registrations')
    const cards = findAll('registration-card')
    expect(cards).toHaveLength(3)

    const returned = cards[0].find('.status-tag[data-status="returned"]')
    expect(returned.text()).toBe('退回修改')
    expect(returned.classes()).toEqual(expect.arrayContaining(['van-tag--danger', 'van-tag--plain']))
    expect(cards[0].text()).toContain('退回原因：学历证书不清晰')
    expect(cards[0].find('[data-status="unpaid"]').text()).toBe('待支付')

    expect(cards[1].find('[data-status="approved"]').classes()).toContain('van-tag--success')
    expect(cards[1].find('[data-status="paid"]').text()).toBe('已支付')
    // nothing is owed on a withdrawn application
    expect(cards[2].find('[data-status="unpaid"]').exists()).toBe(false)

    expect(wrapper.text()).toContain('有 1 条报名被机构退回')
  })

  it('opens the detail of a tapped registration', async () => {
    api.listMyRegistrations.mockResolvedValue([registration({ id: 'abc' })])
    await mountView(MyRegistrationsView, '/registrations')
    await find('registration-card').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/registrations/abc')
  })
})
