import { describe, expect, it } from 'vitest'
import type { PlanReq } from '@/api/plan-types'
import { feeError, itemToReq, planNamePreview, planTimesError, splitDateTime, subjectError, toRfc3339 } from '../plans'
import { fenToYuan, formatFen, yuanToFen } from '../money'

describe('yuan and fen', () => {
  it('parses yuan as text, so that no floating-point error creeps in', () => {
    expect(yuanToFen('120.1')).toBe(12010)
    expect(yuanToFen('0.07')).toBe(7)
    expect(yuanToFen('1.15')).toBe(115) // 1.15 * 100 = 114.99999999999999 in floating point
    expect(yuanToFen('120')).toBe(12000)
    expect(yuanToFen(' 120.00 ')).toBe(12000)
    expect(yuanToFen('0')).toBe(0)
  })

  it('refuses what is not an amount of yuan with at most two decimals', () => {
    for (const bad of ['abc', '', '-1', '1.234', '1,5', '.5', '1e3', '12 0']) expect(yuanToFen(bad)).toBeNull()
    expect(feeError('abc')).toBe('请输入金额（元），最多两位小数')
    expect(feeError('10000.01')).toBe('报名费不能超过 10000 元')
    expect(feeError('10000')).toBeUndefined()
  })

  it('shows fen as yuan with two decimals', () => {
    expect(fenToYuan(12010)).toBe('120.10')
    expect(fenToYuan(7)).toBe('0.07')
    expect(formatFen(12000)).toBe('¥120.00')
  })
})

describe('planNamePreview', () => {
  it('names the plan after the exam date and the institution', () => {
    expect(planNamePreview('2026-12-20', '广东省华立高级技工学校')).toBe('20261220-广东省华立高级技工学校')
  })

  it('has no preview before an exam date is picked', () => {
    expect(planNamePreview('', '测试机构')).toBe('')
  })
})

describe('times', () => {
  it('writes a local date and time as RFC 3339 with the offset and reads it back', () => {
    const v = toRfc3339('2026-11-01', '09:05')
    expect(v).toMatch(/^2026-11-01T09:05:00[+-]\d{2}:\d{2}$/)
    expect(splitDateTime(v)).toEqual({ date: '2026-11-01', time: '09:05' })
    expect(splitDateTime('')).toBeNull()
  })
})

describe('planTimesError', () => {
  const t = (date: string, time: string) => toRfc3339(date, time)
  const ok: PlanReq = {
    exam_date: '2026-12-20',
    reg_start: t('2026-11-01', '09:00'),
    reg_end: t('2026-11-30', '17:00'),
    review_deadline: t('2026-12-02', '17:00'),
    payment_deadline: t('2026-12-05', '17:00'),
    ticket_start: t('2026-12-15', '09:00'),
    ticket_end: t('2026-12-20', '08:00'),
    announcement: '',
    notice: '',
    conditions: '',
    max_occupations: 2,
  }

  it('accepts times in order, with equal deadlines allowed', () => {
    expect(planTimesError(ok)).toBeUndefined()
    expect(planTimesError({ ...ok, review_deadline: ok.reg_end, payment_deadline: ok.reg_end })).toBeUndefined()
  })

  it('names the first missing time', () => {
    expect(planTimesError({ ...ok, reg_end: '' })).toEqual({ field: 'reg_end', message: '请选择报名截止时间' })
  })

  it('names the pair that is out of order', () => {
    expect(planTimesError({ ...ok, reg_end: ok.reg_start })?.field).toBe('reg_end')
    expect(planTimesError({ ...ok, review_deadline: t('2026-11-30', '16:59') })?.field).toBe('review_deadline')
    expect(planTimesError({ ...ok, payment_deadline: t('2026-12-01', '09:00') })?.field).toBe('payment_deadline')
    expect(planTimesError({ ...ok, exam_date: '2026-11-30' })).toEqual({
      field: 'exam_date',
      message: '考试日期须晚于报名截止时间',
    })
    expect(planTimesError({ ...ok, payment_deadline: t('2026-12-20', '00:00') })?.message).toBe('缴费截止时间须早于考试日期')
    expect(planTimesError({ ...ok, ticket_end: ok.ticket_start })?.field).toBe('ticket_end')
  })

  it('lets the ticket window end at the end of the exam day, not later', () => {
    expect(planTimesError({ ...ok, ticket_end: t('2026-12-20', '23:59') })).toBeUndefined()
    expect(planTimesError({ ...ok, ticket_end: t('2026-12-21', '00:00') })?.message).toBe('准考证打印结束时间不能晚于考试日期当天')
  })
})

describe('subjects', () => {
  const regEnd = toRfc3339('2026-11-30', '17:00')
  const s = { subject: 'theory' as const, answer_mode: 'ata' as const, date: '2026-12-20', start: '09:00', end: '10:30' }

  it('checks the order of a subject time and its date against the registration end', () => {
    expect(subjectError(s, regEnd)).toBeUndefined()
    expect(subjectError({ ...s, end: '09:00' }, regEnd)).toBe('结束时间须晚于开始时间')
    expect(subjectError({ ...s, date: '2026-11-29' }, regEnd)).toBe('考试日期不能早于报名截止日期')
    expect(subjectError({ ...s, date: null }, regEnd)).toBe('请选择考试日期')
    expect(subjectError({ ...s, date: null, start: null, end: null }, regEnd)).toBeUndefined()
  })

  it('sends an item back whole with its edited subjects', () => {
    const item = {
      id: 8, occupation_id: 3, occupation_code: '6-31-01-03', occupation_name: '电工', job_type: '', level: 'level4',
      level_label: '四级/中级工', fee_fen: 12000, expected_count: 30, required_documents: ['学历证书'],
      subjects: [{ ...s, date: null, start: null, end: null }], registration_count: 0,
    }
    expect(itemToReq(item, [s])).toEqual({
      occupation_id: 3, job_type: '', level: 'level4', fee_fen: 12000, expected_count: 30,
      required_documents: ['学历证书'], subjects: [s],
    })
  })
})
