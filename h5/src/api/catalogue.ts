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

export interface CatalogueImportRow {
  row: number
  code: string
  status: 'created' | 'updated' | 'unchanged' | 'failed'
  message: string | null
}

export interface CatalogueImport {
  total: number
  created: number
  updated: number
  unchanged: number
  failed: number
  rows: CatalogueImportRow[]
}

/** Imports occupations from an .xlsx in the export's layout (matched on the code). Silent: the page shows refusals. */
export function importCatalogue(file: File) {
  const form = new FormData()
  form.append('file', file)
  return http
    .post<CatalogueImport>('/admin/occupations/import', form, { silent: true, timeout: 120_000 })
    .then((r) => r.data)
}

export const CATALOGUE_EXPORT_URL = '/admin/occupations/export.xlsx'
