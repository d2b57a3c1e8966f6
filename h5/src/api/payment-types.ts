// WeChat Pay (candidate) and 缴费 (institution): aliases of the OpenAPI document's schemas (see types.ts).
import type { PaymentStatus } from './registration-types'
import type { Narrow, Schema } from './types'

export type { PaymentStatus }

/** `mp` = official account H5, `mini` = mini program (a string in the document). */
export type PayChannel = 'mp' | 'mini'

/**
 * What `WeixinJSBridge.invoke('getBrandWCPayRequest', …)` takes, exactly as the server signed it. The document says
 * `params: unknown`: the server passes WeChat's object through without a schema of its own.
 */
export interface PayParams {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: string
  paySign: string
}

/** `POST /registrations/{id}/payment` */
export type PaymentStart = Narrow<Schema<'PaymentStart'>, { params: PayParams }>

/** Strings in the document (see Narrow in types.ts). */
export type OrderStatus = 'open' | 'paid' | 'closed'
export type RefundStatus = 'pending' | 'processing' | 'success' | 'abnormal' | 'closed'
export type RemittanceStatus = 'pending' | 'confirmed' | 'rejected'
/** `return` = 退回机构 (by bank, outside the system); `reapply` = 转抵 another owing registration of the plan. */
export type SurplusAction = 'return' | 'reapply'

export type PaymentOrder = Narrow<Schema<'OrderView'>, { status: OrderStatus }>
export type PaymentRefund = Narrow<Schema<'RefundView'>, { status: RefundStatus }>

/** `GET /registrations/{id}/payment` and its `/refresh`: the latest order and refund, `null` when there is none. */
export type PaymentView = Narrow<
  Schema<'PaymentView'>,
  { payment_status: PaymentStatus; order?: PaymentOrder | null; refund?: PaymentRefund | null }
>

export type OutstandingItem = Narrow<Schema<'OutstandingItem'>, { payment_status: PaymentStatus }>

/** `GET /plans/{id}/payments` */
export type PlanPayment = Narrow<Schema<'PlanPayment'>, { outstanding_items: OutstandingItem[] }>

/** A fee a confirmed remittance holds for a registration that no longer owes it, until finance resolves it. */
export type SurplusItem = Schema<'SurplusItem'>

export type RemittanceRegistration = Narrow<
  Schema<'CoveredRegistration'>,
  {
    payment_status: PaymentStatus
    /** Once confirmed: applied to the registration, or a surplus (多收). */
    outcome?: 'applied' | 'surplus' | null
    /** What finance did with a surplus. */
    resolution?: 'returned' | 'reapplied' | null
  }
>

export type Remittance = Narrow<
  Schema<'RemittanceView'>,
  { status: RemittanceStatus; registrations?: RemittanceRegistration[] | null }
>

/**
 * The 登记线下汇款 form as sent (multipart, built field by field). The document does not describe this form: the
 * handler reads the multipart fields itself.
 */
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
