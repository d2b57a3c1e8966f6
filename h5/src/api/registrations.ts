// The candidate side of registration: open plans, the wizard's uploads and submission, my registrations, the form.
import { fetchFile } from './download'
import { getData, postData, putData } from './http'
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

export const listOpenItems = () => getData<OpenItem[]>('/plans/open')

export const getPublicPlan = (planId: number | string) =>
  getData<PublicPlan>(`/plans/${planId}`)

/** The items I have applied for; silent: 已报名 is a hint beside the list, which shows its own errors. */
export const listMyItems = () =>
  getData<MyItem[]>('/registrations/mine/items', { silent: true })

/** Whether I may apply to the item now (asked by the wizard before any upload). */
export const getEligibility = (itemId: number) =>
  getData<Eligibility>(`/registrations/eligibility/${itemId}`)

/** A document image (JPG/PNG ≤ 15 MB, shrunk by the server); the interceptor toasts why a file is refused. */
export function uploadDocument(file: File) {
  const form = new FormData()
  form.append('file', file)
  return postData<FileRef>('/registrations/documents', form, { timeout: 120_000 })
}

/** Refusals are left to the wizard, which explains them in a dialog. */
export const createRegistration = (body: ApplyReq) =>
  postData<Registration>('/registrations', body, { silent: true })

export const listMyRegistrations = (opts: { silent?: boolean } = {}) =>
  getData<Registration[]>('/registrations/mine', { silent: opts.silent })

export const getRegistration = (id: string) => getData<Registration>(`/registrations/${id}`)

export const updateRegistration = (id: string, body: UpdateRegistrationReq) =>
  putData<Registration>(`/registrations/${id}`, body, { silent: true })

export const withdrawRegistration = (id: string) =>
  postData<Registration>(`/registrations/${id}/withdraw`, undefined, { silent: true })

/** `form_unavailable` (409) is shown by the page itself. */
export const getApplicationForm = (id: string) =>
  getData<ApplicationForm>(`/registrations/${id}/form`, { silent: true })

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
