// The approve / return / reject flow shared by the list (many) and the detail page (one).
import { computed, ref } from 'vue'
import { showConfirmDialog, showToast } from 'vant'
import { reviewRegistrations } from '@/api/staff-registrations'
import type { ReviewAction, ReviewResult } from '@/api/staff-types'
import { reviewSummary } from '@/utils/staff'

export function useReview(opts: {
  nameOf: (id: string) => string | undefined
  /** The required documents a registration lacks (approving those asks the reviewer to confirm). */
  missingOf?: (id: string) => string[]
  onDone: (r: ReviewResult) => void
}) {
  const action = ref<ReviewAction>('approve')
  const reasonOpen = ref(false)
  const busy = ref(false)
  const summary = ref('')
  const hasFailures = ref(false)
  let ids: string[] = []
  let confirmMissing = false

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
    const lacking = missingList(ids, opts)
    confirmMissing = lacking.length > 0
    try {
      await showConfirmDialog({
        title: confirmMissing ? '材料不全，仍要审核通过？' : '审核通过',
        message: confirmMissing
          ? `以下报名缺少必需的证明材料：\n${lacking.join('\n')}\n确认通过将记入办理记录。`
          : ids.length > 1 ? `确定通过选中的 ${ids.length} 条报名吗？` : '确定通过这条报名吗？',
        confirmButtonText: confirmMissing ? '仍要通过' : '确认',
        messageAlign: confirmMissing ? 'left' : 'center',
      })
    } catch {
      return // cancelled
    }
    await run()
  }

  async function run(reason?: string) {
    busy.value = true
    try {
      const confirm = action.value === 'approve' && confirmMissing
      const result = await reviewRegistrations(ids, action.value, reason, confirm)
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

/** 「张三：缺学历证书、工作证明」 for each selected registration that lacks a required document. */
function missingList(ids: string[], opts: { nameOf: (id: string) => string | undefined; missingOf?: (id: string) => string[] }) {
  return ids.flatMap((id) => {
    const m = opts.missingOf?.(id) ?? []
    return m.length ? [`${opts.nameOf(id) ?? '考生'}：缺${m.join('、')}`] : []
  })
}
