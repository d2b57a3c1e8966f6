// The session: the token (kept in localStorage) and the signed-in account.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import type { LoginResp, Me, Role } from '@/api/types'

export const TOKEN_KEY = 'skillcert.token'

export const ROLE_TITLES: Record<Role, string> = {
  candidate: '考生',
  staff: '机构人员',
  centre_reviewer: '评价中心审核',
  centre_finance: '评价中心财务',
  admin: '系统管理员',
}

export const useAuthStore = defineStore('auth', () => {
  const token = ref<string | null>(localStorage.getItem(TOKEN_KEY))
  const me = ref<Me | null>(null)

  const isLoggedIn = computed(() => !!token.value)
  const role = computed<Role | null>(() => me.value?.role ?? null)
  const mustChangePassword = computed(() => me.value?.must_change_password === true)

  function setToken(value: string) {
    token.value = value
    localStorage.setItem(TOKEN_KEY, value)
  }

  function setSession(resp: Pick<LoginResp, 'token' | 'user'>) {
    setToken(resp.token)
    me.value = resp.user
  }

  function setMe(value: Me) {
    me.value = value
  }

  function clear() {
    token.value = null
    me.value = null
    localStorage.removeItem(TOKEN_KEY)
  }

  /** Loads `Me` once per page load; a dead token ends as a cleared session. */
  async function ensureMe(): Promise<Me | null> {
    if (!token.value) return null
    if (me.value) return me.value
    try {
      me.value = await authApi.getMe()
    } catch {
      // The interceptor already cleared a 401; keep the token on network errors.
    }
    return me.value
  }

  async function refreshMe() {
    if (token.value) me.value = await authApi.getMe()
  }

  /** Ends the session on the server, then locally whatever the server said. */
  async function logout() {
    try {
      if (token.value) await authApi.logout()
    } catch {
      // ignore: the local session ends anyway
    }
    clear()
  }

  return {
    token, me, isLoggedIn, role, mustChangePassword,
    setToken, setSession, setMe, clear, ensureMe, refreshMe, logout,
  }
})
