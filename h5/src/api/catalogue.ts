import { getData, postData, putData } from './http'
import type { Occupation, OccupationReq } from './types'

/** Occupations whose code or name contains `q`; the administrator also gets inactive ones. */
export const listOccupations = (q?: string) =>
  getData<Occupation[]>('/catalogue/occupations', { params: { q: q?.trim() || undefined } })

export const getOccupation = (id: number) =>
  getData<Occupation>(`/catalogue/occupations/${id}`)

/** Silent: validation refusals (invalid_*, occupation_code_taken) belong on the form's fields. */
export const createOccupation = (body: OccupationReq) =>
  postData<Occupation>('/admin/occupations', body, { silent: true })

export const updateOccupation = (id: number, body: OccupationReq) =>
  putData<Occupation>(`/admin/occupations/${id}`, body, { silent: true })

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
  return postData<CatalogueImport>('/admin/occupations/import', form, { silent: true, timeout: 120_000 })
}

export const CATALOGUE_EXPORT_URL = '/admin/occupations/export.xlsx'
