// WeChat web OAuth: leave for the authorize page, and keep a pending bind ticket across the login/register pages.
import { ref } from 'vue'
import { showToast } from 'vant'
import { getWechatAuthorizeUrl } from '@/api/auth'

export const BIND_TICKET_KEY = 'skillcert.bind_ticket'
/** Where to go after a binding started from somewhere other than 用户中心 (e.g. 去支付). */
export const RETURN_KEY = 'skillcert.wechat_return'

/** The same-site path saved by `startWechatAuth(returnTo)`, once. */
export function takeWechatReturn(): string | null {
  const path = sessionStorage.getItem(RETURN_KEY)
  sessionStorage.removeItem(RETURN_KEY)
  return path && path.startsWith('/') && !path.startsWith('//') ? path : null
}

export function getBindTicket(): string | null {
  return sessionStorage.getItem(BIND_TICKET_KEY)
}

export function saveBindTicket(ticket: string) {
  sessionStorage.setItem(BIND_TICKET_KEY, ticket)
}

export function clearBindTicket() {
  sessionStorage.removeItem(BIND_TICKET_KEY)
}

/** Overridable in tests, where jsdom cannot navigate. */
export const navigation = {
  assign(url: string) {
    window.location.href = url
  },
}

export function useWechatLogin() {
  const redirecting = ref(false)
  const bindTicket = ref(getBindTicket())

  /**
   * Goes to the WeChat (or simulator) authorize page; it comes back to /wechat/callback, which then opens
   * `returnTo` (when given) after a binding.
   */
  async function startWechatAuth(returnTo?: string) {
    redirecting.value = true
    if (returnTo) sessionStorage.setItem(RETURN_KEY, returnTo)
    else sessionStorage.removeItem(RETURN_KEY)
    try {
      navigation.assign(await getWechatAuthorizeUrl())
    } catch {
      redirecting.value = false // the interceptor showed the reason
    }
  }

  /** After a login or registration that carried the ticket. */
  function finishBinding(boundNow: boolean) {
    if (!bindTicket.value) return
    clearBindTicket()
    bindTicket.value = null
    if (boundNow) showToast({ type: 'success', message: '微信已绑定' })
  }

  return { redirecting, bindTicket, startWechatAuth, finishBinding }
}
