import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PaymentView } from '@/api/payment-types'
import { appConfig, enums, registration, testRouter } from './fixtures'

const api = vi.hoisted(() => ({ getRegistration: vi.fn(), withdrawRegistration: vi.fn(), listMyRegistrations: vi.fn() }))
const pays = vi.hoisted(() => ({ getPayment: vi.fn(), refreshPayment: vi.fn(), startPayment: vi.fn() }))
vi.mock('@/api/registrations', () => api)
vi.mock('@/api/payments', () => pays)
vi.mock('@/api/meta', () => ({ getEnums: vi.fn(async () => enums), getConfig: vi.fn(async () => appConfig) }))

import { timing } from '@/composables/useWechatPay'
import MyRegistrationsView from '../MyRegistrationsView.vue'
import RegistrationView from '../RegistrationView.vue'

const ID = '0b9d3c4e-1111-4a5b-9c00-000000000001'
const payable = registration({ status: 'approved', can_edit: false, can_withdraw: true, can_pay: true, history: [] })
const paid = registration({ status: 'approved', payment_status: 'paid', can_edit: false, can_withdraw: true, history: [] })
const paidView: PaymentView = {
  registration_id: ID, payment_status: 'paid', amount_fen: 12000,
  order: {
    out_trade_no: 'SK20261121A1B2C3D4E5F6G7H8', status: 'paid', amount_fen: 12000, transaction_id: '4200001234567890',
    created_at: '2026-11-21 10:00:00', expires_at: '2026-11-21 10:30:00', paid_at: '2026-11-21 10:01:02',
  },
  refund: null,
}
const invoke = vi.fn()
let wrapper: VueWrapper

async function mountView(view: object, path: string) {
  const router = testRouter()
  await router.push(path)
  wrapper = mount(view, { global: { plugins: [router], stubs: { transition: false } }, attachTo: document.body })
  await flushPromises()
}

const byTestId = (id: string) => wrapper.find(`[data-testid="${id}"]`)

beforeEach(() => {
  vi.clearAllMocks()
  timing.sleep = async () => {}
  invoke.mockImplementation((_n: string, _p: object, cb: (r: { err_msg: string }) => void) => cb({ err_msg: 'get_brand_wcpay_request:ok' }))
  window.WeixinJSBridge = { invoke }
  pays.startPayment.mockResolvedValue({ out_trade_no: 'SK1', amount_fen: 12000, description: '', expires_at: '', params: { appId: 'wx' } })
})
afterEach(() => {
  wrapper?.unmount()
  delete window.WeixinJSBridge
})

