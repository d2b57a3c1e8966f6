import { beijingParts } from './beijing'

/** `2026-11-21T07:20:00Z` → `2026-11-21 15:20`: Beijing time whatever the browser's zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return ''
  const p = beijingParts(value)
  return p ? `${p.date} ${p.time}` : value
}

export function isWechatBrowser(ua = navigator.userAgent): boolean {
  return /MicroMessenger/i.test(ua)
}
