import { AxiosError, AxiosHeaders, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const { showToast } = vi.hoisted(() => ({ showToast: vi.fn() }))
vi.mock('vant', () => ({ showToast }))

import {
  ApiError, configureHttp, createHttp, deleteData, getData, http, NETWORK_ERROR_MESSAGE, postData, putData,
  SERVER_ERROR_MESSAGE,
} from '../http'

/** An adapter that answers every request with `status` and `data`. */
function respond(status: number, data: unknown): AxiosAdapter {
  return async (config: InternalAxiosRequestConfig) => {
    const response = { status, statusText: '', data, headers: {}, config }
    if (status < 400) return response
    throw new AxiosError('failed', undefined, config, {}, response)
  }
}

const networkDown: AxiosAdapter = async (config) => {
  throw new AxiosError('Network Error', 'ERR_NETWORK', config, {})
}

async function failureOf(adapter: AxiosAdapter, silent = false): Promise<ApiError> {
  const http = createHttp()
  http.defaults.adapter = adapter
  try {
    await http.get('/x', { silent })
  } catch (e) {
    return e as ApiError
  }
  throw new Error('expected a failure')
}

const hooks = { getToken: vi.fn(() => 'tok'), onUnauthorized: vi.fn(), onPasswordChangeRequired: vi.fn() }

beforeEach(() => {
  vi.clearAllMocks()
  configureHttp(hooks)
})

describe('http interceptor', () => {
  it('sends the bearer token', async () => {
    const http = createHttp()
    let auth: unknown
    http.defaults.adapter = async (config) => {
      auth = AxiosHeaders.from(config.headers).get('Authorization')
      return { status: 200, statusText: '', data: {}, headers: {}, config }
    }
    await http.get('/x')
    expect(auth).toBe('Bearer tok')
  })

  it('toasts the Chinese message of a {code, message} refusal', async () => {
    const err = await failureOf(respond(400, { code: 'invalid_mobile', message: '手机号码格式不正确' }))
    expect(err).toMatchObject({ status: 400, code: 'invalid_mobile', message: '手机号码格式不正确' })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ message: '手机号码格式不正确' }))
  })

  it('does not toast when the caller asks for silence', async () => {
    await failureOf(respond(409, { code: 'id_number_taken', message: '该证件号码已注册' }), true)
    expect(showToast).not.toHaveBeenCalled()
  })

  it('ends the session on 401', async () => {
    const err = await failureOf(respond(401, { code: 'session_expired', message: '登录已过期' }))
    expect(err.code).toBe('session_expired')
    expect(hooks.onUnauthorized).toHaveBeenCalledOnce()
  })

  it('keeps the session on a wrong password', async () => {
    await failureOf(respond(401, { code: 'bad_credentials', message: '账号或密码错误' }))
    expect(hooks.onUnauthorized).not.toHaveBeenCalled()
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ message: '账号或密码错误' }))
  })

  it('sends a forced password change to its page', async () => {
    await failureOf(respond(403, { code: 'password_change_required', message: '请先修改初始密码' }))
    expect(hooks.onPasswordChangeRequired).toHaveBeenCalledOnce()
    expect(hooks.onUnauthorized).not.toHaveBeenCalled()
  })

  it('never shows the text of a 5xx', async () => {
    const err = await failureOf(respond(500, 'thread panicked at src/db.rs:12'))
    expect(err.message).toBe(SERVER_ERROR_MESSAGE)
    const err2 = await failureOf(respond(500, { code: 'internal', message: 'database is locked' }))
    expect(err2.message).toBe(SERVER_ERROR_MESSAGE)
    expect(showToast).toHaveBeenLastCalledWith(expect.objectContaining({ message: SERVER_ERROR_MESSAGE }))
  })

  it('shows the message of a WeChat failure (502 wechat_*)', async () => {
    const err = await failureOf(respond(502, { code: 'wechat_unavailable', message: '微信服务暂不可用' }))
    expect(err.message).toBe('微信服务暂不可用')
  })

  it('keeps the code of WeChat Pay switched off (503 wechat_pay_disabled), but not of other 503s', async () => {
    const err = await failureOf(respond(503, { code: 'wechat_pay_disabled', message: '微信支付未开通' }))
    expect(err).toMatchObject({ status: 503, code: 'wechat_pay_disabled', message: '微信支付未开通' })
    const other = await failureOf(respond(503, { code: 'maintenance', message: 'pool exhausted' }))
    expect(other.message).toBe(SERVER_ERROR_MESSAGE)
  })

  it('maps network failures', async () => {
    const err = await failureOf(networkDown)
    expect(err).toMatchObject({ status: 0, code: 'network_error', message: NETWORK_ERROR_MESSAGE })
  })

  it('maps a non-JSON 413 from a proxy', async () => {
    const err = await failureOf(respond(413, '<html>413 Request Entity Too Large</html>'))
    expect(err.message).toBe('文件太大，请压缩后再上传')
  })
})

describe('getData / postData / putData / deleteData', () => {
  it('send the method, body and options, and resolve to the body alone', async () => {
    const seen: InternalAxiosRequestConfig[] = []
    http.defaults.adapter = async (config) => {
      seen.push(config)
      return { status: 200, statusText: '', data: { ok: config.method }, headers: {}, config }
    }
    expect(await getData<{ ok: string }>('/a', { params: { q: 1 } })).toEqual({ ok: 'get' })
    expect(await postData('/b', { x: 1 }, { silent: true })).toEqual({ ok: 'post' })
    expect(await putData('/c', { y: 2 })).toEqual({ ok: 'put' })
    expect(await deleteData('/d')).toEqual({ ok: 'delete' })
    expect(seen.map((c) => [c.method, c.url])).toEqual([['get', '/a'], ['post', '/b'], ['put', '/c'], ['delete', '/d']])
    expect(seen[0].params).toEqual({ q: 1 })
    expect(JSON.parse(seen[1].data as string)).toEqual({ x: 1 })
    expect(seen[1].silent).toBe(true)
  })

  it('reject with the interceptor’s ApiError', async () => {
    http.defaults.adapter = respond(409, { code: 'already_registered', message: '已报名' })
    await expect(postData('/x', {}, { silent: true })).rejects.toMatchObject({ status: 409, code: 'already_registered' })
    expect(showToast).not.toHaveBeenCalled()
  })
})
