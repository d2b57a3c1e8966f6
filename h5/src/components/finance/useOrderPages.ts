// Page-by-page loading of the order search for van-list, restarted whenever the search text changes.
import { computed, ref } from 'vue'
import { listOrders } from '@/api/finance'
import type { OrderRow } from '@/api/finance-types'

export const ORDER_PAGE_SIZE = 20

export function useOrderPages(queryOf: () => string) {
  const items = ref<OrderRow[]>([])
  const total = ref(0)
  const loading = ref(false)
  const finished = ref(false)
  const error = ref(false)
  const page = ref(0)
  // Answers to a superseded search are dropped.
  let generation = 0

  async function loadMore() {
    const gen = generation
    loading.value = true
    try {
      const r = await listOrders(queryOf(), page.value + 1, ORDER_PAGE_SIZE)
      if (gen !== generation) return
      page.value += 1
      const seen = new Set(items.value.map((x) => x.out_trade_no))
      items.value.push(...r.items.filter((x) => !seen.has(x.out_trade_no)))
      total.value = r.total
      finished.value = items.value.length >= r.total || r.items.length < ORDER_PAGE_SIZE
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

  const firstLoading = computed(() => page.value === 0 && loading.value)
  const firstFailed = computed(() => page.value === 0 && error.value)

  return { items, total, loading, finished, error, firstLoading, firstFailed, loadMore, reload }
}
