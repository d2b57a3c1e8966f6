// Corrections of candidate data (考生信息修改): staff search and request, the centre decides.
import { http } from './http'
import type { CandidateFields, CandidateHit, CandidateQuery, Correction, CorrectionReq } from './staff-types'

/** Silent: `search_criteria_required` is shown beside the search form. */
export function searchCandidates(query: CandidateQuery) {
  const params: CandidateQuery = {}
  if (query.name?.trim()) params.name = query.name.trim()
  if (query.id_number?.trim()) {
    params.id_number = query.id_number.trim().toUpperCase()
    if (query.id_type) params.id_type = query.id_type
  }
  return http.get<CandidateHit[]>('/staff/candidates', { params, silent: true }).then((r) => r.data)
}

export const getCandidateFields = (userId: number) =>
  http.get<CandidateFields>(`/staff/candidates/${userId}`).then((r) => r.data)

/** Silent: field refusals and `correction_pending` are shown on the form. */
export const createCorrection = (body: CorrectionReq) =>
  http.post<Correction>('/corrections', body, { silent: true }).then((r) => r.data)

export const listCorrections = (status?: string) =>
  http.get<Correction[]>('/corrections', { params: status ? { status } : {} }).then((r) => r.data)

export const getCorrection = (id: string) => http.get<Correction>(`/corrections/${id}`).then((r) => r.data)

/** Refusals (`correction_stale`, `correction_decided`) are toasted. */
export const approveCorrection = (id: string) =>
  http.post<Correction>(`/corrections/${id}/approve`).then((r) => r.data)

export const rejectCorrection = (id: string, reason: string) =>
  http.post<Correction>(`/corrections/${id}/reject`, { reason: reason.trim() }).then((r) => r.data)
