// Fees: the candidate's WeChat Pay order and the institution's 缴费 page (summary, offline remittances).
import { http } from './http'
import type { PayChannel, PaymentStart, PaymentView, PlanPayment, Remittance, RemittanceReq } from './payment-types'

/** Silent: useWechatPay explains each refusal (not bound, past the deadline …) in its own words. */
export const startPayment = (registrationId: string, channel: PayChannel = 'mp') =>
  http
    .post<PaymentStart>(`/registrations/${registrationId}/payment`, { channel }, { silent: true })
    .then((r) => r.data)

export const getPayment = (registrationId: string, silent = false) =>
  http.get<PaymentView>(`/registrations/${registrationId}/payment`, { silent }).then((r) => r.data)

/** Asks WeChat about the latest order and refund, then answers as `getPayment`. */
export const refreshPayment = (registrationId: string, silent = false) =>
  http.post<PaymentView>(`/registrations/${registrationId}/payment/refresh`, undefined, { silent }).then((r) => r.data)

export const getPlanPayment = (planId: number | string, silent = false) =>
  http.get<PlanPayment>(`/plans/${planId}/payments`, { silent }).then((r) => r.data)

export const listPlanRemittances = (planId: number | string) =>
  http.get<Remittance[]>(`/plans/${planId}/remittances`).then((r) => r.data)

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
  return http
    .post<Remittance>(`/plans/${planId}/remittances`, form, { silent: true, timeout: 120_000 })
    .then((r) => r.data)
}

/** With the covered registrations (staff: their own institution's; the centre: any). */
export const getRemittance = (id: number | string) =>
  http.get<Remittance>(`/remittances/${id}`).then((r) => r.data)
