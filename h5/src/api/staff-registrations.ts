// Staff side of registration: the plan's list and review, entry (Excel, manual, ID-card reader) and the report.
import type { AxiosProgressEvent } from 'axios'
import { fetchFile } from './download'
import { getData, postData } from './http'
import type {
  EntryReq, EntryResp, IdCardReq, IdCardResp, ImportResult, ImportSummary, PlanReport, Registration,
  RegistrationPage, RegistrationQuery, ReviewAction, ReviewResult, StaffPlan,
} from './staff-types'
import type { PhotoResp } from './types'

/** The plan with its items (for the item filter and the entry form's picker). */
export const getStaffPlanForRegistrations = (planId: number | string, silent = false) =>
  getData<StaffPlan>(`/staff/plans/${planId}`, { silent })

export const listPlanRegistrations = (planId: number | string, query: RegistrationQuery) =>
  getData<RegistrationPage>(`/staff/plans/${planId}/registrations`, { params: dropEmpty({ ...query }) })

export const getStaffRegistration = (id: string) =>
  getData<Registration>(`/staff/registrations/${id}`)

/** Reviews several at once; each one succeeds or fails on its own (`{done, failed}`). */
export const reviewRegistrations = (ids: string[], action: ReviewAction, reason?: string, confirmMissing = false) =>
  // `reason` is a string on the server (null is refused as invalid_request); approving sends ''.
  postData<ReviewResult>('/staff/registrations/review', {
    ids, action, reason: reason?.trim() ?? '',
    // The reviewer confirmed approving despite missing required documents (recorded by the server).
    ...(confirmMissing ? { confirm_missing_documents: true } : {}),
  })

/** Manual or ID-card-reader entry. Silent: refusals belong on the form's fields. */
export const createEntry = (planId: number | string, body: EntryReq) =>
  postData<EntryResp>(`/staff/plans/${planId}/entries`, body, { silent: true })

/** Normalises what the reader's software delivered (and stores the chip photo). Silent: shown on the panel. */
export const readIdCard = (body: IdCardReq) =>
  postData<IdCardResp>('/staff/id-card', body, { silent: true })

/** Silent: refusals of the file (not an .xlsx, wrong header row …) are shown on the import panel. */
export function uploadImport(planId: number | string, file: File, onProgress?: (percent: number) => void) {
  const form = new FormData()
  form.append('file', file)
  return postData<ImportResult>(`/staff/plans/${planId}/imports`, form, {
    silent: true,
    timeout: 300_000,
    onUploadProgress: (e: AxiosProgressEvent) => {
      if (onProgress && e.total) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)))
    },
  })
}

export const listImports = (planId: number | string) =>
  getData<ImportSummary[]>('/staff/imports', { params: { plan_id: planId } })

export const getPlanReport = (planId: number | string) =>
  getData<PlanReport>(`/staff/plans/${planId}/report`)

export const downloadImportTemplate = (planId: number | string) => fetchFile(`/staff/plans/${planId}/import-template`)
export const downloadImportReport = (importId: string) => fetchFile(`/staff/imports/${importId}/report`)
export const downloadPlanReport = (planId: number | string) => fetchFile(`/staff/plans/${planId}/report.xlsx`)

function dropEmpty<T extends object>(params: T): Partial<T> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as Partial<T>
}

/** A photo taken at entry (cropped to 5:7 by the server; a chip-sized picture is refused). Silent: shown on the form. */
export const uploadEntryPhoto = (file: File) => {
  const form = new FormData()
  form.append('file', file)
  return postData<PhotoResp>('/staff/entry-photo', form, { timeout: 120_000, silent: true })
}
