// Shapes of docs/api-contract-registration.md that the candidate side uses.
import type { FileRef } from './types'

/** Why an open item cannot be applied for right now. */
export type ClosedReason = 'not_started' | 'closed'

/** One item of a published plan whose registration is open (`GET /plans/open`). */
export interface OpenItem {
  plan_id: number
  plan_name: string
  institution_name: string
  item_id: number
  occupation_code: string
  occupation_name: string
  /** "" when the occupation has no job type */
  job_type: string
  level: string
  level_label: string
  fee_fen: number
  reg_start: string
  reg_end: string
  /** YYYY-MM-DD */
  exam_date: string
  can_apply: boolean
  closed_reason: ClosedReason | null
}

export interface PlanSubject {
  subject: 'theory' | 'practical' | 'review'
  answer_mode: 'ata' | 'paper' | 'practical'
  date: string | null
  start: string | null
  end: string | null
}

/** An item of a published plan (`PlanItem` without `registration_count`). */
export interface PublicPlanItem {
  id: number
  occupation_id: number
  occupation_code: string
  occupation_name: string
  job_type: string
  level: string
  level_label: string
  fee_fen: number
  expected_count: number
  required_documents: string[]
  subjects: PlanSubject[]
}

/** A published plan as candidates see it (`GET /plans/{id}`). */
export interface PublicPlan {
  id: number
  name: string
  institution_name: string
  reg_start: string
  reg_end: string
  exam_date: string
  announcement: string
  notice: string
  conditions: string
  max_occupations: number
  items: PublicPlanItem[]
}

export type RegistrationStatus =
  | 'pending'
  | 'returned'
  | 'rejected'
  | 'approved'
  | 'submitted'
  | 'scored'
  | 'withdrawn'

export type PaymentStatus = 'unpaid' | 'paid' | 'offline_confirmed' | 'refunding' | 'refunded'

export interface RegistrationDocument {
  name: string
  file: FileRef
}

export interface HistoryEntry {
  /** apply, enter, edit, resubmit, withdraw, approve, return, reject, reapply */
  action: string
  from_status: RegistrationStatus | null
  to_status: RegistrationStatus
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
  candidate: { user_id: number; name: string; id_type: string; id_number_masked: string; mobile_masked: string }
  status: RegistrationStatus
  payment_status: PaymentStatus
  reason: string | null
  source: string
  documents: RegistrationDocument[]
  can_edit: boolean
  can_withdraw: boolean
  can_export_form: boolean
  /** 申请通过, 待支付, a fee above 0 and before the plan's payment deadline. */
  can_pay: boolean
  /** Covered by the institution's pending remittance: still owing, but not payable in WeChat (no 去支付). */
  in_remittance?: boolean
  created_at: string
  updated_at: string
  /** Only in the detail response. */
  history?: HistoryEntry[]
}

/** A document of an application: its name (as the plan requires it) and an uploaded file. */
export interface DocumentReq {
  name: string
  file_id: FileRef['id']
}

export interface ApplyReq {
  item_id: number
  documents: DocumentReq[]
  notice_confirmed: true
}

export interface UpdateRegistrationReq {
  documents: DocumentReq[]
}

/** 个人申请表 (`GET /registrations/{id}/form`). */
export interface ApplicationForm {
  registration_id: string
  plan_name: string
  institution_name: string
  occupation_code: string
  occupation_name: string
  job_type: string
  level_label: string
  exam_date: string
  status_label: string
  fields: { label: string; value: string | null }[]
  photo_url: string | null
  generated_at: string
}

export type FormFileKind = 'png' | 'pdf'

/** GET /registrations/mine/items: an item the candidate has applied for (not withdrawn). */
export interface MyItem {
  item_id: number
  plan_id: number
  registration_id: string
  status: RegistrationStatus
}

/** GET /registrations/eligibility/{item_id}: may the candidate apply now, and if not, why. */
export interface Eligibility {
  item_id: number
  can_apply: boolean
  code: string | null
  message: string | null
  registration_id: string | null
}
