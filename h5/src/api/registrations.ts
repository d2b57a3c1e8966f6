// The candidate side of registration: open plans, the wizard's uploads and submission, my registrations, the form.
import { fetchFile } from './download'
import { http } from './http'
import type {
  ApplicationForm,
  ApplyReq,
  Eligibility,
  MyItem,
  FormFileKind,
  OpenItem,
  PublicPlan,
  Registration,
  UpdateRegistrationReq,
} from './registration-types'
import type { FileRef } from './types'

export const listOpenItems = () => http.get<OpenItem[]>('/plans/open').then((r) => r.data)

export const getPublicPlan = (planId: number | string) =>
  http.get<PublicPlan>(`/plans/${planId}`).then((r) => r.data)

/** The items I have applied for; silent: 已报名 is a hint beside the list, which shows its own errors. */
export const listMyItems = () =>
  http.get<MyItem[]>('/registrations/mine/items', { silent: true }).then((r) => r.data)

/** Whether I may apply to the item now (asked by the wizard before any upload). */
export const getEligibility = (itemId: number) =>
  http.get<Eligibility>(`/registrations/eligibility/${itemId}`).then((r) => r.data)

/** A document image (JPG/PNG ≤ 15 MB, shrunk by the server); the interceptor toasts why a file is refused. */
export function uploadDocument(file: File) {
  const form = new FormData()
  form.append('file', file)
  return http.post<FileRef>('/registrations/documents', form, { timeout: 120_000 }).then((r) => r.data)
}

/** Refusals are left to the wizard, which explains them in a dialog. */
export const createRegistration = (body: ApplyReq) =>
  http.post<Registration>('/registrations', body, { silent: true }).then((r) => r.data)

export const listMyRegistrations = (opts: { silent?: boolean } = {}) =>
  http.get<Registration[]>('/registrations/mine', { silent: opts.silent }).then((r) => r.data)

export const getRegistration = (id: string) => http.get<Registration>(`/registrations/${id}`).then((r) => r.data)

export const updateRegistration = (id: string, body: UpdateRegistrationReq) =>
  http.put<Registration>(`/registrations/${id}`, body, { silent: true }).then((r) => r.data)

export const withdrawRegistration = (id: string) =>
  http.post<Registration>(`/registrations/${id}/withdraw`, undefined, { silent: true }).then((r) => r.data)

/** `form_unavailable` (409) is shown by the page itself. */
export const getApplicationForm = (id: string) =>
  http.get<ApplicationForm>(`/registrations/${id}/form`, { silent: true }).then((r) => r.data)

export interface FormFile {
  blob: Blob
  filename: string
}

/** `GET /registrations/{id}/form.png|pdf` with the session token, as a Blob and the server's file name. */
export async function fetchFormFile(id: string, kind: FormFileKind): Promise<FormFile> {
  const { blob, filename } = await fetchFile(`/registrations/${id}/form.${kind}`, {
    type: kind === 'png' ? 'image/png' : 'application/pdf',
  })
  return { blob, filename: filename ?? `个人申请表.${kind}` }
}
