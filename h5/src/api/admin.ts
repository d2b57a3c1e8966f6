import { http } from './http'
import type { AdminUser, AuditEntry, CreateUserReq, Institution } from './types'

export const listInstitutions = () => http.get<Institution[]>('/admin/institutions').then((r) => r.data)

export const createInstitution = (code: string, name: string) =>
  http.post<Institution>('/admin/institutions', { code, name }, { silent: true }).then((r) => r.data)

export const listUsers = (params: { role?: string; q?: string }) =>
  http.get<AdminUser[]>('/admin/users', { params }).then((r) => r.data)

export const createUser = (body: CreateUserReq) =>
  http.post<AdminUser>('/admin/users', body, { silent: true }).then((r) => r.data)

export const listAudit = (limit = 50) =>
  http.get<AuditEntry[]>('/admin/audit', { params: { limit } }).then((r) => r.data)
