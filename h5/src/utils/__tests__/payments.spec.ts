import type { PaymentStatus } from '@/api/payment-types'
import { describe, expect, it } from 'vitest'
import {
  bridgeResultOf, emptyRemittance, formatTime, paymentShown, payErrorText, refundReasonError, reapplyTargets, remittable, remittableFen, remittanceErrors, remittanceFieldOf, remittanceReq, selectedFen, surplusText, today, voucherFileError, withdrawMessage, yesterday, type RemittanceForm,
} from '../payments'
import { fenToYuan, formatFen, yuanToFen } from '../money'

describe('money in fen', () => {
  it('shows fen as yuan with two decimals, without floating-point loss', () => {
    expect(formatFen(12000)).toBe('¥120.00')
    expect(formatFen(36001)).toBe('¥360.01')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(0)).toBe('¥0.00')
    expect(formatFen(-1250)).toBe('-¥12.50')
    expect(formatFen(null)).toBe('--')
    expect(fenToYuan(36000)).toBe('360.00')
    expect(fenToYuan(1999999)).toBe('19999.99')
  })

  it('parses what is typed in yuan into fen exactly', () => {
    expect(yuanToFen('360')).toBe(36000)
    expect(yuanToFen('360.5')).toBe(36050)
    expect(yuanToFen(' 360.00 ')).toBe(36000)
    expect(yuanToFen('0.1')).toBe(10)
    expect(yuanToFen('19.99')).toBe(1999) // 19.99 * 100 is 1998.9999999999998 in floating point
    expect(yuanToFen('360.001')).toBeNull()
    expect(yuanToFen('-1')).toBeNull()
    expect(yuanToFen('¥360')).toBeNull()
    expect(yuanToFen('')).toBeNull()
  })
})

describe('WeChat Pay', () => {
  it('reads the cashier answer', () => {
    expect(bridgeResultOf('get_brand_wcpay_request:ok')).toBe('ok')
    expect(bridgeResultOf('get_brand_wcpay_request:cancel')).toBe('cancel')
    expect(bridgeResultOf('get_brand_wcpay_request:fail')).toBe('fail')
    expect(bridgeResultOf('get_brand_wcpay_request:fail_nopermission')).toBe('fail')
    expect(bridgeResultOf(undefined)).toBe('fail')
  })

  it('words the refusals for candidates and keeps unknown ones as the server said', () => {
    expect(payErrorText('wechat_not_bound', 'x')).toContain('绑定微信')
    expect(payErrorText('payment_closed', 'x')).toContain('缴费截止时间')
    expect(payErrorText('mystery', '服务器说明')).toBe('服务器说明')
  })

  it('shows the 缴费 section only where something is or was due', () => {
    const r = { status: 'approved', payment_status: 'unpaid', can_pay: false, item: { fee_fen: 12000 } } as const
    expect(paymentShown({ ...r, can_pay: true })).toBe(true)
    expect(paymentShown(r)).toBe(true) // approved, past the deadline: still explained
    expect(paymentShown({ ...r, status: 'pending' })).toBe(false)
    expect(paymentShown({ ...r, item: { fee_fen: 0 } })).toBe(false)
    expect(paymentShown({ ...r, status: 'withdrawn', payment_status: 'refunded' })).toBe(true)
  })

  it('warns that a paid fee goes back when an approved registration is withdrawn', () => {
    expect(withdrawMessage({ status: 'approved', payment_status: 'paid' })).toContain('已缴纳的报名费将原路退回')
    expect(withdrawMessage({ status: 'approved', payment_status: 'unpaid' })).not.toContain('退回')
    expect(withdrawMessage({ status: 'pending', payment_status: 'unpaid' })).toContain('确定撤回吗')
  })

  it('shows the contract times to the minute', () => {
    expect(formatTime('2026-11-21 10:30:15')).toBe('2026-11-21 10:30')
    expect(formatTime(null)).toBe('')
  })

  it('counts days in the browser zone', () => {
    const now = new Date(2026, 0, 1, 9, 0)
    expect(today(now)).toBe('2026-01-01')
    expect(yesterday(now)).toBe('2025-12-31')
  })
})

