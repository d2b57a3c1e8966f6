// Page-by-page loading of the order search for van-list, restarted whenever the search text changes.
import { listOrders } from '@/api/finance'
import type { OrderRow } from '@/api/finance-types'
import { usePagedList } from '@/composables/usePagedList'

export const ORDER_PAGE_SIZE = 20

export const useOrderPages = (queryOf: () => string) =>
  usePagedList<OrderRow>((page, size) => listOrders(queryOf(), page, size), (o) => o.out_trade_no, ORDER_PAGE_SIZE)
