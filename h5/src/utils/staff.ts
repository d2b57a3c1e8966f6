// Pure helpers of the staff registration, entry, report and correction pages.
import type { EnumKind } from '@/api/types'
import type {
  CandidateField, CorrectionChanges, EntryReq, IdCardReq, IdCardResp, ImportSummary, Registration, ReviewAction,
  ReviewResult, StaffPlanItem,
} from '@/api/staff-types'
import { documentNumberError, residentIdError } from './idNumber'
import { isMobile, personNameError } from './validators'

export const CENTRE_ROLES = ['centre_reviewer', 'centre_finance', 'admin'] as const

export const REVIEW_LABELS: Record<ReviewAction, string> = { approve: '通过', return: '退回修改', reject: '不通过' }

/** Only these can be reviewed (a returned one may still be rejected). */
export const isReviewable = (status: string) => status === 'pending' || status === 'returned'

/** The item's required documents a registration lacks (the server's list when it sent one). */
export const missingDocuments = (r: Registration | null | undefined): string[] =>
  !r ? [] : (r.missing_documents ?? r.item.required_documents.filter((n) => !r.documents.some((d) => d.name === n)))

/** `电工（维修电工） · 四级/中级工` */
export function itemLabel(item: Pick<StaffPlanItem, 'occupation_name' | 'job_type' | 'level_label'>): string {
  return `${item.occupation_name}${item.job_type ? `（${item.job_type}）` : ''} · ${item.level_label}`
}

/** Reasons for returning or rejecting: 2–200 characters. */
export function reasonError(reason: string): string | undefined {
  const n = Array.from(reason.trim()).length
  if (n === 0) return '请填写原因'
  return n < 2 || n > 200 ? '原因应为2至200个字' : undefined
}

/** 「已处理 8 条，2 条未处理：张三：该报名当前状态不能审核；…」 */
export function reviewSummary(result: ReviewResult, nameOf: (id: string) => string | undefined): string {
  const head = `已处理 ${result.done.length} 条`
  if (!result.failed.length) return head
  const why = result.failed.map((f) => `${nameOf(f.id) ?? f.id.slice(0, 8)}：${f.message}`).join('；')
  return `${head}，${result.failed.length} 条未处理：${why}`
}

export const XLSX_MAX_BYTES = 10 * 1024 * 1024

/** The server sniffs the content again; this spares an upload that cannot succeed. */
export function xlsxFileError(file: Pick<File, 'name' | 'size'>): string | undefined {
  if (!/\.xlsx$/i.test(file.name)) return '请选择 .xlsx 格式的 Excel 文件（可先下载模板填写）'
  if (file.size === 0) return '文件是空的，请检查后重新选择'
  if (file.size > XLSX_MAX_BYTES) return '文件不能超过 10 MB，请分批导入'
  return undefined
}

/** 「共 12 行：导入 9，已存在 1，失败 2」 */
export const importCountsText = (r: Pick<ImportSummary, 'total' | 'imported' | 'existing' | 'failed'>) =>
  `共 ${r.total} 行：导入 ${r.imported}，已存在 ${r.existing}，失败 ${r.failed}`

// Entry (手工录入)

export interface EntryForm {
  item_id: string
  name: string
  id_type: string
  id_number: string
  mobile: string
  gender: string
  birth_date: string
  ethnicity: string
  hukou_type: string
  hukou_address: string
  candidate_source: string
  education: string
  school_or_employer: string
  work_years: string
}

export const emptyEntryForm = (item_id = ''): EntryForm => ({
  item_id, name: '', id_type: 'resident_id', id_number: '', mobile: '', gender: '', birth_date: '', ethnicity: '',
  hukou_type: '', hukou_address: '', candidate_source: '', education: '', school_or_employer: '', work_years: '',
})

