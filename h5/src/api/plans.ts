// 认定计划: the staff's plan endpoints and the centre's overview.
// Form-like calls are silent: their refusals are shown next to the form or the action that caused them.
import { http } from './http'
import type { CentrePlanSummary, ItemReq, Plan, PlanItem, PlanReq, PlanSummary } from './plan-types'

export const listPlans = () => http.get<PlanSummary[]>('/staff/plans').then((r) => r.data)

export const getPlan = (id: number) => http.get<Plan>(`/staff/plans/${id}`).then((r) => r.data)

export const createPlan = (body: PlanReq) =>
  http.post<Plan>('/staff/plans', body, { silent: true }).then((r) => r.data)

export const updatePlan = (id: number, body: PlanReq) =>
  http.put<Plan>(`/staff/plans/${id}`, body, { silent: true }).then((r) => r.data)

/** A published plan is refused (409 plan_published, toasted). */
export const deletePlan = (id: number) => http.delete<void>(`/staff/plans/${id}`).then(() => undefined)

export const createItem = (planId: number, body: ItemReq) =>
  http.post<PlanItem>(`/staff/plans/${planId}/items`, body, { silent: true }).then((r) => r.data)

export const updateItem = (planId: number, itemId: number, body: ItemReq) =>
  http.put<PlanItem>(`/staff/plans/${planId}/items/${itemId}`, body, { silent: true }).then((r) => r.data)

/** An item with registrations is refused (409 item_has_registrations, toasted). */
export const deleteItem = (planId: number, itemId: number) =>
  http.delete<void>(`/staff/plans/${planId}/items/${itemId}`).then(() => undefined)

export const confirmPlan = (id: number) =>
  http.post<Plan>(`/staff/plans/${id}/confirm`, undefined, { silent: true }).then((r) => r.data)

export const publishPlan = (id: number) =>
  http.post<Plan>(`/staff/plans/${id}/publish`, undefined, { silent: true }).then((r) => r.data)

/** 报名提交: irreversible except by the centre. */
export const submitPlan = (id: number) =>
  http.post<Plan>(`/staff/plans/${id}/submit`, { confirm: true }, { silent: true }).then((r) => r.data)

/** 报名业务结束: freezes the plan's registrations. */
export const endPlan = (id: number) =>
  http.post<Plan>(`/staff/plans/${id}/end`, { confirm: true }, { silent: true }).then((r) => r.data)

export const listCentrePlans = () => http.get<CentrePlanSummary[]>('/centre/plans').then((r) => r.data)

/** The centre reviewer opens a submitted or ended plan's registration again. */
export const reopenPlan = (id: number, reason: string) =>
  http.post<Plan>(`/centre/plans/${id}/reopen`, { reason }, { silent: true }).then((r) => r.data)
