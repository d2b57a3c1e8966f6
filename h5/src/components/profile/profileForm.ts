// Converting between the Profile shape and the strings a form edits.
import type { Profile, ProfileEditable } from '@/api/types'

/** Every field as the string a form edits; '' means not filled in. */
export type ProfileFormState = { [K in keyof ProfileEditable]-?: string }

const KEYS: (keyof ProfileEditable)[] = [
  'gender', 'birth_date', 'mobile', 'ethnicity', 'hukou_type', 'hukou_address', 'candidate_source',
  'enrollment_date', 'work_years', 'school_or_employer', 'education', 'prev_cert_level', 'prev_cert_number',
  'prev_cert_date',
]

export function toFormState(p: Profile): ProfileFormState {
  const state = {} as ProfileFormState
  for (const k of KEYS) state[k] = p[k] === null || p[k] === undefined ? '' : String(p[k])
  return state
}

/** Empty strings become null; for a resident ID, gender and birth date are left to the server. */
export function toUpdateBody(state: ProfileFormState, derivedFromId: boolean): ProfileEditable {
  const body = {} as Record<string, string | number | null | undefined>
  for (const k of KEYS) {
    const v = state[k].trim()
    body[k] = v === '' ? null : v
  }
  body.work_years = body.work_years === null ? null : Number(body.work_years)
  if (derivedFromId) {
    body.gender = undefined
    body.birth_date = undefined
  }
  return body as unknown as ProfileEditable
}

/** Which form field shows a server refusal. */
export const FIELD_OF_CODE: Record<string, keyof ProfileEditable> = {
  invalid_mobile: 'mobile',
  invalid_work_years: 'work_years',
  birth_date_mismatch: 'birth_date',
  gender_mismatch: 'gender',
}
