import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { Institution } from '@/api/types'

const api = vi.hoisted(() => ({ createInstitution: vi.fn(), updateInstitution: vi.fn() }))
vi.mock('@/api/admin', () => api)

import InstitutionForm from '../InstitutionForm.vue'

const existing: Institution = { id: 5, code: '12345678', name: '测试机构', staff_count: 3, created_at: '2026-01-01T00:00:00Z' }

let wrapper: VueWrapper

async function submit() {
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}

beforeEach(() => vi.clearAllMocks())
afterEach(() => wrapper?.unmount())

describe('InstitutionForm in edit mode', () => {
  it('is pre-filled and saves with PUT', async () => {
    const saved = { ...existing, name: '测试机构（修订）' }
    api.updateInstitution.mockResolvedValue(saved)
    wrapper = mount(InstitutionForm, { props: { institution: existing }, attachTo: document.body })
    expect(wrapper.find('.form-popup__title').text()).toBe('编辑机构')
    expect(wrapper.find('input[name="code"]').element).toHaveProperty('value', '12345678')
    expect(wrapper.find('input[name="name"]').element).toHaveProperty('value', '测试机构')
    await wrapper.find('input[name="name"]').setValue('测试机构（修订）')
    await submit()
    expect(api.updateInstitution).toHaveBeenCalledWith(5, { code: '12345678', name: '测试机构（修订）' })
    expect(api.createInstitution).not.toHaveBeenCalled()
    expect(wrapper.emitted('saved')?.[0]).toEqual([saved])
  })

  it('shows a taken code on its field', async () => {
    api.updateInstitution.mockRejectedValue(new ApiError(409, 'institution_code_taken', '该机构代码已存在'))
    wrapper = mount(InstitutionForm, { props: { institution: existing }, attachTo: document.body })
    await wrapper.find('input[name="code"]').setValue('87654321')
    await submit()
    expect(api.updateInstitution).toHaveBeenCalledWith(5, { code: '87654321', name: '测试机构' })
    expect(wrapper.find('.van-field__error-message').text()).toBe('该机构代码已存在')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })
})
