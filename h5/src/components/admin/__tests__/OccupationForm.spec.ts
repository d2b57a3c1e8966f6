import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { Occupation } from '@/api/types'

const api = vi.hoisted(() => ({ createOccupation: vi.fn(), updateOccupation: vi.fn() }))
vi.mock('@/api/catalogue', () => api)

import OccupationForm from '../OccupationForm.vue'

const levels = [
  { value: 'level5', label: '五级/初级工' },
  { value: 'level4', label: '四级/中级工' },
  { value: 'level3', label: '三级/高级工' },
  { value: 'level2', label: '二级/技师' },
  { value: 'level1', label: '一级/高级技师' },
  { value: 'special', label: '专项能力' },
]
const subjects = [
  { value: 'theory', label: '理论知识' },
  { value: 'practical', label: '操作技能' },
  { value: 'review', label: '综合评审' },
]

const existing: Occupation = {
  id: 9,
  code: '6-31-01-03',
  name: '电工',
  job_types: ['维修电工'],
  levels: [{ level: 'level3', subjects: ['theory', 'practical'] }],
  active: true,
}

let wrapper: VueWrapper

function mountForm(occupation: Occupation | null = null) {
  wrapper = mount(OccupationForm, { props: { occupation, levels, subjects }, attachTo: document.body })
  return wrapper
}

const row = (level: string) => wrapper.find(`[data-level="${level}"]`)
const checkLevel = (level: string) => row(level).find('.van-checkbox').trigger('click')
/** The subjects shown as checked under a level. */
const checkedSubjects = (level: string) =>
  row(level)
    .findAll('[data-subject]')
    .filter((c) => c.attributes('aria-checked') === 'true')
    .map((c) => c.attributes('data-subject'))

async function addJobType(value: string) {
  await wrapper.find('input[name="job_type"]').setValue(value)
  await wrapper.find('.job-types__add').trigger('click')
}

async function submit() {
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}

beforeEach(() => vi.clearAllMocks())
afterEach(() => wrapper?.unmount())

describe('OccupationForm', () => {
  it('gives a checked level its default subjects', async () => {
    mountForm()
    expect(row('level4').find('[data-subject]').exists()).toBe(false)
    await checkLevel('level4')
    expect(checkedSubjects('level4')).toEqual(['theory', 'practical'])
    await checkLevel('level2')
    expect(checkedSubjects('level2')).toEqual(['theory', 'practical', 'review'])
    await checkLevel('special')
    expect(checkedSubjects('special')).toEqual(['practical'])
    await checkLevel('level4')
    expect(row('level4').find('[data-subject]').exists()).toBe(false)
  })

  it('refuses a duplicate job type', async () => {
    mountForm()
    await addJobType('维修电工')
    expect(wrapper.find('input[name="job_type"]').element).toHaveProperty('value', '')
    await addJobType('维修电工')
    expect(wrapper.text()).toContain('「维修电工」已添加')
    expect(wrapper.findAll('.job-types__tags .van-tag')).toHaveLength(1)
  })

  it('refuses a malformed code and no level without calling the server', async () => {
    mountForm()
    await wrapper.find('input[name="code"]').setValue('6-3101-03')
    await wrapper.find('input[name="name"]').setValue('电工')
    await submit()
    expect(wrapper.text()).toContain('职业编码格式应为 X-XX-XX-XX')
    await wrapper.find('input[name="code"]').setValue('6-31-01-03')
    await submit()
    expect(wrapper.text()).toContain('请至少选择一个认定等级')
    expect(api.createOccupation).not.toHaveBeenCalled()
  })

  it('sends a new entry with POST', async () => {
    const created = { ...existing, id: 12 }
    api.createOccupation.mockResolvedValue(created)
    mountForm()
    await wrapper.find('input[name="code"]').setValue('4-99-01-01')
    await wrapper.find('input[name="name"]').setValue(' 测试职业 ')
    await addJobType('测试方向')
    await checkLevel('level2')
    await checkLevel('level4')
    await row('level2').find('[data-subject="review"]').trigger('click') // untick 综合评审
    await submit()
    expect(api.createOccupation).toHaveBeenCalledWith({
      code: '4-99-01-01',
      name: '测试职业',
      job_types: ['测试方向'],
      levels: [
        { level: 'level4', subjects: ['theory', 'practical'] },
        { level: 'level2', subjects: ['theory', 'practical'] },
      ],
      active: true,
    })
    expect(wrapper.emitted('saved')?.[0]).toEqual([created])
  })

  it('edits an entry with PUT and shows a taken code on its field', async () => {
    api.updateOccupation.mockRejectedValue(new ApiError(409, 'occupation_code_taken', '该职业编码已存在'))
    mountForm(existing)
    expect(wrapper.find('input[name="code"]').element).toHaveProperty('value', '6-31-01-03')
    expect(checkedSubjects('level3')).toEqual(['theory', 'practical'])
    await wrapper.find('.van-switch').trigger('click')
    await submit()
    expect(api.updateOccupation).toHaveBeenCalledWith(9, { ...existing, id: undefined, active: false })
    expect(wrapper.find('.van-field__error-message').text()).toBe('该职业编码已存在')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })
})
