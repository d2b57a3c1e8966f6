import { describe, expect, it } from 'vitest'
import type { EnumKind } from '@/api/types'
import { historyActionLabel, LOCAL_LABELS, SERVED_LABELS, statusLabel, statusLook, type StatusKind } from '../status'

describe('statusLook', () => {
  it('colours every registration status once, for candidates and staff alike', () => {
    expect(statusLook('registration', 'pending')).toEqual({ type: 'warning', plain: false })
    expect(statusLook('registration', 'returned')).toEqual({ type: 'danger', plain: true })
    expect(statusLook('registration', 'rejected')).toEqual({ type: 'danger', plain: false })
    expect(statusLook('registration', 'approved')).toEqual({ type: 'success', plain: false })
    expect(statusLook('registration', 'submitted')).toEqual({ type: 'primary', plain: false })
    expect(statusLook('registration', 'scored')).toEqual({ type: 'success', plain: false })
    expect(statusLook('registration', 'withdrawn')).toEqual({ type: 'default', plain: false })
  })

  it('draws 待支付 as something to do and both kinds of payment as settled', () => {
    expect(statusLook('payment', 'unpaid')).toEqual({ type: 'warning', plain: false })
    expect(statusLook('payment', 'paid')).toEqual({ type: 'success', plain: false })
    expect(statusLook('payment', 'offline_confirmed')).toEqual({ type: 'success', plain: false })
    expect(statusLook('payment', 'refunding')).toEqual({ type: 'warning', plain: true })
    expect(statusLook('payment', 'refunded')).toEqual({ type: 'default', plain: false })
  })

  it('tells 退回修改 from 申请不通过 by an outline', () => {
    const returned = statusLook('registration', 'returned')
    const rejected = statusLook('registration', 'rejected')
    expect(returned.type).toBe(rejected.type)
    expect(returned.plain).not.toBe(rejected.plain)
  })

  it('gives the same colour to the same meaning across state machines', () => {
    for (const kind of ['correction', 'remittance'] as const) {
      expect(statusLook(kind, 'pending').type).toBe('warning')
      expect(statusLook(kind, 'rejected').type).toBe('danger')
    }
    expect(statusLook('correction', 'approved').type).toBe('success')
    expect(statusLook('remittance', 'confirmed').type).toBe('success')
    expect(statusLook('plan', 'published').type).toBe('success')
    expect(statusLook('plan', 'draft').type).toBe('default')
    expect(statusLook('order', 'paid').type).toBe('success')
    expect(statusLook('refund', 'success').type).toBe('success')
    expect(statusLook('refund', 'abnormal').type).toBe('danger')
    expect(statusLook('reconciliation', 'failed').type).toBe('danger')
  })

  it('draws a plan’s stage as an outline beside its status', () => {
    for (const s of ['open', 'submitted', 'ended']) expect(statusLook('plan_stage', s).plain).toBe(true)
  })

  it('draws a status it does not know as a grey outline, and never fails on a missing one', () => {
    expect(statusLook('registration', 'something_new')).toEqual({ type: 'default', plain: true })
    expect(statusLook('payment', null)).toEqual({ type: 'default', plain: true })
    expect(statusLook('payment', undefined)).toEqual({ type: 'default', plain: true })
    // Object.prototype's names are not statuses.
    expect(statusLook('order', 'toString')).toEqual({ type: 'default', plain: true })
  })
})

describe('statusLabel', () => {
  const served: Record<string, string> = { 'registration_statuses:pending': '待审核', 'payment_statuses:unpaid': '待支付' }
  const labelOf = (kind: EnumKind, v: string | null | undefined) => served[`${kind}:${v}`] ?? v ?? ''

  it('names a status the server serves with the server’s label', () => {
    expect(statusLabel('registration', 'pending', labelOf)).toBe('待审核')
    expect(statusLabel('payment', 'unpaid', labelOf)).toBe('待支付')
  })

  it('names the statuses the server does not serve itself', () => {
    expect(statusLabel('remittance', 'confirmed')).toBe('已确认')
    expect(statusLabel('order', 'closed')).toBe('已关闭')
    expect(statusLabel('refund', 'abnormal')).toBe('退款异常')
    expect(statusLabel('reconciliation', 'no_statement', labelOf)).toBe('当日无交易')
  })

  it('falls back to the code', () => {
    expect(statusLabel('remittance', 'new_one')).toBe('new_one')
    expect(statusLabel('registration', 'new_one', () => '')).toBe('new_one')
  })

  it('names every status of the kinds it names itself, and colours each of them', () => {
    const unknown = statusLook('order', 'no_such_status')
    for (const kind of Object.keys(LOCAL_LABELS) as StatusKind[]) {
      expect(SERVED_LABELS[kind]).toBeUndefined()
      for (const status of Object.keys(LOCAL_LABELS[kind]!)) {
        expect(statusLook(kind, status)).not.toBe(unknown)
      }
    }
  })
})

describe('historyActionLabel', () => {
  it('words each action of a registration’s history the same for the candidate and the staff', () => {
    expect(historyActionLabel('apply')).toBe('提交报名')
    expect(historyActionLabel('enter')).toBe('机构录入报名')
    expect(historyActionLabel('return')).toBe('退回修改')
    expect(historyActionLabel('something_new')).toBe('something_new')
  })
})
