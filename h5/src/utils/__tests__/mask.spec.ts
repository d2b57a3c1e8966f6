import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskMobile, maskName } from '../mask'

describe('mask helpers', () => {
  it('masks an 18-character ID number keeping 4 + 4', () => {
    expect(maskIdNumber('44010119900101123X')).toBe('4401**********123X')
  })
  it('hides short document numbers entirely', () => {
    expect(maskIdNumber('E1234567')).toBe('********')
    expect(maskIdNumber('H12345678')).toBe('H123*5678')
  })
  it('masks mobiles as 3 + 4', () => {
    expect(maskMobile('13812345678')).toBe('138****5678')
  })
  it('masks names but the first character', () => {
    expect(maskName('张三丰')).toBe('*三丰')
    expect(maskName('李')).toBe('李')
  })
  it('turns null into an empty string', () => {
    expect(maskIdNumber(null)).toBe('')
    expect(maskMobile(undefined)).toBe('')
    expect(maskName('')).toBe('')
  })
})
