// Pure helpers of the fee pages: WeChat Pay outcomes and refusals, the remittance form's checks (status labels and
// tags are in status.ts).
import type { OutstandingItem, PlanPayment, RemittanceReq, SurplusItem } from '@/api/payment-types'
import type { Registration } from '@/api/registration-types'
import { beijingToday } from './beijing'
import { formatDateTime } from './format'
import { documentFileError } from './registration'
import { fenToYuan, formatFen, yuanToFen } from './money'

// WeChat Pay (candidate)

export type BridgeResult = 'ok' | 'cancel' | 'fail'

/** `get_brand_wcpay_request:ok|cancel|fail…` → what the candidate did; anything unknown counts as a failure. */
export function bridgeResultOf(errMsg: string | null | undefined): BridgeResult {
  const tail = String(errMsg ?? '').split(':').pop()?.trim().toLowerCase()
  if (tail === 'ok') return 'ok'
  if (tail === 'cancel') return 'cancel'
  return 'fail'
}

const PAY_ERRORS: Record<string, string> = {
  registration_not_found: '报名记录不存在，请返回我的报名刷新后再试',
  payment_not_allowed: '该报名当前不需要缴费（须审核通过且报名费大于 0）',
  already_paid: '该报名已缴费，无需重复支付',
  payment_closed: '已超过本计划的缴费截止时间，不能在线缴费，请联系报名机构',
  wechat_not_bound: '微信支付需要使用您绑定的微信。请先绑定微信，绑定后会回到本页继续支付。',
  payment_in_progress: '支付订单正在创建中，请稍候几秒再点「去支付」',
  wechat_pay_unavailable: '微信支付暂时不可用，请稍后再试',
  wechat_pay_disabled: '暂未开通微信支付，请联系报名机构了解缴费方式',
  network_error: '网络异常，请检查网络后重试',
}

/** A refusal of `POST /registrations/{id}/payment` in the candidate's words; unknown codes keep the server's text. */
export function payErrorText(code: string, fallback: string): string {
  return PAY_ERRORS[code] ?? fallback
}

/** Whether the registration detail shows its 缴费 section: something is or was due. */
export function paymentShown(
  r: Pick<Registration, 'status' | 'payment_status' | 'can_pay'> & { item: Pick<Registration['item'], 'fee_fen'> },
): boolean {
  if (r.can_pay || r.payment_status !== 'unpaid') return true
  return r.item.fee_fen > 0 && ['approved', 'submitted', 'scored'].includes(r.status)
}

/** The confirmation of 撤回报名; an approved one may already be paid, and the fee then goes back. */
export function withdrawMessage(r: Pick<Registration, 'status' | 'payment_status'>): string {
  if (r.status !== 'approved') return '撤回后机构将不再审核这条报名；报名期内可以重新报名。确定撤回吗？'
  const refund =
    r.payment_status === 'paid'
      ? '已缴纳的报名费将原路退回（一般 1–3 个工作日到账）。'
      : r.payment_status === 'offline_confirmed'
        ? '报名费由机构线下缴纳，退费请联系报名机构。'
        : ''
  return `撤回后本次报名作废，不能参加本次考核；报名期内可以重新报名。${refund}确定撤回吗？`
}

/** Shown instead of 去支付 while the institution's pending remittance covers the registration. */
export const IN_REMITTANCE_HINT = '机构已为您登记线下汇款，等待评价中心确认，无需在线支付'

export const PAY_OUTSIDE_WECHAT = '请在微信中打开本页面完成支付'

// The institution's summary

/** The outstanding registrations a new remittance covers by default: those not already in a pending one. */
export const remittable = (p: Pick<PlanPayment, 'outstanding_items'>) =>
  p.outstanding_items.filter((i) => !i.in_remittance && i.payment_status !== 'refunding')

export const remittableFen = (p: Pick<PlanPayment, 'outstanding_items'>) =>
  remittable(p).reduce((sum, i) => sum + i.fee_fen, 0)

/** The fees of the chosen registrations (the amount a remittance for exactly them must have). */
export const selectedFen = (items: Pick<OutstandingItem, 'registration_id' | 'fee_fen'>[], ids: string[]) =>
  items.filter((i) => ids.includes(i.registration_id)).reduce((sum, i) => sum + i.fee_fen, 0)

// 多收 (remittance surplus)

/** 「多收 ¥300.00（2 笔）」, or '' when nothing is held. */
export const surplusText = (count = 0, fen = 0) => (count > 0 ? `多收 ${formatFen(fen)}（${count} 笔）` : '')

/** Where a surplus can be reapplied: owing registrations of the same plan with the same fee, in no remittance. */
export const reapplyTargets = (p: Pick<PlanPayment, 'outstanding_items'>, s: Pick<SurplusItem, 'fee_fen'>) =>
  remittable(p).filter((i) => i.fee_fen === s.fee_fen)

// 登记线下汇款

export const MAX_VOUCHERS = 5

export interface RemittanceForm {
  /** yuan as typed */
  amount: string
  payer: string
  bank_serial: string
  /** YYYY-MM-DD */
  paid_on: string
  note: string
}

export type RemittanceField = keyof RemittanceForm | 'vouchers' | 'registrations'
export type RemittanceErrors = Partial<Record<RemittanceField, string>>

