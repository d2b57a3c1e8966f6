import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '@/api/types'
import { auditActor, auditParams, auditTarget, dateRangeText, emptyAuditFilters, ymd } from '../audit'

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 1, action: 'plan_confirm', action_label: '计划确认完成', actor_id: 3, actor_name: '李老师',
  target_type: 'plan', target_label: '计划', target_id: '9', target_name: '2026年第一期', before: null,
  after: null, ip: '127.0.0.1', created_at: '2026-12-05T10:00:00+08:00', ...over,
})

describe('audit filters and display', () => {
  it('sends only the filters that are set', () => {
    expect(auditParams(emptyAuditFilters())).toEqual({ limit: 50 })
    expect(auditParams({ actor: ' 王 ', action: 'login', from: '2026-12-01', to: '2026-12-05' })).toEqual({
      limit: 50, actor: '王', action: 'login', from: '2026-12-01', to: '2026-12-05',
    })
  })

  it('writes calendar days and ranges as dates', () => {
    expect(ymd(new Date(2026, 0, 5))).toBe('2026-01-05')
    expect(dateRangeText({ ...emptyAuditFilters(), from: '2026-12-01', to: '2026-12-05' })).toBe('2026-12-01 至 2026-12-05')
    expect(dateRangeText(emptyAuditFilters())).toBe('')
  })

  it('names the target, or its id when it is gone, and the system when nobody acted', () => {
    expect(auditTarget(entry())).toBe('计划：2026年第一期')
    expect(auditTarget(entry({ target_name: null }))).toBe('计划：#9')
    expect(auditActor(entry({ actor_id: null, actor_name: null }))).toBe('系统')
  })
})
