import { describe, expect, it } from 'vitest'
import {
  confirmError, institutionCodeError, isMobile, occupationCodeError, occupationNameError, passwordError, personNameError,
  rule, usernameError,
} from '../validators'

describe('isMobile', () => {
  it.each(['13800138000', '19912345678', '15012345678'])('accepts %s', (m) => expect(isMobile(m)).toBe(true))
  it.each(['12800138000', '1380013800', '138001380001', '2380013800a', ''])('refuses %s', (m) =>
    expect(isMobile(m)).toBe(false),
  )
})

describe('passwordError', () => {
  it('accepts 8+ characters with a letter and a digit', () => {
    expect(passwordError('abc12345')).toBeUndefined()
    expect(passwordError('Pass word 2026!')).toBeUndefined()
  })
  it('refuses short and overlong passwords', () => {
    expect(passwordError('abc1234')).toBe('密码长度应为8至64位')
    expect(passwordError('a1'.repeat(33))).toBe('密码长度应为8至64位')
    expect(passwordError('a1'.repeat(32))).toBeUndefined()
  })
  it('needs both a letter and a digit', () => {
    expect(passwordError('12345678')).toBe('密码须同时包含字母和数字')
    expect(passwordError('abcdefgh')).toBe('密码须同时包含字母和数字')
  })
  it('refuses the login name', () => {
    expect(passwordError('zhang2026', 'zhang2026')).toBe('密码不能与账号或证件号码后六位相同')
    expect(passwordError('11010519491231002x', '11010519491231002X')).toBe('密码不能与账号或证件号码后六位相同')
    expect(passwordError('zhang2027', 'zhang2026')).toBeUndefined()
  })
  it('matches the server examples', () => {
    expect(passwordError('Secret2026', 'x')).toBeUndefined()
    expect(passwordError('hl_staff1', 'hl_staff1')).toBeDefined()
  })
})

describe('personNameError', () => {
  it.each(['周某', '阿依古丽·买买提', 'John Smith'])('accepts %s', (n) => expect(personNameError(n)).toBeUndefined())
  it.each(['周', '周某1', ' 周某', 'a'.repeat(51)])('refuses %s', (n) => expect(personNameError(n)).toBeDefined())
})

describe('occupationCodeError', () => {
  it.each(['6-31-01-03', '4-99-01-01', ' 2-02-07-10 '])('accepts %s', (c) => expect(occupationCodeError(c)).toBeUndefined())
  it.each(['6-31-01', '63-1-01-03', '6-31-01-0a', '6-31-01-033', '6310103', '６-31-01-03', '6_31_01_03', ''])(
    'refuses %s',
    (c) => expect(occupationCodeError(c)).toBe('职业编码格式应为 X-XX-XX-XX，例如 6-31-01-03'),
  )
})

describe('occupationNameError', () => {
  it.each(['电工', ' 电工 ', '工'.repeat(50)])('accepts %s', (n) => expect(occupationNameError(n)).toBeUndefined())
  it.each(['电', '  电 ', '工'.repeat(51)])('refuses %s', (n) => expect(occupationNameError(n)).toBeDefined())
})

describe('other checks', () => {
  it('compares the confirmation', () => {
    expect(confirmError('abc12345', 'abc12345')).toBeUndefined()
    expect(confirmError('abc12345', 'abc12346')).toBe('两次输入的密码不一致')
  })
  it('checks usernames and institution codes', () => {
    expect(usernameError('staff_01')).toBeUndefined()
    expect(usernameError('Staff')).toBeDefined()
    expect(usernameError('abc')).toBeDefined()
    expect(institutionCodeError('44010001')).toBeUndefined()
    expect(institutionCodeError('4401000')).toBeDefined()
  })
  it('turns a check into a Vant rule', () => {
    const r = rule((v) => (v === 'ok' ? undefined : 'bad'))
    expect(r.validator('ok')).toBe(true)
    expect(r.validator('no')).toBe('bad')
  })
})
