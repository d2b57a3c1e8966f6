import { http } from './http'
import type { Occupation, OccupationReq } from './types'

/** Occupations whose code or name contains `q`; the administrator also gets inactive ones. */
export const listOccupations = (q?: string) =>
  http.get<Occupation[]>('/catalogue/occupations', { params: { q: q?.trim() || undefined } }).then((r) => r.data)

export const getOccupation = (id: number) =>
  http.get<Occupation>(`/catalogue/occupations/${id}`).then((r) => r.data)

/** Silent: validation refusals (invalid_*, occupation_code_taken) belong on the form's fields. */
export const createOccupation = (body: OccupationReq) =>
  http.post<Occupation>('/admin/occupations', body, { silent: true }).then((r) => r.data)

export const updateOccupation = (id: number, body: OccupationReq) =>
  http.put<Occupation>(`/admin/occupations/${id}`, body, { silent: true }).then((r) => r.data)
