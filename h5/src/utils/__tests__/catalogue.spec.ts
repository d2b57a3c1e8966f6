import { describe, expect, it } from 'vitest'
import type { LevelSpec } from '@/api/types'
import { defaultSubjects, inOptionOrder, levelsError, toggleLevel } from '../catalogue'

const levels = ['level5', 'level4', 'level3', 'level2', 'level1', 'special'].map((value) => ({ value, label: value }))

describe('defaultSubjects', () => {
  it.each(['level5', 'level4', 'level3'])('is theory + practical for %s', (l) =>
    expect(defaultSubjects(l)).toEqual(['theory', 'practical']),
  )
  it.each(['level2', 'level1'])('adds the review for %s', (l) =>
    expect(defaultSubjects(l)).toEqual(['theory', 'practical', 'review']),
  )
  it('is practical only for a special ability', () => expect(defaultSubjects('special')).toEqual(['practical']))
  it('hands out a fresh list each time', () => {
    defaultSubjects('level4').push('review')
    expect(defaultSubjects('level4')).toEqual(['theory', 'practical'])
  })
})

describe('toggleLevel', () => {
  it('adds a checked level with its default subjects, in the order of the enumeration', () => {
    let specs: LevelSpec[] = toggleLevel([], 'level2', true, levels)
    specs = toggleLevel(specs, 'special', true, levels)
    specs = toggleLevel(specs, 'level4', true, levels)
    expect(specs).toEqual([
      { level: 'level4', subjects: ['theory', 'practical'] },
      { level: 'level2', subjects: ['theory', 'practical', 'review'] },
      { level: 'special', subjects: ['practical'] },
    ])
  })

  it('removes an unchecked level and keeps the subjects of one checked again', () => {
    const specs = [{ level: 'level4', subjects: ['practical'] }, { level: 'level3', subjects: ['theory'] }]
    expect(toggleLevel(specs, 'level3', false, levels)).toEqual([{ level: 'level4', subjects: ['practical'] }])
    expect(toggleLevel(specs, 'level4', true, levels)).toEqual(specs)
  })
})

describe('levelsError', () => {
  it('needs a level, and a subject for each level', () => {
    expect(levelsError([])).toBe('请至少选择一个认定等级')
    expect(levelsError([{ level: 'level4', subjects: [] }])).toBe('每个等级至少需要一个考核科目')
    expect(levelsError([{ level: 'level4', subjects: ['theory'] }])).toBeUndefined()
  })
})

describe('inOptionOrder', () => {
  it('sorts by the options and puts unknown values last', () => {
    expect(inOptionOrder(['x', 'special', 'level5'], levels, (v) => v)).toEqual(['level5', 'special', 'x'])
  })
})
