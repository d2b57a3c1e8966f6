import type { RouteRecordRaw } from 'vue-router'

/** The candidate's side of registration: open plans, the announcement, the wizard, my registrations, the form. */
export const candidateRegistrationRoutes: RouteRecordRaw[] = [
  {
    path: '/plans',
    name: 'plans',
    component: () => import('@/views/registration/PlansView.vue'),
    meta: { roles: ['candidate'], title: '职业技能报考信息' },
  },
  {
    path: '/plans/:planId(\\d+)',
    name: 'plan-announcement',
    component: () => import('@/views/registration/PlanAnnouncementView.vue'),
    meta: { roles: ['candidate'], title: '公示信息' },
  },
  {
    path: '/apply/:itemId(\\d+)',
    name: 'apply',
    component: () => import('@/views/registration/ApplyView.vue'),
    meta: { roles: ['candidate'], title: '在线报名' },
  },
  {
    path: '/registrations',
    name: 'my-registrations',
    component: () => import('@/views/registration/MyRegistrationsView.vue'),
    meta: { roles: ['candidate'], title: '我的报名' },
  },
  {
    path: '/registrations/:id',
    name: 'registration',
    component: () => import('@/views/registration/RegistrationView.vue'),
    meta: { roles: ['candidate'], title: '报名详情' },
  },
  {
    path: '/registrations/:id/form',
    name: 'application-form',
    component: () => import('@/views/registration/ApplicationFormView.vue'),
    meta: { roles: ['candidate'], title: '个人申请表' },
  },
]