const OPTIONAL: (keyof EntryForm)[] = [
  'gender', 'birth_date', 'ethnicity', 'hukou_type', 'hukou_address', 'candidate_source', 'education',
  'school_or_employer',
]

/** The request body: trimmed, empty optional fields left out, the ID number in upper case. */
export function entryBody(
  form: EntryForm, reader?: { photoId: string | null }, cameraPhotoId?: string | null,
): EntryReq {
  const body: EntryReq = {
    item_id: Number(form.item_id),
    name: form.name.trim(),
    id_type: form.id_type,
    id_number: form.id_number.trim().toUpperCase(),
    mobile: form.mobile.trim(),
    source: reader ? 'id_reader' : 'manual',
  }
  const extra = body as unknown as Record<string, string | number>
  for (const k of OPTIONAL) if (form[k].trim()) extra[k] = form[k].trim()
  if (form.work_years.trim()) body.work_years = Number(form.work_years)
  if (reader?.photoId != null) body.photo_file_id = reader.photoId
  if (cameraPhotoId) body.camera_photo_file_id = cameraPhotoId
  return body
}

export const mobileError = (v: string) => (isMobile(v) ? undefined : '请输入正确的 11 位手机号码')
export const workYearsError = (v: string) =>
  !v.trim() || (/^\d{1,2}$/.test(v.trim()) && Number(v) <= 60) ? undefined : '工龄应为 0–60 的整数'

/** The client-side checks of the entry form, as the server makes them. */
export function entryErrors(form: EntryForm): Partial<Record<keyof EntryForm, string>> {
  const errors: Partial<Record<keyof EntryForm, string>> = {}
  if (!form.item_id) errors.item_id = '请选择报考的职业等级'
  const name = personNameError(form.name.trim())
  if (name) errors.name = name
  if (!form.id_type) errors.id_type = '请选择证件类型'
  else {
    const id = form.id_number.trim() ? documentNumberError(form.id_type, form.id_number) : '请输入证件号码'
    if (id) errors.id_number = id
  }
  const mobile = mobileError(form.mobile)
  if (mobile) errors.mobile = mobile
  const years = workYearsError(form.work_years)
  if (years) errors.work_years = years
  return errors
}

/** Which field of the entry form shows a server refusal; others are shown above the submit button. */
export const ENTRY_FIELD_OF_CODE: Record<string, keyof EntryForm> = {
  invalid_name: 'name', name_mismatch: 'name', invalid_id_number: 'id_number', id_number_taken: 'id_number',
  invalid_mobile: 'mobile', invalid_work_years: 'work_years', birth_date_mismatch: 'birth_date',
  gender_mismatch: 'gender', invalid_date: 'birth_date', item_not_found: 'item_id', already_registered: 'item_id',
  occupation_limit: 'item_id',
}

/** Fills the entry form from what the ID-card reader endpoint returned. */
/** A card read starts a new candidate: only the chosen item stays (nothing of the previous candidate, e.g. the mobile). */
export function entryFromIdCard(card: IdCardResp, current: EntryForm): EntryForm {
  return {
    ...emptyEntryForm(current.item_id),
    name: card.name, id_type: card.id_type, id_number: card.id_number, gender: card.gender,
    birth_date: card.birth_date, ethnicity: card.ethnicity ?? '', hukou_address: card.hukou_address ?? '',
  }
}

// ID-card reader JSON (what the desktop reader software produced)

const READER_KEYS: Record<keyof IdCardReq, string[]> = {
  name: ['name', '姓名', 'partyname'],
  gender: ['gender', 'sex', '性别'],
  ethnicity: ['ethnicity', 'nation', 'nationality', 'folk', '民族'],
  birth_date: ['birth_date', 'birthdate', 'birthday', 'born', '出生', '出生日期'],
  address: ['address', 'certaddress', '住址', '地址'],
  id_number: ['id_number', 'idnumber', 'idcardno', 'idno', 'certno', 'certnumber', 'cardno', '公民身份号码', '身份证号'],
  issuer: ['issuer', 'grantdept', 'signingorganization', 'police', '签发机关'],
  valid_from: ['valid_from', 'userlifebegin', 'effdate', 'validstart', '有效期起始'],
  valid_to: ['valid_to', 'userlifeend', 'expdate', 'validend', '有效期截止'],
  photo_base64: ['photo_base64', 'photobase64', 'base64photo', 'photo', 'image', '照片'],
}

