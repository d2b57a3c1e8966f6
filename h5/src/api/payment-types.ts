// Shapes of docs/api-contract-payments.md used by the candidate (WeChat Pay) and the institution (缴费).
import type { PaymentStatus } from './registration-types'

export type { PaymentStatus }

/** `mp` = official account H5, `mini` = mini program. */
export type PayChannel = 'mp' | 'mini'

/** What `WeixinJSBridge.invoke('getBrandWCPayRequest', …)` takes, exactly as the server signed it. */
export interface PayParams {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: string
  paySign: string
}

/** `POST /registrations/{id}/payment` */
export interface PaymentStart {
  out_trade_no: string
  amount_fen: number
  description: string
  expires_at: string
  params: PayParams
}

export type OrderStatus = 'open' | 'paid' | 'closed'
export type RefundStatus = 'pending' | 'processing' | 'success' | 'abnormal' | 'closed'

export interface PaymentOrder {
  out_trade_no: string
  status: OrderStatus
  amount_fen: number
  transaction_id: string | null
  created_at: string
  expires_at: string
  paid_at: string | null
}

export interface PaymentRefund {
  out_refund_no: string
  status: RefundStatus
  amount_fen: number
  reason: string
  created_at: string
  success_at: string | null
}

/** `GET /registrations/{id}/payment` and its `/refresh`: the latest order and refund, `null` when there is none. */
export interface PaymentView {
  registration_id: string
  payment_status: PaymentStatus
  amount_fen: number
  order: PaymentOrder | null
  refund: PaymentRefund | null
}

export interface OutstandingItem {
  registration_id: string
  name: string
  /** masked */
  id_number: string
  item_label: string
  fee_fen: number
  /** Already covered by a pending remittance. */
  in_remittance: boolean
  /** unpaid | refunding | refunded — a refund in progress cannot be remitted for yet. */
  payment_status?: string
}

/** `GET /plans/{id}/payments` */
export interface PlanPayment {
  plan_id: number
  plan_name: string
  /** Every 申请通过/已提交申报 registration is 已支付 or 线下已确认 (checked by the arrangement approval). */
  complete: boolean
  /** `null` when complete. */
  reason: string | null
  approved: number
  paid_wechat: number
  offline_confirmed: number
  pending_remittance: number
  outstanding: number
  due_fen: number
  paid_wechat_fen: number
  offline_fen: number
  outstanding_fen: number
  outstanding_items: OutstandingItem[]
  /** Open surpluses (多收) of the plan's confirmed remittances: institution money held for no registration. */
  surplus_count?: number
  surplus_fen?: number
  surplus_items?: SurplusItem[]
}

/** A fee a confirmed remittance holds for a registration that no longer owes it, until finance resolves it. */
export interface SurplusItem {
  /** The remittance item: `POST /finance/remittance-items/{item_id}/resolve`. */
  item_id: number
  remittance_id: number
  plan_id: number
  institution_id: number
  registration_id: string
  name: string
  item_label: string
  fee_fen: number
  /** Why the fee was not needed. */
  note: string
}

/** `return` = 退回机构 (by bank, outside the system); `reapply` = 转抵 another owing registration of the plan. */
export type SurplusAction = 'return' | 'reapply'

export type RemittanceStatus = 'pending' | 'confirmed' | 'rejected'

export interface RemittanceRegistration {
  registration_id: string
  name: string
  item_label: string
  fee_fen: number
  payment_status: PaymentStatus
  /** The remittance item (the id that resolves a surplus). */
  item_id?: number
  /** Once confirmed: applied to the registration, or a surplus (多收). */
  outcome?: 'applied' | 'surplus' | null
  /** Why a fee is a surplus, or where a reapplied fee came from. */
  note?: string | null
  /** What finance did with a surplus. */
  resolution?: 'returned' | 'reapplied' | null
}

export interface Remittance {
  id: number
  plan_id: number
  plan_name: string
  institution_name: string
  amount_fen: number
  payer: string
  bank_serial: string
  /** YYYY-MM-DD */
  paid_on: string
  note: string | null
  status: RemittanceStatus
  /** Why it was rejected. */
  reason: string | null
  count: number
  /** Signed links to the voucher images (`id` is the file's uuid). */
  vouchers: { id: string; url: string }[]
  created_by: string
  created_at: string
  reviewed_by: string | null
  reviewed_at: string | null
  /** Only on the detail (`GET /remittances/{id}`). */
  registrations?: RemittanceRegistration[]
}

/** The 登记线下汇款 form as sent (multipart). */
export interface RemittanceReq {
  /** yuan, `"360.00"` */
  amount: string
  payer: string
  bank_serial: string
  /** YYYY-MM-DD */
  paid_on: string
  note?: string
  /** Default: every outstanding registration not in a pending remittance. */
  registration_ids?: string[]
  vouchers: File[]
}
