import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const { showToast } = vi.hoisted(() => ({ showToast: vi.fn() }))
vi.mock('vant', () => ({ showToast }))

import { blobToDataUrl, fetchFile, filenameFromDisposition, saveBlob } from '../download'
import { http } from '../http'

let seen: InternalAxiosRequestConfig[] = []

/** Answers every request on the shared instance, recording it. */
function answer(status: number, data: unknown, headers: Record<string, string> = {}) {
  http.defaults.adapter = async (config) => {
    seen.push(config)
    const response = { status, statusText: '', data, headers: new AxiosHeaders(headers), config }
    if (status < 400) return response
    throw new AxiosError('failed', undefined, config, {}, response)
  }
}

const bytes = (text: string) => new TextEncoder().encode(text).buffer
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

beforeEach(() => {
  seen = []
  vi.clearAllMocks()
})
afterEach(() => vi.restoreAllMocks())

describe('fetchFile', () => {
  it('reads the body as bytes and returns a Blob of the served type, unnamed without content-disposition', async () => {
    answer(200, bytes('PK'), { 'content-type': XLSX })
    const { blob, filename } = await fetchFile('/staff/plans/7/report.xlsx')
    expect(seen[0]).toMatchObject({ method: 'get', url: '/staff/plans/7/report.xlsx', responseType: 'arraybuffer' })
    expect(blob.type).toBe(XLSX)
    expect(await blob.text()).toBe('PK')
    expect(filename).toBeNull()
  })

  it('takes the name the server gives and falls back to the caller’s type when none is served', async () => {
    answer(200, bytes('%PDF'), { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('表.pdf')}` })
    const { blob, filename } = await fetchFile('/x.pdf', { type: 'application/pdf' })
    expect(blob.type).toBe('application/pdf')
    expect(filename).toBe('表.pdf')
  })

  it('decodes a JSON refusal sent as bytes into the server’s code and message, and toasts it', async () => {
    answer(409, bytes(JSON.stringify({ code: 'form_unavailable', message: '申请通过后才能导出个人申请表' })))
    await expect(fetchFile('/x.pdf')).rejects.toMatchObject({
      status: 409, code: 'form_unavailable', message: '申请通过后才能导出个人申请表',
    })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ message: '申请通过后才能导出个人申请表' }))
  })

  it('keeps a refusal that is not JSON generic', async () => {
    answer(404, bytes('<html>not found</html>'))
    await expect(fetchFile('/x.xlsx')).rejects.toMatchObject({ status: 404, code: 'http_404' })
  })
})

describe('filenameFromDisposition', () => {
  it('prefers the RFC 5987 name and decodes it, whatever the charset label’s case', () => {
    const name = encodeURIComponent('个人申请表-张三.pdf')
    expect(filenameFromDisposition(`attachment; filename="x.pdf"; filename*=UTF-8''${name}`)).toBe('个人申请表-张三.pdf')
    expect(filenameFromDisposition(`attachment; filename*=utf-8''${name}`)).toBe('个人申请表-张三.pdf')
  })

  it('falls back to the plain name, quoted or not, when the encoded one is broken or absent', () => {
    expect(filenameFromDisposition('attachment; filename="a b.xlsx"')).toBe('a b.xlsx')
    expect(filenameFromDisposition('attachment; filename=c.xlsx')).toBe('c.xlsx')
    expect(filenameFromDisposition(`attachment; filename="plain.xlsx"; filename*=UTF-8''%E4%ZZ`)).toBe('plain.xlsx')
  })

  it('gives null without a header or a name', () => {
    expect(filenameFromDisposition(null)).toBeNull()
    expect(filenameFromDisposition(undefined)).toBeNull()
    expect(filenameFromDisposition('inline')).toBeNull()
    expect(filenameFromDisposition('attachment; filename=""')).toBeNull()
  })
})

describe('saveBlob', () => {
  it('saves through an object URL and a temporary <a download>, and revokes the URL later', () => {
    vi.useFakeTimers()
    const created = vi.fn(() => 'blob:x')
    const revoked = vi.fn()
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: revoked })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    const blob = new Blob(['x'])
    saveBlob(blob, '个人申请表-张三.pdf')
    const clicked = click.mock.contexts[0] as HTMLAnchorElement
    expect(created).toHaveBeenCalledWith(blob)
    expect(clicked!.download).toBe('个人申请表-张三.pdf')
    expect(clicked!.getAttribute('href')).toBe('blob:x')
    expect(document.body.contains(clicked)).toBe(false)
    expect(revoked).not.toHaveBeenCalled()
    vi.advanceTimersByTime(30_000)
    expect(revoked).toHaveBeenCalledWith('blob:x')
    vi.useRealTimers()
  })
})

describe('blobToDataUrl', () => {
  it('gives a data: URL of the bytes and their type', async () => {
    expect(await blobToDataUrl(new Blob(['PNG'], { type: 'image/png' }))).toBe('data:image/png;base64,UE5H')
  })
})
