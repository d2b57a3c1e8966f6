// Shapes of docs/api-contract.md.

export type Role = 'candidate' | 'staff' | 'centre_reviewer' | 'centre_finance' | 'admin'

export interface ApiErrorBody {
  code: string
  message: string
}

export interface Option {
  value: string
  label: string
}

export interface Enums {
  id_types: Option[]
  genders: Option[]
  ethnicities: Option[]
  hukou_types: Option[]
  candidate_sources: Option[]
  education_levels: Option[]
  cert_levels: Option[]
  roles: Option[]
  /** Assessment levels of occupations (same values as cert_levels). */
  levels: Option[]
  subjects: Option[]
  answer_modes: Option[]
  plan_statuses: Option[]
  plan_stages: Option[]
  registration_statuses: Option[]
  payment_statuses: Option[]
  registration_sources: Option[]
  correction_statuses: Option[]
  required_documents: Option[]
}
export type EnumKind = keyof Enums

export interface AppConfig {
  wechat_login: boolean
  wechat_simulated: boolean
  mini_program: boolean
  /** WeChat Pay is configured: 去支付 is offered only then. */
  wechat_pay: boolean
  /** With the simulator, a script that defines `window.WeixinJSBridge` in an ordinary browser; null in WeChat. */
  pay_bridge_url: string | null
}

export interface InstitutionRef {
  id: number
  code: string
  name: string
}

export interface Me {
  id: number
  role: Role
  name: string
  login: string
  login_masked: string
  institution: InstitutionRef | null
  must_change_password: boolean
  wechat_bound: boolean
  /** Logged in with the initial password: confirm the recorded mobile number first (name and login masked). */
  identity_check_required?: boolean
}

export interface LoginResp {
  token: string
  user: Me
  wechat_bound_now: boolean
}

export interface RegisterReq {
  name: string
  id_type: string
  id_number: string
  mobile: string
  password: string
  password_confirm: string
  bind_ticket?: string
}

export interface LoginReq {
  login: string
  password: string
  bind_ticket?: string
}

export type OauthResp =
  | { status: 'logged_in'; token: string; user: Me }
  | { status: 'bind_required'; bind_ticket: string }
  | { status: 'bound'; user: Me }

export interface FileRef {
  id: number | string
  url: string
  content_type: string
  size: number
  width: number | null
  height: number | null
}

export interface MissingField {
  field: string
  label: string
}

/** The fields a candidate may change with `PUT /api/profile`. */
export interface ProfileEditable {
  gender: string | null
  birth_date: string | null
  mobile: string | null
  ethnicity: string | null
  hukou_type: string | null
  hukou_address: string | null
  candidate_source: string | null
  enrollment_date: string | null
  work_years: number | null
  school_or_employer: string | null
  education: string | null
  prev_cert_level: string | null
  prev_cert_number: string | null
  prev_cert_date: string | null
}

export interface Profile extends ProfileEditable {
  name: string | null
  id_type: string | null
  id_number: string | null
  photo: FileRef | null
  id_front: FileRef | null
  id_back: FileRef | null
  completeness: { complete: boolean; missing: MissingField[] }
}

export interface PhotoResp {
  photo: FileRef
  original_width: number
  original_height: number
  rotated: boolean
  cropped: boolean
}

export type IdSide = 'front' | 'back'

export interface Institution {
  id: number
  code: string
  name: string
  staff_count: number
  created_at: string
}

export interface AdminUser {
  id: number
  role: Role
  login: string
  name: string
  institution: InstitutionRef | null
  mobile_masked: string | null
  disabled: boolean
  /** Set for a new account and after a password reset until its owner picks a password. */
  must_change_password: boolean
  /** 已锁定: too many failed logins or mobile checks. */
  locked: boolean
  created_at: string
}

export interface CreateUserReq {
  role: Exclude<Role, 'candidate'>
  username: string
  name: string
  mobile?: string
  password: string
  institution_id?: number
}

export interface AuditEntry {
  id: number
  action: string
  /** Chinese name of the action (from the API's one table; unknown codes get a family name). */
  action_label: string
  actor_id: number | null
  actor_name: string | null
  target_type: string | null
  target_label: string
  target_id: string | number | null
  /** The target's name (person, institution, plan, registration …) when it still exists. */
  target_name: string | null
  before: unknown
  after: unknown
  ip: string | null
  created_at: string
}

/** One assessable level of an occupation and the subjects it is assessed in. */
export interface LevelSpec {
  /** level5 … level1, or special (专项能力) */
  level: string
  /** theory | practical | review */
  subjects: string[]
}

/** An entry of the occupation catalogue (职业目录). */
export interface Occupation {
  id: number
  /** National classification code, X-XX-XX-XX, e.g. 6-31-01-03. */
  code: string
  name: string
  job_types: string[]
  levels: LevelSpec[]
  active: boolean
}

export type OccupationReq = Omit<Occupation, 'id'>
