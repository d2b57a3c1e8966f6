import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { enums } from './fixtures'

const api = vi.hoisted(() => ({ getPlanReport: vi.fn(), downloadPlanReport: vi.fn() }))
vi.mock('@/api/staff-registrations', () => api)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))

import PlanReportView from '../PlanReportView.vue'

const report = {
  plan: { id: 7, name: '20261220-测试机构' },
  columns: ['序号', '姓名', '证件号码', '职业'],
  rows: [['1', '张三', '11010519491231002X', '电工'], ['2', '李四', '440106199001011235', '电工']],
}

let wrapper: VueWrapper

async function mountAt(width: number) {
  vi.stubGlobal('matchMedia', (q: string) => ({
    matches: width >= 768 && q.includes('768'), addEventListener: vi.fn(), removeEventListener: vi.fn(),
  }))
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/staff/plans/:id/report', component: PlanReportView }] })
  await router.push('/staff/plans/7/report')
  wrapper = mount(PlanReportView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  api.getPlanReport.mockResolvedValue(report)
})
afterEach(() => {
  wrapper?.unmount()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('the registration report', () => {
  it('is a table on a desktop', async () => {
    await mountAt(1280)
    expect(api.getPlanReport).toHaveBeenCalledWith('7')
    expect(wrapper.findAll('[data-test="report-table"] th').map((th) => th.text())).toEqual(report.columns)
    expect(wrapper.findAll('[data-test="report-row"]')).toHaveLength(2)
    expect(wrapper.find('[data-test="report-count"]').text()).toBe('共 2 条报名记录')
  })

  it('is cards titled by number and name on a phone', async () => {
    await mountAt(375)
    expect(wrapper.find('[data-test="report-table"]').exists()).toBe(false)
    const cards = wrapper.findAll('[data-test="report-row"]')
    expect(cards).toHaveLength(2)
    expect(cards[1].text()).toContain('2. 李四')
    expect(cards[1].text()).toContain('440106199001011235')
  })

  it('downloads report.xlsx under the plan’s name', async () => {
    api.downloadPlanReport.mockResolvedValue({ blob: new Blob(['PK']), filename: null })
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() })
    const names: string[] = []
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download)
    })
    await mountAt(1280)
    await wrapper.find('[data-test="report-download"]').trigger('click')
    await flushPromises()
    expect(api.downloadPlanReport).toHaveBeenCalledWith('7')
    expect(names).toEqual(['报名报表-20261220-测试机构.xlsx'])
    click.mockRestore()
  })
})
