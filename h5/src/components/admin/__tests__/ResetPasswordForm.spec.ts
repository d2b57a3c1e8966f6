import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { AdminUser } from '@/api/types'

const api = vi.hoisted(() => ({ resetUserPassword: vi.fn() }))
vi.mock('@/api/admin', () => api)

import ResetPasswordForm from '../ResetPasswordForm.vue'

const user: AdminUser = {
  id: 7,
  role: 'staff',
  login: 'staff2026',
  name: '测试机构人员',
  institution: null,
  mobile_masked: null,
  disabled: false,
  must_change_password: false,
  locked: false,
  created_at: '2026-01-01T00:00:00Z',
}

async function submit(password: string) {
  const wrapper = mount(ResetPasswordForm, { props: { user }, attachTo: document.body })
  await wrapper.find('input[name="password"]').setValue(password)
  await wrapper.find('form').trigger('submit')
  await flushPromises()
  return wrapper
}

beforeEach(() => vi.clearAllMocks())

describe('ResetPasswordForm', () => {
  it('applies the password policy with the row’s login name', async () => {
    const wrapper = await submit('staff2026')
    expect(wrapper.text()).toContain('密码不能与账号或证件号码后六位相同')
    expect(api.resetUserPassword).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('resets the password and hands back the updated account', async () => {
    const updated = { ...user, must_change_password: true }
    api.resetUserPassword.mockResolvedValue(updated)
    const wrapper = await submit('Reset2026x')
    expect(api.resetUserPassword).toHaveBeenCalledWith(7, 'Reset2026x')
    expect(wrapper.emitted('done')?.[0]).toEqual([updated])
    wrapper.unmount()
  })

  it('shows a weak_password refusal on the field', async () => {
    api.resetUserPassword.mockRejectedValue(new ApiError(400, 'weak_password', '密码过于简单'))
    const wrapper = await submit('Reset2026x')
    expect(wrapper.find('.van-field__error-message').text()).toBe('密码过于简单')
    expect(wrapper.emitted('done')).toBeUndefined()
    wrapper.unmount()
  })
})
