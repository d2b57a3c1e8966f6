import { getData, http, postData } from './http'
import type { LoginReq, LoginResp, Me, OauthResp, RegisterReq } from './types'

export const register = (body: RegisterReq) =>
  postData<LoginResp>('/auth/register', body, { silent: true })

export const login = (body: LoginReq) => postData<LoginResp>('/auth/login', body)

export const getMe = () => getData<Me>('/auth/me')

export const logout = () => http.post<void>('/auth/logout', undefined, { silent: true }).then(() => undefined)

export const changePassword = (old_password: string, new_password: string) =>
  postData<LoginResp>('/auth/password', { old_password, new_password }, { silent: true })

/** The second step of a first login with the initial password: the full mobile number the institution recorded. */
export const checkIdentity = (mobile: string) =>
  postData<LoginResp>('/auth/identity-check', { mobile }, { silent: true })

/** 忘记密码: ID number + the recorded mobile number + a new password. */
export const forgotPassword = (body: { login: string; mobile: string; new_password: string }) =>
  http.post<void>('/auth/forgot-password', body, { silent: true }).then(() => undefined)

export const getWechatAuthorizeUrl = () =>
  getData<{ url: string }>('/auth/wechat/authorize-url').then((d) => d.url)

export const wechatOauth = (code: string, state: string) =>
  postData<OauthResp>('/auth/wechat/oauth', { code, state }, { silent: true })

export const bindWechat = (bind_ticket: string) =>
  postData<Me>('/auth/wechat/bind', { bind_ticket })

export const unbindWechat = () => http.delete<void>('/auth/wechat/binding').then(() => undefined)
