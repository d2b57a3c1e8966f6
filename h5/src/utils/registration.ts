// Pure helpers of the candidate's registration screens: money, windows, file checks, refusals.
import type { RouteLocationRaw } from 'vue-router'
import type {
  ClosedReason,
  DocumentReq,
  Registration,
  RegistrationStatus,
} from '@/api/registration-types'
import type { EnumKind, FileRef, MissingField, Profile } from '@/api/types'
import { formatDateTime } from './format'
import { UPLOAD_MAX_BYTES } from './imageCompress'
import { IMAGE_TYPES } from './upload'

/** An RFC 3339 time → its date in the browser's zone; a plain `YYYY-MM-DD` is kept. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return ''
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  return formatDateTime(value).slice(0, 10)
}

/** The registration window as the guide shows it: `2026-06-01~2026-07-30`. */
export function windowDates(start: string, end: string): string {
  return `${formatDate(start)}~${formatDate(end)}`
}

/** The registration window to the minute. */
export function windowText(start: string, end: string): string {
  return `${formatDateTime(start)} 至 ${formatDateTime(end)}`
}

export type WindowState = 'not_started' | 'open' | 'closed'

/** Where `now` falls in a window; the server decides in the end (`registration_not_open`). */
export function windowState(start: string, end: string, now: Date = new Date()): WindowState {
  const t = now.getTime()
  if (t < new Date(start).getTime()) return 'not_started'
  if (t > new Date(end).getTime()) return 'closed'
  return 'open'
}

export function closedReasonText(reason: ClosedReason | WindowState | null | undefined): string {
  if (reason === 'not_started') return '未开始'
  if (reason === 'closed') return '已截止'
  return ''
}

/** The text of an item's apply button: 报名, or why it is grey. */
export function applyButtonText(canApply: boolean, reason: ClosedReason | WindowState | null | undefined): string {
  return canApply ? '报名' : closedReasonText(reason) || '已截止'
}

export function jobTypeText(jobType: string | null | undefined): string {
  return jobType ? jobType : '--'
}

/** A document image as picked (before it is shrunk in the browser and again on the server). */
export const DOCUMENT_MAX_BYTES = UPLOAD_MAX_BYTES

/** Checks a document image before it is uploaded: JPG/PNG and at most 15 MB (large photos are shrunk). */
export function documentFileError(file: Pick<File, 'type' | 'size'>): string | undefined {
  if (!IMAGE_TYPES.includes(file.type)) return '仅支持 JPG 或 PNG 格式的图片'
  if (file.size > DOCUMENT_MAX_BYTES) return '图片不能超过 15MB'
  return undefined
}

export type UploadedDocuments = Record<string, FileRef | null | undefined>

/** The required documents that have no file yet, in the plan's order. */
export function missingDocuments(required: string[], files: UploadedDocuments): string[] {
  return required.filter((name) => !files[name])
}

/** The `documents` body of an application: every uploaded document, required ones first. */
export function documentsBody(required: string[], files: UploadedDocuments): DocumentReq[] {
  const names = [...required, ...Object.keys(files).filter((n) => !required.includes(n))]
  return names.flatMap((name) => {
    const f = files[name]
    return f ? [{ name, file_id: f.id }] : []
  })
}

/** The files of an existing application, by document name. */
export function documentsByName(r: Pick<Registration, 'documents'>): UploadedDocuments {
  return Object.fromEntries(r.documents.map((d) => [d.name, d.file]))
}

/** Registrations the institution sent back for a correction: the candidate has something to do. */
export function returnedCount(list: Pick<Registration, 'status'>[]): number {
  return list.filter((r) => r.status === 'returned').length
}

export interface NextStep {
  confirmText: string
  /** Where the confirm button leads; null keeps the user where they are. */
  to: RouteLocationRaw | null
}

/** What a refused application offers as the next step. */
export function refusalNextStep(code: string): NextStep {
  switch (code) {
    case 'already_registered':
    case 'occupation_limit':
      return { confirmText: '查看我的报名', to: { name: 'my-registrations' } }
    case 'profile_incomplete':
      return { confirmText: '去完善资料', to: { name: 'profile' } }
    case 'photo_required':
      return { confirmText: '去上传照片', to: { name: 'profile', query: { tab: 'docs' } } }
    case 'registration_not_open':
    case 'registration_frozen':
    case 'item_not_found':
      return { confirmText: '查看其他计划', to: { name: 'plans' } }
    default:
      return { confirmText: '知道了', to: null }
  }
}

/**
 * The missing profile fields that stop the wizard at step 2. The photo is left out: step 3 uploads it.
 */
export function blockingMissing(completeness: Profile['completeness']): MissingField[] {
  return completeness.missing.filter((m) => m.field !== 'photo')
}

type LabelOf = (kind: EnumKind, value: string | null | undefined) => string

const SUMMARY: [label: string, field: keyof Profile, kind?: EnumKind][] = [
  ['姓名', 'name'],
  ['证件类型', 'id_type', 'id_types'],
  ['证件号码', 'id_number'],
  ['性别', 'gender', 'genders'],
  ['出生日期', 'birth_date'],
  ['手机号码', 'mobile'],
  ['民族', 'ethnicity', 'ethnicities'],
  ['户口性质', 'hukou_type', 'hukou_types'],
  ['户口地址', 'hukou_address'],
  ['考生来源', 'candidate_source', 'candidate_sources'],
  ['入学时间', 'enrollment_date'],
  ['工龄（年）', 'work_years'],
  ['所在学校或单位', 'school_or_employer'],
  ['文化程度', 'education', 'education_levels'],
  ['上一级证书等级', 'prev_cert_level', 'cert_levels'],
  ['上一级证书编号', 'prev_cert_number'],
  ['上一级证书日期', 'prev_cert_date'],
]

/** The profile as label/value rows for the wizard's confirmation step. */
export function profileSummary(p: Profile, labelOf: LabelOf): { label: string; value: string }[] {
  return SUMMARY.map(([label, field, kind]) => {
    const raw = p[field]
    const text = raw === null || raw === undefined ? '' : String(raw)
    return { label, value: kind ? labelOf(kind, text) : text }
  })
}

/** A 待支付 tag on a rejected or withdrawn application would ask for money nobody owes. */
export function showPayment(r: Pick<Registration, 'status' | 'payment_status'>): boolean {
  return !(['rejected', 'withdrawn'].includes(r.status) && r.payment_status === 'unpaid')
}

const STATUS_HINTS: Record<RegistrationStatus, string> = {
  pending: '机构尚未审核报名信息，请耐心等待；此时可以修改资料或撤回报名。',
  returned: '机构退回了报名，请按退回原因修改资料后重新提交。',
  rejected: '机构已审阅报考，但审核不予通过。',
  approved: '机构已审核通过，不能再修改资料；可以导出《个人申请表》。',
  submitted: '报考已提交上级主管单位备案并已安排考核时间；可以导出《个人申请表》。',
  scored: '考核成绩已发布。',
  withdrawn: '报名已撤回；报名期内可以重新报名。',
}

/** What a status means for the candidate, in the guide's words. */
export function statusHint(status: string): string {
  return STATUS_HINTS[status as RegistrationStatus] ?? ''
}
