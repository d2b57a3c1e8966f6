import { describe, expect, it } from 'vitest'
import type { CandidateField, IdCardResp } from '@/api/staff-types'
import {
  correctionChanges, correctionErrors, correctionStart, emptyEntryForm, entryBody, entryErrors, entryFromIdCard,
  importCountsText, parseReaderJson, reasonError, reviewSummary, xlsxFileError,
} from '../staff'

const ID = '11010519491231002X' // the example number of GB 11643 (female, 1949-12-31)

describe('reviewSummary', () => {
  const names: Record<string, string> = { a: '张三', b: '李四' }
  const nameOf = (id: string) => names[id]

  it('says how many were handled when all succeeded', () => {
    expect(reviewSummary({ done: ['a', 'b'], failed: [] }, nameOf)).toBe('已处理 2 条')
  })

  it('names the ones that were not handled and why', () => {
    const text = reviewSummary(
      {
        done: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'],
        failed: [
          { id: 'a', code: 'registration_not_reviewable', message: '当前状态不能审核' },
          { id: 'b', code: 'not_found', message: '报名不存在' },
        ],
      },
      nameOf,
    )
    expect(text).toBe('已处理 8 条，2 条未处理：张三：当前状态不能审核；李四：报名不存在')
  })

  it('falls back to the start of the id for an unknown registration', () => {
    const text = reviewSummary(
      { done: [], failed: [{ id: '0123456789abcdef', code: 'not_found', message: '报名不存在' }] },
      () => undefined,
    )
    expect(text).toBe('已处理 0 条，1 条未处理：01234567：报名不存在')
  })
})

describe('reasonError', () => {
  it('asks for a reason when empty or blank', () => {
    expect(reasonError('   ')).toBe('请填写原因')
  })
  it('refuses one character and more than 200', () => {
    expect(reasonError('差')).toBe('原因应为2至200个字')
    expect(reasonError('字'.repeat(201))).toBe('原因应为2至200个字')
  })
  it('accepts 2 to 200 characters, counting surrounding spaces out', () => {
    expect(reasonError(' 照片 ')).toBeUndefined()
    expect(reasonError('字'.repeat(200))).toBeUndefined()
  })
})

describe('xlsxFileError', () => {
  it('accepts an .xlsx up to 10 MB, in any letter case', () => {
    expect(xlsxFileError({ name: '报名.XLSX', size: 10 * 1024 * 1024 })).toBeUndefined()
  })
  it('refuses other extensions, empty files and files over 10 MB', () => {
    expect(xlsxFileError({ name: '报名.xls', size: 100 })).toMatch('.xlsx')
    expect(xlsxFileError({ name: '报名.pdf', size: 100 })).toMatch('.xlsx')
    expect(xlsxFileError({ name: 'a.xlsx', size: 0 })).toMatch('空')
    expect(xlsxFileError({ name: 'a.xlsx', size: 10 * 1024 * 1024 + 1 })).toMatch('10 MB')
  })
})

describe('importCountsText', () => {
  it('reads 共 N 行：导入 a，已存在 b，失败 c', () => {
    expect(importCountsText({ total: 12, imported: 9, existing: 1, failed: 2 })).toBe('共 12 行：导入 9，已存在 1，失败 2')
  })
})

describe('entry form', () => {
  const filled = () => ({
    ...emptyEntryForm('3'), name: '张三', id_number: ID.toLowerCase(), mobile: '13800138000', ethnicity: 'han',
    work_years: '5', hukou_address: '  ',
  })

  it('builds the body: trimmed, the ID in upper case, empty optional fields left out', () => {
    expect(entryBody(filled())).toEqual({
      item_id: 3, name: '张三', id_type: 'resident_id', id_number: ID, mobile: '13800138000', ethnicity: 'han',
      work_years: 5, source: 'manual',
    })
  })

  it('marks an entry from the reader and passes the chip photo', () => {
    expect(entryBody(filled(), { photoId: 'f-1' })).toMatchObject({ source: 'id_reader', photo_file_id: 'f-1' })
    expect(entryBody(filled(), { photoId: null })).not.toHaveProperty('photo_file_id')
  })

  it('checks item, name, the check digit of a 居民身份证, the mobile and the work years', () => {
    const bad = { ...emptyEntryForm(), name: '张', id_number: '110105194912310021', mobile: '1380013800', work_years: '61' }
    expect(entryErrors(bad)).toEqual({
      item_id: '请选择报考的职业等级',
      name: expect.stringContaining('姓名'),
      id_number: '身份证号码校验位错误，请核对',
      mobile: '请输入正确的 11 位手机号码',
      work_years: '工龄应为 0–60 的整数',
    })
    expect(entryErrors(filled())).toEqual({})
  })

  it('checks other document types by their own rules', () => {
    const passport = { ...filled(), id_type: 'hk_macao_permit', id_number: ID }
    expect(entryErrors(passport).id_number).toMatch('港澳居民来往内地通行证')
    expect(entryErrors({ ...passport, id_number: 'H12345678' })).toEqual({})
  })

  it('fills the form from the ID-card reader answer, keeping only the chosen item of the previous candidate', () => {
    const card: IdCardResp = {
      name: '李四', id_type: 'resident_id', id_number: ID, gender: 'female', birth_date: '1949-12-31',
      ethnicity: 'han', hukou_address: '北京市西城区', issuer: '北京市公安局西城分局', valid_to: '长期', expired: false,
      photo: null,
    }
    expect(entryFromIdCard(card, filled())).toMatchObject({
      item_id: '3', name: '李四', id_number: ID, gender: 'female', birth_date: '1949-12-31', hukou_address: '北京市西城区',
      mobile: '', work_years: '', school_or_employer: '',
    })
  })
})

