import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Correction } from '@/api/staff-types'
import type { Role } from '@/api/types'
import { clickIn, enums, ID, me, typeInto } from '@/views/staff/__tests__/fixtures'

const api = vi.hoisted(() => ({
  listCorrections: vi.fn(),
  searchCandidates: vi.fn(),
  getCandidateFields: vi.fn(),
  createCorrection: vi.fn(),
  approveCorrection: vi.fn(),
  rejectCorrection: vi.fn(),
}))
vi.mock('@/api/corrections', () => api)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))

import { useAuthStore } from '@/stores/auth'
import CentreCorrectionsView from '../CentreCorrectionsView.vue'
import StaffCorrectionsView from '../StaffCorrectionsView.vue'

const pending: Correction = {
  id: 'c1', candidate: { user_id: 5, name: '张三', id_number_masked: '1101**********002X' },
  institution_name: '测试机构', requested_by_name: '机构人员',
  changes: [
    { field: 'gender', label: '性别', old: 'female', new: 'male' },
    { field: 'hukou_address', label: '户口地址', old: '广州市', new: null },
  ],
  reason: '录入错误', status: 'pending', review_reason: null, reviewed_by_name: null, reviewed_at: null,
  created_at: '2026-11-01T09:00:00+08:00',
}

let wrapper: VueWrapper

async function mountAs(view: typeof CentreCorrectionsView, role: Role) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe(me(role))
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: view }] })
  await router.push('/')
  wrapper = mount(view, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  api.listCorrections.mockResolvedValue([pending])
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('the centre’s correction review', () => {
  it('lists pending requests first with each change as 字段：旧值 → 新值', async () => {
    await mountAs(CentreCorrectionsView, 'centre_reviewer')
    expect(api.listCorrections).toHaveBeenCalledWith('pending')
    const changes = wrapper.findAll('[data-test="correction-change"]').map((c) => c.text().replace(/\s+/g, ''))
    expect(changes).toEqual(['性别：女→男', '户口地址：广州市→（空）'])
    expect(wrapper.find('[data-test="correction-status"]').text()).toBe('待审核')
  })

  it('lets a reviewer reject with a reason and shows the new status', async () => {
    api.rejectCorrection.mockResolvedValue({ ...pending, status: 'rejected', review_reason: '缺少证明材料' })
    await mountAs(CentreCorrectionsView, 'centre_reviewer')
    await wrapper.find('[data-test="correction-reject"]').trigger('click')
    await flushPromises()
    typeInto('[data-test="reason-input"] textarea', '缺少证明材料')
    await flushPromises()
    clickIn('[data-test="reason-confirm"]')
    await flushPromises()
    expect(api.rejectCorrection).toHaveBeenCalledWith('c1', '缺少证明材料')
    expect(wrapper.find('[data-test="correction-status"]').text()).toBe('审核不通过')
    expect(wrapper.find('[data-test="correction-review"]').text()).toContain('缺少证明材料')
    expect(wrapper.find('[data-test="correction-approve"]').exists()).toBe(false)
  })

  it('is read-only for centre finance', async () => {
    await mountAs(CentreCorrectionsView, 'centre_finance')
    expect(wrapper.findAll('[data-test="correction-card"]')).toHaveLength(1)
    expect(wrapper.find('[data-test="correction-approve"]').exists()).toBe(false)
  })
})

describe('the staff’s correction requests', () => {
  it('asks for a name or a number before searching, then opens the form for a result', async () => {
    api.searchCandidates.mockResolvedValue([
      { user_id: 5, name: '张三', id_type: 'resident_id', id_number: ID, mobile_masked: '138****8000', registrations: [] },
    ])
    api.getCandidateFields.mockResolvedValue({ user_id: 5, fields: [{ field: 'name', label: '姓名', value: '张三', editable: true }] })
    await mountAs(StaffCorrectionsView, 'staff')
    await wrapper.find('[data-test="correction-search"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="correction-search-error"]').text()).toBe('请输入姓名或证件号码，至少填写一项')
    expect(api.searchCandidates).not.toHaveBeenCalled()

    await wrapper.find('input[name="name"]').setValue('张三')
    await wrapper.find('[data-test="correction-search"]').trigger('click')
    await flushPromises()
    expect(api.searchCandidates).toHaveBeenCalledWith(expect.objectContaining({ name: '张三' }))
    await wrapper.find('[data-test="correction-apply"]').trigger('click')
    await flushPromises()
    expect(api.getCandidateFields).toHaveBeenCalledWith(5)
    expect(document.body.querySelector('[data-test="correction-form"]')).not.toBeNull()
  })
})
