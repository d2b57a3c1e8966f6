import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Me } from '@/api/types'

const api = vi.hoisted(() => ({ getMe: vi.fn(), logout: vi.fn() }))
vi.mock('@/api/auth', () => api)

import { TOKEN_KEY, useAuthStore } from '../auth'

const me: Me = {
  id: 1,
  role: 'candidate',
  name: '张三',
  login: '11010519491231002X',
  login_masked: '1101**********002X',
  institution: null,
  must_change_password: false,
  wechat_bound: false,
  identity_check_required: false,
}

beforeEach(() => {
  localStorage.clear()
  vi.clearAllMocks()
  setActivePinia(createPinia())
})

describe('auth store', () => {
  it('keeps the token in localStorage', () => {
    const auth = useAuthStore()
    auth.setSession({ token: 't1', user: me })
    expect(localStorage.getItem(TOKEN_KEY)).toBe('t1')
    expect(auth.isLoggedIn).toBe(true)
    expect(auth.role).toBe('candidate')
    setActivePinia(createPinia())
    expect(useAuthStore().token).toBe('t1')
  })

  it('loads Me once', async () => {
    localStorage.setItem(TOKEN_KEY, 't1')
    api.getMe.mockResolvedValue(me)
    const auth = useAuthStore()
    await auth.ensureMe()
    await auth.ensureMe()
    expect(api.getMe).toHaveBeenCalledOnce()
    expect(auth.me?.name).toBe('张三')
  })

  it('does not ask the server without a token', async () => {
    expect(await useAuthStore().ensureMe()).toBeNull()
    expect(api.getMe).not.toHaveBeenCalled()
  })

  it('reports a must-change-password account', () => {
    const auth = useAuthStore()
    auth.setSession({ token: 't', user: { ...me, must_change_password: true } })
    expect(auth.mustChangePassword).toBe(true)
  })

  it('logs out on the server and clears even when the server fails', async () => {
    api.logout.mockRejectedValue(new Error('offline'))
    const auth = useAuthStore()
    auth.setSession({ token: 't1', user: me })
    await auth.logout()
    expect(api.logout).toHaveBeenCalledOnce()
    expect(auth.token).toBeNull()
    expect(auth.me).toBeNull()
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull()
  })
})
