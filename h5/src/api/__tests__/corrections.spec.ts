import { AxiosError, type InternalAxiosRequestConfig } from 'axios'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const { showToast } = vi.hoisted(() => ({ showToast: vi.fn() }))
vi.mock('vant', () => ({ showToast }))

import {
  approveCorrection, createCorrection, getCandidateFields, listCorrections, rejectCorrection, searchCandidates,
} from '../corrections'
import { http } from '../http'

let seen: InternalAxiosRequestConfig[] = []

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

describe('candidate search', () => {
  it('sends the trimmed name alone when no number is given (the type alone is no criterion)', async () => {
    answer(200, [])
    await searchCandidates({ name: ' 张三 ', id_type: 'resident_id', id_number: ' ' })
    expect(seen[0]).toMatchObject({ method: 'get', url: '/staff/candidates' })
    expect(seen[0].params).toEqual({ name: '张三' })
  })

  it('sends type and number, the number in upper case', async () => {
    answer(200, [])
    await searchCandidates({ id_type: 'resident_id', id_number: '11010519491231002x' })
    expect(seen[0].params).toEqual({ id_type: 'resident_id', id_number: '11010519491231002X' })
  })

  it('leaves search_criteria_required to the form', async () => {
    answer(400, { code: 'search_criteria_required', message: '请至少输入一个查询条件' })
    await expect(searchCandidates({})).rejects.toMatchObject({ code: 'search_criteria_required' })
    expect(showToast).not.toHaveBeenCalled()
  })

  it('reads the candidate’s correctable fields', async () => {
    answer(200, { user_id: 5, fields: [] })
    await getCandidateFields(5)
    expect(seen[0]).toMatchObject({ method: 'get', url: '/staff/candidates/5' })
  })
})

describe('correction requests', () => {
  it('posts user, changes and reason, silently', async () => {
    answer(409, { code: 'correction_pending', message: '该考生已有待审核的修改申请' })
    const body = { user_id: 5, changes: { mobile: '13900139000', hukou_address: null }, reason: '手机号码变更' }
    await expect(createCorrection(body)).rejects.toMatchObject({ code: 'correction_pending' })
    expect(seen[0]).toMatchObject({ method: 'post', url: '/corrections' })
    expect(JSON.parse(seen[0].data)).toEqual(body)
    expect(showToast).not.toHaveBeenCalled()
  })

  it('lists by status, or all without one', async () => {
    answer(200, [])
    await listCorrections('pending')
    await listCorrections()
    expect(seen[0]).toMatchObject({ url: '/corrections', params: { status: 'pending' } })
    expect(seen[1].params).toEqual({})
  })

  it('approves, and rejects with the trimmed reason', async () => {
    answer(200, { id: 'c1' })
    await approveCorrection('c1')
    await rejectCorrection('c1', ' 证明材料不足 ')
    expect(seen[0]).toMatchObject({ method: 'post', url: '/corrections/c1/approve' })
    expect(seen[1]).toMatchObject({ method: 'post', url: '/corrections/c1/reject' })
    expect(JSON.parse(seen[1].data)).toEqual({ reason: '证明材料不足' })
  })

  it('toasts a stale correction', async () => {
    answer(409, { code: 'correction_stale', message: '考生信息已变化，请重新申请' })
    await expect(approveCorrection('c1')).rejects.toMatchObject({ code: 'correction_stale' })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ message: '考生信息已变化，请重新申请' }))
  })
})