describe('缴费 on the registration detail', () => {
  it('shows the amount and 去支付; paying turns the page to 已支付 with the order', async () => {
    api.getRegistration.mockResolvedValueOnce(payable).mockResolvedValue(paid)
    pays.getPayment.mockResolvedValue({ ...paidView, payment_status: 'unpaid', order: null })
    pays.refreshPayment.mockResolvedValue(paidView)
    await mountView(RegistrationView, `/registrations/${ID}`)
    expect(byTestId('pay-amount').text()).toBe('¥120.00')
    expect(byTestId('pay-status').text()).toBe('待支付')
    expect(byTestId('pay-status').classes()).toContain('van-tag--warning')

    await byTestId('pay-button').trigger('click')
    await flushPromises()
    expect(pays.startPayment).toHaveBeenCalledWith(ID)
    expect(invoke).toHaveBeenCalledWith('getBrandWCPayRequest', { appId: 'wx' }, expect.any(Function))
    expect(pays.refreshPayment).toHaveBeenCalledWith(ID, true)
    expect(api.getRegistration).toHaveBeenCalledTimes(2)
    expect(byTestId('pay-button').exists()).toBe(false)
    expect(byTestId('pay-status').text()).toBe('已支付')
    expect(byTestId('pay-status').classes()).toContain('van-tag--success')
    const section = byTestId('pay-section').text()
    expect(section).toContain('SK20261121A1B2C3D4E5F6G7H8')
    expect(section).toContain('2026-11-21 10:01')
    expect(section).toContain('4200001234567890')
  })

  it('shows a refund and refreshes the status on request', async () => {
    api.getRegistration.mockResolvedValue(registration({ status: 'withdrawn', payment_status: 'refunding', can_withdraw: false, history: [] }))
    const refunding: PaymentView = {
      ...paidView, payment_status: 'refunding',
      refund: { out_refund_no: 'RF1', status: 'processing', amount_fen: 12000, reason: '考生撤回报名', created_at: '2026-11-22 09:00:00', success_at: null },
    }
    pays.getPayment.mockResolvedValue(refunding)
    pays.refreshPayment.mockResolvedValue(refunding)
    await mountView(RegistrationView, `/registrations/${ID}`)
    expect(byTestId('pay-button').exists()).toBe(false)
    expect(byTestId('pay-refund-status').text()).toContain('退款中')
    expect(byTestId('pay-section').text()).toContain('考生撤回报名')
    await byTestId('refresh-payment').trigger('click')
    await flushPromises()
    expect(pays.refreshPayment).toHaveBeenCalledWith(ID)
  })

  it('warns that the fee goes back before withdrawing a paid registration', async () => {
    api.getRegistration.mockResolvedValue(paid)
    pays.getPayment.mockResolvedValue(paidView)
    await mountView(RegistrationView, `/registrations/${ID}`)
    await wrapper.find('[data-test="withdraw-btn"]').trigger('click')
    await flushPromises()
    const dialogs = document.body.querySelectorAll('.van-dialog')
    expect(dialogs[dialogs.length - 1].textContent).toContain('已缴纳的报名费将原路退回')
    document.body.querySelectorAll<HTMLElement>('.van-dialog__cancel').forEach((b) => b.click())
    await flushPromises()
    expect(api.withdrawRegistration).not.toHaveBeenCalled()
  })
  it('says the institution remits for it instead of offering 去支付 while a pending remittance covers it', async () => {
    const covered = registration({ status: 'approved', can_edit: false, can_withdraw: true, can_pay: false, in_remittance: true, history: [] })
    api.getRegistration.mockResolvedValue(covered)
    pays.getPayment.mockResolvedValue({ ...paidView, payment_status: 'unpaid', order: null })
    await mountView(RegistrationView, `/registrations/${ID}`)
    expect(byTestId('pay-in-remittance').text()).toBe('机构已为您登记线下汇款，等待评价中心确认，无需在线支付')
    expect(byTestId('pay-button').exists()).toBe(false)
    expect(byTestId('pay-due').exists()).toBe(false)
    expect(byTestId('pay-hint').exists()).toBe(false) // not "当前不能在线缴费 …"
    expect(byTestId('pay-status').text()).toBe('待支付')
  })
})

describe('去支付 on 我的报名', () => {
  it('pays from the card and reads the list again', async () => {
    api.listMyRegistrations.mockResolvedValueOnce([payable, registration({ id: 'other' })]).mockResolvedValue([paid])
    pays.refreshPayment.mockResolvedValue(paidView)
    await mountView(MyRegistrationsView, '/registrations')
    expect(byTestId('pay-notice').text()).toContain('有 1 条报名已审核通过、待缴费')
    const buttons = wrapper.findAll('[data-testid="pay-button"]')
    expect(buttons).toHaveLength(1)
    await buttons[0].trigger('click')
    await flushPromises()
    expect(pays.startPayment).toHaveBeenCalledWith(ID)
    expect(api.listMyRegistrations).toHaveBeenCalledTimes(2)
    expect(wrapper.findAll('[data-testid="pay-button"]')).toHaveLength(0)
  })
  it('shows on the card that the institution remits for it, without 去支付', async () => {
    const covered = registration({ status: 'approved', can_edit: false, can_withdraw: true, can_pay: false, in_remittance: true })
    api.listMyRegistrations.mockResolvedValue([covered])
    await mountView(MyRegistrationsView, '/registrations')
    expect(byTestId('card-in-remittance').text()).toBe('机构已为您登记线下汇款，等待评价中心确认，无需在线支付')
    expect(byTestId('pay-button').exists()).toBe(false)
  })
})
