/** `2026-11-21T15:20:00+08:00` → `2026-11-21 15:20` in the browser's zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return ''
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

export function isWechatBrowser(ua = navigator.userAgent): boolean {
  return /MicroMessenger/i.test(ua)
}
