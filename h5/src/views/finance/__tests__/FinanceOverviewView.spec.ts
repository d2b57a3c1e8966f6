import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FinanceOverview, FinanceRow } from '@/api/finance-types'

const api = vi.hoisted(() => ({ getFinanceOverview: vi.fn(), downloadOrders: vi.fn() }))
const saved = vi.hoisted(() => ({ saveBlob: vi.fn() }))
vi.mock('@/api/finance', () => api)
vi.mock('@/api/download', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/api/download')>()), ...saved }))
vi.mock('vue-router', () => ({ useRouter: () => ({ back: vi.fn(), replace: vi.fn() }) }))

import FinanceOverviewView from '../FinanceOverviewView.vue'

const row = (over: Partial<FinanceRow>): FinanceRow => ({
  approved: 10, paid_count: 5, paid_fen: 60000, offline_count: 2, offline_fen: 24000, unpaid_count: 3, unpaid_fen: 36000,
  refunding_count: 0, refunded_count: 1, refunded_fen: 12000, surplus_count: 0, surplus_fen: 0, ...over,
})
const overview: FinanceOverview = {
  plans: [
    row({ plan_id: 1, plan_name: '20261220-华立', institution_id: 4, institution_name: '华立', complete: false, surplus_count: 1, surplus_fen: 15000 }),
    row({ plan_id: 2, plan_name: '20261230-华立', institution_id: 4, institution_name: '华立', unpaid_count: 0, complete: true }),
  ],
  institutions: [row({ institution_id: 4, institution_name: '华立' })],
  totals: row({ surplus_count: 1, surplus_fen: 15000 }),
}

let wrapper: VueWrapper
const hook = (id: string) => wrapper.find(`[data-testid="${id}"]`)

beforeEach(() => {
  vi.clearAllMocks()
  api.getFinanceOverview.mockResolvedValue(structuredClone(overview))
})
afterEach(() => wrapper?.unmount())

describe('缴费总览', () => {
  it('shows the totals and a card per plan with its sums and whether review may go on', async () => {
    wrapper = mount(FinanceOverviewView, { attachTo: document.body })
    await flushPromises()
    expect(api.getFinanceOverview).toHaveBeenCalledWith(undefined)
    expect(hook('overview-totals').text()).toContain('合计')
    expect(hook('overview-totals').text()).toContain('¥600.00')
    const plans = wrapper.findAll('[data-testid="finance-row"]')
    expect(plans).toHaveLength(2)
    expect(plans[0].text()).toContain('20261220-华立')
    expect(plans[0].find('[data-testid="finance-incomplete"]').text()).toBe('暂缓审核')
    expect(plans[1].find('[data-testid="finance-complete"]').text()).toBe('已缴清')
    expect(plans[0].text()).toContain('已退款 1 人 ¥120.00')
  })

  it('shows the money remittances took beyond what was owed (多收) on the plan and the totals', async () => {
    wrapper = mount(FinanceOverviewView, { attachTo: document.body })
    await flushPromises()
    expect(hook('overview-totals').find('[data-testid="finance-surplus"]').text()).toContain('多收 ¥150.00（1 笔）')
    const plans = wrapper.findAll('[data-testid="finance-row"]')
    expect(plans[0].find('[data-testid="finance-surplus"]').text()).toBe('多收 ¥150.00（1 笔），待退回机构或转抵')
    expect(plans[1].find('[data-testid="finance-surplus"]').exists()).toBe(false)
  })

  it('exports the orders as an Excel file', async () => {
    const blob = new Blob(['x'])
    api.downloadOrders.mockResolvedValue({ blob, filename: '订单.xlsx' })
    wrapper = mount(FinanceOverviewView, { attachTo: document.body })
    await flushPromises()
    await hook('overview-export').trigger('click')
    await flushPromises()
    expect(api.downloadOrders).toHaveBeenCalled()
    expect(saved.saveBlob).toHaveBeenCalledWith(blob, '订单.xlsx')
  })
})
