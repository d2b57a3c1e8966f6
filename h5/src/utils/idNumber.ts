// Identity document numbers, mirroring the server (api/src/domain/idcard.rs).
// A 居民身份证 number (GB 11643-1999) has 17 digits and a check character; digits 7–14 are the birth date and the
// parity of digit 17 is the gender. 港澳台居民居住证 numbers follow the same scheme with region 810000/820000/830000.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'
const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62,
  63, 64, 65, 71, 81, 82, 83,
]

export type IdNumberError = 'length' | 'format' | 'region' | 'birth_date' | 'check_digit'

export interface ResidentIdInfo {
  /** The number with a lowercase `x` turned into `X`. */
  normalized: string
  /** `YYYY-MM-DD` */
  birthDate: string
  gender: 'male' | 'female'
}

export type ResidentIdResult = { ok: true; info: ResidentIdInfo } | { ok: false; error: IdNumberError }

export const ID_NUMBER_MESSAGES: Record<IdNumberError, string> = {
  length: '身份证号码应为18位',
  format: '身份证号码前17位应为数字，最后一位为数字或X',
  region: '身份证号码的地区码无效',
  birth_date: '身份证号码中的出生日期无效',
  check_digit: '身份证号码校验位错误，请核对',
}

/** The check character for the first 17 digits. */
export function checkChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** A real calendar date between 1900-01-01 and today. */
export function isValidBirthDate(yyyymmdd: string, today = new Date()): boolean {
  const y = Number(yyyymmdd.slice(0, 4))
  const m = Number(yyyymmdd.slice(4, 6))
  const d = Number(yyyymmdd.slice(6, 8))
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())
  return date.getTime() <= todayUtc
}

export function parseResidentId(raw: string, today = new Date()): ResidentIdResult {
  const id = raw.trim().toUpperCase()
  if (id.length !== 18) return { ok: false, error: 'length' }
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, error: 'format' }
  if (!PROVINCES.includes(Number(id.slice(0, 2)))) return { ok: false, error: 'region' }
  const birth = id.slice(6, 14)
  if (!isValidBirthDate(birth, today)) return { ok: false, error: 'birth_date' }
  if (checkChar(id.slice(0, 17)) !== id[17]) return { ok: false, error: 'check_digit' }
  return {
    ok: true,
    info: {
      normalized: id,
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    },
  }
}

/** `undefined` when valid, else the Chinese message for the form field. */
export function residentIdError(raw: string): string | undefined {
  const r = parseResidentId(raw)
  return r.ok ? undefined : ID_NUMBER_MESSAGES[r.error]
}

/**
 * Checks a document number of any supported type, as the server does at registration.
 * `undefined` when valid, else the Chinese message.
 */
export function documentNumberError(idType: string, raw: string): string | undefined {
  const n = raw.trim().toUpperCase()
  switch (idType) {
    case 'resident_id':
      return residentIdError(n)
    case 'hmt_residence':
      return (
        residentIdError(n) ??
        (['810000', '820000', '830000'].includes(n.slice(0, 6))
          ? undefined
          : '港澳台居民居住证号码应以810000、820000或830000开头')
      )
    case 'hk_macao_permit':
      return /^[HM]\d{8}$/.test(n) ? undefined : '港澳居民来往内地通行证号码应为H或M加8位数字'
    case 'taiwan_permit':
      return /^(\d{8}|\d{10})$/.test(n) ? undefined : '台湾居民来往大陆通行证号码应为8位或10位数字'
    case 'passport':
    case 'foreign_permanent':
      return /^[A-Z0-9]{5,20}$/.test(n) ? undefined : '证件号码应为5至20位字母或数字'
    default:
      return '证件类型无效'
  }
}
