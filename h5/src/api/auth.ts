import { http } from './http'
import type { LoginReq, LoginResp, Me, OauthResp, RegisterReq } from './types'

export const register = (body: RegisterReq) =>
  http.post<LoginResp>('/auth/register', body, { silent: true }).then((r) => r.data)

export const login = (body: LoginReq) => http.post<LoginResp>('/auth/login', body).then((r) => r.data)

export const getMe = () => http.get<Me>('/auth/me').then((r) => r.data)

export const logout = () => http.post<void>('/auth/logout', undefined, { silent: true }).then(() => undefined)

export const changePassword = (old_password: string, new_password: string) =>
  http.post<LoginResp>('/auth/password', { old_password, new_password }, { silent: true }).then((r) => r.data)

/** The second step of a first login with the initial password: the full mobile number the institution recorded. */
export const checkIdentity = (mobile: string) =>
  http.post<LoginResp>('/auth/identity-check', { mobile }, { silent: true }).then((r) => r.data)

/** 忘记密码: ID number + the recorded mobile number + a new password. */
export const forgotPassword = (body: { login: string; mobile: string; new_password: string }) =>
  http.post<void>('/auth/forgot-password', body, { silent: true }).then(() => undefined)

export const getWechatAuthorizeUrl = () =>
  http.get<{ url: string }>('/auth/wechat/authorize-url').then((r) => r.data.url)

export const wechatOauth = (code: string, state: string) =>
  http.post<OauthResp>('/auth/wechat/oauth', { code, state }, { silent: true }).then((r) => r.data)

export const bindWechat = (bind_ticket: string) =>
  http.post<Me>('/auth/wechat/bind', { bind_ticket }).then((r) => r.data)

export const unbindWechat = () => http.delete<void>('/auth/wechat/binding').then(() => undefined)
