// Corrections of candidate data (考生信息修改): staff search and request, the centre decides.
import { getData, postData } from './http'
import type { CandidateFields, CandidateHit, CandidateQuery, Correction, CorrectionReq } from './staff-types'

/** Silent: `search_criteria_required` is shown beside the search form. */
export function searchCandidates(query: CandidateQuery) {
  const params: CandidateQuery = {}
  if (query.name?.trim()) params.name = query.name.trim()
  if (query.id_number?.trim()) {
    params.id_number = query.id_number.trim().toUpperCase()
    if (query.id_type) params.id_type = query.id_type
  }
  return getData<CandidateHit[]>('/staff/candidates', { params, silent: true })
}

export const getCandidateFields = (userId: number) =>
  getData<CandidateFields>(`/staff/candidates/${userId}`)

/** Silent: field refusals and `correction_pending` are shown on the form. */
export const createCorrection = (body: CorrectionReq) =>
  postData<Correction>('/corrections', body, { silent: true })

export const listCorrections = (status?: string) =>
  getData<Correction[]>('/corrections', { params: status ? { status } : {} })

export const getCorrection = (id: string) => getData<Correction>(`/corrections/${id}`)

/** Refusals (`correction_stale`, `correction_decided`) are toasted. */
export const approveCorrection = (id: string) =>
  postData<Correction>(`/corrections/${id}/approve`)

export const rejectCorrection = (id: string, reason: string) =>
  postData<Correction>(`/corrections/${id}/reject`, { reason: reason.trim() })
