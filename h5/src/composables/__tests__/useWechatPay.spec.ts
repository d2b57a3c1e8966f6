import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { PaymentView } from '@/api/payment-types'
import type { AppConfig } from '@/api/types'

const api = vi.hoisted(() => ({ startPayment: vi.fn(), refreshPayment: vi.fn(), getPayment: vi.fn() }))
const config = vi.hoisted(() => ({ value: {} as Record<string, unknown> }))
const ui = vi.hoisted(() => ({
  showDialog: vi.fn(), showConfirmDialog: vi.fn(), showToast: vi.fn(), showSuccessToast: vi.fn(),
  showLoadingToast: vi.fn(), closeToast: vi.fn(),
}))
const router = vi.hoisted(() => ({ push: vi.fn() }))
vi.mock('@/api/payments', () => api)
vi.mock('@/api/meta', () => ({ getConfig: vi.fn(async () => config.value), getEnums: vi.fn(async () => ({})) }))
vi.mock('vant', async (importOriginal) => ({ ...(await importOriginal<typeof import('vant')>()), ...ui }))
vi.mock('vue-router', () => ({ useRouter: () => router }))
vi.mock('@/api/auth', () => ({ getWechatAuthorizeUrl: vi.fn(async () => 'https://open.weixin.qq.com/authorize?x=1') }))

import { resetAppConfigCache } from '../useAppConfig'
import { navigation, RETURN_KEY, takeWechatReturn } from '../useWechatLogin'
import {
  ensureBridge, REFRESH_INTERVAL_MS, REFRESH_RETRIES, resetBridgeScript, timing, useWechatPay, type WeixinJSBridgeLike,
} from '../useWechatPay'

