import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Remittance } from '@/api/payment-types'
import type { Role } from '@/api/types'
import { me } from './fixtures'

const fin = vi.hoisted(() => ({ confirmRemittance: vi.fn(), rejectRemittance: vi.fn(), resolveSurplus: vi.fn() }))
const pays = vi.hoisted(() => ({ getRemittance: vi.fn(), getPlanPayment: vi.fn() }))
const ui = vi.hoisted(() => ({ showConfirmDialog: vi.fn(), showToast: vi.fn() }))
vi.mock('@/api/finance', () => fin)
vi.mock('@/api/payments', () => pays)
vi.mock('@/api/meta', () => ({ getEnums: vi.fn(async () => ({ payment_statuses: [
  { value: 'unpaid', label: '待支付' }, { value: 'offline_confirmed', label: '线下已确认' },
] })) }))
vi.mock('vant', async (importOriginal) => ({ ...(await importOriginal<typeof import('vant')>()), ...ui }))
vi.mock('vue-router', () => ({ useRouter: () => ({ back: vi.fn(), replace: vi.fn() }) }))

import { useAuthStore } from '@/stores/auth'
import RemittanceDetailView from '../RemittanceDetailView.vue'

const pending: Remittance = {
  id: 3, plan_id: 7, plan_name: '20261220-广东省华立高级技工学校', institution_name: '广东省华立高级技工学校',
  amount_fen: 24000, payer: '广东省华立高级技工学校', bank_serial: 'CMB0001', paid_on: '2026-11-20', note: '11月第一批',
  status: 'pending', reason: null, count: 2,
  vouchers: [
    { id: 'f9', url: '/api/files/9?sig=a', content_type: 'image/jpeg', size: 1024, width: 800, height: 600 },
    { id: 'f10', url: '/api/files/10?sig=b', content_type: 'image/jpeg', size: 1024, width: 800, height: 600 },
  ],
  created_by: '陈老师', created_at: '2026-11-20 15:00:00', reviewed_by: null, reviewed_at: null,
  registrations: [
    { registration_id: 'a', name: '张三', item_label: '电工 四级', fee_fen: 12000, payment_status: 'unpaid', item_id: 1 },
    { registration_id: 'b', name: '李四', item_label: '电工 四级', fee_fen: 12000, payment_status: 'unpaid', item_id: 2 },
  ],
}

let wrapper: VueWrapper
const hook = (id: string) => wrapper.find(`[data-testid="${id}"]`)

