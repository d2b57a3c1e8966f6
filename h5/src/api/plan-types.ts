// The plan endpoints (认定计划): aliases of the OpenAPI document's schemas (see types.ts).
import type { Narrow, Schema } from './types'

/** Strings in the document (see Narrow in types.ts). */
export type PlanStatus = 'draft' | 'confirmed' | 'published'
export type PlanStage = 'open' | 'submitted' | 'ended'
export type SubjectKind = 'theory' | 'practical' | 'review'
export type AnswerMode = 'ata' | 'paper' | 'practical'

/** One subject of a plan item and its exam time (date YYYY-MM-DD, times HH:MM). */
export type PlanSubject = Narrow<Schema<'Subject'>, { subject: SubjectKind; answer_mode: AnswerMode }>

/** One occupation / job type / level of a plan (职业等级配置). */
export type PlanItem = Narrow<Schema<'PlanItemResp'>, { subjects: PlanSubject[] }>

export type Plan = Narrow<Schema<'PlanResp'>, { status: PlanStatus; stage: PlanStage; items: PlanItem[] }>

/** A plan's basic information as sent by POST / PUT (the server names the plan). */
export type PlanReq = Schema<'PlanReq'>
export type ItemReq = Schema<'ItemReq'>

export type PlanSummary = Narrow<Schema<'PlanSummary'>, { status: PlanStatus; stage: PlanStage }>
/** A row of `GET /api/centre/plans`: every institution's plans. */
export type CentrePlanSummary = PlanSummary
