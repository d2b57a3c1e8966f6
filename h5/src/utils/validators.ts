// Client-side copies of the server's input rules (docs/api-contract.md).

export const MOBILE_RE = /^1[3-9]\d{9}$/
export const USERNAME_RE = /^[a-z0-9_.-]{4,32}$/
export const INSTITUTION_CODE_RE = /^\d{8}$/

export function isMobile(value: string): boolean {
  return MOBILE_RE.test(value.trim())
}

/**
 * Password policy: 8–64 characters, at least one letter and one digit,
 * not equal to the login name or to its last six characters.
 * Returns the Chinese message, or `undefined` when the password is acceptable.
 */
export function passwordError(password: string, login = ''): string | undefined {
  const chars = Array.from(password)
  if (chars.length < 8 || chars.length > 64) return '密码长度应为8至64位'
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字'
  const p = password.toUpperCase()
  const l = login.toUpperCase()
  if (p === l || p === l.slice(-6)) return '密码不能与账号或证件号码后六位相同'
  return undefined
}

/** A person's name: 2–50 letters of any script, spaces, ·, . or -, without surrounding spaces. */
export function personNameError(name: string): string | undefined {
  const ok = /^[\p{Alphabetic} ·.-]{2,50}$/u.test(name) && name.trim() === name
  return ok ? undefined : '姓名应为2至50个文字，不能含数字或符号'
}

export function confirmError(password: string, confirm: string): string | undefined {
  return password === confirm ? undefined : '两次输入的密码不一致'
}

export function usernameError(value: string): string | undefined {
  return USERNAME_RE.test(value) ? undefined : '用户名为 4–32 位小写字母、数字或 _ . -'
}

export function institutionCodeError(value: string): string | undefined {
  return INSTITUTION_CODE_RE.test(value) ? undefined : '机构代码为 8 位数字'
}

/** Turns a `(value) => message | undefined` check into a Vant field rule. */
export function rule(check: (value: string) => string | undefined) {
  return { validator: (value: unknown) => check(String(value ?? '')) ?? true }
}

/** `X-XX-XX-XX`, the shape of the national occupational classification's codes (e.g. 6-31-01-03). */
export const OCCUPATION_CODE_RE = /^\d-\d{2}-\d{2}-\d{2}$/

export function occupationCodeError(value: string): string | undefined {
  return OCCUPATION_CODE_RE.test(value.trim()) ? undefined : '职业编码格式应为 X-XX-XX-XX，例如 6-31-01-03'
}

export function occupationNameError(value: string): string | undefined {
  const n = Array.from(value.trim()).length
  return n >= 2 && n <= 50 ? undefined : '职业名称应为2至50个字'
}
