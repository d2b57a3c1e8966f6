import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { Role } from '@/api/types'
import { me, order } from './fixtures'

const api = vi.hoisted(() => ({ listOrders: vi.fn(), downloadOrders: vi.fn(), refundRegistration: vi.fn() }))
const ui = vi.hoisted(() => ({ showConfirmDialog: vi.fn(), showToast: vi.fn() }))
vi.mock('@/api/finance', () => api)
vi.mock('@/api/meta', () => ({ getEnums: vi.fn(async () => ({ payment_statuses: [
  { value: 'paid', label: '已支付' }, { value: 'refunding', label: '退款中' },
] })) }))
vi.mock('vant', async (importOriginal) => ({ ...(await importOriginal<typeof import('vant')>()), ...ui }))
vi.mock('vue-router', () => ({ useRouter: () => ({ back: vi.fn(), replace: vi.fn() }) }))

import { useAuthStore } from '@/stores/auth'
import FinanceOrdersView from '../FinanceOrdersView.vue'

let wrapper: VueWrapper
const hook = (id: string) => wrapper.find(`[data-testid="${id}"]`)
const inBody = <T extends HTMLElement = HTMLElement>(id: string) => document.body.querySelector<T>(`[data-testid="${id}"]`)

async function mountAs(role: Role) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe(me(role))
  wrapper = mount(FinanceOrdersView, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
}

async function typeReason(text: string) {
  const field = inBody<HTMLTextAreaElement>('refund-reason')?.querySelector('textarea')
  if (!field) throw new Error('no reason field')
  field.value = text
  field.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function openRefund() {
  await wrapper.find('[data-testid="order-card"] [role="button"]').trigger('click')
  await hook('order-refund').trigger('click')
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  ui.showConfirmDialog.mockResolvedValue('confirm')
  api.listOrders.mockResolvedValue({ total: 1, items: [order()] })
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('订单查询', () => {
  it('searches by order number, WeChat number, ID number or name', async () => {
    await mountAs('centre_finance')
    expect(api.listOrders).toHaveBeenCalledWith('', 1, 20)
    expect(hook('orders-total').text()).toBe('共 1 笔订单')
    const input = wrapper.find('[data-testid="orders-search"] input')
    await input.setValue('11010519491231002X')
    await input.trigger('keypress', { keyCode: 13 })
    await flushPromises()
    expect(api.listOrders).toHaveBeenLastCalledWith('11010519491231002X', 1, 20)
  })

  it('shows the details of a tapped order', async () => {
    await mountAs('centre_finance')
    expect(hook('order-detail').exists()).toBe(false)
    await wrapper.find('[data-testid="order-card"] [role="button"]').trigger('click')
    const detail = hook('order-detail').text()
    expect(detail).toContain('4200001234')
    expect(detail).toContain('广东省华立高级技工学校')
    expect(detail).toContain('2026-11-21 10:01')
  })

  it('refunds a paid order only with a 2–80 character reason and after a confirmation', async () => {
    api.refundRegistration.mockResolvedValue({
      registration_id: 'reg-1', payment_status: 'refunding', amount_fen: 12000, order: null,
      refund: { out_refund_no: 'RF1', status: 'processing', amount_fen: 12000, reason: '考生放弃考试', created_at: '', success_at: null },
    })
    await mountAs('centre_finance')
    await openRefund()
    expect(inBody('refund-dialog')?.textContent).toContain('¥120.00')

    await typeReason('退')
    inBody('refund-submit')?.click()
    await flushPromises()
    expect(inBody('refund-dialog')?.textContent).toContain('退款原因应为 2–80 个字')
    await typeReason('退'.repeat(81))
    expect(inBody('refund-reason')?.querySelector('textarea')?.value).toHaveLength(80) // cut at 80 as typed
    expect(ui.showConfirmDialog).not.toHaveBeenCalled()

    ui.showConfirmDialog.mockRejectedValueOnce('cancel')
    await typeReason('考生放弃考试')
    inBody('refund-submit')?.click()
    await flushPromises()
    expect(api.refundRegistration).not.toHaveBeenCalled()

    inBody('refund-submit')?.click()
    await flushPromises()
    expect(ui.showConfirmDialog).toHaveBeenLastCalledWith(expect.objectContaining({ message: expect.stringContaining('向 周某 退款 ¥120.00') }))
    expect(api.refundRegistration).toHaveBeenCalledWith('reg-1', '考生放弃考试')
    expect(ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ message: '已发起退款' }))
    expect(wrapper.find('[data-testid="order-payment-status"]').text()).toBe('退款中')
    expect(hook('order-refund').exists()).toBe(false)
    expect(hook('order-detail').text()).toContain('考生放弃考试')
  })

  it('shows why a refund was refused', async () => {
    api.refundRegistration.mockRejectedValue(new ApiError(409, 'not_refundable', '该订单不是已支付状态，不能退款'))
    await mountAs('centre_finance')
    await openRefund()
    await typeReason('重复缴费')
    inBody('refund-submit')?.click()
    await flushPromises()
    expect(inBody('refund-dialog')?.textContent).toContain('该订单不是已支付状态，不能退款')
  })

  it('offers no refund to the administrator or for an unpaid order', async () => {
    await mountAs('admin')
    await wrapper.find('[data-testid="order-card"] [role="button"]').trigger('click')
    expect(hook('order-refund').exists()).toBe(false)
    wrapper.unmount()
    api.listOrders.mockResolvedValue({ total: 1, items: [order({ status: 'open', payment_status: 'unpaid', paid_at: null })] })
    await mountAs('centre_finance')
    await wrapper.find('[data-testid="order-card"] [role="button"]').trigger('click')
    expect(hook('order-refund').exists()).toBe(false)
  })
})
