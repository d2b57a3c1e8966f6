import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { appConfig, profile, registration, testRouter } from '@/views/registration/__tests__/fixtures'

const api = vi.hoisted(() => ({ listMyRegistrations: vi.fn() }))
vi.mock('@/api/registrations', () => api)
vi.mock('@/api/profile', () => ({ getProfile: vi.fn(async () => profile()) }))
vi.mock('@/api/meta', () => ({ getConfig: vi.fn(async () => appConfig), getEnums: vi.fn(async () => ({})) }))

import CandidateHome from '../CandidateHome.vue'

beforeEach(() => {
  vi.clearAllMocks()
  setActivePinia(createPinia())
})

describe('the candidate home', () => {
  it('shows what needs doing: a returned application and a fee due, each opening its registration', async () => {
    api.listMyRegistrations.mockResolvedValue([
      registration({ id: 'r-fee', status: 'approved', can_pay: true }),
      registration({ id: 'r-back', status: 'returned', reason: '学历证书不清晰' }),
    ])
    const router = testRouter()
    await router.push('/')
    const wrapper = mount(CandidateHome, { global: { plugins: [router, createPinia()] } })
    await flushPromises()
    const todos = wrapper.find('[data-test="home-todos"]')
    expect(todos.text()).toContain('报名费待缴 ¥120.00')
    expect(todos.text()).toContain('学历证书不清晰')
    await wrapper.find('[data-test="todo-fee"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/registrations/r-fee')
  })

  it('shows no 待办事项 when nothing is due', async () => {
    api.listMyRegistrations.mockResolvedValue([registration()])
    const router = testRouter()
    const wrapper = mount(CandidateHome, { global: { plugins: [router, createPinia()] } })
    await flushPromises()
    expect(wrapper.find('[data-test="home-todos"]').exists()).toBe(false)
  })
})