export type ReaderParse = { ok: true; req: IdCardReq } | { ok: false; message: string }

/** Accepts the contract's keys and the usual names of reader SDKs, in any letter case. */
export function parseReaderJson(text: string): ReaderParse {
  let raw: unknown
  try {
    raw = JSON.parse(text.trim())
  } catch {
    return { ok: false, message: '内容不是有效的 JSON，请粘贴读卡软件输出的完整内容' }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: '内容应为一个 JSON 对象' }
  const lower = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]))
  const pick = (keys: string[]) => {
    for (const k of keys) {
      const v = lower.get(k.toLowerCase())
      if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).trim()
    }
    return ''
  }
  const req = {} as IdCardReq
  for (const key of Object.keys(READER_KEYS) as (keyof IdCardReq)[]) req[key] = pick(READER_KEYS[key])
  if (!req.name) return { ok: false, message: '缺少姓名' }
  if (!req.id_number) return { ok: false, message: '缺少公民身份号码' }
  const idErr = residentIdError(req.id_number)
  if (idErr) return { ok: false, message: idErr }
  req.id_number = req.id_number.toUpperCase()
  if (req.photo_base64) req.photo_base64 = req.photo_base64.replace(/^data:[^,]*,/, '')
  else delete req.photo_base64
  return { ok: true, req }
}

// Corrections (考生信息修改)

/** Fields whose values are enumerations, and where their labels come from. */
export const CORRECTION_ENUMS: Record<string, EnumKind> = {
  id_type: 'id_types', gender: 'genders', ethnicity: 'ethnicities', hukou_type: 'hukou_types',
  candidate_source: 'candidate_sources', education: 'education_levels', prev_cert_level: 'cert_levels',
}
export const CORRECTION_DATES = ['birth_date', 'enrollment_date', 'prev_cert_date']

const normalise = (field: string, v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v).trim()
  return field === 'id_number' ? s.toUpperCase() : s
}

/** The values a correction form starts from: every field as a string, '' for none. */
export const correctionStart = (fields: CandidateField[]): Record<string, string> =>
  Object.fromEntries(fields.map((f) => [f.field, normalise(f.field, f.value)]))

/** Only the fields whose value the staff changed; a cleared field becomes `null`. */
export function correctionChanges(fields: CandidateField[], edited: Record<string, string>): CorrectionChanges {
  const changes: CorrectionChanges = {}
  for (const f of fields) {
    if (!f.editable || !(f.field in edited)) continue
    const next = normalise(f.field, edited[f.field])
    if (next !== normalise(f.field, f.value)) changes[f.field] = next === '' ? null : next
  }
  return changes
}

/** Checks the changed values as the server will; unchanged values are left alone. */
export function correctionErrors(changes: CorrectionChanges, edited: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {}
  const changed = (f: string) => f in changes
  if (changed('name')) errors.name = personNameError(edited.name?.trim() ?? '') ?? ''
  if (changed('id_type') || changed('id_number')) {
    errors.id_number = edited.id_number?.trim()
      ? documentNumberError(edited.id_type ?? '', edited.id_number) ?? ''
      : '请输入证件号码'
  }
  if (changed('mobile')) errors.mobile = mobileError(edited.mobile ?? '') ?? ''
  if (changed('work_years')) errors.work_years = workYearsError(edited.work_years ?? '') ?? ''
  return Object.fromEntries(Object.entries(errors).filter(([, m]) => m))
}
