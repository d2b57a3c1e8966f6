// Page-by-page loading of a plan's registrations for van-list, restarted whenever the filters change.
import { computed, ref } from 'vue'
import { listPlanRegistrations } from '@/api/staff-registrations'
import type { Registration } from '@/api/staff-types'

export interface RegFilterState {
  q: string
  /** 0: every item */
  item_id: number
  /** '': every status */
  status: string
}

export const PAGE_SIZE = 20

export function useRegistrationPages(planId: () => string, filtersOf: () => RegFilterState) {
  const items = ref<Registration[]>([])
  const total = ref(0)
  const loading = ref(false)
  const finished = ref(false)
  const error = ref(false)
  const page = ref(0)
  // Answers to a superseded query (the filters changed meanwhile) are dropped.
  let generation = 0

  async function loadMore() {
    const gen = generation
    const filters = filtersOf()
    loading.value = true
    try {
      const r = await listPlanRegistrations(planId(), {
        q: filters.q.trim() || undefined,
        item_id: filters.item_id || undefined,
        status: filters.status || undefined,
        page: page.value + 1,
        page_size: PAGE_SIZE,
      })
      if (gen !== generation) return
      page.value += 1
      const seen = new Set(items.value.map((x) => x.id))
      items.value.push(...r.items.filter((x) => !seen.has(x.id)))
      total.value = r.total
      finished.value = items.value.length >= r.total || r.items.length < PAGE_SIZE
    } catch {
      if (gen === generation) error.value = true
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  function reload() {
    generation++
    page.value = 0
    items.value = []
    total.value = 0
    finished.value = false
    error.value = false
    return loadMore()
  }

  /** The first page is still coming or failed: the page shows a spinner or a retry instead of the list. */
  const firstLoading = computed(() => page.value === 0 && loading.value)
  const firstFailed = computed(() => page.value === 0 && error.value)

  return { items, total, loading, finished, error, firstLoading, firstFailed, loadMore, reload }
}
