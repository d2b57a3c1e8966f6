import type { RouteRecordRaw } from 'vue-router'

const idProp = (r: { params: Record<string, unknown> }) => ({ id: Number(r.params.id) })
/** The centre's finance pages; the administrator may look (the actions are hidden). */
const FINANCE = ['centre_finance', 'admin'] as const

/** Fees: the institution's 缴费 page of a plan and the centre finance pages (the candidate pays on the detail). */
export const paymentRoutes: RouteRecordRaw[] = [
  {
    path: '/staff/plans/:id(\\d+)/payments',
    name: 'staff-plan-payments',
    component: () => import('@/views/payments/PlanPaymentsView.vue'),
    props: idProp,
    meta: { roles: ['staff'], title: '缴费' },
  },
  {
    path: '/finance/overview',
    name: 'finance-overview',
    component: () => import('@/views/finance/FinanceOverviewView.vue'),
    meta: { roles: [...FINANCE], title: '缴费总览' },
  },
  {
    path: '/finance/orders',
    name: 'finance-orders',
    component: () => import('@/views/finance/FinanceOrdersView.vue'),
    meta: { roles: [...FINANCE], title: '订单查询' },
  },
  {
    path: '/finance/remittances',
    name: 'finance-remittances',
    component: () => import('@/views/finance/FinanceRemittancesView.vue'),
    meta: { roles: [...FINANCE], title: '线下缴费确认' },
  },
  {
    path: '/finance/remittances/:id(\\d+)',
    name: 'finance-remittance',
    component: () => import('@/views/finance/RemittanceDetailView.vue'),
    props: idProp,
    meta: { roles: [...FINANCE], title: '线下汇款详情' },
  },
  {
    path: '/finance/reconciliations',
    name: 'finance-reconciliations',
    component: () => import('@/views/finance/ReconciliationView.vue'),
    meta: { roles: [...FINANCE], title: '对账' },
  },
]
