// Money: the server counts in fen (integers); the H5 shows yuan and reads yuan typed by people. Text, not floating
// point, carries the digits, so that no fen is lost.

const pad = (n: number) => String(n).padStart(2, '0')

/** `'120.1'` → 12010; parsed as text so that no floating-point rounding creeps in. `null` if not an amount. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(text.trim())
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** 12010 → `'120.10'` (an amount field's value and the server's `"360.00"`). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100)}`
}

/** `12000` → `¥120.00`, `-1250` → `-¥12.50`; `--` when there is no amount. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '--'
  const abs = Math.abs(Math.round(fen))
  return `${fen < 0 ? '-' : ''}¥${Math.floor(abs / 100)}.${pad(abs % 100)}`
}
