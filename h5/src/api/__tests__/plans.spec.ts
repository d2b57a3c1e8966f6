import { AxiosError, type InternalAxiosRequestConfig } from 'axios'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const { showToast } = vi.hoisted(() => ({ showToast: vi.fn() }))
vi.mock('vant', () => ({ showToast }))

import { http } from '../http'
import {
  confirmPlan, createItem, createPlan, deleteItem, deletePlan, endPlan, getPlan, listCentrePlans, listPlans,
  publishPlan, reopenPlan, submitPlan, updateItem, updatePlan,
} from '../plans'
import type { ItemReq, PlanReq } from '../plan-types'

const planReq: PlanReq = {
  exam_date: '2026-12-20',
  reg_start: '2026-11-01T09:00:00+08:00',
  reg_end: '2026-11-30T17:00:00+08:00',
  review_deadline: '2026-12-02T17:00:00+08:00',
  payment_deadline: '2026-12-05T17:00:00+08:00',
  ticket_start: '2026-12-15T09:00:00+08:00',
  ticket_end: '2026-12-20T08:00:00+08:00',
  announcement: '公示',
  notice: '须知',
  conditions: '条件',
  max_occupations: 2,
}
const itemReq: ItemReq = {
  occupation_id: 3,
  job_type: '',
  level: 'level4',
  fee_fen: 12010,
  expected_count: 30,
  required_documents: ['学历证书'],
  subjects: [{ subject: 'theory', answer_mode: 'ata', date: '2026-12-20', start: '09:00', end: '10:30' }],
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

const body = (i: number) => (seen[i].data === undefined ? undefined : JSON.parse(seen[i].data))

beforeEach(() => {
  seen = []
  vi.clearAllMocks()
})

describe('staff plan endpoints', () => {
  it('lists, reads, creates, updates and deletes plans', async () => {
    answer(200, { id: 5 })
    await listPlans()
    await getPlan(5)
    await createPlan(planReq)
    await updatePlan(5, { ...planReq, max_occupations: 3 })
    await deletePlan(5)
    expect(seen.map((c) => [c.method, c.url])).toEqual([
      ['get', '/staff/plans'],
      ['get', '/staff/plans/5'],
      ['post', '/staff/plans'],
      ['put', '/staff/plans/5'],
      ['delete', '/staff/plans/5'],
    ])
    expect(body(2)).toEqual(planReq)
    expect(body(2)).not.toHaveProperty('name')
    expect(body(3)).toEqual({ ...planReq, max_occupations: 3 })
  })

  it('creates, updates and deletes items under their plan', async () => {
    answer(201, { id: 8 })
    await createItem(5, itemReq)
    await updateItem(5, 8, { ...itemReq, expected_count: 40 })
    await deleteItem(5, 8)
    expect(seen.map((c) => [c.method, c.url])).toEqual([
      ['post', '/staff/plans/5/items'],
      ['put', '/staff/plans/5/items/8'],
      ['delete', '/staff/plans/5/items/8'],
    ])
    expect(body(0)).toEqual(itemReq)
    expect(body(1)).toEqual({ ...itemReq, expected_count: 40 })
  })

  it('confirms and publishes without a body; submits and ends with {confirm: true}', async () => {
    answer(200, { id: 5 })
    await confirmPlan(5)
    await publishPlan(5)
    await submitPlan(5)
    await endPlan(5)
    expect(seen.map((c) => [c.method, c.url])).toEqual([
      ['post', '/staff/plans/5/confirm'],
      ['post', '/staff/plans/5/publish'],
      ['post', '/staff/plans/5/submit'],
      ['post', '/staff/plans/5/end'],
    ])
    expect(body(2)).toEqual({ confirm: true })
    expect(body(3)).toEqual({ confirm: true })
  })

  it('leaves the form refusals to the page (no toast)', async () => {
    answer(400, { code: 'invalid_plan_times', message: '报名截止时间须早于考试日期' })
    await expect(createPlan(planReq)).rejects.toMatchObject({ code: 'invalid_plan_times' })
    answer(400, { code: 'plan_incomplete', message: '计划还没有职业等级' })
    await expect(confirmPlan(5)).rejects.toMatchObject({ code: 'plan_incomplete', message: '计划还没有职业等级' })
    answer(400, { code: 'registrations_unreviewed', message: '还有 3 条报名未审核' })
    await expect(submitPlan(5)).rejects.toMatchObject({ code: 'registrations_unreviewed' })
    answer(409, { code: 'duplicate_item', message: '该职业等级已在计划中' })
    await expect(createItem(5, itemReq)).rejects.toMatchObject({ status: 409, code: 'duplicate_item' })
    expect(showToast).not.toHaveBeenCalled()
  })

  it('lets the interceptor toast a refused deletion', async () => {
    answer(409, { code: 'plan_published', message: '已发布的计划不能删除' })
    await expect(deletePlan(5)).rejects.toMatchObject({ code: 'plan_published' })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ message: '已发布的计划不能删除' }))
  })
})

describe('centre plan endpoints', () => {
  it('lists every plan and reopens one with its reason', async () => {
    answer(200, [])
    await expect(listCentrePlans()).resolves.toEqual([])
    await reopenPlan(5, '机构申请补录')
    expect(seen[0]).toMatchObject({ method: 'get', url: '/centre/plans' })
    expect(seen[1]).toMatchObject({ method: 'post', url: '/centre/plans/5/reopen' })
    expect(body(1)).toEqual({ reason: '机构申请补录' })
  })
})
