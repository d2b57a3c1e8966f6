import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { ApiError } from '@/api/http'
import type { Role } from '@/api/types'
import { me, reconciliation } from './fixtures'

const api = vi.hoisted(() => ({
  runReconciliation: vi.fn(), listReconciliations: vi.fn(), getReconciliation: vi.fn(), downloadReconciliation: vi.fn(),
}))
const saved = vi.hoisted(() => ({ saveBlob: vi.fn() }))
vi.mock('@/api/finance', () => api)
vi.mock('@/api/download', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/api/download')>()), ...saved }))

import { useAuthStore } from '@/stores/auth'
import { today, yesterday } from '@/utils/payments'
import ReconciliationView from '../ReconciliationView.vue'

let wrapper: VueWrapper
let router: Router
const hook = (id: string) => wrapper.find(`[data-testid="${id}"]`)

async function mountAs(role: Role, path = '/finance/reconciliations') {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe(me(role))
  router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/finance/reconciliations', name: 'finance-reconciliations', component: ReconciliationView }],
  })
  await router.push(path)
  wrapper = mount(ReconciliationView, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  window.scrollTo = vi.fn() as typeof window.scrollTo // jsdom has none
  api.getReconciliation.mockRejectedValue(new ApiError(404, 'reconciliation_not_found', '未对账'))
  api.listReconciliations.mockResolvedValue([])
})
afterEach(() => wrapper?.unmount())

describe('对账', () => {
  it('starts on yesterday and says when that day was not reconciled yet', async () => {
    await mountAs('centre_finance')
    expect(hook('recon-date').text()).toContain(yesterday())
    expect(api.getReconciliation).toHaveBeenCalledWith(yesterday())
    expect(hook('recon-none').text()).toContain('尚未对账')
    expect(hook('recon-history').text()).toContain('还没有对账记录')
  })

  it('runs today and shows the summary and the lines of every kind with their Chinese labels', async () => {
    api.runReconciliation.mockResolvedValue(reconciliation(today()))
    await mountAs('centre_finance')
    await hook('recon-today').trigger('click')
    await flushPromises()
    expect(hook('recon-date').text()).toContain(today())
    await hook('recon-run').trigger('click')
    await flushPromises()
    expect(api.runReconciliation).toHaveBeenCalledWith(today())
    expect(api.listReconciliations).toHaveBeenCalledTimes(2)

    expect(hook('recon-status').text()).toBe('已完成')
    const summary = hook('recon-summary')
    const counts = summary.findAll('.recon-summary__cell').map((c) => c.text())
    expect(counts).toEqual(['1一致', '1退款一致', '1已补单', '1微信有本地无', '1本地有微信无', '1金额不符', '1退款不符'])
    expect(summary.find('[data-testid="recon-count-matched"]').classes()).toContain('recon-summary__cell--good')
    expect(summary.find('[data-testid="recon-count-local_only"]').classes()).toContain('recon-summary__cell--bad')
    expect(summary.find('[data-testid="recon-count-refund_mismatch"]').classes()).toContain('recon-summary__cell--warn')
    expect(hook('recon-verdict').text()).toContain('发现 4 笔差异')

    const labels = ['一致', '已补单', '微信有本地无', '本地有微信无', '金额不符', '退款一致', '退款不符']
    const kinds = ['matched', 'repaired', 'wechat_only', 'local_only', 'amount_mismatch', 'refund_matched', 'refund_mismatch']
    kinds.forEach((k, i) => expect(hook(`recon-group-${k}`).text()).toContain(labels[i]))
    // the groups that need a look are open
    const shown = wrapper.findAll('[data-testid="recon-item"]').filter((x) => x.isVisible()).map((x) => x.attributes('data-kind'))
    expect(shown).toEqual(expect.arrayContaining(['repaired', 'wechat_only', 'local_only', 'amount_mismatch', 'refund_mismatch']))
    expect(hook('recon-group-amount_mismatch').text()).toContain('微信 ¥100.00')
    expect(hook('recon-group-refund_mismatch').text()).toContain('退款单 RF007')
    expect(hook('recon-group-repaired').text()).toContain('已查询补单')
  })

  it('says the bill is still being generated, or that there was no trade that day', async () => {
    api.runReconciliation.mockResolvedValueOnce(reconciliation(yesterday(), { status: 'creating', items: [] }))
    await mountAs('centre_finance')
    await hook('recon-run').trigger('click')
    await flushPromises()
    expect(hook('recon-notice').text()).toBe('微信账单生成中，请稍后再试')
    expect(hook('recon-summary').exists()).toBe(false)
    expect(hook('recon-download').exists()).toBe(false)

    api.runReconciliation.mockResolvedValueOnce(reconciliation(yesterday(), {
      status: 'no_statement', bill_rows: 0,
      summary: { matched: 0, repaired: 0, wechat_only: 0, local_only: 1, amount_mismatch: 0, refund_matched: 0, refund_mismatch: 0 },
      items: [{ kind: 'local_only', out_trade_no: 'SK9', transaction_id: null, out_refund_no: null, wechat_fen: null, local_fen: 100, note: '' }],
    }))
    await hook('recon-run').trigger('click')
    await flushPromises()
    expect(hook('recon-notice').text()).toBe('当日无微信交易')
    expect(hook('recon-count-local_only').attributes('data-count')).toBe('1')
  })

  it('downloads the statement of the shown day', async () => {
    const blob = new Blob(['xlsx'])
    api.getReconciliation.mockResolvedValue(reconciliation(yesterday()))
    api.downloadReconciliation.mockResolvedValue({ blob, filename: null })
    await mountAs('centre_finance')
    await hook('recon-download').trigger('click')
    await flushPromises()
    expect(api.downloadReconciliation).toHaveBeenCalledWith(yesterday())
    expect(saved.saveBlob).toHaveBeenCalledWith(blob, `对账单-${yesterday()}.xlsx`)
  })

  it('reopens a day from the history, and is read-only for the administrator', async () => {
    api.listReconciliations.mockResolvedValue([
      { date: '2026-11-18', status: 'done', ran_at: '2026-11-19 09:00:00', summary: reconciliation('2026-11-18').summary },
    ])
    api.getReconciliation.mockImplementation(async (d: string) => {
      if (d === '2026-11-18') return reconciliation(d)
      throw new ApiError(404, 'reconciliation_not_found', '未对账')
    })
    await mountAs('admin')
    expect(hook('recon-run').exists()).toBe(false)
    const row = hook('recon-history-row')
    expect(row.text()).toContain('一致 2 · 补单 1 · 差异 4')
    await row.trigger('click')
    await flushPromises()
    expect(api.getReconciliation).toHaveBeenLastCalledWith('2026-11-18')
    expect(router.currentRoute.value.query.date).toBe('2026-11-18')
    expect(hook('recon-result').text()).toContain('2026-11-18 对账结果')
  })
})
