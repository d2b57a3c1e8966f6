// WeChat Pay (JSAPI) in the H5: create the order, make sure WeixinJSBridge is there, pay, then ask the server what
// really happened — the bridge's answer is only a hint (WeChat's docs: `ok` is not proof of payment).
import { ref } from 'vue'
import { closeToast, showConfirmDialog, showDialog, showLoadingToast, showSuccessToast, showToast } from 'vant'
import { useRouter } from 'vue-router'
import { toApiError } from '@/api/http'
import type { PayParams, PaymentView } from '@/api/payment-types'
import { refreshPayment, startPayment } from '@/api/payments'
import { isWechatBrowser } from '@/utils/format'
import { bridgeResultOf, PAY_OUTSIDE_WECHAT, payErrorText, type BridgeResult } from '@/utils/payments'
import { loadAppConfig, useAppConfig } from './useAppConfig'
import { useWechatLogin } from './useWechatLogin'

interface BridgeAnswer {
  err_msg?: string
  errMsg?: string
}

export interface WeixinJSBridgeLike {
  invoke(name: string, params: object, callback: (res: BridgeAnswer) => void): void
}

declare global {
  interface Window {
    WeixinJSBridge?: WeixinJSBridgeLike
  }
}

export const BRIDGE_TIMEOUT_MS = 10_000
/** After the bridge said `ok`, WeChat's notification may lag: ask again this many times while still unpaid. */
export const REFRESH_RETRIES = 3
export const REFRESH_INTERVAL_MS = 1_500

/** Overridable in tests. */
export const timing = {
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
}

let scriptLoad: Promise<void> | null = null

/** Adds `<script src=url>` once; a failed load is forgotten so that the next attempt injects it again. */
function injectScript(url: string): Promise<void> {
  if (!scriptLoad) {
    scriptLoad = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script')
      script.src = url
      script.async = true
      script.dataset.payBridge = ''
      script.onload = () => resolve()
      script.onerror = () => {
        script.remove()
        scriptLoad = null
        reject(new Error('pay bridge script failed to load'))
      }
      document.head.appendChild(script)
    })
  }
  return scriptLoad
}

/**
 * The bridge, or `null` when there is none to be had: outside WeChat without the simulator's script, or when it did
 * not come up within `timeoutMs`. Inside WeChat the bridge may appear only after `WeixinJSBridgeReady`.
 */
export function ensureBridge(bridgeUrl: string | null, timeoutMs = BRIDGE_TIMEOUT_MS): Promise<WeixinJSBridgeLike | null> {
  if (window.WeixinJSBridge) return Promise.resolve(window.WeixinJSBridge)
  if (!bridgeUrl && !isWechatBrowser()) return Promise.resolve(null)
  return new Promise((resolve) => {
    let done = false
    const finish = () => {
      if (done) return
      done = true
      clearTimeout(timer)
      document.removeEventListener('WeixinJSBridgeReady', finish)
      resolve(window.WeixinJSBridge ?? null)
    }
    const timer = setTimeout(finish, timeoutMs)
    document.addEventListener('WeixinJSBridgeReady', finish, false)
    if (bridgeUrl) {
      injectScript(bridgeUrl).then(() => {
        if (window.WeixinJSBridge) finish() // otherwise it announces itself with WeixinJSBridgeReady
      }, finish)
    }
  })
}

/** Opens WeChat's cashier; resolves when the candidate has paid, cancelled or failed. */
export function invokePay(bridge: WeixinJSBridgeLike, params: PayParams): Promise<BridgeResult> {
  return new Promise((resolve) => {
    try {
      bridge.invoke('getBrandWCPayRequest', { ...params }, (res) => resolve(bridgeResultOf(res?.err_msg ?? res?.errMsg)))
    } catch {
      resolve('fail')
    }
  })
}

/** Asks the server (which asks WeChat); after `ok`, again a few times while the order still shows unpaid. */
export async function settle(registrationId: string, result: BridgeResult): Promise<PaymentView> {
  let view = await refreshPayment(registrationId, true)
  for (let i = 0; i < REFRESH_RETRIES && result === 'ok' && view.payment_status === 'unpaid'; i++) {
    await timing.sleep(REFRESH_INTERVAL_MS)
    try {
      view = await refreshPayment(registrationId, true)
    } catch {
      break // keep the last answer
    }
  }
  return view
}

