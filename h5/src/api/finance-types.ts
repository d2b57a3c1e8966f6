// Shapes of the centre finance endpoints of docs/api-contract-payments.md (缴费总览, 订单, 对账).
import type { OrderStatus, PaymentRefund, PaymentStatus } from './payment-types'

/** A row of the overview: one plan, one institution or the totals. */
export interface FinanceRow {
  plan_id?: number
  plan_name?: string
  institution_id?: number
  institution_name?: string
  approved: number
  paid_count: number
  paid_fen: number
  offline_count: number
  offline_fen: number
  unpaid_count: number
  unpaid_fen: number
  refunding_count: number
  refunded_count: number
  refunded_fen: number
  /** Open remittance surpluses (多收, to return or reapply). */
  surplus_count?: number
  surplus_fen?: number
  /** On plan rows: every approved registration is paid (otherwise the plan's review is put off). */
  complete?: boolean
}

export interface FinanceOverview {
  plans: FinanceRow[]
  institutions: FinanceRow[]
  totals: FinanceRow
}

export interface OrderRow {
  out_trade_no: string
  transaction_id: string | null
  status: OrderStatus
  amount_fen: number
  created_at: string
  paid_at: string | null
  registration_id: string
  candidate_name: string
  id_number: string
  plan_name: string
  institution_name: string
  item_label: string
  payment_status: PaymentStatus
  refund: PaymentRefund | null
}

export interface OrderPage {
  total: number
  items: OrderRow[]
}

export type ReconStatus = 'done' | 'creating' | 'no_statement' | 'failed'
export type ReconKind =
  | 'matched' | 'repaired' | 'wechat_only' | 'local_only' | 'amount_mismatch' | 'refund_matched' | 'refund_mismatch'

export type ReconSummary = Record<ReconKind, number>

export interface ReconItem {
  kind: ReconKind
  out_trade_no: string
  transaction_id: string | null
  out_refund_no: string | null
  wechat_fen: number | null
  local_fen: number | null
  note: string | null
}

export interface Reconciliation {
  /** YYYY-MM-DD */
  date: string
  status: ReconStatus
  message: string | null
  ran_at: string
  bill_rows: number
  bill_paid_fen: number
  bill_refund_fen: number
  summary: ReconSummary
  items: ReconItem[]
}

/** A row of `GET /finance/reconciliations` (the latest 60 runs). */
export interface ReconRun {
  date: string
  status: ReconStatus
  ran_at: string
  summary: ReconSummary
}
