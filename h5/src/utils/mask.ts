// Masking for display: ID numbers and mobile numbers never appear in full in lists.

/** `440101199001011237` → `4401**********1237`; values of 8 characters or fewer are hidden entirely. */
export function maskIdNumber(value: string | null | undefined): string {
  if (!value) return ''
  if (value.length <= 8) return '*'.repeat(value.length)
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4)
}

/** `13812345678` → `138****5678` */
export function maskMobile(value: string | null | undefined): string {
  if (!value) return ''
  if (value.length < 7) return value.replace(/.(?=.)/g, '*')
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4)
}

/** `张三丰` → `*三丰`; single-character names stay as they are. */
export function maskName(value: string | null | undefined): string {
  if (!value) return ''
  const chars = Array.from(value)
  return chars.length < 2 ? value : '*' + chars.slice(1).join('')
}
