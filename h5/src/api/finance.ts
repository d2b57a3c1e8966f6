// Centre finance (财务): remittance confirmation, the overview, orders and refunds, reconciliation (对账).
// Actions are toasted by the interceptor unless the page shows the refusal itself.
import { getData, postData } from './http'
import { fetchFile } from './download'
import type { FinanceOverview, OrderPage, ReconRun, Reconciliation } from './finance-types'
import type { PaymentView, Remittance, RemittanceStatus, SurplusAction, SurplusItem } from './payment-types'

export const listFinanceRemittances = (status: RemittanceStatus, silent = false) =>
  getData<Remittance[]>('/finance/remittances', { params: { status }, silent })

export const confirmRemittance = (id: number | string) =>
  postData<Remittance>(`/finance/remittances/${id}/confirm`)

export const rejectRemittance = (id: number | string, reason: string) =>
  postData<Remittance>(`/finance/remittances/${id}/reject`, { reason: reason.trim() })

/** 退回机构 or 转抵 another registration (`registrationId`) of the plan owing the same fee. */
export const resolveSurplus = (itemId: number, action: SurplusAction, registrationId?: string) =>
  postData<SurplusItem>(`/finance/remittance-items/${itemId}/resolve`, {
    action, ...(registrationId ? { registration_id: registrationId } : {}),
  })

export const getFinanceOverview = (institutionId?: number) =>
  getData<FinanceOverview>('/finance/overview', { params: institutionId ? { institution_id: institutionId } : {} })

export function listOrders(q: string, page: number, pageSize: number) {
  const params = { ...(q.trim() ? { q: q.trim() } : {}), page, page_size: pageSize }
  return getData<OrderPage>('/finance/orders', { params })
}

export const downloadOrders = (q = '') =>
  fetchFile(`/finance/orders/export.xlsx${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`)

/** Silent: `not_refundable` is explained beside the order. */
export const refundRegistration = (registrationId: string, reason: string) =>
  postData<PaymentView>(`/finance/registrations/${registrationId}/refund`, { reason: reason.trim() }, { silent: true })

/** Runs now (WeChat's bill is fetched); the same date again replaces the stored result. */
export const runReconciliation = (date: string) =>
  postData<Reconciliation>('/finance/reconciliations', { date }, { timeout: 120_000 })

export const listReconciliations = () => getData<ReconRun[]>('/finance/reconciliations')

/** Silent: a date that was never reconciled is simply not shown. */
export const getReconciliation = (date: string) =>
  getData<Reconciliation>(`/finance/reconciliations/${date}`, { silent: true })

export const downloadReconciliation = (date: string) => fetchFile(`/finance/reconciliations/${date}/export.xlsx`)
