import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PlanPayment, Remittance } from '@/api/payment-types'

const api = vi.hoisted(() => ({ getPlanPayment: vi.fn(), listPlanRemittances: vi.fn(), createRemittance: vi.fn() }))
vi.mock('@/api/payments', () => api)
vi.mock('vue-router', () => ({ useRouter: () => ({ back: vi.fn(), replace: vi.fn() }) }))

import PlanPaymentsView from '../PlanPaymentsView.vue'

const owing = (id: string, name: string, inRemittance = false) => ({
  registration_id: id, name, id_number: '110105********002X', item_label: '电工 四级/中级工', fee_fen: 12000,
  in_remittance: inRemittance, payment_status: 'unpaid' as const,
})

const summary: PlanPayment = {
  plan_id: 7, plan_name: '20261220-广东省华立高级技工学校', complete: false, reason: '尚有 3 人未缴费（¥360.00），暂缓审核',
  approved: 10, paid_wechat: 5, offline_confirmed: 2, pending_remittance: 1, outstanding: 3,
  due_fen: 120000, paid_wechat_fen: 60000, offline_fen: 24000, outstanding_fen: 36000,
  outstanding_items: [owing('a', '张三'), owing('b', '李四', true), owing('c', '王五')],
  surplus_count: 0, surplus_fen: 0, surplus_items: [],
}

const remittance: Remittance = {
  id: 3, plan_id: 7, plan_name: summary.plan_name, institution_name: '广东省华立高级技工学校', amount_fen: 12000,
  payer: '广东省华立高级技工学校', bank_serial: 'CMB0001', paid_on: '2026-11-20', note: null, status: 'rejected',
  reason: '未查到该笔到账', count: 1, vouchers: [{ id: 'f9', url: '/api/files/9?sig=x', content_type: 'image/jpeg', size: 1024, width: 800, height: 600 }], created_by: '陈老师',
  created_at: '2026-11-20 15:00:00', reviewed_by: '王财务', reviewed_at: '2026-11-21 09:00:00',
}

let wrapper: VueWrapper
const hook = (id: string) => wrapper.find(`[data-testid="${id}"]`)

async function mountView() {
  wrapper = mount(PlanPaymentsView, { props: { id: 7 }, attachTo: document.body })
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  api.getPlanPayment.mockResolvedValue(structuredClone(summary))
  api.listPlanRemittances.mockResolvedValue([structuredClone(remittance)])
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('缴费 of a plan', () => {
  it('sums up who paid how, and why review waits', async () => {
    await mountView()
    expect(api.getPlanPayment).toHaveBeenCalledWith(7)
    expect(hook('plan-pay-reason').text()).toContain('尚有 3 人未缴费（¥360.00），暂缓审核')
    expect(hook('plan-pay-due').text()).toContain('10')
    expect(hook('plan-pay-due').text()).toContain('¥1200.00')
    expect(hook('plan-pay-wechat').text()).toContain('¥600.00')
    expect(hook('plan-pay-offline').text()).toContain('¥240.00')
    expect(hook('plan-pay-outstanding').text()).toContain('¥360.00')
  })

  it('says how much a confirmed remittance took beyond what was owed, and for whom', async () => {
    api.getPlanPayment.mockResolvedValue({
      ...structuredClone(summary), surplus_count: 1, surplus_fen: 15000,
      surplus_items: [{ item_id: 9, remittance_id: 3, plan_id: 7, institution_id: 4, registration_id: 'z', name: '赵六',
        item_label: '电工 四级/中级工', fee_fen: 15000, note: '考生已微信支付' }],
    })
    await mountView()
    expect(hook('plan-pay-surplus').text()).toContain('汇款多收 ¥150.00（1 笔）（赵六已无需缴费）')
  })

  it('shows no 多收 line when nothing is held', async () => {
    await mountView()
    expect(hook('plan-pay-surplus').exists()).toBe(false)
  })

  it('lists the outstanding registrations and marks those already in a remittance', async () => {
    await mountView()
    const cards = wrapper.findAll('[data-testid="outstanding-card"]')
    expect(cards.map((c) => c.text().slice(0, 2))).toEqual(['张三', '李四', '王五'])
    expect(cards[0].text()).toContain('110105********002X')
    expect(cards[0].text()).toContain('¥120.00')
    expect(cards[1].find('[data-testid="in-remittance"]').text()).toBe('已在汇款中')
    expect(cards[0].find('[data-testid="in-remittance"]').exists()).toBe(false)
  })

  it('offers a remittance for the ones not yet in one, prefilled with their total', async () => {
    await mountView()
    expect(hook('remittance-new').text()).toContain('2 人，¥240.00')
    await hook('remittance-new').trigger('click')
    await flushPromises()
    const amount = document.body.querySelector<HTMLInputElement>('[data-testid="remittance-form"] [name="amount"]')
    expect(amount?.value).toBe('240.00')
  })

  it('shows the remittances with their status, the rejection reason and the vouchers', async () => {
    await mountView()
    const tabs = wrapper.findAll('.van-tab')
    expect(tabs[1].text()).toBe('汇款记录 1')
    await tabs[1].trigger('click')
    await flushPromises()
    const card = wrapper.find('[data-testid="remittance-card"]')
    expect(card.find('[data-testid="remittance-status"]').text()).toBe('已驳回')
    expect(card.find('[data-testid="remittance-reason"]').text()).toContain('未查到该笔到账')
    expect(card.findAll('[data-testid="voucher-thumb"]')).toHaveLength(1)
  })

  it('says when everything is paid', async () => {
    api.getPlanPayment.mockResolvedValue({ ...summary, complete: true, reason: null, outstanding: 0, pending_remittance: 0, outstanding_items: [] })
    api.listPlanRemittances.mockResolvedValue([])
    await mountView()
    expect(hook('plan-pay-complete').text()).toContain('已全部缴清')
    expect(hook('outstanding-empty').exists()).toBe(true)
    expect(hook('remittance-new').exists()).toBe(false)
  })
})
