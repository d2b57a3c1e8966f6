import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({ listAudit: vi.fn(), listAuditActions: vi.fn() }))
vi.mock('@/api/admin', () => api)

import AuditView from '../AuditView.vue'

const row = {
  id: 5, action: 'registration_approve', action_label: '报名审核通过', actor_id: 2, actor_name: '李老师',
  target_type: 'registration', target_label: '报名', target_id: 'a1', target_name: '张三 · 2026年第一期',
  before: null, after: null, ip: '10.0.0.1', created_at: '2026-12-05T10:00:00+08:00',
}
const mountView = () => mount(AuditView, { global: { stubs: { PageNavBar: true } } })

beforeEach(() => {
  vi.clearAllMocks()
  api.listAuditActions.mockResolvedValue([{ value: 'registration_approve', label: '报名审核通过' }])
})

describe('the audit log page', () => {
  it('shows Chinese action names and the target by name', async () => {
    api.listAudit.mockResolvedValue([row])
    const wrapper = mountView()
    await flushPromises()
    expect(api.listAudit).toHaveBeenCalledWith({ limit: 50 })
    const text = wrapper.find('[data-testid="audit-row"]').text()
    expect(text).toContain('报名审核通过')
    expect(text).toContain('对象：报名：张三 · 2026年第一期')
    expect(text).toContain('操作人：李老师')
    expect(text).not.toContain('registration_approve')
  })

  it('searches by actor and says when nothing matches', async () => {
    api.listAudit.mockResolvedValueOnce([row]).mockResolvedValueOnce([])
    const wrapper = mountView()
    await flushPromises()
    await wrapper.find('[data-testid="audit-actor"] input').setValue('王五')
    await wrapper.find('[data-testid="audit-search"]').trigger('click')
    await flushPromises()
    expect(api.listAudit).toHaveBeenLastCalledWith({ limit: 50, actor: '王五' })
    expect(wrapper.text()).toContain('没有符合条件的审计记录')
  })
})
