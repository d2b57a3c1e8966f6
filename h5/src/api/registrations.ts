// The candidate side of registration: open plans, the wizard's uploads and submission, my registrations, the form.
import type { AxiosResponseHeaders, RawAxiosResponseHeaders } from 'axios'
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
import { filenameFromDisposition } from '@/utils/registration'

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

/**
 * The bytes arrive as an ArrayBuffer so that a refusal's JSON body can be decoded synchronously here, before the
 * interceptor turns it into an ApiError with the server's message.
 */
function decodeErrorBody(data: unknown, _headers: unknown, status?: number): unknown {
  // A tag check rather than instanceof: the buffer may come from another realm (an iframe, a test environment).
  if (status === undefined || status < 400 || Object.prototype.toString.call(data) !== '[object ArrayBuffer]') {
    return data
  }
  try {
    return JSON.parse(new TextDecoder().decode(data as ArrayBuffer))
  } catch {
    return data
  }
}

function header(headers: RawAxiosResponseHeaders | AxiosResponseHeaders, name: string): string | undefined {
  const value = headers[name]
  return typeof value === 'string' ? value : undefined
}

/** `GET /registrations/{id}/form.png|pdf` with the session token, as a Blob and the server's file name. */
export async function fetchFormFile(id: string, kind: FormFileKind): Promise<FormFile> {
  const r = await http.get<ArrayBuffer>(`/registrations/${id}/form.${kind}`, {
    responseType: 'arraybuffer',
    transformResponse: [decodeErrorBody],
    timeout: 120_000,
  })
  const type = header(r.headers, 'content-type') ?? (kind === 'png' ? 'image/png' : 'application/pdf')
  const filename = filenameFromDisposition(header(r.headers, 'content-disposition')) ?? `个人申请表.${kind}`
  return { blob: new Blob([r.data], { type }), filename }
}

/** Saves a Blob through a temporary object URL and an `<a download>`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Some browsers start reading the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

/** A data: URL of a Blob; WeChat's long-press "save image" works on data: URLs but not on blob: URLs. */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(blob)
  })
}
