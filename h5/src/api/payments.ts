// Fees: the candidate's WeChat Pay order and the institution's 缴费 page (summary, offline remittances).
import { getData, postData } from './http'
import type { PayChannel, PaymentStart, PaymentView, PlanPayment, Remittance, RemittanceReq } from './payment-types'

/** Silent: useWechatPay explains each refusal (not bound, past the deadline …) in its own words. */
export const startPayment = (registrationId: string, channel: PayChannel = 'mp') =>
  postData<PaymentStart>(`/registrations/${registrationId}/payment`, { channel }, { silent: true })

export const getPayment = (registrationId: string, silent = false) =>
  getData<PaymentView>(`/registrations/${registrationId}/payment`, { silent })

/** Asks WeChat about the latest order and refund, then answers as `getPayment`. */
export const refreshPayment = (registrationId: string, silent = false) =>
  postData<PaymentView>(`/registrations/${registrationId}/payment/refresh`, undefined, { silent })

export const getPlanPayment = (planId: number | string, silent = false) =>
  getData<PlanPayment>(`/plans/${planId}/payments`, { silent })

export const listPlanRemittances = (planId: number | string) =>
  getData<Remittance[]>(`/plans/${planId}/remittances`)

/** Multipart. Silent: refusals (amount mismatch, bad images …) are shown on the form. */
export function createRemittance(planId: number | string, req: RemittanceReq) {
  const form = new FormData()
  form.append('amount', req.amount)
  form.append('payer', req.payer)
  form.append('bank_serial', req.bank_serial)
  form.append('paid_on', req.paid_on)
  if (req.note) form.append('note', req.note)
  if (req.registration_ids?.length) form.append('registration_ids', req.registration_ids.join(','))
  for (const file of req.vouchers) form.append('vouchers', file, file.name)
  return postData<Remittance>(`/plans/${planId}/remittances`, form, { silent: true, timeout: 120_000 })
}

/** With the covered registrations (staff: their own institution's; the centre: any). */
export const getRemittance = (id: number | string) =>
  getData<Remittance>(`/remittances/${id}`)
