// The staff registration, entry, report and correction pages: aliases of the OpenAPI document's schemas (see
// types.ts). A registration is the same type for the candidate and the staff (registration-types.ts).
import type { Plan, PlanItem, PlanSummary } from './plan-types'
import type { HistoryEntry, Registration } from './registration-types'
import type { Narrow, QueryOf, Schema } from './types'

export type {
  PaymentStatus, Registration, RegistrationSource, RegistrationStatus,
} from './registration-types'
export type { PlanSummary } from './plan-types'

/** Strings in the document (see Narrow in types.ts). */
export type ReviewAction = 'approve' | 'return' | 'reject'
export type CorrectionStatus = 'pending' | 'approved' | 'rejected'
export type ImportRowStatus = 'imported' | 'existing' | 'failed'

/** GET /api/staff/plans/{id}: the plan with its items. */
export type StaffPlan = Plan
export type StaffPlanItem = PlanItem
export type RegistrationHistoryEntry = HistoryEntry

export type RegistrationQuery = QueryOf<'/api/staff/plans/{id}/registrations'>
export type RegistrationPage = Narrow<Schema<'RegistrationPage'>, { items: Registration[] }>

export type ReviewFailure = Schema<'ReviewFailure'>
export type ReviewResult = Schema<'ReviewResp'>

export type EntryReq = Narrow<Schema<'EntryReq'>, { source?: 'manual' | 'id_reader' }>
export type EntryResp = Narrow<Schema<'EntryResp'>, { registration: Registration }>

/** What an ID-card reader's software delivers. */
export type IdCardReq = Schema<'IdCardReq'>
export type IdCardResp = Schema<'IdCardResp'>

export type ImportRow = Narrow<Schema<'ImportRowResult'>, { status: ImportRowStatus }>
/** A row of the import history (`GET /staff/imports`): the result without its rows. */
export type ImportSummary = Omit<Schema<'ImportResult'>, 'rows'>
/** Failed rows first, at most 200; the report has all. */
export type ImportResult = Narrow<Schema<'ImportResult'>, { rows?: ImportRow[] | null }>

export type PlanReport = Narrow<Schema<'ReportResp'>, { plan: PlanSummary }>

// Corrections of candidate data (考生信息修改)

export type CandidateQuery = QueryOf<'/api/staff/candidates'>
export type CandidateHit = Schema<'CandidateHit'>
export type CandidateField = Schema<'FieldValue'>
export type CandidateFields = Schema<'CandidateFields'>
export type CorrectionReq = Schema<'CorrectionReq'>
export type CorrectionChanges = CorrectionReq['changes']
export type CorrectionChange = Schema<'Change'>
export type Correction = Narrow<Schema<'CorrectionResp'>, { status: CorrectionStatus }>