export type PayOutcome = 'paid' | 'unpaid' | 'cancelled' | 'refused' | 'unavailable' | 'unknown'

export interface PayResult {
  outcome: PayOutcome
  /** The server's view after paying, when it could be read. */
  view: PaymentView | null
  /** The refusal's code (outcome `refused`). */
  code?: string
}

/** For tests: forget the injected script. */
export function resetBridgeScript() {
  scriptLoad = null
}

export function useWechatPay() {
  const router = useRouter()
  const paying = ref(false)
  const { wechatLoginAvailable } = useAppConfig()
  const { startWechatAuth } = useWechatLogin()

  /** Binding WeChat comes back to this registration's payment (or, where WeChat login is off, 用户中心 explains). */
  function bindThenReturn(registrationId: string) {
    if (wechatLoginAvailable.value) return startWechatAuth(`/registrations/${registrationId}`)
    return router.push({ name: 'profile', query: { tab: 'docs' } })
  }

  function explainRefusal(err: unknown, registrationId: string): PayResult {
    const e = toApiError(err)
    const message = payErrorText(e.code, e.message)
    if (e.code === 'wechat_not_bound') {
      showConfirmDialog({ title: '请先绑定微信', message, confirmButtonText: '去绑定微信', cancelButtonText: '暂不支付' })
        .then(() => bindThenReturn(registrationId))
        .catch(() => {})
    } else if (e.code === 'payment_in_progress' || e.status === 0) {
      showToast({ message, wordBreak: 'break-word' })
    } else {
      showDialog({ title: '无法支付', message }).catch(() => {})
    }
    return { outcome: 'refused', view: null, code: e.code }
  }

  function announce(result: BridgeResult, view: PaymentView | null): PayResult {
    if (!view) {
      showDialog({ title: '未能确认支付结果', message: '如已完成支付，请稍后点「刷新支付状态」查看，请勿重复支付。' }).catch(() => {})
      return { outcome: 'unknown', view }
    }
    if (view.payment_status === 'paid') {
      showSuccessToast('支付成功')
      return { outcome: 'paid', view }
    }
    if (view.payment_status !== 'unpaid') {
      showToast('报名费已缴纳，无需再次支付')
      return { outcome: 'paid', view }
    }
    if (result === 'cancel') {
      showToast('已取消支付')
      return { outcome: 'cancelled', view }
    }
    const message =
      result === 'ok'
        ? '暂未收到微信的支付结果，请稍后点「刷新支付状态」查看，请勿重复支付。'
        : '支付未完成，可以再次点「去支付」重试。'
    showDialog({ title: '尚未支付成功', message }).catch(() => {})
    return { outcome: 'unpaid', view }
  }

  async function run(registrationId: string): Promise<PayResult> {
    const config = await loadAppConfig()
    const bridgeUrl = config?.pay_bridge_url ?? null
    if (!window.WeixinJSBridge && !bridgeUrl && !isWechatBrowser()) {
      showDialog({ title: '无法在此支付', message: PAY_OUTSIDE_WECHAT }).catch(() => {})
      return { outcome: 'unavailable', view: null }
    }
    showLoadingToast({ message: '正在发起支付…', forbidClick: true, duration: 0 })
    let params: PayParams
    let bridge: WeixinJSBridgeLike | null
    try {
      params = (await startPayment(registrationId)).params
      bridge = await ensureBridge(bridgeUrl)
    } catch (e) {
      closeToast()
      return explainRefusal(e, registrationId)
    }
    closeToast()
    if (!bridge) {
      showDialog({ title: '微信支付未能打开', message: `${PAY_OUTSIDE_WECHAT}，或稍后重试。` }).catch(() => {})
      return { outcome: 'unavailable', view: null }
    }
    const result = await invokePay(bridge, params)
    showLoadingToast({ message: '正在确认支付结果…', forbidClick: true, duration: 0 })
    let view: PaymentView | null
    try {
      view = await settle(registrationId, result)
    } catch {
      view = null
    } finally {
      closeToast()
    }
    return announce(result, view)
  }

  /** The whole flow for one registration; a second tap while it runs is ignored. */
  async function pay(registrationId: string): Promise<PayResult> {
    if (paying.value) return { outcome: 'unknown', view: null }
    paying.value = true
    try {
      return await run(registrationId)
    } finally {
      paying.value = false
    }
  }

  return { paying, pay }
}
