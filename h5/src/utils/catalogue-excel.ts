/** The server's Chinese message from a refused request, or a generic one. */
export function messageOf(e: unknown): string {
  const data = (e as { response?: { data?: { message?: unknown } } })?.response?.data
  return typeof data?.message === 'string' && data.message ? data.message : '导入失败，请检查文件后重试'
}
