import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'

/** Sessions, the forced password change and role checks, in that order. */
export async function authGuard(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  const auth = useAuthStore()
  if (to.meta.public) {
    if (to.meta.guestOnly && auth.isLoggedIn && (await auth.ensureMe())) return { name: 'home' }
    return true
  }
  const me = auth.isLoggedIn ? await auth.ensureMe() : null
  if (!me) return { name: 'login', query: { redirect: to.fullPath } }
  if (me.identity_check_required) return to.name === 'identity-check' ? true : { name: 'identity-check' }
  if (to.name === 'identity-check') return { name: 'home' }
  if (me.must_change_password) return to.name === 'change-password' ? true : { name: 'change-password' }
  if (to.name === 'change-password') return { name: 'home' }
  if (to.meta.roles && !to.meta.roles.includes(me.role)) return { name: 'home' }
  return true
}

export function setTitle(to: RouteLocationNormalized) {
  document.title = to.meta.title ? `${to.meta.title} - 职业技能等级认定` : '职业技能等级认定'
}
