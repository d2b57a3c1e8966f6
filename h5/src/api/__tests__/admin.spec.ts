import { AxiosError, type InternalAxiosRequestConfig } from 'axios'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const { showToast } = vi.hoisted(() => ({ showToast: vi.fn() }))
vi.mock('vant', () => ({ showToast }))

import { resetUserPassword, setUserStatus, updateInstitution } from '../admin'
import { http } from '../http'
import type { AdminUser } from '../types'

const user: AdminUser = {
  id: 7,
  role: 'staff',
  login: 'e2e_staff',
  name: '测试机构人员',
  institution: { id: 1, code: '12345678', name: '测试机构' },
  mobile_masked: null,
  disabled: true,
  must_change_password: false,
  locked: false,
  created_at: '2026-01-01T00:00:00Z',
}

let seen: InternalAxiosRequestConfig[] = []

/** Answers every request on the shared instance with `status` and `data`, recording the request. */
function answer(status: number, data: unknown) {
  http.defaults.adapter = async (config) => {
    seen.push(config)
    const response = { status, statusText: '', data, headers: {}, config }
    if (status < 400) return response
    throw new AxiosError('failed', undefined, config, {}, response)
  }
}

beforeEach(() => {
  seen = []
  vi.clearAllMocks()
})

describe('admin account actions', () => {
  it('disables an account with PUT …/status', async () => {
    answer(200, user)
    await expect(setUserStatus(7, true)).resolves.toEqual(user)
    expect(seen[0]).toMatchObject({ method: 'put', url: '/admin/users/7/status' })
    expect(JSON.parse(seen[0].data)).toEqual({ disabled: true })
  })

  it('lets the interceptor toast a refusal of the status change', async () => {
    answer(400, { code: 'cannot_disable_self', message: '不能停用自己的账号' })
    await expect(setUserStatus(1, true)).rejects.toMatchObject({ code: 'cannot_disable_self' })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ message: '不能停用自己的账号' }))
  })

  it('resets a password with POST …/reset-password', async () => {
    const reset = { ...user, disabled: false, must_change_password: true }
    answer(200, reset)
    await expect(resetUserPassword(7, 'Reset2026x')).resolves.toEqual(reset)
    expect(seen[0]).toMatchObject({ method: 'post', url: '/admin/users/7/reset-password' })
    expect(JSON.parse(seen[0].data)).toEqual({ password: 'Reset2026x' })
  })

  it('leaves a weak password to the form (no toast)', async () => {
    answer(400, { code: 'weak_password', message: '密码须同时包含字母和数字' })
    await expect(resetUserPassword(7, 'x')).rejects.toMatchObject({ code: 'weak_password' })
    expect(showToast).not.toHaveBeenCalled()
  })
})

describe('institution editing', () => {
  const inst = { id: 3, code: '12345678', name: '测试机构（修订）', staff_count: 2, created_at: '2026-01-01T00:00:00Z' }

  it('saves an institution with PUT /admin/institutions/{id}', async () => {
    answer(200, inst)
    await expect(updateInstitution(3, { code: '12345678', name: '测试机构（修订）' })).resolves.toEqual(inst)
    expect(seen[0]).toMatchObject({ method: 'put', url: '/admin/institutions/3' })
    expect(JSON.parse(seen[0].data)).toEqual({ code: '12345678', name: '测试机构（修订）' })
  })

  it('leaves a taken code to the form (no toast)', async () => {
    answer(409, { code: 'institution_code_taken', message: '该机构代码已存在' })
    await expect(updateInstitution(3, { code: '87654321', name: '测试机构' })).rejects.toMatchObject({
      code: 'institution_code_taken',
    })
    expect(showToast).not.toHaveBeenCalled()
  })
})
