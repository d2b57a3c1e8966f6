// The centre's finance pages (缴费总览, 订单, 对账): aliases of the OpenAPI document's schemas (see types.ts).
import type { OrderStatus, PaymentRefund, PaymentStatus } from './payment-types'
import type { Narrow, Schema } from './types'

/** A row of the overview: one plan, one institution or the totals. */
export type FinanceRow = Schema<'OverviewRow'>
export type FinanceOverview = Schema<'Overview'>

export type OrderRow = Narrow<
  Schema<'OrderRow'>,
  { status: OrderStatus; payment_status: PaymentStatus; refund?: PaymentRefund | null }
>
export type OrderPage = Narrow<Schema<'OrderPage'>, { items: OrderRow[] }>

/** Strings in the document (see Narrow in types.ts). */
export type ReconStatus = 'done' | 'creating' | 'no_statement' | 'failed'
export type ReconKind =
  | 'matched' | 'repaired' | 'wechat_only' | 'local_only' | 'amount_mismatch' | 'refund_matched' | 'refund_mismatch'

/** A count per kind; the document has a map of strings to numbers. */
export type ReconSummary = Record<ReconKind, number>

export type ReconItem = Narrow<Schema<'ReconItem'>, { kind: ReconKind }>

export type Reconciliation = Narrow<
  Schema<'ReconView'>,
  { status: ReconStatus; summary: ReconSummary; items: ReconItem[] }
>

/** A row of `GET /finance/reconciliations` (the latest 60 runs). */
export type ReconRun = Narrow<Schema<'ReconListItem'>, { status: ReconStatus; summary: ReconSummary }>
