// The one way files come from the server (xlsx, PDF, PNG) and go to the user: fetched with the session token,
// refusals decoded into the server's {code, message}, saved through <a download> or shown as a data: URL.
import { AxiosHeaders } from 'axios'
import { http } from './http'

/** A file fetched with the session token. */
export interface Download {
  blob: Blob
  /** From content-disposition, when the server names the file. */
  filename: string | null
}

export interface FetchFileOptions {
  /** The Blob's type when the server sends no content-type. */
  type?: string
}

/**
 * GETs a file with the session token. The body is read as bytes so that a refusal (`{code, message}` JSON) is
 * decoded here, before the interceptor turns it into an ApiError with the server's message and toasts it; a
 * success becomes a Blob of the served content type.
 */
export async function fetchFile(url: string, opts: FetchFileOptions = {}): Promise<Download> {
  const r = await http.get<Blob>(url, {
    responseType: 'arraybuffer',
    timeout: 120_000,
    transformResponse: (data: unknown, headers: AxiosHeaders, status?: number) =>
      status !== undefined && status >= 400
        ? decodeJson(data)
        : toBlob(data, headerOf(headers, 'content-type') || opts.type || ''),
  })
  return { blob: r.data, filename: filenameFromDisposition(headerOf(r.headers, 'content-disposition')) }
}

function toBlob(data: unknown, type: string): Blob {
  if (data instanceof Blob) return data
  return new Blob([data as BlobPart], { type })
}

function decodeJson(data: unknown): unknown {
  try {
    // A tag check rather than instanceof: the buffer may come from another realm (an iframe, a test environment).
    const buffer = Object.prototype.toString.call(data) === '[object ArrayBuffer]'
    const text =
      typeof data === 'string'
        ? data
        : new TextDecoder().decode(buffer ? (data as ArrayBuffer) : (data as ArrayBufferView))
    return JSON.parse(text)
  } catch {
    return data
  }
}

function headerOf(headers: unknown, name: string): string {
  const v = AxiosHeaders.from(headers as AxiosHeaders).get(name)
  return typeof v === 'string' ? v : ''
}

/**
 * The file name of a `content-disposition` header: the RFC 5987 `filename*` (percent-encoded, any charset label)
 * when present, otherwise the plain or quoted `filename`; `null` when the header names no file.
 */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''))
    } catch {
      // fall back to the plain parameter
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  const name = plain ? (plain[2] ?? plain[1]).trim() : ''
  return name || null
}

/** Saves a Blob under `filename` through a temporary object URL and an `<a download>`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Some browsers start reading the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

/** A data: URL of a Blob; WeChat's long-press "save image" works on data: URLs but not on blob: URLs. */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(blob)
  })
}
