import type { RouteRecordRaw } from 'vue-router'

const CENTRE = ['centre_reviewer', 'centre_finance', 'admin'] as const

/** Review, entry and report of a plan's registrations, and the corrections of candidate data. */
export const staffRegistrationRoutes: RouteRecordRaw[] = [
  {
    path: '/staff/plans/:id/registrations',
    name: 'staff-plan-registrations',
    component: () => import('@/views/staff/PlanRegistrationsView.vue'),
    // The centre may look (read-only); only the institution's staff review.
    meta: { roles: ['staff', ...CENTRE], title: '我的报名' },
  },
  {
    path: '/staff/registrations/:rid',
    name: 'staff-registration',
    component: () => import('@/views/staff/RegistrationDetailView.vue'),
    meta: { roles: ['staff', ...CENTRE], title: '报名详情' },
  },
  {
    path: '/staff/plans/:id/entry',
    name: 'staff-plan-entry',
    component: () => import('@/views/staff/PlanEntryView.vue'),
    meta: { roles: ['staff'], title: '报名管理' },
  },
  {
    path: '/staff/plans/:id/report',
    name: 'staff-plan-report',
    component: () => import('@/views/staff/PlanReportView.vue'),
    meta: { roles: ['staff', ...CENTRE], title: '报名报表' },
  },
  {
    path: '/staff/corrections',
    name: 'staff-corrections',
    component: () => import('@/views/corrections/StaffCorrectionsView.vue'),
    meta: { roles: ['staff'], title: '考生信息修改' },
  },
  {
    path: '/centre/corrections',
    name: 'centre-corrections',
    component: () => import('@/views/corrections/CentreCorrectionsView.vue'),
    meta: { roles: [...CENTRE], title: '考生信息修改审核' },
  },
]
