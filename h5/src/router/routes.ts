import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'
import { candidateRegistrationRoutes } from './routes/candidate-registration'
import { paymentRoutes } from './routes/payments'
import { staffPlanRoutes } from './routes/staff-plans'
import { staffRegistrationRoutes } from './routes/staff-registrations'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
    /** Only for visitors without a session (login, register). */
    guestOnly?: boolean
    roles?: Role[]
    title?: string
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { public: true, guestOnly: true, title: '登录' },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/views/auth/RegisterView.vue'),
    meta: { public: true, guestOnly: true, title: '注册' },
  },
  {
    path: '/wechat/callback',
    name: 'wechat-callback',
    component: () => import('@/views/auth/WechatCallbackView.vue'),
    meta: { public: true, title: '微信登录' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('@/views/auth/ForgotPasswordView.vue'),
    meta: { public: true, guestOnly: true, title: '忘记密码' },
  },
  {
    path: '/identity-check',
    name: 'identity-check',
    component: () => import('@/views/auth/IdentityCheckView.vue'),
    meta: { title: '核验手机号码' },
  },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('@/views/auth/ChangePasswordView.vue'),
    meta: { title: '修改初始密码' },
  },
  {
    path: '/password',
    name: 'password',
    component: () => import('@/views/auth/ChangePasswordView.vue'),
    meta: { title: '修改密码' },
  },
  {
    path: '/',
    name: 'home',
    component: () => import('@/views/home/HomeView.vue'),
    meta: { title: '首页' },
  },
  {
    path: '/profile',
    name: 'profile',
    component: () => import('@/views/profile/ProfileView.vue'),
    meta: { roles: ['candidate'], title: '用户中心' },
  },
  {
    path: '/admin/institutions',
    name: 'admin-institutions',
    component: () => import('@/views/admin/InstitutionsView.vue'),
    meta: { roles: ['admin'], title: '机构管理' },
  },
  {
    path: '/admin/users',
    name: 'admin-users',
    component: () => import('@/views/admin/UsersView.vue'),
    meta: { roles: ['admin'], title: '账号管理' },
  },
  {
    path: '/admin/occupations',
    name: 'admin-occupations',
    component: () => import('@/views/admin/OccupationsView.vue'),
    meta: { roles: ['admin'], title: '职业目录' },
  },
  {
    path: '/admin/audit',
    name: 'admin-audit',
    component: () => import('@/views/admin/AuditView.vue'),
    meta: { roles: ['admin'], title: '审计日志' },
  },
  ...candidateRegistrationRoutes,
  ...staffPlanRoutes,
  ...staffRegistrationRoutes,
  ...paymentRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { public: true, title: '页面不存在' },
  },
]
