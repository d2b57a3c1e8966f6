import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError } from '@/api/http'
import { enums, ID, item } from './fixtures'

const api = vi.hoisted(() => ({
  getStaffPlanForRegistrations: vi.fn(),
  readIdCard: vi.fn(),
  createEntry: vi.fn(),
  listImports: vi.fn(),
}))
vi.mock('@/api/staff-registrations', () => api)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))

import PlanEntryView from '../PlanEntryView.vue'

let wrapper: VueWrapper

beforeEach(async () => {
  vi.clearAllMocks()
  api.getStaffPlanForRegistrations.mockResolvedValue({ id: 7, name: '20261220-测试机构', stage: 'open', items: [item] })
  api.listImports.mockResolvedValue([])
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/staff/plans/:id/entry', component: PlanEntryView }] })
  await router.push('/staff/plans/7/entry?tab=reader')
  wrapper = mount(PlanEntryView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
})
afterEach(() => {
  wrapper.unmount()
  document.body.innerHTML = ''
})

const reader = JSON.stringify({ name: '张三', gender: '女', ethnicity: '汉', birth_date: '19491231', address: '北京市西城区',
  id_number: ID, issuer: '西城分局', valid_from: '20200101', valid_to: '长期' })

describe('entry from the ID-card reader', () => {
  it('sends the pasted card, then fills the manual form and switches to it', async () => {
    api.readIdCard.mockResolvedValue({
      name: '张三', id_type: 'resident_id', id_number: ID, gender: 'female', birth_date: '1949-12-31', ethnicity: 'han',
      hukou_address: '北京市西城区', issuer: '西城分局', valid_to: '长期', expired: true, photo: null,
    })
    await wrapper.find('[data-test="idcard-json"] textarea').setValue(reader)
    await wrapper.find('[data-test="idcard-read"]').trigger('click')
    await flushPromises()
    expect(api.readIdCard).toHaveBeenCalledWith(expect.objectContaining({ name: '张三', id_number: ID, birth_date: '19491231' }))
    expect(wrapper.find('[data-test="entry-form"]').isVisible()).toBe(true)
    expect(wrapper.find('input[name="name"]').element).toHaveProperty('value', '张三')
    expect(wrapper.find('input[name="hukou_address"], textarea[name="hukou_address"]').element).toHaveProperty('value', '北京市西城区')
    expect(wrapper.find('[data-test="entry-card-expired"]').exists()).toBe(true)
  })

  it('shows the refusal of a card on the reader panel', async () => {
    api.readIdCard.mockRejectedValue(new ApiError(400, 'id_card_mismatch', '性别与证件号码不符'))
    await wrapper.find('[data-test="idcard-json"] textarea').setValue(reader)
    await wrapper.find('[data-test="idcard-read"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="idcard-error"]').text()).toBe('性别与证件号码不符')
  })

  it('checks the pasted text before sending it', async () => {
    await wrapper.find('[data-test="idcard-json"] textarea').setValue('{"name": "张三"}')
    await wrapper.find('[data-test="idcard-read"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="idcard-error"]').text()).toBe('缺少公民身份号码')
    expect(api.readIdCard).not.toHaveBeenCalled()
  })
})

describe('switching entry modes', () => {
  it('starts the manual form empty again after another mode was opened', async () => {
    await wrapper.find('[data-test="entry-tab-manual"]').trigger('click')
    await flushPromises()
    await wrapper.find('input[name="mobile"]').setValue('13800138000')
    await wrapper.find('input[name="name"]').setValue('张三')
    await wrapper.find('[data-test="entry-tab-reader"]').trigger('click')
    await flushPromises()
    await wrapper.find('[data-test="entry-tab-manual"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('input[name="mobile"]').element).toHaveProperty('value', '')
    expect(wrapper.find('input[name="name"]').element).toHaveProperty('value', '')
  })
})

describe('the local reader bridge', () => {
  it('reads a card the bridge delivers and fills the manual form, without pasting', async () => {
    const fetcher = vi.fn().mockResolvedValue(new Response(reader, { status: 200 }))
    vi.stubGlobal('fetch', fetcher)
    api.readIdCard.mockResolvedValue({
      name: '张三', id_type: 'resident_id', id_number: ID, gender: 'female', birth_date: '1949-12-31', ethnicity: 'han',
      hukou_address: '北京市西城区', issuer: '西城分局', valid_to: '长期', expired: false, photo: null,
    })
    await wrapper.find('[data-test="idcard-bridge-switch"]').trigger('click')
    await new Promise((r) => setTimeout(r, 1200))
    await flushPromises()
    expect(fetcher).toHaveBeenCalledWith('http://127.0.0.1:18765/read', { cache: 'no-store' })
    expect(api.readIdCard).toHaveBeenCalledWith(expect.objectContaining({ name: '张三', id_number: ID }))
    expect(wrapper.find('input[name="name"]').element).toHaveProperty('value', '张三')
    vi.unstubAllGlobals()
  })
})
