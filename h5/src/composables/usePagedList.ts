// Page-by-page loading for van-list: `loadMore` fetches the next page, `reload` starts over (e.g. when filters
// change). Answers to a superseded query are dropped; rows already shown are not repeated.
import { computed, ref, type Ref } from 'vue'

export interface Page<T> {
  total: number
  items: T[]
}

export function usePagedList<T>(
  fetchPage: (page: number, size: number) => Promise<Page<T>>,
  keyOf: (row: T) => string,
  size: number,
) {
  const items = ref([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const finished = ref(false)
  const error = ref(false)
  const page = ref(0)
  let generation = 0

  async function loadMore() {
    const gen = generation
    loading.value = true
    try {
      const r = await fetchPage(page.value + 1, size)
      if (gen !== generation) return
      page.value += 1
      const seen = new Set(items.value.map(keyOf))
      items.value.push(...r.items.filter((x) => !seen.has(keyOf(x))))
      total.value = r.total
      finished.value = items.value.length >= r.total || r.items.length < size
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
