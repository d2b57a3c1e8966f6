// Phone photos of documents are shrunk in the browser before upload (mobile data); the server shrinks again
// whatever arrives, so a browser that cannot decode the file simply sends it as it is.
import { MB } from './upload'

export const COMPRESS_MAX_EDGE = 2000
export const COMPRESS_QUALITY = 0.85
/** A file this small, whose edges are already within the limit, is sent untouched. */
export const COMPRESS_SKIP_BYTES = 500 * 1024
/** The server's limit for a raw document image. */
export const UPLOAD_MAX_BYTES = 15 * MB

export interface Size {
  width: number
  height: number
}

/** The size of `width`×`height` scaled down (never up) so that its longest edge is at most `maxEdge`. */
export function fitWithin(width: number, height: number, maxEdge = COMPRESS_MAX_EDGE): Size {
  if (!(width > 0 && height > 0)) return { width: 0, height: 0 }
  const longest = Math.max(width, height)
  if (longest <= maxEdge) return { width, height }
  const scale = maxEdge / longest
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** Whether re-encoding is worth it: the picture is larger than the limit, or the file is heavy. */
export function needsCompression(size: Size, bytes: number, maxEdge = COMPRESS_MAX_EDGE): boolean {
  return Math.max(size.width, size.height) > maxEdge || bytes > COMPRESS_SKIP_BYTES
}

/** `IMG_0001.PNG` → `IMG_0001.jpg`. */
export function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]*$/, '')
  return `${base || 'image'}.jpg`
}

/** Decodes upright (EXIF orientation applied), as the phone shows the picture. */
function decode(file: File): Promise<ImageBitmap> {
  return createImageBitmap(file, { imageOrientation: 'from-image' })
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
}

/**
 * A JPEG of at most `COMPRESS_MAX_EDGE` px on its longest side at quality 0.85, or the original file when it is
 * already small, when the result would not be smaller, or when this browser cannot decode or encode it.
 */
export async function compressImage(file: File): Promise<File> {
  let bitmap: ImageBitmap | null = null
  try {
    bitmap = await decode(file)
    const original = { width: bitmap.width, height: bitmap.height }
    if (!needsCompression(original, file.size)) return file
    const { width, height } = fitWithin(original.width, original.height)
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const ctx = canvas.getContext('2d')
    if (!ctx) return file
    ctx.fillStyle = '#fff' // a transparent PNG must not turn black
    ctx.fillRect(0, 0, width, height)
    ctx.drawImage(bitmap, 0, 0, width, height)
    const blob = await toJpeg(canvas, COMPRESS_QUALITY)
    if (!blob || blob.size >= file.size) return file
    return new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: file.lastModified })
  } catch {
    return file
  } finally {
    bitmap?.close()
  }
}
