// Shapes of the plan endpoints of docs/api-contract-registration.md (认定计划).
import type { InstitutionRef } from './types'

export type PlanStatus = 'draft' | 'confirmed' | 'published'
export type PlanStage = 'open' | 'submitted' | 'ended'
export type SubjectKind = 'theory' | 'practical' | 'review'
export type AnswerMode = 'ata' | 'paper' | 'practical'

/** One subject of a plan item and its exam time. */
export interface PlanSubject {
  subject: SubjectKind
  answer_mode: AnswerMode
  /** YYYY-MM-DD */
  date: string | null
  /** HH:MM */
  start: string | null
  end: string | null
}

/** One occupation / job type / level of a plan (职业等级配置). */
export interface PlanItem {
  id: number
  occupation_id: number
  occupation_code: string
  occupation_name: string
  /** "" when the occupation has no job type */
  job_type: string
  level: string
  level_label: string
  fee_fen: number
  expected_count: number
  required_documents: string[]
  subjects: PlanSubject[]
  registration_count: number
}

export interface Plan {
  id: number
  institution: InstitutionRef
  /** `YYYYMMDD-<institution name>`, set by the server from the exam date */
  name: string
  status: PlanStatus
  stage: PlanStage
  /** RFC 3339 times with offset */
  reg_start: string
  reg_end: string
  review_deadline: string
  payment_deadline: string
  /** YYYY-MM-DD */
  exam_date: string
  ticket_start: string
  ticket_end: string
  announcement: string
  notice: string
  conditions: string
  max_occupations: number
  items: PlanItem[]
  registration_count: number
  created_at: string
  updated_at: string
  published_at: string | null
}

/** A plan's basic information as sent by POST / PUT (the server names the plan). */
export interface PlanReq {
  exam_date: string
  reg_start: string
  reg_end: string
  review_deadline: string
  payment_deadline: string
  ticket_start: string
  ticket_end: string
  announcement: string
  notice: string
  conditions: string
  max_occupations: number
}

export interface ItemReq {
  occupation_id: number
  job_type: string
  level: string
  fee_fen: number
  expected_count: number
  required_documents: string[]
  /** `[]` lets the server fill in the occupation's subjects for the level. */
  subjects: PlanSubject[]
}

export interface PlanSummary {
  id: number
  name: string
  status: PlanStatus
  stage: PlanStage
  reg_start: string
  reg_end: string
  exam_date: string
  item_count: number
  registration_count: number
  published_at: string | null
}

/** A row of `GET /api/centre/plans`: every institution's plans. */
export interface CentrePlanSummary extends PlanSummary {
  institution: InstitutionRef
}
