// Explains a refused registration request in a dialog whose button leads to the sensible next step.
import { showConfirmDialog, showDialog } from 'vant'
import type { Router } from 'vue-router'
import { toApiError } from '@/api/http'
import { refusalNextStep } from '@/utils/registration'

/** `stay`: the request was about an existing registration; explain, and let the page reload it. */
export async function showRefusal(err: unknown, router: Router, title: string, stay = false): Promise<void> {
  const e = toApiError(err)
  const next = stay ? { confirmText: '知道了', to: null } : refusalNextStep(e.code)
  const message = e.message
  if (!next.to) {
    await showDialog({ title, message, confirmButtonText: next.confirmText }).catch(() => {})
    return
  }
  try {
    await showConfirmDialog({ title, message, confirmButtonText: next.confirmText, cancelButtonText: '留在本页' })
  } catch {
    return
  }
  await router.push(next.to)
}
