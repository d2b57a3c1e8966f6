import { createRouter, createWebHistory, START_LOCATION, type Router } from 'vue-router'
import { configureHttp } from '@/api/http'
import { useAuthStore } from '@/stores/auth'
import { authGuard, setTitle } from './guards'
import { routes } from './routes'

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })
  router.beforeEach(authGuard)
  router.afterEach(setTitle)
  return router
}

/** Lets the HTTP interceptor reach the session and the router without importing them. */
export function connectHttp(router: Router) {
  const auth = useAuthStore()
  configureHttp({
    getToken: () => auth.token,
    onUnauthorized: () => {
      auth.clear()
      const current = router.currentRoute.value
      // During the first navigation the guard itself sends the visitor to /login.
      if (current === START_LOCATION || current.meta.public) return
      void router.replace({ name: 'login', query: { redirect: current.fullPath } })
    },
    onPasswordChangeRequired: () => {
      if (auth.me) auth.me.must_change_password = true
      if (router.currentRoute.value.name !== 'change-password') void router.replace({ name: 'change-password' })
    },
  })
}
