import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { RouteLocationNormalized } from 'vue-router'
import type { Me } from '@/api/types'

const api = vi.hoisted(() => ({ getMe: vi.fn(), logout: vi.fn() }))
vi.mock('@/api/auth', () => api)

import { useAuthStore } from '@/stores/auth'
import { authGuard } from '../guards'

const me: Me = {
  id: 1, role: 'candidate', name: '张三', login: 'x', login_masked: 'x', institution: null,
  must_change_password: false, wechat_bound: false, identity_check_required: false,
}

const to = (name: string, meta: RouteLocationNormalized['meta'] = {}, fullPath = `/${name}`) =>
  ({ name, meta, fullPath }) as RouteLocationNormalized

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
})

describe('authGuard', () => {
  it('sends visitors without a session to login with a redirect', async () => {
    expect(await authGuard(to('profile', {}, '/profile?tab=docs'))).toEqual({
      name: 'login',
      query: { redirect: '/profile?tab=docs' },
    })
  })

  it('lets visitors reach public pages', async () => {
    expect(await authGuard(to('login', { public: true, guestOnly: true }))).toBe(true)
  })

  it('forces the password change before anything else', async () => {
    useAuthStore().setSession({ token: 't', user: { ...me, must_change_password: true } })
    expect(await authGuard(to('home'))).toEqual({ name: 'change-password' })
    expect(await authGuard(to('change-password'))).toBe(true)
  })

  it('holds an initial-password login on the identity check, even before the password change', async () => {
    useAuthStore().setSession({
      token: 't', user: { ...me, must_change_password: true, identity_check_required: true },
    })
    expect(await authGuard(to('profile', { roles: ['candidate'] }))).toEqual({ name: 'identity-check' })
    expect(await authGuard(to('change-password'))).toEqual({ name: 'identity-check' })
    expect(await authGuard(to('identity-check'))).toBe(true)
  })

  it('sends a checked session away from the identity check', async () => {
    useAuthStore().setSession({ token: 't', user: me })
    expect(await authGuard(to('identity-check'))).toEqual({ name: 'home' })
  })

  it('keeps candidates out of admin pages', async () => {
    useAuthStore().setSession({ token: 't', user: me })
    expect(await authGuard(to('admin-users', { roles: ['admin'] }))).toEqual({ name: 'home' })
    expect(await authGuard(to('profile', { roles: ['candidate'] }))).toBe(true)
  })

  it('sends a signed-in user away from login', async () => {
    useAuthStore().setSession({ token: 't', user: me })
    expect(await authGuard(to('login', { public: true, guestOnly: true }))).toEqual({ name: 'home' })
  })
})
