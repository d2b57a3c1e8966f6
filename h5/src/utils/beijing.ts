// Beijing time (Asia/Shanghai, UTC+8 all year, no daylight saving since 1991): every time the H5 shows or reads is
// Beijing time, whatever zone the browser is set to.

export const BEIJING_OFFSET = '+08:00'
const OFFSET_MS = 8 * 3600 * 1000

const pad = (n: number) => String(n).padStart(2, '0')

/** The Beijing calendar date and wall-clock time of an instant; null when unreadable. */
export function beijingParts(value: string | number | Date): { date: string; time: string } | null {
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
  if (Number.isNaN(t)) return null
  const b = new Date(t + OFFSET_MS)
  return {
    date: `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())}`,
    time: `${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`,
  }
}

/** Today's `YYYY-MM-DD` in Beijing. */
export function beijingToday(now: Date = new Date()): string {
  return beijingParts(now)?.date ?? ''
}

/** A Beijing date and `HH:MM` as RFC 3339: `2026-12-01T09:00:00+08:00`. */
export function beijingRfc3339(date: string, time: string): string {
  return `${date}T${time}:00${BEIJING_OFFSET}`
}

/** The instant a Beijing `YYYY-MM-DD` day starts, plus `days`. */
export function beijingDayStart(date: string, days = 0): number {
  return Date.parse(`${date}T00:00:00${BEIJING_OFFSET}`) + days * 24 * 3600 * 1000
}

/** `YYYY-MM-DD` and `HH:MM` of a `datetime-local` input value, or null. */
export function parseLocalInput(value: string): { date: string; time: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value)
  return m ? { date: m[1], time: m[2] } : null
}
