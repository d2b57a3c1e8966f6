import type { RouteRecordRaw } from 'vue-router'

const planId = (r: { params: Record<string, unknown> }) => ({ id: Number(r.params.id) })

/** 认定计划: the institution's plan management and the centre's overview of every plan. */
export const staffPlanRoutes: RouteRecordRaw[] = [
  {
    path: '/staff/plans',
    name: 'staff-plans',
    component: () => import('@/views/plans/PlansView.vue'),
    meta: { roles: ['staff'], title: '计划管理' },
  },
  {
    path: '/staff/plans/new',
    name: 'staff-plan-new',
    component: () => import('@/views/plans/PlanEditorView.vue'),
    meta: { roles: ['staff'], title: '创建计划' },
  },
  {
    path: '/staff/plans/:id(\\d+)',
    name: 'staff-plan',
    component: () => import('@/views/plans/PlanHubView.vue'),
    props: planId,
    meta: { roles: ['staff'], title: '认定计划' },
  },
  {
    path: '/staff/plans/:id(\\d+)/edit',
    name: 'staff-plan-edit',
    component: () => import('@/views/plans/PlanEditorView.vue'),
    props: planId,
    meta: { roles: ['staff'], title: '编辑计划' },
  },
  {
    path: '/centre/plans',
    name: 'centre-plans',
    component: () => import('@/views/plans/CentrePlansView.vue'),
    meta: { roles: ['centre_reviewer', 'centre_finance', 'admin'], title: '认定计划' },
  },
]
