// Fetches a file with the session token and saves it; refusals are toasted by the interceptor.
import { ref } from 'vue'
import { showToast } from 'vant'
import { saveBlob, type Download } from '@/api/download'

export function useDownload() {
  const busy = ref(false)

  /** `name` is used unless `preferServerName` and the server named the file. */
  async function run(fetch: () => Promise<Download>, name: string, preferServerName = false) {
    if (busy.value) return
    busy.value = true
    try {
      const { blob, filename } = await fetch()
      saveBlob(blob, (preferServerName && filename) || name)
      showToast({ type: 'success', message: '已开始下载' })
    } catch {
      // toasted
    } finally {
      busy.value = false
    }
  }

  return { busy, run }
}