describe('entryBody with a photo taken at entry', () => {
  it('sends the camera photo beside the chip photo', () => {
    const form = { ...emptyEntryForm('3'), name: '张三', id_number: ID, mobile: '13800138000' }
    expect(entryBody(form, { photoId: 'chip' }, 'cam')).toMatchObject({ photo_file_id: 'chip', camera_photo_file_id: 'cam' })
    expect(entryBody(form)).not.toHaveProperty('camera_photo_file_id')
  })
})

describe('parseReaderJson', () => {
  it('takes the contract keys and strips a data-URL prefix from the photo', () => {
    const r = parseReaderJson(JSON.stringify({
      name: '张三', gender: '女', ethnicity: '汉', birth_date: '19491231', address: '北京市', id_number: ID.toLowerCase(),
      issuer: '西城分局', valid_from: '20200101', valid_to: '长期', photo_base64: 'data:image/bmp;base64,Qk0=',
    }))
    expect(r).toEqual({
      ok: true,
      req: {
        name: '张三', gender: '女', ethnicity: '汉', birth_date: '19491231', address: '北京市', id_number: ID,
        issuer: '西城分局', valid_from: '20200101', valid_to: '长期', photo_base64: 'Qk0=',
      },
    })
  })

  it('understands the usual reader SDK names in any letter case and leaves out a missing photo', () => {
    const r = parseReaderJson(JSON.stringify({ Name: '张三', Sex: '女', Nation: '汉', Born: '19491231', IDCardNo: ID,
      GrantDept: '西城分局', UserLifeBegin: '20200101', UserLifeEnd: '20400101', Address: '北京市' }))
    expect(r.ok && r.req).toMatchObject({ name: '张三', gender: '女', id_number: ID, issuer: '西城分局', valid_to: '20400101' })
    expect(r.ok && r.req).not.toHaveProperty('photo_base64')
  })

  it('refuses what is not a JSON object, a missing number and a wrong check digit', () => {
    expect(parseReaderJson('姓名 张三')).toMatchObject({ ok: false, message: expect.stringContaining('JSON') })
    expect(parseReaderJson('[1]')).toMatchObject({ ok: false })
    expect(parseReaderJson('{"name":"张三"}')).toEqual({ ok: false, message: '缺少公民身份号码' })
    expect(parseReaderJson('{"name":"张三","id_number":"110105194912310021"}')).toEqual({
      ok: false, message: '身份证号码校验位错误，请核对',
    })
  })
})

describe('correction changes', () => {
  const fields: CandidateField[] = [
    { field: 'name', label: '姓名', value: '张三', editable: true },
    { field: 'id_type', label: '证件类型', value: 'resident_id', editable: true },
    { field: 'id_number', label: '证件号码', value: ID, editable: true },
    { field: 'mobile', label: '手机号码', value: '13800138000', editable: true },
    { field: 'work_years', label: '工龄', value: '3', editable: true },
    { field: 'hukou_address', label: '户口地址', value: '广州市', editable: true },
    { field: 'prev_cert_number', label: '证书编号', value: null, editable: true },
    { field: 'birth_date', label: '出生日期', value: '1949-12-31', editable: false },
  ]

  it('starts from every value as a string', () => {
    expect(correctionStart(fields)).toMatchObject({ work_years: '3', prev_cert_number: '', name: '张三' })
  })

  it('has no changes when nothing was edited, whatever the spacing and case', () => {
    const edited = { ...correctionStart(fields), name: ' 张三 ', id_number: ID.toLowerCase(), work_years: '3' }
    expect(correctionChanges(fields, edited)).toEqual({})
  })

  it('keeps only the changed fields, a cleared one as null, never a read-only one', () => {
    const edited = {
      ...correctionStart(fields), name: '张叁', hukou_address: '', prev_cert_number: ' C123 ', birth_date: '1950-01-01',
    }
    expect(correctionChanges(fields, edited)).toEqual({ name: '张叁', hukou_address: null, prev_cert_number: 'C123' })
  })

  it('checks the changed values only', () => {
    const edited = { ...correctionStart(fields), id_number: '110105194912310021', mobile: '123' }
    const changes = correctionChanges(fields, edited)
    expect(correctionErrors(changes, edited)).toEqual({
      id_number: '身份证号码校验位错误，请核对',
      mobile: '请输入正确的 11 位手机号码',
    })
    // An unchanged but odd stored value does not block the request.
    const oddStored = fields.map((f) => (f.field === 'mobile' ? { ...f, value: '123' } : f))
    const untouched = { ...correctionStart(oddStored), name: '张叁' }
    expect(correctionErrors(correctionChanges(oddStored, untouched), untouched)).toEqual({})
  })

  it('checks the number against a changed document type', () => {
    const edited = { ...correctionStart(fields), id_type: 'hk_macao_permit' }
    expect(correctionErrors(correctionChanges(fields, edited), edited).id_number).toMatch('港澳居民来往内地通行证')
  })
})
