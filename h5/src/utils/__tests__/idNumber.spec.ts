import { describe, expect, it } from 'vitest'
import { checkChar, documentNumberError, isValidBirthDate, parseResidentId, residentIdError } from '../idNumber'

describe('parseResidentId', () => {
  it('accepts the example number of the standard and derives birth date and gender', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({
      ok: true,
      info: { normalized: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' },
    })
  })

  it('accepts a lowercase x and normalises it', () => {
    const r = parseResidentId('11010519491231002x')
    expect(r.ok && r.info.normalized).toBe('11010519491231002X')
  })

  it('derives male from an odd 17th digit', () => {
    const first17 = '44010119900101123'
    const r = parseResidentId(first17 + checkChar(first17))
    expect(r.ok && r.info.gender).toBe('male')
  })

  it('refuses a wrong check digit', () => {
    expect(parseResidentId('110105194912310021')).toEqual({ ok: false, error: 'check_digit' })
  })

  it('refuses a date that does not exist', () => {
    const first17 = '11010519491332002'
    expect(parseResidentId(first17 + checkChar(first17))).toEqual({ ok: false, error: 'birth_date' })
  })

  it('refuses 29 February of a common year and accepts it in a leap year', () => {
    expect(isValidBirthDate('19990229')).toBe(false)
    expect(isValidBirthDate('20000229')).toBe(true)
  })

  it('refuses a birth date in the future', () => {
    expect(isValidBirthDate('20300101', new Date(2026, 0, 1))).toBe(false)
  })

  it('refuses wrong lengths and characters', () => {
    expect(parseResidentId('1101051949123100')).toEqual({ ok: false, error: 'length' })
    expect(parseResidentId('1101051949123100AX')).toEqual({ ok: false, error: 'format' })
  })

  it('has exactly one valid check character for any 17 digits', () => {
    const first17 = '44030619851120471'
    const valid = '0123456789X'.split('').filter((c) => parseResidentId(first17 + c).ok)
    expect(valid).toEqual([checkChar(first17)])
  })

  it('refuses an unknown region code', () => {
    const first17 = '99010519491231002'
    expect(parseResidentId(first17 + checkChar(first17))).toEqual({ ok: false, error: 'region' })
  })

  it('gives a Chinese message for the form', () => {
    expect(residentIdError('110105194912310021')).toBe('身份证号码校验位错误，请核对')
    expect(residentIdError('11010519491231002X')).toBeUndefined()
  })
})

describe('documentNumberError', () => {
  it('checks each document type like the server', () => {
    expect(documentNumberError('resident_id', '11010519491231002x')).toBeUndefined()
    expect(documentNumberError('hk_macao_permit', 'h12345678')).toBeUndefined()
    expect(documentNumberError('hk_macao_permit', 'X12345678')).toBeDefined()
    expect(documentNumberError('taiwan_permit', '1234567890')).toBeUndefined()
    expect(documentNumberError('passport', 'E1234567')).toBeUndefined()
    expect(documentNumberError('passport', 'E12-4567')).toBeDefined()
    expect(documentNumberError('hmt_residence', '11010519491231002X')).toBeDefined()
    expect(documentNumberError('nope', '123456')).toBe('证件类型无效')
  })
})