export const emptyRemittance = (expectedFen = 0): RemittanceForm => ({
  amount: expectedFen > 0 ? fenToYuan(expectedFen) : '', payer: '', bank_serial: '', paid_on: '', note: '',
})

const chars = (s: string) => Array.from(s.trim()).length

/** The vouchers are checked one by one before upload: JPG/PNG, at most 2 MB. */
const VOUCHER_MAX_BYTES = 2 * 1024 * 1024

/** A remittance voucher: JPG/PNG within the remittance endpoint's 2 MB (documents may be larger: they are shrunk). */
export function voucherFileError(file: Pick<File, 'type' | 'size'>): string | undefined {
  const typeError = documentFileError({ type: file.type, size: 0 })
  if (typeError) return typeError
  return file.size > VOUCHER_MAX_BYTES ? '图片不能超过 2MB，请压缩后再上传' : undefined
}

/**
 * The server's checks of `POST /plans/{id}/remittances`, made before anything is sent. `expectedFen` is the sum of
 * the registrations the remittance covers (the server refuses another amount); `today` is `YYYY-MM-DD`.
 */
export function remittanceErrors(
  form: RemittanceForm,
  ctx: { vouchers: number; expectedFen?: number; today: string; /** how many registrations are chosen */ registrations?: number },
): RemittanceErrors {
  const e: RemittanceErrors = {}
  if (ctx.registrations === 0) e.registrations = '请至少选择一条报名'
  const fen = yuanToFen(form.amount)
  if (!form.amount.trim()) e.amount = '请填写汇款金额'
  else if (fen === null) e.amount = '请输入金额（元），最多两位小数'
  else if (fen <= 0) e.amount = '汇款金额应大于 0'
  else if (ctx.expectedFen !== undefined && fen !== ctx.expectedFen) {
    e.amount = `金额应等于所选报名的报名费合计 ${formatFen(ctx.expectedFen)}`
  }
  const payer = chars(form.payer)
  if (!payer) e.payer = '请填写付款人（单位或个人名称）'
  else if (payer < 2 || payer > 50) e.payer = '付款人应为 2–50 个字'
  const serial = form.bank_serial.trim()
  if (!serial) e.bank_serial = '请填写银行流水号'
  else if (!/^[A-Za-z0-9-]{4,64}$/.test(serial)) e.bank_serial = '银行流水号应为 4–64 位字母、数字或“-”'
  if (!form.paid_on) e.paid_on = '请选择汇款日期'
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(form.paid_on)) e.paid_on = '日期格式应为 YYYY-MM-DD'
  else if (form.paid_on > ctx.today) e.paid_on = '汇款日期不能晚于今天'
  if (chars(form.note) > 200) e.note = '备注不能超过 200 字'
  if (ctx.vouchers < 1) e.vouchers = '请上传汇款凭证图片'
  else if (ctx.vouchers > MAX_VOUCHERS) e.vouchers = `汇款凭证最多 ${MAX_VOUCHERS} 张`
  return e
}

/** The request: trimmed, the amount in the server's `"360.00"` form, an empty note left out. */
/** `registrationIds`: the registrations the form showed, so that the server covers exactly those. */
export function remittanceReq(form: RemittanceForm, vouchers: File[], registrationIds: string[] = []): RemittanceReq {
  const fen = yuanToFen(form.amount) ?? 0
  const req: RemittanceReq = {
    amount: fenToYuan(fen), payer: form.payer.trim(), bank_serial: form.bank_serial.trim(), paid_on: form.paid_on,
    vouchers,
  }
  if (registrationIds.length) req.registration_ids = registrationIds
  if (form.note.trim()) req.note = form.note.trim()
  return req
}

/** Which field shows a refusal of the server; the others go above the submit button. */
export function remittanceFieldOf(code: string, status: number): RemittanceField | null {
  if (code === 'remittance_amount_mismatch' || code === 'invalid_amount') return 'amount'
  if (code === 'invalid_payer') return 'payer'
  if (code === 'invalid_bank_serial') return 'bank_serial'
  if (code === 'invalid_paid_on' || code === 'invalid_date') return 'paid_on'
  if (code === 'invalid_note') return 'note'
  if (code.startsWith('voucher') || code.startsWith('image') || status === 413 || status === 415) return 'vouchers'
  return null
}

// 退款

/** The reason of a refund: 2–80 characters. */
export function refundReasonError(reason: string): string | undefined {
  const n = chars(reason)
  if (!n) return '请填写退款原因'
  return n < 2 || n > 80 ? '退款原因应为 2–80 个字' : undefined
}

// Days

/** A calendar day in Beijing as `YYYY-MM-DD`. */
export const dayString = (d: Date) => beijingToday(d)

export function addDays(d: Date, days: number): Date {
  const copy = new Date(d)
  copy.setDate(copy.getDate() + days)
  return copy
}

export const today = (now = new Date()) => dayString(now)
export const yesterday = (now = new Date()) => dayString(addDays(now, -1))

/** The contract's `YYYY-MM-DD HH:mm:ss` (Beijing) to the minute, as written; RFC 3339 times in Beijing time. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return ''
  const plain = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value)
  return plain ? `${plain[1]} ${plain[2]}` : formatDateTime(value)
}
