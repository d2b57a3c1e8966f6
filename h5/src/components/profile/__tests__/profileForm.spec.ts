import { describe, expect, it } from 'vitest'
import type { Profile } from '@/api/types'
import { toFormState, toUpdateBody } from '../profileForm'

const profile = {
  name: '张三', id_type: 'resident_id', id_number: '11010519491231002X', gender: 'female',
  birth_date: '1949-12-31', mobile: '13800138000', ethnicity: null, hukou_type: null, hukou_address: null,
  candidate_source: null, enrollment_date: null, work_years: 3, school_or_employer: null, education: null,
  prev_cert_level: null, prev_cert_number: null, prev_cert_date: null, photo: null, id_front: null,
  id_back: null, completeness: { complete: false, missing: [] },
} satisfies Profile

describe('profile form mapping', () => {
  it('round-trips, turning blanks into null and work years into a number', () => {
    const state = toFormState(profile)
    expect(state.ethnicity).toBe('')
    expect(state.work_years).toBe('3')
    state.hukou_address = '  广州市天河区  '
    const body = toUpdateBody(state, false)
    expect(body).toMatchObject({ hukou_address: '广州市天河区', ethnicity: null, work_years: 3, gender: 'female' })
  })

  it('leaves gender and birth date to the server for a resident ID', () => {
    const body = toUpdateBody(toFormState(profile), true)
    expect(JSON.parse(JSON.stringify(body))).not.toHaveProperty('gender')
    expect(JSON.parse(JSON.stringify(body))).not.toHaveProperty('birth_date')
  })

  it('sends null work years when left empty', () => {
    const state = { ...toFormState(profile), work_years: '' }
    expect(toUpdateBody(state, true).work_years).toBeNull()
  })
})
