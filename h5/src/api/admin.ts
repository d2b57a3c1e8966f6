import { getData, postData, putData } from './http'
import type { AdminUser, AuditEntry, CreateUserReq, Institution, Option } from './types'

export const listInstitutions = () => getData<Institution[]>('/admin/institutions')

export const createInstitution = (code: string, name: string) =>
  postData<Institution>('/admin/institutions', { code, name }, { silent: true })

/** Changes an institution's code and name. Silent: code and name refusals belong on the fields. */
export const updateInstitution = (id: number, body: { code: string; name: string }) =>
  putData<Institution>(`/admin/institutions/${id}`, body, { silent: true })

export const listUsers = (params: { role?: string; q?: string }) =>
  getData<AdminUser[]>('/admin/users', { params })

export const createUser = (body: CreateUserReq) =>
  postData<AdminUser>('/admin/users', body, { silent: true })

/** Disables (ending its sessions at once) or enables an account. Refusals such as `cannot_disable_self` are toasted. */
export const setUserStatus = (id: number, disabled: boolean) =>
  putData<AdminUser>(`/admin/users/${id}/status`, { disabled })

/** Sets a new initial password, to be changed at the next login. Silent: `weak_password` belongs on the field. */
export const unlockUser = (id: number) =>
  postData<AdminUser>(`/admin/users/${id}/unlock`)

export const resetUserPassword = (id: number, password: string) =>
  postData<AdminUser>(`/admin/users/${id}/reset-password`, { password }, { silent: true })

/** Audit records, newest first; `params` from `auditParams` (actor, action, from, to, limit). */
export const listAudit = (params: Record<string, string | number>) =>
  getData<AuditEntry[]>('/admin/audit', { params })

/** The audit actions with their Chinese names, for the filter. */
export const listAuditActions = () => getData<Option[]>('/admin/audit/actions')
