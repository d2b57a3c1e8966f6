import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'

const api = vi.hoisted(() => ({ getPlanPayment: vi.fn() }))
vi.mock('@/api/payments', () => api)

import PlanPaymentTag from '../PlanPaymentTag.vue'

const base = { plan_id: 7, approved: 10, complete: true, reason: null, outstanding_items: [] }

beforeEach(() => vi.clearAllMocks())

describe('the payment tag of a plan on the centre list', () => {
  it('says 已缴清, or 暂缓审核 with the reason', async () => {
    api.getPlanPayment.mockResolvedValueOnce(base)
    const paid = mount(PlanPaymentTag, { props: { planId: 7 } })
    await flushPromises()
    expect(api.getPlanPayment).toHaveBeenCalledWith(7, true)
    expect(paid.text()).toBe('已缴清')

    api.getPlanPayment.mockResolvedValueOnce({ ...base, complete: false, reason: '尚有 3 人未缴费（¥360.00），暂缓审核' })
    const owing = mount(PlanPaymentTag, { props: { planId: 7 } })
    await flushPromises()
    expect(owing.text()).toContain('暂缓审核')
    expect(owing.text()).toContain('尚有 3 人未缴费（¥360.00）')
  })

  it('is left out when nothing is due or the summary cannot be read', async () => {
    api.getPlanPayment.mockResolvedValueOnce({ ...base, approved: 0 })
    const none = mount(PlanPaymentTag, { props: { planId: 7 } })
    api.getPlanPayment.mockRejectedValueOnce(new ApiError(403, 'forbidden', '没有权限'))
    const refused = mount(PlanPaymentTag, { props: { planId: 8 } })
    await flushPromises()
    expect(none.find('[data-testid="plan-payment-tag"]').exists()).toBe(false)
    expect(refused.find('[data-testid="plan-payment-tag"]').exists()).toBe(false)
  })
})
