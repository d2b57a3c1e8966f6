import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Me, Role } from '@/api/types'

const api = vi.hoisted(() => ({ listFinanceRemittances: vi.fn() }))
vi.mock('@/api/finance', () => api)

import CentreHome from '../CentreHome.vue'

const me = (role: Role): Me => ({
  id: 1, role, name: '王财务', login: 'finance', login_masked: 'fi***', institution: null, must_change_password: false,
  wechat_bound: false, identity_check_required: false,
})
const RouterLink = { props: ['to'], template: '<a><slot /></a>' }
const mountAs = (role: Role) => mount(CentreHome, { props: { me: me(role) }, global: { stubs: { RouterLink } } })

beforeEach(() => vi.clearAllMocks())

describe('the centre home', () => {
  it('links the finance pages for the finance role, with the remittances waiting as a badge', async () => {
    api.listFinanceRemittances.mockResolvedValue([{ id: 1 }, { id: 2 }])
    const wrapper = mountAs('centre_finance')
    await flushPromises()
    expect(api.listFinanceRemittances).toHaveBeenCalledWith('pending', true)
    for (const hook of ['overview', 'orders', 'remittances', 'reconciliations']) {
      expect(wrapper.find(`[data-testid="home-finance-${hook}"]`).exists()).toBe(true)
    }
    expect(wrapper.find('[data-testid="home-finance-remittances"] .van-badge').text()).toBe('2')
    expect(wrapper.text()).not.toContain('即将开放')
  })

  it('shows no finance pages to the reviewer', async () => {
    const wrapper = mountAs('centre_reviewer')
    await flushPromises()
    expect(api.listFinanceRemittances).not.toHaveBeenCalled()
    expect(wrapper.find('[data-testid="home-finance-overview"]').exists()).toBe(false)
  })
})
