import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const { showToast } = vi.hoisted(() => ({ showToast: vi.fn() }))
vi.mock('vant', () => ({ showToast }))

import {
  confirmRemittance, downloadOrders, downloadReconciliation, getFinanceOverview, listFinanceRemittances, listOrders,
  refundRegistration, rejectRemittance, runReconciliation,
} from '../finance'
import { http } from '../http'
import { createRemittance, getPlanPayment, refreshPayment, startPayment } from '../payments'

let seen: InternalAxiosRequestConfig[] = []

function answer(status: number, data: unknown, headers: Record<string, string> = {}) {
  http.defaults.adapter = async (config) => {
    seen.push(config)
    const response = { status, statusText: '', data, headers: new AxiosHeaders(headers), config }
    if (status < 400) return response
    throw new AxiosError('failed', undefined, config, {}, response)
  }
}

const json = (c: InternalAxiosRequestConfig) => JSON.parse(c.data as string)

beforeEach(() => {
  seen = []
  vi.clearAllMocks()
})

describe('payments', () => {
  it('starts a payment for the official account channel, silently', async () => {
    answer(200, { out_trade_no: 'SK1', params: {} })
    await startPayment('r1')
    expect(seen[0]).toMatchObject({ method: 'post', url: '/registrations/r1/payment', silent: true })
    expect(json(seen[0])).toEqual({ channel: 'mp' })
  })

  it('leaves a refused payment to the caller (no toast)', async () => {
    answer(409, { code: 'wechat_not_bound', message: '请先在用户中心绑定微信' })
    await expect(startPayment('r1')).rejects.toMatchObject({ code: 'wechat_not_bound' })
    expect(showToast).not.toHaveBeenCalled()
  })

  it('refreshes and reads the plan summary', async () => {
    answer(200, {})
    await refreshPayment('r1')
    await getPlanPayment(7)
    expect(seen.map((c) => [c.method, c.url])).toEqual([['post', '/registrations/r1/payment/refresh'], ['get', '/plans/7/payments']])
  })

  it('sends a remittance as multipart with the contract field names', async () => {
    answer(201, { id: 3 })
    const a = new File(['a'], 'a.jpg', { type: 'image/jpeg' })
    const b = new File(['b'], 'b.png', { type: 'image/png' })
    await createRemittance(7, {
      amount: '360.00', payer: '华立', bank_serial: 'CMB0001', paid_on: '2026-11-20', note: '备注',
      registration_ids: ['x', 'y'], vouchers: [a, b],
    })
    expect(seen[0]).toMatchObject({ method: 'post', url: '/plans/7/remittances', silent: true })
    const form = seen[0].data as FormData
    expect(form.get('amount')).toBe('360.00')
    expect(form.get('payer')).toBe('华立')
    expect(form.get('bank_serial')).toBe('CMB0001')
    expect(form.get('paid_on')).toBe('2026-11-20')
    expect(form.get('note')).toBe('备注')
    expect(form.get('registration_ids')).toBe('x,y')
    expect(form.getAll('vouchers').map((f) => (f as File).name)).toEqual(['a.jpg', 'b.png'])
  })

  it('leaves optional remittance fields out', async () => {
    answer(201, { id: 3 })
    await createRemittance(7, { amount: '1.00', payer: '华立', bank_serial: 'CMB0001', paid_on: '2026-11-20', vouchers: [] })
    const form = seen[0].data as FormData
    expect(form.has('note')).toBe(false)
    expect(form.has('registration_ids')).toBe(false)
  })
})

describe('finance', () => {
  it('lists, confirms and rejects remittances', async () => {
    answer(200, [])
    await listFinanceRemittances('pending')
    await confirmRemittance(3)
    await rejectRemittance(3, ' 未到账 ')
    expect(seen[0]).toMatchObject({ url: '/finance/remittances', params: { status: 'pending' } })
    expect(seen[1]).toMatchObject({ method: 'post', url: '/finance/remittances/3/confirm' })
    expect(json(seen[2])).toEqual({ reason: '未到账' })
  })

  it('filters the overview by institution only when one is chosen', async () => {
    answer(200, {})
    await getFinanceOverview()
    await getFinanceOverview(4)
    expect(seen[0].params).toEqual({})
    expect(seen[1].params).toEqual({ institution_id: 4 })
  })

  it('searches orders page by page and exports the same search', async () => {
    answer(200, { total: 0, items: [] })
    await listOrders('  张三 ', 2, 20)
    await listOrders('', 1, 20)
    expect(seen[0].params).toEqual({ q: '张三', page: 2, page_size: 20 })
    expect(seen[1].params).toEqual({ page: 1, page_size: 20 })
    answer(200, new TextEncoder().encode('PK').buffer, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    await downloadOrders('张三')
    await downloadOrders()
    expect(seen[2].url).toBe(`/finance/orders/export.xlsx?q=${encodeURIComponent('张三')}`)
    expect(seen[3].url).toBe('/finance/orders/export.xlsx')
  })

  it('refunds silently with the trimmed reason', async () => {
    answer(200, {})
    await refundRegistration('r1', ' 考生放弃 ')
    expect(seen[0]).toMatchObject({ method: 'post', url: '/finance/registrations/r1/refund', silent: true })
    expect(json(seen[0])).toEqual({ reason: '考生放弃' })
  })

  it('runs a reconciliation and downloads its statement', async () => {
    answer(200, { date: '2026-11-20' })
    await runReconciliation('2026-11-20')
    expect(json(seen[0])).toEqual({ date: '2026-11-20' })
    answer(200, new TextEncoder().encode('PK').buffer, { 'content-disposition': "attachment; filename*=UTF-8''%E5%AF%B9%E8%B4%A6.xlsx" })
    const file = await downloadReconciliation('2026-11-20')
    expect(seen[1].url).toBe('/finance/reconciliations/2026-11-20/export.xlsx')
    expect(file.filename).toBe('对账.xlsx')
  })
})
