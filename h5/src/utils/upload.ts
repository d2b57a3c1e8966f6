import type { UploaderFileListItem } from 'vant'

export const IMAGE_TYPES = ['image/jpeg', 'image/png']
export const MB = 1024 * 1024

/** The single File of a van-uploader `after-read` call. */
export function pickFile(items: UploaderFileListItem | UploaderFileListItem[]): File | undefined {
  const item = Array.isArray(items) ? items[0] : items
  return item?.file
}

/** Android WeChat may ignore `accept`; the server checks again by content. */
export function imageTypeError(file: File): string | undefined {
  return IMAGE_TYPES.includes(file.type) ? undefined : '仅支持 JPG 或 PNG 格式的图片'
}

export function photoResultMessage(rotated: boolean, cropped: boolean): string {
  if (rotated && cropped) return '照片已上传，已自动旋转并裁剪为 5:7'
  if (rotated) return '照片已上传，已自动旋转方向'
  if (cropped) return '照片已上传，已自动裁剪为 5:7'
  return '照片已上传，未做旋转或裁剪'
}
