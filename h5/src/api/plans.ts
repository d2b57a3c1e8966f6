// 认定计划: the staff's plan endpoints and the centre's overview.
// Form-like calls are silent: their refusals are shown next to the form or the action that caused them.
import { getData, http, postData, putData } from './http'
import type { CentrePlanSummary, ItemReq, Plan, PlanItem, PlanReq, PlanSummary } from './plan-types'

export const listPlans = () => getData<PlanSummary[]>('/staff/plans')

export const getPlan = (id: number) => getData<Plan>(`/staff/plans/${id}`)

export const createPlan = (body: PlanReq) =>
  postData<Plan>('/staff/plans', body, { silent: true })

export const updatePlan = (id: number, body: PlanReq) =>
  putData<Plan>(`/staff/plans/${id}`, body, { silent: true })

/** A published plan is refused (409 plan_published, toasted). */
export const deletePlan = (id: number) => http.delete<void>(`/staff/plans/${id}`).then(() => undefined)

export const createItem = (planId: number, body: ItemReq) =>
  postData<PlanItem>(`/staff/plans/${planId}/items`, body, { silent: true })

export const updateItem = (planId: number, itemId: number, body: ItemReq) =>
  putData<PlanItem>(`/staff/plans/${planId}/items/${itemId}`, body, { silent: true })

/** An item with registrations is refused (409 item_has_registrations, toasted). */
export const deleteItem = (planId: number, itemId: number) =>
  http.delete<void>(`/staff/plans/${planId}/items/${itemId}`).then(() => undefined)

export const confirmPlan = (id: number) =>
  postData<Plan>(`/staff/plans/${id}/confirm`, undefined, { silent: true })

export const publishPlan = (id: number) =>
  postData<Plan>(`/staff/plans/${id}/publish`, undefined, { silent: true })

/** 报名提交: irreversible except by the centre. */
export const submitPlan = (id: number) =>
  postData<Plan>(`/staff/plans/${id}/submit`, { confirm: true }, { silent: true })

/** 报名业务结束: freezes the plan's registrations. */
export const endPlan = (id: number) =>
  postData<Plan>(`/staff/plans/${id}/end`, { confirm: true }, { silent: true })

export const listCentrePlans = () => getData<CentrePlanSummary[]>('/centre/plans')

/** The centre reviewer opens a submitted or ended plan's registration again. */
export const reopenPlan = (id: number, reason: string) =>
  postData<Plan>(`/centre/plans/${id}/reopen`, { reason }, { silent: true })
