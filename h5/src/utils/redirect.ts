import type { LocationQueryValue } from 'vue-router'

/** Only same-site paths are followed after login (no `//evil.example`). */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value
  if (typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/login')) return v
  return '/'
}
