import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Registration } from '@/api/staff-types'
import type { Profile, Role } from '@/api/types'
import { clickIn, enums, me, registration, typeInto } from './fixtures'

const api = vi.hoisted(() => ({ getStaffRegistration: vi.fn(), reviewRegistrations: vi.fn() }))
vi.mock('@/api/staff-registrations', () => api)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))

import { useAuthStore } from '@/stores/auth'
import RegistrationDetailView from '../RegistrationDetailView.vue'

let wrapper: VueWrapper

function withHistory(r: Registration): Registration {
  return {
    ...r,
    documents: [{ name: '学历证书', file: { id: 'f1', url: '/api/files/f1', content_type: 'image/jpeg', size: 1, width: 1, height: 1 } }],
    item: { ...r.item, required_documents: ['学历证书', '工作年限证明'] },
    missing_documents: ['工作年限证明'],
    history: [{ action: 'apply', from_status: null, to_status: 'pending', reason: null, actor_name: '张三', created_at: '2026-11-01T09:00:00+08:00' }],
  }
}

async function mountAs(role: Role, reg: Registration) {
  api.getStaffRegistration.mockResolvedValue(reg)
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe(me(role))
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/staff/registrations/:rid', name: 'staff-registration', component: RegistrationDetailView }],
  })
  await router.push(`/staff/registrations/${reg.id}`)
  wrapper = mount(RegistrationDetailView, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await flushPromises()
}

beforeEach(() => vi.clearAllMocks())
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('one registration', () => {
  it('shows the candidate, the documents with what is missing, and the history', async () => {
    await mountAs('staff', withHistory(registration('r1', '张三', 'pending')))
    expect(api.getStaffRegistration).toHaveBeenCalledWith('r1')
    expect(wrapper.find('[data-test="reg-detail"]').text()).toContain('11010519491231002X')
    expect(wrapper.find('[data-test="reg-documents"]').text()).toContain('尚缺材料')
    expect(wrapper.find('[data-test="reg-documents"]').text()).toContain('工作年限证明')
    expect(wrapper.find('[data-test="reg-history"]').text()).toContain('提交报名')
    expect(['reg-approve', 'reg-return', 'reg-reject'].every((t) => wrapper.find(`[data-test="${t}"]`).exists())).toBe(true)
  })

  it('rejects one with a reason and reloads it', async () => {
    api.reviewRegistrations.mockResolvedValue({ done: ['r1'], failed: [] })
    await mountAs('staff', withHistory(registration('r1', '张三', 'returned')))
    expect(wrapper.find('[data-test="reg-approve"]').exists()).toBe(false) // a returned one can only be rejected
    await wrapper.find('[data-test="reg-reject"]').trigger('click')
    await flushPromises()
    typeInto('[data-test="reason-input"] textarea', '不符合报考条件')
    await flushPromises()
    clickIn('[data-test="reason-confirm"]')
    await flushPromises()
    expect(api.reviewRegistrations).toHaveBeenCalledWith(['r1'], 'reject', '不符合报考条件', false)
    expect(api.getStaffRegistration).toHaveBeenCalledTimes(2)
  })

  it('shows the photo and every profile field, and the documents full width', async () => {
    const photo = { id: 'p1', url: '/api/files/p1', content_type: 'image/jpeg', size: 1, width: 500, height: 700 }
    await mountAs('staff', { ...withHistory(registration('r1', '张三', 'pending')), profile: profile(photo) })
    const text = wrapper.find('[data-test="reg-profile"]').text()
    for (const s of ['文化程度', '本科', '工龄', '6 年', '户口性质', '非农业', '上一级证书等级', '上一级证书编号', 'Z123', '入学时间']) {
      expect(text).toContain(s)
    }
    expect(wrapper.find('[data-test="reg-profile-photo"] img').attributes('src')).toBe('/api/files/p1')
    expect(wrapper.find('[data-test="reg-profile-no-photo"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="reg-document"] .van-image').attributes('style')).toContain('width: 100%')
  })

  it('asks for a photo when the candidate has none', async () => {
    await mountAs('staff', { ...withHistory(registration('r1', '张三', 'pending')), profile: profile(null) })
    expect(wrapper.find('[data-test="reg-profile-no-photo"]').text()).toContain('尚缺个人照片')
  })

  it('approving with a missing document names it, asks to confirm and sends the confirmation', async () => {
    api.reviewRegistrations.mockResolvedValue({ done: ['r1'], failed: [] })
    await mountAs('staff', withHistory(registration('r1', '张三', 'pending')))
    await wrapper.find('[data-test="reg-approve"]').trigger('click')
    await flushPromises()
    const dialog = document.querySelector('.van-dialog')
    expect(dialog?.textContent).toContain('材料不全')
    expect(dialog?.textContent).toContain('张三：缺工作年限证明')
    clickIn('.van-dialog__confirm')
    await flushPromises()
    expect(api.reviewRegistrations).toHaveBeenCalledWith(['r1'], 'approve', undefined, true)
  })

  it('offers no action to the centre', async () => {
    await mountAs('centre_reviewer', withHistory(registration('r1', '张三', 'pending')))
    expect(wrapper.find('[data-test="reg-approve"]').exists()).toBe(false)
  })
})

function profile(photo: Profile['photo']): Profile {
  return {
    name: '张三', id_type: 'resident_id', id_number: '11010519491231002X', gender: 'female', birth_date: '1949-12-31',
    mobile: '13800138000', ethnicity: '汉族', hukou_type: 'urban', hukou_address: '北京市朝阳区',
    candidate_source: 'employee', enrollment_date: '2010-09-01', work_years: 6, school_or_employer: '某公司',
    education: 'bachelor', prev_cert_level: 'level4', prev_cert_number: 'Z123', prev_cert_date: '2020-01-01',
    photo, id_front: null, id_back: null, completeness: { complete: true, missing: [] },
  }
}
