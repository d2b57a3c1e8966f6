import { AxiosError, type InternalAxiosRequestConfig } from 'axios'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const { showToast } = vi.hoisted(() => ({ showToast: vi.fn() }))
vi.mock('vant', () => ({ showToast }))

import { createOccupation, getOccupation, listOccupations, updateOccupation } from '../catalogue'
import { http } from '../http'
import type { Occupation, OccupationReq } from '../types'

const body: OccupationReq = {
  code: '6-31-01-03',
  name: '电工',
  job_types: ['维修电工'],
  levels: [{ level: 'level4', subjects: ['theory', 'practical'] }],
  active: true,
}
const occupation: Occupation = { id: 3, job_types: [], active: true, ...body }

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

describe('occupation catalogue', () => {
  it('searches with a trimmed q and leaves out a blank one', async () => {
    answer(200, [occupation])
    await expect(listOccupations(' 电工 ')).resolves.toEqual([occupation])
    await listOccupations('  ')
    expect(seen[0]).toMatchObject({ method: 'get', url: '/catalogue/occupations', params: { q: '电工' } })
    expect(seen[1].params).toEqual({ q: undefined })
  })

  it('reads one entry', async () => {
    answer(200, occupation)
    await expect(getOccupation(3)).resolves.toEqual(occupation)
    expect(seen[0]).toMatchObject({ method: 'get', url: '/catalogue/occupations/3' })
  })

  it('creates with POST and updates with PUT, sending the whole entry', async () => {
    answer(201, occupation)
    await expect(createOccupation(body)).resolves.toEqual(occupation)
    await updateOccupation(3, { ...body, active: false })
    expect(seen[0]).toMatchObject({ method: 'post', url: '/admin/occupations' })
    expect(JSON.parse(seen[0].data)).toEqual(body)
    expect(seen[1]).toMatchObject({ method: 'put', url: '/admin/occupations/3' })
    expect(JSON.parse(seen[1].data)).toEqual({ ...body, active: false })
  })

  it('leaves a refusal of the entry to the form (no toast)', async () => {
    answer(409, { code: 'occupation_code_taken', message: '该职业编码已存在' })
    await expect(createOccupation(body)).rejects.toMatchObject({ status: 409, code: 'occupation_code_taken' })
    expect(showToast).not.toHaveBeenCalled()
  })
})