async function mountAs(role: Role) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe(me(role))
  wrapper = mount(RemittanceDetailView, { props: { id: 3 }, global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  ui.showConfirmDialog.mockResolvedValue('confirm')
  pays.getRemittance.mockResolvedValue(structuredClone(pending))
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('线下汇款详情', () => {
  it('shows the remittance, its vouchers and the covered registrations', async () => {
    await mountAs('centre_finance')
    expect(pays.getRemittance).toHaveBeenCalledWith(3)
    expect(hook('remittance-amount').text()).toBe('¥240.00')
    expect(hook('remittance-status').text()).toBe('待确认')
    expect(wrapper.findAll('[data-testid="voucher-thumb"]')).toHaveLength(2)
    const regs = hook('remittance-registrations').text()
    expect(regs).toContain('张三')
    expect(regs).toContain('待支付')
    expect(hook('remittance-mismatch').exists()).toBe(false)
  })

  it('confirms the money arrived after a confirmation naming the amount and serial', async () => {
    const confirmed = { ...pending, status: 'confirmed' as const, reviewed_by: '王财务', reviewed_at: '2026-11-21 09:00:00', registrations: undefined }
    fin.confirmRemittance.mockResolvedValue(confirmed)
    await mountAs('centre_finance')
    pays.getRemittance.mockResolvedValue({
      ...confirmed, registrations: pending.registrations?.map((r) => ({ ...r, payment_status: 'offline_confirmed' })),
    })
    await hook('remittance-confirm').trigger('click')
    await flushPromises()
    expect(ui.showConfirmDialog).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('¥240.00（银行流水号 CMB0001）') }))
    expect(fin.confirmRemittance).toHaveBeenCalledWith(3)
    expect(hook('remittance-status').text()).toBe('已确认')
    expect(hook('remittance-confirm').exists()).toBe(false)
    expect(hook('remittance-registrations').text()).toContain('线下已确认')
  })

  it('does nothing when the confirmation is cancelled', async () => {
    ui.showConfirmDialog.mockRejectedValue('cancel')
    await mountAs('centre_finance')
    await hook('remittance-confirm').trigger('click')
    await flushPromises()
    expect(fin.confirmRemittance).not.toHaveBeenCalled()
  })

  it('rejects with a 2–200 character reason', async () => {
    fin.rejectRemittance.mockResolvedValue({ ...pending, status: 'rejected', reason: '未查到该笔到账' })
    await mountAs('centre_finance')
    await hook('remittance-reject').trigger('click')
    await flushPromises()
    const textarea = document.body.querySelector<HTMLTextAreaElement>('[data-test="reason-input"] textarea')!
    textarea.value = '无'
    textarea.dispatchEvent(new Event('input'))
    await flushPromises()
    document.body.querySelector<HTMLElement>('[data-test="reason-confirm"]')?.click()
    await flushPromises()
    expect(fin.rejectRemittance).not.toHaveBeenCalled()
    textarea.value = '未查到该笔到账'
    textarea.dispatchEvent(new Event('input'))
    await flushPromises()
    document.body.querySelector<HTMLElement>('[data-test="reason-confirm"]')?.click()
    await flushPromises()
    expect(fin.rejectRemittance).toHaveBeenCalledWith(3, '未查到该笔到账')
    expect(hook('remittance-reason').text()).toContain('未查到该笔到账')
    expect(hook('remittance-registrations').text()).toContain('张三') // kept from before
  })

  it('is read-only for the administrator', async () => {
    await mountAs('admin')
    expect(hook('remittance-confirm').exists()).toBe(false)
    expect(hook('remittance-reject').exists()).toBe(false)
    expect(wrapper.text()).toContain('仅供查看')
  })

  describe('多收 of a confirmed remittance', () => {
    const confirmed: Remittance = {
      ...pending, status: 'confirmed', reviewed_by: '王财务', reviewed_at: '2026-11-21 09:00:00',
      registrations: [
        { registration_id: 'a', name: '张三', item_label: '电工 四级', fee_fen: 12000, payment_status: 'offline_confirmed',
          item_id: 11, outcome: 'applied', note: null, resolution: null },
        { registration_id: 'b', name: '李四', item_label: '电工 四级', fee_fen: 12000, payment_status: 'paid',
          item_id: 12, outcome: 'surplus', note: '考生已微信支付', resolution: null },
      ],
    }
    const owing = (id: string, name: string, fee = 12000, inRemittance = false) => ({
      registration_id: id, name, id_number: '110105********002X', item_label: '电工 四级', fee_fen: fee, in_remittance: inRemittance,
    })

    beforeEach(() => {
      pays.getRemittance.mockResolvedValue(structuredClone(confirmed))
      fin.resolveSurplus.mockResolvedValue({})
    })

    it('shows each fee outcome and why a fee was not needed', async () => {
      await mountAs('centre_finance')
      expect(hook('remittance-surplus').text()).toContain('多收 ¥120.00（1 笔）')
      const rows = wrapper.findAll('[data-testid="covered-row"]')
      expect(rows[0].text()).toContain('线下已确认')
      expect(rows[1].find('[data-testid="covered-outcome"]').text()).toBe('多收')
      expect(hook('covered-note').text()).toBe('多收原因：考生已微信支付')
      expect(wrapper.findAll('[data-testid="surplus-actions"]')).toHaveLength(1)
    })

    it('returns a surplus to the institution after a confirmation', async () => {
      await mountAs('centre_finance')
      await hook('surplus-return').trigger('click')
      await flushPromises()
      expect(ui.showConfirmDialog).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('李四 的多收款 ¥120.00 通过银行退回 广东省华立高级技工学校') }))
      expect(fin.resolveSurplus).toHaveBeenCalledWith(12, 'return', undefined)
      expect(pays.getRemittance).toHaveBeenCalledTimes(2) // read again
    })

    it('reapplies a surplus to an owing registration of the plan with the same fee', async () => {
      pays.getPlanPayment.mockResolvedValue({ outstanding_items: [
        owing('c', '王五'), owing('d', '赵六', 15000), owing('e', '孙七', 12000, true),
      ] })
      await mountAs('centre_finance')
      await hook('surplus-reapply').trigger('click')
      await flushPromises()
      expect(pays.getPlanPayment).toHaveBeenCalledWith(7)
      const choices = [...document.body.querySelectorAll<HTMLElement>('.van-action-sheet__item')]
      expect(choices.map((c) => c.querySelector('.van-action-sheet__name')?.textContent)).toEqual(['王五'])
      choices[0].click()
      await flushPromises()
      expect(ui.showConfirmDialog).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('转抵 王五 的报名费') }))
      expect(fin.resolveSurplus).toHaveBeenCalledWith(12, 'reapply', 'c')
    })

    it('counts a reapplied surplus once when checking the amount', async () => {
      const moved = structuredClone(confirmed)
      moved.registrations![1].resolution = 'reapplied'
      moved.registrations!.push({ registration_id: 'c', name: '王五', item_label: '电工 四级', fee_fen: 12000,
        payment_status: 'offline_confirmed', item_id: 13, outcome: 'applied', note: '由结余转抵（原报名 李四）', resolution: null })
      pays.getRemittance.mockResolvedValue(moved)
      await mountAs('centre_finance')
      expect(wrapper.findAll('[data-testid="covered-outcome"]')[0].text()).toBe('多收·已转抵')
      expect(hook('remittance-mismatch').exists()).toBe(false)
    })

    it('changes nothing when the confirmation is cancelled', async () => {
      ui.showConfirmDialog.mockRejectedValue('cancel')
      await mountAs('centre_finance')
      await hook('surplus-return').trigger('click')
      await flushPromises()
      expect(fin.resolveSurplus).not.toHaveBeenCalled()
    })

    it('shows a resolved surplus without actions, and none to the administrator', async () => {
      const done = structuredClone(confirmed)
      done.registrations![1].resolution = 'returned'
      pays.getRemittance.mockResolvedValue(done)
      await mountAs('centre_finance')
      expect(wrapper.findAll('[data-testid="covered-outcome"]')[0].text()).toBe('多收·已退回机构')
      expect(hook('surplus-actions').exists()).toBe(false)
      expect(hook('remittance-surplus').exists()).toBe(false)
      wrapper.unmount()
      pays.getRemittance.mockResolvedValue(structuredClone(confirmed))
      await mountAs('admin')
      expect(hook('remittance-surplus').exists()).toBe(true)
      expect(hook('surplus-actions').exists()).toBe(false)
    })
  })
})
