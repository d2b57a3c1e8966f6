// Client-side copies of the catalogue rules of the server (api/src/domain/enums.rs).
import type { LevelSpec, Option } from '@/api/types'

/** The subjects a level is assessed in by default: 技师 and above add 综合评审; 专项能力 is practical only. */
export function defaultSubjects(level: string): string[] {
  if (level === 'level2' || level === 'level1') return ['theory', 'practical', 'review']
  if (level === 'special') return ['practical']
  return ['theory', 'practical']
}

/** Orders `values` as `options` lists them; unknown values go last. */
export function inOptionOrder<T>(values: T[], options: Option[], key: (v: T) => string): T[] {
  const rank = (v: T) => {
    const i = options.findIndex((o) => o.value === key(v))
    return i < 0 ? options.length : i
  }
  return [...values].sort((a, b) => rank(a) - rank(b))
}

/** Checks or unchecks a level; a newly checked level gets its default subjects. */
export function toggleLevel(specs: LevelSpec[], level: string, checked: boolean, levels: Option[]): LevelSpec[] {
  const rest = specs.filter((s) => s.level !== level)
  if (!checked) return rest
  const kept = specs.find((s) => s.level === level)
  return inOptionOrder([...rest, kept ?? { level, subjects: defaultSubjects(level) }], levels, (s) => s.level)
}

/** What the form must refuse before sending: no level, or a level without subjects. */
export function levelsError(specs: LevelSpec[]): string | undefined {
  if (!specs.length) return '请至少选择一个认定等级'
  if (specs.some((s) => !s.subjects.length)) return '每个等级至少需要一个考核科目'
  return undefined
}
