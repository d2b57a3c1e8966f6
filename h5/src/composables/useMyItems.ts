// 已报名 beside the open plans: the plan list is one cached answer for everyone, so the candidate's own
// applications come from their own small request and are merged here by item id.
import { ref } from 'vue'
import type { MyItem } from '@/api/registration-types'
import { listMyItems } from '@/api/registrations'

export function useMyItems() {
  const applied = ref<Map<number, MyItem>>(new Map())

  /** Never fails: without it the list simply shows no 已报名. */
  async function loadApplied() {
    try {
      applied.value = new Map((await listMyItems()).map((m) => [m.item_id, m]))
    } catch {
      // a hint only
    }
  }

  return { applied, loadApplied }
}
