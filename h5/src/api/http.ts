// The one axios instance: adds the session token and turns every refusal into an ApiError + a toast.
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios'
import { showToast } from 'vant'
import type { ApiErrorBody } from './types'

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Do not toast the error; the caller shows it (e.g. on a form field). */
    silent?: boolean
  }
}

export const SERVER_ERROR_MESSAGE = '服务器开小差了，请稍后再试'
export const NETWORK_ERROR_MESSAGE = '网络异常，请检查网络'

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export interface HttpHooks {
  getToken: () => string | null
  /** 401 other than a wrong password: the session is gone. */
  onUnauthorized: () => void
  /** 403 password_change_required */
  onPasswordChangeRequired: () => void
}

const hooks: HttpHooks = {
  getToken: () => null,
  onUnauthorized: () => {},
  onPasswordChangeRequired: () => {},
}

export function configureHttp(h: Partial<HttpHooks>): void {
  Object.assign(hooks, h)
}

function isErrorBody(data: unknown): data is ApiErrorBody {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as ApiErrorBody).code === 'string' &&
    typeof (data as ApiErrorBody).message === 'string'
  )
}

const STATUS_MESSAGES: Record<number, string> = {
  400: '请求有误，请检查后重试',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '请求的内容不存在',
  413: '文件太大，请压缩后再上传',
  429: '操作太频繁，请稍后再试',
}

/** Maps any axios failure to an ApiError with a message fit to show a user. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (!axios.isAxiosError(err)) return new ApiError(0, 'unknown', NETWORK_ERROR_MESSAGE)
  const e = err as AxiosError
  if (!e.response) {
    if (e.code === 'ERR_CANCELED') return new ApiError(0, 'canceled', '请求已取消')
    return new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE)
  }
  const { status, data } = e.response
  if (status >= 500) {
    // WeChat failures (502 wechat_*, 503 wechat_pay_disabled) carry a message written for users; anything else
    // stays generic.
    if (isErrorBody(data) && (status === 502 || status === 503) && data.code.startsWith('wechat_')) {
      return new ApiError(status, data.code, data.message)
    }
    return new ApiError(status, 'server_error', SERVER_ERROR_MESSAGE)
  }
  if (isErrorBody(data)) return new ApiError(status, data.code, data.message)
  return new ApiError(status, `http_${status}`, STATUS_MESSAGES[status] ?? `请求失败（${status}）`)
}

export function createHttp(): AxiosInstance {
  const instance = axios.create({ baseURL: '/api', timeout: 30_000 })
  instance.interceptors.request.use((config) => {
    const token = hooks.getToken()
    if (token) config.headers.set('Authorization', `Bearer ${token}`)
    return config
  })
  instance.interceptors.response.use(undefined, (err: unknown) => {
    const apiErr = toApiError(err)
    const silent = axios.isAxiosError(err) && err.config?.silent === true
    if (apiErr.status === 401 && apiErr.code !== 'bad_credentials') {
      hooks.onUnauthorized()
    } else if (apiErr.status === 403 && apiErr.code === 'password_change_required') {
      hooks.onPasswordChangeRequired()
    }
    if (!silent && apiErr.code !== 'canceled') showToast({ message: apiErr.message, wordBreak: 'break-word' })
    return Promise.reject(apiErr)
  })
  return instance
}

export const http = createHttp()

// One typed call per endpoint reads best as `getData<T>(url)`: the body, without axios's response wrapper.

export const getData = <T>(url: string, config?: AxiosRequestConfig): Promise<T> =>
  http.get<T>(url, config).then((r) => r.data)

export const postData = <T>(url: string, body?: unknown, config?: AxiosRequestConfig): Promise<T> =>
  http.post<T>(url, body, config).then((r) => r.data)

export const putData = <T>(url: string, body?: unknown, config?: AxiosRequestConfig): Promise<T> =>
  http.put<T>(url, body, config).then((r) => r.data)

export const deleteData = <T>(url: string, config?: AxiosRequestConfig): Promise<T> =>
  http.delete<T>(url, config).then((r) => r.data)