describe('登记线下汇款', () => {
  const good: RemittanceForm = { amount: '360.00', payer: '华立学校', bank_serial: 'CMB-2026112000123', paid_on: '2026-11-20', note: '' }
  const ctx = { vouchers: 1, expectedFen: 36000, today: '2026-11-21' }

  it('accepts a complete form', () => {
    expect(remittanceErrors(good, ctx)).toEqual({})
    expect(remittanceErrors({ ...good, amount: '360', paid_on: '2026-11-21' }, ctx)).toEqual({})
  })

  it('starts from the outstanding total', () => {
    expect(emptyRemittance(36000).amount).toBe('360.00')
    expect(emptyRemittance(0).amount).toBe('')
    const plan = {
      outstanding_items: [
        { registration_id: 'a', name: '', id_number: '', item_label: '', fee_fen: 12000, in_remittance: false, payment_status: 'unpaid' as const },
        { registration_id: 'b', name: '', id_number: '', item_label: '', fee_fen: 12000, in_remittance: true, payment_status: 'unpaid' as const },
        { registration_id: 'c', name: '', id_number: '', item_label: '', fee_fen: 24000, in_remittance: false, payment_status: 'unpaid' as const },
      ],
    }
    expect(remittable(plan).map((i) => i.registration_id)).toEqual(['a', 'c'])
    expect(remittableFen(plan)).toBe(36000)
  })

  it.each<[Partial<RemittanceForm>, string, string]>([
    [{ amount: '' }, 'amount', '请填写汇款金额'],
    [{ amount: '36o' }, 'amount', '最多两位小数'],
    [{ amount: '0' }, 'amount', '应大于 0'],
    [{ amount: '350.00' }, 'amount', '¥360.00'],
    [{ payer: '' }, 'payer', '请填写付款人'],
    [{ payer: '华' }, 'payer', '2–50'],
    [{ payer: '华'.repeat(51) }, 'payer', '2–50'],
    [{ bank_serial: '' }, 'bank_serial', '请填写银行流水号'],
    [{ bank_serial: 'abc' }, 'bank_serial', '4–64'],
    [{ bank_serial: '流水12345' }, 'bank_serial', '字母、数字'],
    [{ bank_serial: 'A'.repeat(65) }, 'bank_serial', '4–64'],
    [{ paid_on: '' }, 'paid_on', '请选择汇款日期'],
    [{ paid_on: '2026-11-22' }, 'paid_on', '不能晚于今天'],
    [{ note: '注'.repeat(201) }, 'note', '200'],
  ])('refuses %o on %s', (change, field, text) => {
    expect(remittanceErrors({ ...good, ...change }, ctx)[field as keyof RemittanceForm]).toContain(text)
  })

  it('wants one to five vouchers of JPG/PNG up to 2 MB', () => {
    expect(remittanceErrors(good, { ...ctx, vouchers: 0 }).vouchers).toBe('请上传汇款凭证图片')
    expect(remittanceErrors(good, { ...ctx, vouchers: 6 }).vouchers).toContain('最多 5 张')
    expect(remittanceErrors(good, { ...ctx, vouchers: 5 }).vouchers).toBeUndefined()
    expect(voucherFileError({ type: 'image/png', size: 2 * 1024 * 1024 })).toBeUndefined()
    expect(voucherFileError({ type: 'image/png', size: 2 * 1024 * 1024 + 1 })).toContain('2MB')
    expect(voucherFileError({ type: 'application/pdf', size: 10 })).toContain('JPG 或 PNG')
  })

  it('builds the request with the amount as the server writes it', () => {
    const file = new File(['x'], 'v.jpg', { type: 'image/jpeg' })
    expect(remittanceReq({ ...good, amount: '360', payer: ' 华立学校 ', note: '  ' }, [file])).toEqual({
      amount: '360.00', payer: '华立学校', bank_serial: 'CMB-2026112000123', paid_on: '2026-11-20', vouchers: [file],
    })
    expect(remittanceReq({ ...good, note: ' 11月汇款 ' }, []).note).toBe('11月汇款')
    expect(remittanceReq(good, [file], ['a', 'b']).registration_ids).toEqual(['a', 'b'])
  })

  it('puts the server refusals on their fields', () => {
    expect(remittanceFieldOf('remittance_amount_mismatch', 422)).toBe('amount')
    expect(remittanceFieldOf('voucher_required', 400)).toBe('vouchers')
    expect(remittanceFieldOf('http_413', 413)).toBe('vouchers')
    expect(remittanceFieldOf('unsupported_image', 415)).toBe('vouchers')
    expect(remittanceFieldOf('nothing_outstanding', 409)).toBeNull()
  })
})

describe('退款原因', () => {
  it('is 2–80 characters', () => {
    expect(refundReasonError('')).toBe('请填写退款原因')
    expect(refundReasonError('退')).toContain('2–80')
    expect(refundReasonError('考生放弃考试')).toBeUndefined()
    expect(refundReasonError('退'.repeat(80))).toBeUndefined()
    expect(refundReasonError('退'.repeat(81))).toContain('2–80')
  })
})

describe('多收 and the chosen registrations', () => {
  const it_ = (id: string, fee: number, inRemittance = false, payment_status: PaymentStatus = 'unpaid') => ({
    registration_id: id, name: id, id_number: '', item_label: '', fee_fen: fee, in_remittance: inRemittance, payment_status,
  })
  it('writes a surplus as 多收 ¥x（n 笔）, and nothing when there is none', () => {
    expect(surplusText(2, 30000)).toBe('多收 ¥300.00（2 笔）')
    expect(surplusText(0, 0)).toBe('')
    expect(surplusText()).toBe('')
  })
  it('sums the fees of the chosen registrations', () => {
    const items = [it_('a', 12000), it_('b', 15000), it_('c', 12000)]
    expect(selectedFen(items, ['a', 'c'])).toBe(24000)
    expect(selectedFen(items, [])).toBe(0)
  })
  it('reapplies only to owing registrations with the same fee, in no remittance and not refunding', () => {
    const plan = { outstanding_items: [it_('a', 12000), it_('b', 15000), it_('c', 12000, true), it_('d', 12000, false, 'refunding')] }
    expect(reapplyTargets(plan, { fee_fen: 12000 }).map((i) => i.registration_id)).toEqual(['a'])
  })
})
