// The audit log's filters and display; action and target names come from the API (one table, in the API).
import type { AuditEntry } from '@/api/types'

export interface AuditFilters {
  /** Name or login of the actor. */
  actor: string
  /** An action code, '' for all. */
  action: string
  /** YYYY-MM-DD (Beijing days), '' for open. */
  from: string
  to: string
}

export const emptyAuditFilters = (): AuditFilters => ({ actor: '', action: '', from: '', to: '' })

/** The filters as query parameters, empty ones left out. */
export function auditParams(f: AuditFilters, limit = 50): Record<string, string | number> {
  const params: Record<string, string | number> = { limit }
  const actor = f.actor.trim()
  if (actor) params.actor = actor
  if (f.action) params.action = f.action
  if (f.from) params.from = f.from
  if (f.to) params.to = f.to
  return params
}

/** The calendar's day as YYYY-MM-DD (the day shown on the calendar, whatever the zone). */
export function ymd(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export const dateRangeText = (f: AuditFilters) => (f.from ? `${f.from} 至 ${f.to || f.from}` : '')

export const auditActor = (a: AuditEntry) => a.actor_name ?? (a.actor_id ? `#${a.actor_id}` : '系统')

/** `报名：张三 · 2026年第一期` ; a target that no longer exists by its id. */
export function auditTarget(a: AuditEntry): string {
  if (!a.target_type) return '—'
  const name = a.target_name ?? (a.target_id !== null ? `#${a.target_id}` : '')
  return name ? `${a.target_label}：${name}` : a.target_label
}
