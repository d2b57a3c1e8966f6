// The enumerations of GET /api/meta/enums, fetched once per page load and shared.
import { shallowRef } from 'vue'
import { getEnums } from '@/api/meta'
import type { EnumKind, Enums, Option } from '@/api/types'

const enums = shallowRef<Enums | null>(null)
let pending: Promise<Enums> | null = null

function load(): Promise<Enums> {
  if (!pending) {
    pending = getEnums().then(
      (value) => (enums.value = value),
      (err: unknown) => {
        pending = null // let the next caller retry
        throw err
      },
    )
  }
  return pending
}

export function useEnums() {
  if (!enums.value) load().catch(() => {})

  const options = (kind: EnumKind): Option[] => enums.value?.[kind] ?? []

  const labelOf = (kind: EnumKind, value: string | null | undefined): string => {
    if (!value) return ''
    return options(kind).find((o) => o.value === value)?.label ?? value
  }

  return { enums, load, options, labelOf }
}

/** For tests: forget the cache. */
export function resetEnumsCache() {
  enums.value = null
  pending = null
}
