import { describe, expect, it } from 'vitest'
import { imageTypeError, photoResultMessage } from '../upload'
import { safeRedirect } from '../redirect'

describe('upload helpers', () => {
  it('says what the server did to the photo', () => {
    expect(photoResultMessage(true, true)).toBe('照片已上传，已自动旋转并裁剪为 5:7')
    expect(photoResultMessage(true, false)).toBe('照片已上传，已自动旋转方向')
    expect(photoResultMessage(false, true)).toBe('照片已上传，已自动裁剪为 5:7')
    expect(photoResultMessage(false, false)).toBe('照片已上传，未做旋转或裁剪')
  })
  it('accepts only JPG and PNG', () => {
    expect(imageTypeError(new File([''], 'a.jpg', { type: 'image/jpeg' }))).toBeUndefined()
    expect(imageTypeError(new File([''], 'a.gif', { type: 'image/gif' }))).toBe('仅支持 JPG 或 PNG 格式的图片')
  })
})

describe('safeRedirect', () => {
  it('follows same-site paths only', () => {
    expect(safeRedirect('/profile?tab=docs')).toBe('/profile?tab=docs')
    expect(safeRedirect('//evil.example/')).toBe('/')
    expect(safeRedirect('https://evil.example/')).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
  })
})
