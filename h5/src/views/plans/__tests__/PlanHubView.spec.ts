import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { Plan } from '@/api/plan-types'
import { enums, plan } from './fixtures'

const api = vi.hoisted(() => ({ getPlan: vi.fn(), submitPlan: vi.fn(), endPlan: vi.fn(), deletePlan: vi.fn() }))
const dialog = vi.hoisted(() => ({ showConfirmDialog: vi.fn(), showToast: vi.fn() }))
const router = vi.hoisted(() => ({ replace: vi.fn(), push: vi.fn(), back: vi.fn() }))
vi.mock('@/api/plans', () => api)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))
vi.mock('vant', async (importOriginal) => ({ ...(await importOriginal<typeof import('vant')>()), ...dialog }))
vi.mock('vue-router', () => ({ useRouter: () => router, useRoute: () => ({ query: {}, params: {} }) }))

import PlanHubView from '../PlanHubView.vue'

const published: Plan = { ...plan, status: 'published', published_at: '2026-10-02T09:00:00+08:00' }
let wrapper: VueWrapper

async function mountHub(p: Plan) {
  api.getPlan.mockResolvedValue(p)
  wrapper = mount(PlanHubView, { props: { id: p.id }, attachTo: document.body })
  await flushPromises()
}

const hook = (name: string) => wrapper.find(`[data-test="${name}"]`)

beforeEach(() => {
  vi.clearAllMocks()
  dialog.showConfirmDialog.mockResolvedValue('confirm')
})
afterEach(() => wrapper?.unmount())

describe('PlanHubView', () => {
  it('offers editing and deletion for a draft, but no registration entries or business steps', async () => {
    await mountHub(plan)
    expect(api.getPlan).toHaveBeenCalledWith(5)
    expect(hook('plan-name').text()).toBe('20261220-测试评价机构')
    expect(hook('plan-status').text()).toBe('草稿')
    expect(hook('plan-edit').exists()).toBe(true)
    expect(hook('plan-delete').exists()).toBe(true)
    expect(hook('plan-entry').exists()).toBe(false)
    expect(hook('plan-payments').exists()).toBe(false)
    expect(hook('plan-submit').exists()).toBe(false)
    expect(hook('plan-end').exists()).toBe(false)
  })

  it('submits a published plan after an irreversibility warning, and shows the refusal', async () => {
    api.submitPlan.mockRejectedValue(new ApiError(400, 'registrations_unreviewed', '还有 3 条报名未审核，不能提交'))
    await mountHub(published)
    expect(hook('plan-stage').text()).toBe('报名中')
    expect(hook('plan-entry').exists()).toBe(true)
    expect(hook('plan-payments').text()).toBe('缴费')
    expect(hook('plan-delete').exists()).toBe(false)
    await hook('plan-submit').trigger('click')
    await flushPromises()
    expect(dialog.showConfirmDialog).toHaveBeenCalledWith(
      expect.objectContaining({ title: '报名提交', message: expect.stringContaining('不可撤销') }),
    )
    expect(api.submitPlan).toHaveBeenCalledWith(5)
    expect(hook('plan-action-error').text()).toBe('还有 3 条报名未审核，不能提交')
  })

  it('does nothing when the warning is cancelled', async () => {
    dialog.showConfirmDialog.mockRejectedValue('cancel')
    await mountHub(published)
    await hook('plan-submit').trigger('click')
    await flushPromises()
    expect(api.submitPlan).not.toHaveBeenCalled()
  })

  it('ends a submitted plan, after which it can no longer be edited', async () => {
    const submitted: Plan = { ...published, stage: 'submitted' }
    api.endPlan.mockResolvedValue({ ...submitted, stage: 'ended' })
    await mountHub(submitted)
    expect(hook('plan-submit').exists()).toBe(false)
    await hook('plan-end').trigger('click')
    await flushPromises()
    expect(api.endPlan).toHaveBeenCalledWith(5)
    expect(hook('plan-stage').text()).toBe('报名业务结束')
    expect(hook('plan-end').exists()).toBe(false)
    expect(hook('plan-edit').exists()).toBe(false)
  })

  it('goes back to the list once a draft is deleted', async () => {
    api.deletePlan.mockResolvedValue(undefined)
    await mountHub(plan)
    await hook('plan-delete').trigger('click')
    await flushPromises()
    expect(api.deletePlan).toHaveBeenCalledWith(5)
    expect(router.replace).toHaveBeenCalledWith({ name: 'staff-plans' })
  })
})
