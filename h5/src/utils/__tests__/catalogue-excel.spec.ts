import { describe, expect, it } from 'vitest'
import { messageOf } from '../catalogue-excel'

describe('messageOf', () => {
  it('shows the server message of a refusal', () => {
    expect(messageOf({ response: { data: { code: 'not_xlsx', message: '文件不是 Excel 工作簿' } } })).toBe('文件不是 Excel 工作簿')
  })
  it('falls back to a generic Chinese message', () => {
    expect(messageOf(new Error('network'))).toBe('导入失败，请检查文件后重试')
    expect(messageOf({ response: { data: { message: '' } } })).toBe('导入失败，请检查文件后重试')
  })
})
