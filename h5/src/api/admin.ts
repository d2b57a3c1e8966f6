import { http } from './http'
import type { AdminUser, AuditEntry, CreateUserReq, Institution, Option } from './types'

export const listInstitutions = () => http.get<Institution[]>('/admin/institutions').then((r) => r.data)

export const createInstitution = (code: string, name: string) =>
  http.post<Institution>('/admin/institutions', { code, name }, { silent: true }).then((r) => r.data)

/** Changes an institution's code and name. Silent: code and name refusals belong on the fields. */
export const updateInstitution = (id: number, body: { code: string; name: string }) =>
  http.put<Institution>(`/admin/institutions/${id}`, body, { silent: true }).then((r) => r.data)

export const listUsers = (params: { role?: string; q?: string }) =>
  http.get<AdminUser[]>('/admin/users', { params }).then((r) => r.data)

export const createUser = (body: CreateUserReq) =>
  http.post<AdminUser>('/admin/users', body, { silent: true }).then((r) => r.data)

/** Disables (ending its sessions at once) or enables an account. Refusals such as `cannot_disable_self` are toasted. */
export const setUserStatus = (id: number, disabled: boolean) =>
  http.put<AdminUser>(`/admin/users/${id}/status`, { disabled }).then((r) => r.data)

/** Sets a new initial password, to be changed at the next login. Silent: `weak_password` belongs on the field. */
export const unlockUser = (id: number) =>
  http.post<AdminUser>(`/admin/users/${id}/unlock`).then((r) => r.data)

export const resetUserPassword = (id: number, password: string) =>
  http.post<AdminUser>(`/admin/users/${id}/reset-password`, { password }, { silent: true }).then((r) => r.data)

/** Audit records, newest first; `params` from `auditParams` (actor, action, from, to, limit). */
export const listAudit = (params: Record<string, string | number>) =>
  http.get<AuditEntry[]>('/admin/audit', { params }).then((r) => r.data)

/** The audit actions with their Chinese names, for the filter. */
export const listAuditActions = () => http.get<Option[]>('/admin/audit/actions').then((r) => r.data)