const ID = 'reg-1'
const params = { appId: 'wx1', timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' }
const view = (payment_status: PaymentView['payment_status']): PaymentView => ({
  registration_id: ID, payment_status, amount_fen: 12000, order: null, refund: null,
})
const baseConfig: AppConfig = {
  wechat_login: true, wechat_simulated: true, mini_program: false, wechat_pay: true, pay_bridge_url: null,
}
const realUa = navigator.userAgent
const setUa = (ua: string) => Object.defineProperty(navigator, 'userAgent', { value: ua, configurable: true })

/** A bridge whose cashier answers `errMsg`, recording what it was asked. */
function fakeBridge(errMsg: string) {
  const invoke = vi.fn((_name: string, _p: object, cb: (r: { err_msg: string }) => void) => cb({ err_msg: errMsg }))
  const bridge: WeixinJSBridgeLike = { invoke }
  return { bridge, invoke }
}

const sleeps: number[] = []

beforeEach(() => {
  vi.clearAllMocks()
  resetAppConfigCache()
  resetBridgeScript()
  config.value = { ...baseConfig }
  delete window.WeixinJSBridge
  document.head.querySelectorAll('script[data-pay-bridge]').forEach((s) => s.remove())
  sleeps.length = 0
  timing.sleep = async (ms: number) => void sleeps.push(ms)
  ui.showConfirmDialog.mockResolvedValue('confirm')
  ui.showDialog.mockResolvedValue('confirm')
  api.startPayment.mockResolvedValue({ out_trade_no: 'SK1', amount_fen: 12000, description: '报名费', expires_at: '', params })
})
afterEach(() => setUa(realUa))

describe('ensureBridge', () => {
  it('injects the simulator script once and resolves when it has defined the bridge', async () => {
    const first = ensureBridge('/sim/pay/bridge.js')
    const second = ensureBridge('/sim/pay/bridge.js')
    const scripts = document.head.querySelectorAll<HTMLScriptElement>('script[data-pay-bridge]')
    expect(scripts).toHaveLength(1)
    expect(scripts[0].getAttribute('src')).toBe('/sim/pay/bridge.js')
    const { bridge } = fakeBridge('get_brand_wcpay_request:ok')
    window.WeixinJSBridge = bridge
    scripts[0].dispatchEvent(new Event('load'))
    expect(await first).toBe(bridge)
    expect(await second).toBe(bridge)
  })

  it('uses a bridge that is already there without injecting anything', async () => {
    const { bridge } = fakeBridge('x')
    window.WeixinJSBridge = bridge
    expect(await ensureBridge('/sim/pay/bridge.js')).toBe(bridge)
    expect(document.head.querySelector('script[data-pay-bridge]')).toBeNull()
  })

  it('inside WeChat waits for WeixinJSBridgeReady', async () => {
    setUa(`${realUa} MicroMessenger/8.0.50`)
    const pending = ensureBridge(null)
    const { bridge } = fakeBridge('x')
    window.WeixinJSBridge = bridge
    document.dispatchEvent(new Event('WeixinJSBridgeReady'))
    expect(await pending).toBe(bridge)
    expect(document.head.querySelector('script[data-pay-bridge]')).toBeNull()
  })

  it('gives up when the bridge never comes, and injects the script again on the next try after a failed load', async () => {
    expect(await ensureBridge(null)).toBeNull() // outside WeChat, no simulator
    const failed = ensureBridge('/sim/pay/bridge.js', 50)
    document.head.querySelector('script[data-pay-bridge]')?.dispatchEvent(new Event('error'))
    expect(await failed).toBeNull()
    expect(document.head.querySelector('script[data-pay-bridge]')).toBeNull()
    void ensureBridge('/sim/pay/bridge.js', 10)
    expect(document.head.querySelectorAll('script[data-pay-bridge]')).toHaveLength(1)
  })
})

describe('useWechatPay', () => {
  it('outside WeChat without a bridge says where to pay and creates no order', async () => {
    const { pay } = useWechatPay()
    const r = await pay(ID)
    expect(r.outcome).toBe('unavailable')
    expect(api.startPayment).not.toHaveBeenCalled()
    expect(ui.showDialog).toHaveBeenCalledWith(expect.objectContaining({ message: '请在微信中打开本页面完成支付' }))
  })

  it('pays: order, bridge, cashier, then a refresh that finds it paid', async () => {
    const { bridge, invoke } = fakeBridge('get_brand_wcpay_request:ok')
    window.WeixinJSBridge = bridge
    api.refreshPayment.mockResolvedValue(view('paid'))
    const { pay, paying } = useWechatPay()
    const running = pay(ID)
    expect(paying.value).toBe(true)
    const r = await running
    expect(api.startPayment).toHaveBeenCalledWith(ID)
    expect(invoke).toHaveBeenCalledWith('getBrandWCPayRequest', params, expect.any(Function))
    expect(ui.showLoadingToast).toHaveBeenCalledWith(expect.objectContaining({ message: '正在确认支付结果…' }))
    expect(api.refreshPayment).toHaveBeenCalledTimes(1)
    expect(ui.showSuccessToast).toHaveBeenCalledWith('支付成功')
    expect(r).toMatchObject({ outcome: 'paid', view: { payment_status: 'paid' } })
    expect(paying.value).toBe(false)
  })

  it('loads the simulator bridge when the config names one', async () => {
    config.value = { ...baseConfig, pay_bridge_url: '/sim/pay/bridge.js' }
    api.refreshPayment.mockResolvedValue(view('paid'))
    const running = useWechatPay().pay(ID)
    await flushPromises()
    const script = document.head.querySelector('script[data-pay-bridge]')
    expect(script?.getAttribute('src')).toBe('/sim/pay/bridge.js')
    window.WeixinJSBridge = fakeBridge('get_brand_wcpay_request:ok').bridge
    script?.dispatchEvent(new Event('load'))
    expect((await running).outcome).toBe('paid')
  })

  it('after ok, asks again up to three times 1.5 s apart while the order is still unpaid', async () => {
    window.WeixinJSBridge = fakeBridge('get_brand_wcpay_request:ok').bridge
    api.refreshPayment.mockResolvedValueOnce(view('unpaid')).mockResolvedValueOnce(view('unpaid')).mockResolvedValue(view('paid'))
    const r = await useWechatPay().pay(ID)
    expect(api.refreshPayment).toHaveBeenCalledTimes(3)
    expect(sleeps).toEqual([REFRESH_INTERVAL_MS, REFRESH_INTERVAL_MS])
    expect(r.outcome).toBe('paid')
  })

  it('stops after the last retry and says it is not paid yet', async () => {
    window.WeixinJSBridge = fakeBridge('get_brand_wcpay_request:ok').bridge
    api.refreshPayment.mockResolvedValue(view('unpaid'))
    const r = await useWechatPay().pay(ID)
    expect(api.refreshPayment).toHaveBeenCalledTimes(1 + REFRESH_RETRIES)
    expect(r.outcome).toBe('unpaid')
    expect(ui.showDialog).toHaveBeenCalledWith(expect.objectContaining({ title: '尚未支付成功' }))
  })

  it('a cancelled cashier still asks the server once, then says 已取消支付', async () => {
    window.WeixinJSBridge = fakeBridge('get_brand_wcpay_request:cancel').bridge
    api.refreshPayment.mockResolvedValue(view('unpaid'))
    const r = await useWechatPay().pay(ID)
    expect(api.refreshPayment).toHaveBeenCalledTimes(1)
    expect(sleeps).toEqual([])
    expect(r.outcome).toBe('cancelled')
    expect(ui.showToast).toHaveBeenCalledWith('已取消支付')
  })

  it('a failed cashier is reported as not paid; the server has the last word when it says paid', async () => {
    window.WeixinJSBridge = fakeBridge('get_brand_wcpay_request:fail').bridge
    api.refreshPayment.mockResolvedValueOnce(view('unpaid'))
    expect((await useWechatPay().pay(ID)).outcome).toBe('unpaid')
    expect(api.refreshPayment).toHaveBeenCalledTimes(1)
    expect(ui.showDialog).toHaveBeenCalledWith(expect.objectContaining({ title: '尚未支付成功', message: expect.stringContaining('重试') }))

    api.refreshPayment.mockResolvedValueOnce(view('paid'))
    expect((await useWechatPay().pay(ID)).outcome).toBe('paid')
  })

  it('says the result is unknown when the refresh fails', async () => {
    window.WeixinJSBridge = fakeBridge('get_brand_wcpay_request:ok').bridge
    api.refreshPayment.mockRejectedValue(new ApiError(0, 'network_error', '网络异常'))
    const r = await useWechatPay().pay(ID)
    expect(r.outcome).toBe('unknown')
    expect(ui.closeToast).toHaveBeenCalled()
    expect(ui.showDialog).toHaveBeenCalledWith(expect.objectContaining({ title: '未能确认支付结果' }))
  })

  it('offers to bind WeChat when the account has none, and the binding comes back to this payment', async () => {
    window.WeixinJSBridge = fakeBridge('x').bridge
    const assign = vi.spyOn(navigation, 'assign').mockImplementation(() => {})
    api.startPayment.mockRejectedValue(new ApiError(409, 'wechat_not_bound', '请先在用户中心绑定微信'))
    const r = await useWechatPay().pay(ID)
    await flushPromises()
    expect(r).toMatchObject({ outcome: 'refused', code: 'wechat_not_bound' })
    expect(ui.showConfirmDialog).toHaveBeenCalledWith(expect.objectContaining({ title: '请先绑定微信', confirmButtonText: '去绑定微信' }))
    expect(assign).toHaveBeenCalledWith('https://open.weixin.qq.com/authorize?x=1')
    expect(sessionStorage.getItem(RETURN_KEY)).toBe(`/registrations/${ID}`)
    expect(takeWechatReturn()).toBe(`/registrations/${ID}`)
    expect(takeWechatReturn()).toBeNull() // once
    expect(router.push).not.toHaveBeenCalled()
    expect(api.refreshPayment).not.toHaveBeenCalled()
  })

  it('sends to 用户中心 to bind where WeChat login is not available', async () => {
    config.value = { ...baseConfig, wechat_login: false }
    window.WeixinJSBridge = fakeBridge('x').bridge
    api.startPayment.mockRejectedValue(new ApiError(409, 'wechat_not_bound', '请先在用户中心绑定微信'))
    await useWechatPay().pay(ID)
    await flushPromises()
    expect(router.push).toHaveBeenCalledWith({ name: 'profile', query: { tab: 'docs' } })
  })

  it.each([
    ['payment_closed', 409, '缴费截止时间'],
    ['already_paid', 409, '无需重复支付'],
    ['payment_not_allowed', 409, '不需要缴费'],
    ['wechat_pay_disabled', 503, '暂未开通微信支付'],
    ['some_new_code', 409, '服务器的原话'],
  ])('explains %s in plain words', async (code, status, text) => {
    window.WeixinJSBridge = fakeBridge('x').bridge
    api.startPayment.mockRejectedValue(new ApiError(status, code, '服务器的原话'))
    const r = await useWechatPay().pay(ID)
    expect(r.code).toBe(code)
    expect(ui.showDialog).toHaveBeenCalledWith(expect.objectContaining({ title: '无法支付', message: expect.stringContaining(text) }))
  })

  it('toasts a busy order and ignores a second tap while paying', async () => {
    window.WeixinJSBridge = fakeBridge('x').bridge
    api.startPayment.mockRejectedValue(new ApiError(409, 'payment_in_progress', '稍后'))
    const { pay } = useWechatPay()
    const [a, b] = await Promise.all([pay(ID), pay(ID)])
    expect(api.startPayment).toHaveBeenCalledTimes(1)
    expect(a.outcome).toBe('refused')
    expect(b.outcome).toBe('unknown')
    expect(ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('正在创建') }))
  })
})
