// Shapes of docs/api-contract-registration.md used by the staff registration, entry, report and correction pages.
import type { FileRef, InstitutionRef, Profile } from './types'

export type RegistrationStatus =
  | 'pending' | 'returned' | 'rejected' | 'approved' | 'submitted' | 'scored' | 'withdrawn'
export type PaymentStatus = 'unpaid' | 'paid' | 'offline_confirmed' | 'refunding' | 'refunded'
export type RegistrationSource = 'online' | 'excel' | 'manual' | 'id_reader'
export type ReviewAction = 'approve' | 'return' | 'reject'
export type CorrectionStatus = 'pending' | 'approved' | 'rejected'

/** The part of `PlanItem` these pages use. */
export interface StaffPlanItem {
  id: number
  occupation_id: number
  occupation_code: string
  occupation_name: string
  job_type: string
  level: string
  level_label: string
  fee_fen: number
  registration_count: number
}

/** The part of `Plan` (GET /api/staff/plans/{id}) these pages use. */
export interface StaffPlan {
  id: number
  institution: InstitutionRef
  name: string
  status: string
  stage: string
  exam_date: string
  items: StaffPlanItem[]
  registration_count: number
}

export interface PlanSummary {
  id: number
  name: string
  status: string
  stage: string
  reg_start: string
  reg_end: string
  exam_date: string
  item_count: number
  registration_count: number
  published_at: string | null
}

export interface RegistrationHistoryEntry {
  action: string
  from_status: string | null
  to_status: string
  reason: string | null
  actor_name: string
  created_at: string
}

export interface Registration {
  id: string
  plan: { id: number; name: string; exam_date: string; reg_start: string; reg_end: string; stage: string }
  item: {
    id: number
    occupation_code: string
    occupation_name: string
    job_type: string
    level: string
    level_label: string
    fee_fen: number
    required_documents: string[]
  }
  candidate: {
    user_id: number
    name: string
    id_type: string
    id_number_masked: string
    /** Given in full to the institution's own staff. */
    id_number?: string | null
    mobile_masked: string | null
  }
  status: RegistrationStatus
  payment_status: PaymentStatus
  reason: string | null
  source: RegistrationSource
  documents: { name: string; file: FileRef }[]
  /** Required documents of the item that are not supplied (approving then asks for a confirmation). */
  missing_documents?: string[]
  can_edit: boolean
  can_withdraw: boolean
  can_export_form: boolean
  created_at: string
  updated_at: string
  /** Only in the detail response. */
  history?: RegistrationHistoryEntry[]
  /** Only in the staff detail: every profile field, the photo and the ID images. */
  profile?: Profile | null
}

export interface RegistrationQuery {
  q?: string
  item_id?: number
  status?: string
  page: number
  page_size: number
}

export interface RegistrationPage {
  total: number
  items: Registration[]
}

export interface ReviewFailure {
  id: string
  code: string
  message: string
}

export interface ReviewResult {
  done: string[]
  failed: ReviewFailure[]
}

export interface EntryReq {
  item_id: number
  name: string
  id_type: string
  id_number: string
  mobile: string
  gender?: string
  birth_date?: string
  ethnicity?: string
  hukou_type?: string
  hukou_address?: string
  candidate_source?: string
  education?: string
  school_or_employer?: string
  work_years?: number
  /** The chip photo of the card read (kept as an ID image). */
  photo_file_id?: string | number
  /** A photo taken at entry: the official 个人照片 when the candidate has none. */
  camera_photo_file_id?: string
  source?: 'manual' | 'id_reader'
}

export interface EntryResp {
  registration: Registration
  account_created: boolean
  /** E.g. another candidate of the plan with the same mobile number (`mobile_shared`). */
  warnings: { code: string; message: string }[]
  /** The candidate has no official 个人照片 yet (a chip photo is not one). */
  photo_needed: boolean
}

/** What an ID-card reader's software delivers. */
export interface IdCardReq {
  name: string
  gender: string
  ethnicity: string
  birth_date: string
  address: string
  id_number: string
  issuer: string
  valid_from: string
  valid_to: string
  photo_base64?: string
}

export interface IdCardResp {
  name: string
  id_type: 'resident_id'
  id_number: string
  gender: 'male' | 'female'
  birth_date: string
  ethnicity: string
  hukou_address: string
  issuer: string
  valid_to: string
  expired: boolean
  photo: FileRef | null
}

export type ImportRowStatus = 'imported' | 'existing' | 'failed'

export interface ImportRow {
  row: number
  name: string
  id_number_masked: string
  /** The full number, for the staff of the institution that imported the file (older results lack it). */
  id_number?: string
  status: ImportRowStatus
  code: string | null
  message: string | null
}

export interface ImportSummary {
  id: string
  file_name: string
  total: number
  imported: number
  existing: number
  failed: number
  created_at: string
}

export interface ImportResult extends ImportSummary {
  /** Failed rows first, at most 200; the report has all. */
  rows: ImportRow[]
}

export interface PlanReport {
  plan: PlanSummary
  columns: string[]
  rows: string[][]
}

// Corrections of candidate data (考生信息修改)

export interface CandidateQuery {
  name?: string
  id_type?: string
  id_number?: string
}

export interface CandidateHit {
  user_id: number
  name: string
  id_type: string
  id_number: string
  mobile_masked: string | null
  registrations: { plan_name: string; occupation_name: string; level_label: string; status: string }[]
}

export interface CandidateField {
  field: string
  label: string
  value: string | number | null
  editable: boolean
}

export interface CandidateFields {
  user_id: number
  fields: CandidateField[]
}

export type CorrectionChanges = Record<string, string | null>

export interface CorrectionReq {
  user_id: number
  changes: CorrectionChanges
  reason: string
}

export interface CorrectionChange {
  field: string
  label: string
  old: string | null
  new: string | null
}

export interface Correction {
  id: string
  candidate: { user_id: number; name: string; id_number_masked: string }
  institution_name: string
  requested_by_name: string
  changes: CorrectionChange[]
  reason: string
  status: CorrectionStatus
  review_reason: string | null
  reviewed_by_name: string | null
  reviewed_at: string | null
  created_at: string
}
