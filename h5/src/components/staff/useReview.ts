// The approve / return / reject flow shared by the list (many) and the detail page (one).
import { computed, ref } from 'vue'
import { showConfirmDialog, showToast } from 'vant'
import { reviewRegistrations } from '@/api/staff-registrations'
import type { ReviewAction, ReviewResult } from '@/api/staff-types'
import { reviewSummary } from '@/utils/staff'

export function useReview(opts: { nameOf: (id: string) => string | undefined; onDone: (r: ReviewResult) => void }) {
  const action = ref<ReviewAction>('approve')
  const reasonOpen = ref(false)
  const busy = ref(false)
  const summary = ref('')
  const hasFailures = ref(false)
  let ids: string[] = []

  const reasonTitle = computed(() => (action.value === 'return' ? '退回修改' : '审核不通过'))

  /** Approving asks for a confirmation; returning and rejecting ask for the reason first. */
  async function start(a: ReviewAction, selected: string[]) {
    if (!selected.length || busy.value) return
    ids = [...selected]
    action.value = a
    if (a !== 'approve') {
      reasonOpen.value = true
      return
    }
    try {
      await showConfirmDialog({
        title: '审核通过',
        message: ids.length > 1 ? `确定通过选中的 ${ids.length} 条报名吗？` : '确定通过这条报名吗？',
      })
    } catch {
      return // cancelled
    }
    await run()
  }

  async function run(reason?: string) {
    busy.value = true
    try {
      const result = await reviewRegistrations(ids, action.value, reason)
      summary.value = reviewSummary(result, opts.nameOf)
      hasFailures.value = result.failed.length > 0
      reasonOpen.value = false
      showToast({ type: hasFailures.value ? 'text' : 'success', message: `已处理 ${result.done.length} 条` })
      opts.onDone(result)
    } catch {
      // the interceptor toasted the refusal (e.g. too_many_ids, reason_required)
    } finally {
      busy.value = false
    }
  }

  return { action, reasonOpen, reasonTitle, busy, summary, hasFailures, start, run }
}
