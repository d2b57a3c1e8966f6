import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PlanSummary } from '@/api/plan-types'
import { toRfc3339 } from '@/utils/plans'
import { enums } from './fixtures'

const api = vi.hoisted(() => ({ listPlans: vi.fn() }))
const router = vi.hoisted(() => ({ push: vi.fn(), replace: vi.fn(), back: vi.fn() }))
vi.mock('@/api/plans', () => api)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))
vi.mock('vue-router', () => ({ useRouter: () => router }))

import PlansView from '../PlansView.vue'

const summary: PlanSummary = {
  id: 5,
  name: '20261220-测试评价机构',
  status: 'published',
  stage: 'submitted',
  reg_start: toRfc3339('2026-11-01', '09:00'),
  reg_end: toRfc3339('2026-11-30', '17:00'),
  exam_date: '2026-12-20',
  item_count: 2,
  registration_count: 37,
  institution: { id: 1, code: '12345678', name: '测试评价机构' },
  published_at: '2026-10-02T09:00:00+08:00',
}
let wrapper: VueWrapper

async function mountList() {
  wrapper = mount(PlansView, { attachTo: document.body })
  await flushPromises()
}

beforeEach(() => vi.clearAllMocks())
afterEach(() => wrapper?.unmount())

describe('PlansView', () => {
  it('shows each plan as a card and opens its hub', async () => {
    api.listPlans.mockResolvedValue([summary, { ...summary, id: 6, status: 'draft', stage: 'open' }])
    await mountList()
    const cards = wrapper.findAll('[data-test="plan-card"]')
    expect(cards).toHaveLength(2)
    const text = cards[0].text()
    for (const s of ['20261220-测试评价机构', '已发布', '已报名提交', '2026-11-01 09:00 至 2026-11-30 17:00', '2026-12-20', '2 个职业等级', '37 人报名']) {
      expect(text).toContain(s)
    }
    expect(cards[1].text()).toContain('草稿')
    expect(cards[1].find('[data-test="plan-stage"]').exists()).toBe(false) // no stage before publication
    await cards[0].trigger('click')
    expect(router.push).toHaveBeenCalledWith({ name: 'staff-plan', params: { id: 5 } })
    await wrapper.find('[data-test="plan-create"]').trigger('click')
    expect(router.push).toHaveBeenCalledWith({ name: 'staff-plan-new' })
  })

  it('says so when there is no plan yet, and when the list fails', async () => {
    api.listPlans.mockResolvedValue([])
    await mountList()
    expect(wrapper.find('[data-test="plans-empty"]').text()).toContain('还没有认定计划')
    wrapper.unmount()
    api.listPlans.mockRejectedValue(new Error('offline'))
    await mountList()
    expect(wrapper.text()).toContain('计划列表加载失败')
  })
})
