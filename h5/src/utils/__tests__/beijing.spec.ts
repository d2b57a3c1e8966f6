// Times are Beijing time whatever the browser's zone: `make h5-test` runs this file under TZ=America/New_York too.
import { describe, expect, it } from 'vitest'
import { formatDateTime } from '@/utils/format'
import { planTimesError, splitDateTime, toRfc3339 } from '@/utils/plans'
import { dayString } from '@/utils/payments'
import { beijingToday } from '@/utils/beijing'

describe('Beijing time in any browser zone', () => {
  it('shows an instant as the Beijing wall clock', () => {
    expect(formatDateTime('2026-11-21T07:20:00Z')).toBe('2026-11-21 15:20')
    expect(formatDateTime('2026-11-21T23:30:00+08:00')).toBe('2026-11-21 23:30')
    expect(formatDateTime('2026-03-08T18:30:00Z')).toBe('2026-03-09 02:30')
  })

  it('reads a picked date and time as Beijing time', () => {
    expect(toRfc3339('2026-12-01', '09:00')).toBe('2026-12-01T09:00:00+08:00')
    expect(splitDateTime('2026-12-01T01:00:00Z')).toEqual({ date: '2026-12-01', time: '09:00' })
    expect(splitDateTime('2026-11-30T20:00:00-05:00')).toEqual({ date: '2026-12-01', time: '09:00' })
  })

  it('names days by the Beijing calendar', () => {
    const lateEveningUtc = new Date('2026-05-31T20:00:00Z')
    expect(dayString(lateEveningUtc)).toBe('2026-06-01')
    expect(beijingToday(lateEveningUtc)).toBe('2026-06-01')
  })

  it('checks the exam day against Beijing midnight', () => {
    const t = {
      exam_date: '2026-12-10',
      reg_start: '2026-11-01T09:00:00+08:00',
      reg_end: '2026-11-20T18:00:00+08:00',
      review_deadline: '2026-11-22T18:00:00+08:00',
      payment_deadline: '2026-12-09T23:30:00+08:00',
      ticket_start: '2026-12-05T09:00:00+08:00',
      ticket_end: '2026-12-10T23:00:00+08:00',
    }
    expect(planTimesError(t)).toBeUndefined()
    const onExamMorning = { ...t, payment_deadline: '2026-12-10T08:00:00+08:00' }
    expect(planTimesError(onExamMorning)?.field).toBe('payment_deadline')
  })
})
