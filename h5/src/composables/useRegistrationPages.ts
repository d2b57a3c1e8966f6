// Page-by-page loading of a plan's registrations for van-list, restarted whenever the filters change.
import { listPlanRegistrations } from '@/api/staff-registrations'
import type { Registration } from '@/api/staff-types'
import { usePagedList } from '@/composables/usePagedList'

export interface RegFilterState {
  q: string
  /** 0: every item */
  item_id: number
  /** '': every status */
  status: string
}

export const PAGE_SIZE = 20

export function useRegistrationPages(planId: () => string, filtersOf: () => RegFilterState) {
  return usePagedList<Registration>(
    (page, size) => {
      const filters = filtersOf()
      return listPlanRegistrations(planId(), {
        q: filters.q.trim() || undefined,
        item_id: filters.item_id || undefined,
        status: filters.status || undefined,
        page,
        page_size: size,
      })
    },
    (r) => r.id,
    PAGE_SIZE,
  )
}
