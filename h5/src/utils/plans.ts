// Client-side copies of the plan rules of the server and the times of plan forms (money is in money.ts).
import type { ItemReq, Plan, PlanItem, PlanReq, PlanSubject } from '@/api/plan-types'
import type { Filled } from '@/api/types'
import { beijingDayStart, beijingParts, beijingRfc3339 } from './beijing'
import { yuanToFen } from './money'

export const MAX_FEE_FEN = 1_000_000

/** The refusal of a fee typed in yuan, mirroring the server's `invalid_fee`. */
export function feeError(text: string): string | undefined {
  const fen = yuanToFen(text)
  if (fen === null) return '请输入金额（元），最多两位小数'
  if (fen > MAX_FEE_FEN) return '报名费不能超过 10000 元'
  return undefined
}

/** `YYYYMMDD-<institution name>`, the name the server gives a plan; '' until the exam date is known. */
export function planNamePreview(examDate: string, institutionName: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(examDate)
  if (!m) return ''
  return `${m[1]}${m[2]}${m[3]}-${institutionName ?? ''}`
}

/** A Beijing date and clock time as RFC 3339: `2026-12-01T09:00:00+08:00`. */
export function toRfc3339(date: string, time: string): string {
  return beijingRfc3339(date, time)
}

/** An RFC 3339 time as the Beijing `{ date: 'YYYY-MM-DD', time: 'HH:MM' }`; null when empty or unreadable. */
export function splitDateTime(value: string | null | undefined): { date: string; time: string } | null {
  return value ? beijingParts(value) : null
}

/** The start of a Beijing `YYYY-MM-DD` day, plus `days`. */
const dayStart = beijingDayStart

export type PlanTimeField =
  | 'exam_date' | 'reg_start' | 'reg_end' | 'review_deadline' | 'payment_deadline' | 'ticket_start' | 'ticket_end'

export const PLAN_TIME_LABELS: Record<PlanTimeField, string> = {
  exam_date: '考试日期',
  reg_start: '报名开始时间',
  reg_end: '报名截止时间',
  review_deadline: '审核截止时间',
  payment_deadline: '缴费截止时间',
  ticket_start: '准考证打印开始',
  ticket_end: '准考证打印结束',
}

/**
 * The first time of a plan that is missing or out of order, as the server checks them:
 * registration start < end ≤ review deadline ≤ payment deadline < exam date; ticket start < end ≤ the exam day's end.
 */
export function planTimesError(t: Pick<PlanReq, PlanTimeField>): { field: PlanTimeField; message: string } | undefined {
  for (const f of Object.keys(PLAN_TIME_LABELS) as PlanTimeField[]) {
    if (!t[f]) return { field: f, message: `请选择${PLAN_TIME_LABELS[f]}` }
  }
  const at = (f: Exclude<PlanTimeField, 'exam_date'>) => new Date(t[f]).getTime()
  const exam = dayStart(t.exam_date)
  const rules: [boolean, PlanTimeField, string][] = [
    [at('reg_start') < at('reg_end'), 'reg_end', '报名截止时间须晚于报名开始时间'],
    [at('reg_end') <= at('review_deadline'), 'review_deadline', '审核截止时间不能早于报名截止时间'],
    [at('review_deadline') <= at('payment_deadline'), 'payment_deadline', '缴费截止时间不能早于审核截止时间'],
    [at('reg_end') < exam, 'exam_date', '考试日期须晚于报名截止时间'],
    [at('payment_deadline') < exam, 'payment_deadline', '缴费截止时间须早于考试日期'],
    [at('ticket_start') < at('ticket_end'), 'ticket_end', '准考证打印结束时间须晚于开始时间'],
    [at('ticket_end') < dayStart(t.exam_date, 1), 'ticket_end', '准考证打印结束时间不能晚于考试日期当天'],
  ]
  const broken = rules.find(([ok]) => !ok)
  return broken ? { field: broken[1], message: broken[2] } : undefined
}

/** A subject's time: date on or after the registration end's day, end after start. */
export function subjectError(s: PlanSubject, regEnd: string): string | undefined {
  if ((s.start || s.end) && !s.date) return '请选择考试日期'
  const end = splitDateTime(regEnd)
  if (s.date && end && s.date < end.date) return '考试日期不能早于报名截止日期'
  if (s.start && s.end && s.end <= s.start) return '结束时间须晚于开始时间'
  return undefined
}

/** The form state of an existing plan, or an empty one. */
export function planToReq(plan: Plan | null): Filled<PlanReq> {
  return {
    exam_date: plan?.exam_date ?? '',
    reg_start: plan?.reg_start ?? '',
    reg_end: plan?.reg_end ?? '',
    review_deadline: plan?.review_deadline ?? '',
    payment_deadline: plan?.payment_deadline ?? '',
    ticket_start: plan?.ticket_start ?? '',
    ticket_end: plan?.ticket_end ?? '',
    announcement: plan?.announcement ?? '',
    notice: plan?.notice ?? '',
    conditions: plan?.conditions ?? '',
    max_occupations: plan?.max_occupations ?? 2,
  }
}

export function itemToReq(item: PlanItem, subjects: PlanSubject[] = item.subjects): ItemReq {
  return {
    occupation_id: item.occupation_id,
    job_type: item.job_type,
    level: item.level,
    fee_fen: item.fee_fen,
    expected_count: item.expected_count,
    required_documents: [...item.required_documents],
    subjects: subjects.map((s) => ({ ...s })),
  }
}

/** The answer mode the server gives a subject by default (the guide asks for ATA机考 throughout). */
export function defaultAnswerMode(subject: string): PlanSubject['answer_mode'] {
  if (subject === 'practical') return 'practical'
  if (subject === 'review') return 'paper'
  return 'ata'
}

/** Subjects without times for a level's subject list. */
export function blankSubjects(subjects: string[]): PlanSubject[] {
  return subjects.map((s) => ({
    subject: s as PlanSubject['subject'],
    answer_mode: defaultAnswerMode(s),
    date: null,
    start: null,
    end: null,
  }))
}

/** `2026-11-01 09:00 至 2026-11-30 17:00` */
export function windowText(start: string | null | undefined, end: string | null | undefined): string {
  const a = splitDateTime(start)
  const b = splitDateTime(end)
  if (!a || !b) return '--'
  return `${a.date} ${a.time} 至 ${b.date} ${b.time}`
}
