import { describe, expect, it } from 'vitest'
import type { Profile } from '@/api/types'
import {
  applyButtonText, blockingMissing, documentFileError, documentsBody, formatDate, missingDocuments, profileSummary, refusalNextStep, returnedCount, showPayment, windowDates, windowState,
} from '../registration'
import { formatFen } from '../money'

const MB = 1024 * 1024
const ref = (id: number) => ({ id: String(id), url: `/f/${id}`, content_type: 'image/png', size: 1, width: 1, height: 1 })

describe('money', () => {
  it('shows integer fen as yuan with two decimals', () => {
    expect(formatFen(12000)).toBe('¥120.00')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(0)).toBe('¥0.00')
    expect(formatFen(123456)).toBe('¥1234.56')
    expect(formatFen(1000000)).toBe('¥10000.00')
    expect(formatFen(-250)).toBe('-¥2.50')
  })

  it('does not lose a fen to floating point', () => {
    expect(formatFen(1999)).toBe('¥19.99')
    expect(formatFen(29)).toBe('¥0.29')
  })

  it('shows a dash for a missing amount', () => {
    expect(formatFen(null)).toBe('--')
    expect(formatFen(undefined)).toBe('--')
  })
})

describe('the registration window', () => {
  const start = '2026-06-01T09:00:00+08:00'
  const end = '2026-07-30T17:00:00+08:00'

  it('is shown as dates like the guide', () => {
    expect(formatDate('2026-12-20')).toBe('2026-12-20')
    expect(windowDates('2026-06-01T09:00:00+08:00', '2026-07-30T17:00:00+08:00')).toMatch(
      /^2026-06-01~2026-07-3[01]$/,
    )
  })

  it('knows whether it has started or ended', () => {
    expect(windowState(start, end, new Date('2026-05-31T00:00:00+08:00'))).toBe('not_started')
    expect(windowState(start, end, new Date('2026-06-15T00:00:00+08:00'))).toBe('open')
    expect(windowState(start, end, new Date('2026-07-30T17:00:01+08:00'))).toBe('closed')
  })

  it('names the grey button after the reason', () => {
    expect(applyButtonText(true, null)).toBe('报名')
    expect(applyButtonText(false, 'not_started')).toBe('未开始')
    expect(applyButtonText(false, 'closed')).toBe('已截止')
    expect(applyButtonText(false, null)).toBe('已截止')
  })
})

describe('document files', () => {
  it('accepts JPG and PNG phone photos up to 15 MB (they are shrunk before and after upload)', () => {
    expect(documentFileError({ type: 'image/jpeg', size: 8 * MB })).toBeUndefined()
    expect(documentFileError({ type: 'image/jpeg', size: 15 * MB })).toBeUndefined()
    expect(documentFileError({ type: 'image/png', size: 10 })).toBeUndefined()
  })

  it('refuses other types and larger files with a Chinese message', () => {
    expect(documentFileError({ type: 'application/pdf', size: 10 })).toBe('仅支持 JPG 或 PNG 格式的图片')
    expect(documentFileError({ type: 'image/gif', size: 10 })).toBe('仅支持 JPG 或 PNG 格式的图片')
    expect(documentFileError({ type: 'image/png', size: 15 * MB + 1 })).toBe('图片不能超过 15MB')
  })

  it('lists what is still missing and builds the body in the plan order', () => {
    const required = ['学历证书', '工作年限证明']
    expect(missingDocuments(required, { 工作年限证明: ref(2) })).toEqual(['学历证书'])
    expect(missingDocuments(required, { 学历证书: ref(1), 工作年限证明: ref(2) })).toEqual([])
    expect(documentsBody(required, { 其他: ref(9), 工作年限证明: ref(2), 学历证书: ref(1), 空: null })).toEqual([
      { name: '学历证书', file_id: '1' },
      { name: '工作年限证明', file_id: '2' },
      { name: '其他', file_id: '9' },
    ])
  })
})

describe('the payment tag', () => {
  it('hides 待支付 where nothing is owed', () => {
    expect(showPayment({ status: 'pending', payment_status: 'unpaid' })).toBe(true)
    expect(showPayment({ status: 'withdrawn', payment_status: 'unpaid' })).toBe(false)
    expect(showPayment({ status: 'rejected', payment_status: 'refunded' })).toBe(true)
  })

  it('counts the returned registrations', () => {
    expect(returnedCount([{ status: 'returned' }, { status: 'pending' }, { status: 'returned' }])).toBe(2)
    expect(returnedCount([])).toBe(0)
  })
})

describe('refusals', () => {
  it('offers a next step that fits the refusal', () => {
    expect(refusalNextStep('already_registered')).toEqual({ confirmText: '查看我的报名', to: { name: 'my-registrations' } })
    expect(refusalNextStep('occupation_limit').to).toEqual({ name: 'my-registrations' })
    expect(refusalNextStep('profile_incomplete').to).toEqual({ name: 'profile' })
    expect(refusalNextStep('photo_required').to).toEqual({ name: 'profile', query: { tab: 'docs' } })
    expect(refusalNextStep('registration_not_open').to).toEqual({ name: 'plans' })
    expect(refusalNextStep('documents_missing')).toEqual({ confirmText: '知道了', to: null })
  })
})

describe('the profile step', () => {
  const completeness = {
    complete: false,
    missing: [{ field: 'education', label: '文化程度' }, { field: 'photo', label: '个人照片' }],
  }

  it('is blocked by missing fields but not by the photo, which step 3 uploads', () => {
    expect(blockingMissing(completeness)).toEqual([{ field: 'education', label: '文化程度' }])
    expect(blockingMissing({ complete: false, missing: [{ field: 'photo', label: '个人照片' }] })).toEqual([])
  })

  it('summarises the profile with enum labels', () => {
    const p = { name: '张三', gender: 'female', work_years: 0, education: null } as unknown as Profile
    const rows = profileSummary(p, (kind, v) => (kind === 'genders' && v === 'female' ? '女' : (v ?? '')))
    expect(rows.find((r) => r.label === '性别')?.value).toBe('女')
    expect(rows.find((r) => r.label === '工龄（年）')?.value).toBe('0')
    expect(rows.find((r) => r.label === '文化程度')?.value).toBe('')
  })
})
