// Centre finance (财务): remittance confirmation, the overview, orders and refunds, reconciliation (对账).
// Actions are toasted by the interceptor unless the page shows the refusal itself.
import { http } from './http'
import { fetchFile } from './download'
import type { FinanceOverview, OrderPage, ReconRun, Reconciliation } from './finance-types'
import type { PaymentView, Remittance, RemittanceStatus, SurplusAction, SurplusItem } from './payment-types'

export const listFinanceRemittances = (status: RemittanceStatus, silent = false) =>
  http.get<Remittance[]>('/finance/remittances', { params: { status }, silent }).then((r) => r.data)

export const confirmRemittance = (id: number | string) =>
  http.post<Remittance>(`/finance/remittances/${id}/confirm`).then((r) => r.data)

export const rejectRemittance = (id: number | string, reason: string) =>
  http.post<Remittance>(`/finance/remittances/${id}/reject`, { reason: reason.trim() }).then((r) => r.data)

/** 退回机构 or 转抵 another registration (`registrationId`) of the plan owing the same fee. */
export const resolveSurplus = (itemId: number, action: SurplusAction, registrationId?: string) =>
  http
    .post<SurplusItem>(`/finance/remittance-items/${itemId}/resolve`, {
      action, ...(registrationId ? { registration_id: registrationId } : {}),
    })
    .then((r) => r.data)

export const getFinanceOverview = (institutionId?: number) =>
  http
    .get<FinanceOverview>('/finance/overview', { params: institutionId ? { institution_id: institutionId } : {} })
    .then((r) => r.data)

export function listOrders(q: string, page: number, pageSize: number) {
  const params = { ...(q.trim() ? { q: q.trim() } : {}), page, page_size: pageSize }
  return http.get<OrderPage>('/finance/orders', { params }).then((r) => r.data)
}

export const downloadOrders = (q = '') =>
  fetchFile(`/finance/orders/export.xlsx${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`)

/** Silent: `not_refundable` is explained beside the order. */
export const refundRegistration = (registrationId: string, reason: string) =>
  http
    .post<PaymentView>(`/finance/registrations/${registrationId}/refund`, { reason: reason.trim() }, { silent: true })
    .then((r) => r.data)

/** Runs now (WeChat's bill is fetched); the same date again replaces the stored result. */
export const runReconciliation = (date: string) =>
  http.post<Reconciliation>('/finance/reconciliations', { date }, { timeout: 120_000 }).then((r) => r.data)

export const listReconciliations = () => http.get<ReconRun[]>('/finance/reconciliations').then((r) => r.data)

/** Silent: a date that was never reconciled is simply not shown. */
export const getReconciliation = (date: string) =>
  http.get<Reconciliation>(`/finance/reconciliations/${date}`, { silent: true }).then((r) => r.data)

export const downloadReconciliation = (date: string) => fetchFile(`/finance/reconciliations/${date}/export.xlsx`)
