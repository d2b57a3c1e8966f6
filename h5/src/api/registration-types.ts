// The candidate side of registration: aliases of the OpenAPI document's schemas (see types.ts).
import type { PlanItem } from './plan-types'
import type { Narrow, Profile, Schema } from './types'

/** Strings in the document (see Narrow in types.ts); the staff pages use the same unions. */
export type RegistrationStatus =
  | 'pending' | 'returned' | 'rejected' | 'approved' | 'submitted' | 'scored' | 'withdrawn'
export type PaymentStatus = 'unpaid' | 'paid' | 'offline_confirmed' | 'refunding' | 'refunded'
export type RegistrationSource = 'online' | 'excel' | 'manual' | 'id_reader'
/** Why an open item cannot be applied for right now. */
export type ClosedReason = 'not_started' | 'closed'

/** One item of a published plan whose registration is open (`GET /plans/open`). */
export type OpenItem = Narrow<Schema<'OpenItem'>, { closed_reason?: ClosedReason | null }>

export type { PlanSubject } from './plan-types'
/** An item of a published plan (`GET /plans/{id}`, no registration count). */
export type PublicPlanItem = PlanItem
/** A published plan as candidates see it (`GET /plans/{id}`). */
export type PublicPlan = Narrow<Schema<'PublicPlan'>, { items: PublicPlanItem[] }>

export type RegistrationDocument = Schema<'RegDocument'>

export type HistoryEntry = Narrow<
  Schema<'HistoryEntry'>,
  { from_status?: RegistrationStatus | null; to_status: RegistrationStatus }
>

/** A registration as its candidate and the institution's staff see it (`history` and `profile` on details only). */
export type Registration = Narrow<
  Schema<'RegistrationResp'>,
  {
    status: RegistrationStatus
    payment_status: PaymentStatus
    source: RegistrationSource
    history?: HistoryEntry[] | null
    profile?: Profile | null
  }
>

/** A document of an application: its name (as the plan requires it) and an uploaded file. */
export type DocumentReq = Schema<'DocInput'>
export type ApplyReq = Schema<'ApplyReq'>
export type UpdateRegistrationReq = Schema<'EditReq'>

/** 个人申请表 (`GET /registrations/{id}/form`). */
export type ApplicationForm = Schema<'ApplicationForm'>

/** The two files of `GET /registrations/{id}/form.{kind}` (a path segment). */
export type FormFileKind = 'png' | 'pdf'

/** GET /registrations/mine/items: an item the candidate has applied for (not withdrawn). */
export type MyItem = Narrow<Schema<'MyItem'>, { status: RegistrationStatus }>

/** GET /registrations/eligibility/{item_id}: may the candidate apply now, and if not, why. */
export type Eligibility = Schema<'EligibilityResp'>
