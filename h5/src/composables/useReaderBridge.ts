// The local ID-card reader bridge (README「身份证阅读器本机桥接」): the page polls GET <url> on the staff member's
// computer; 200 carries the card as JSON (the same shape the paste box accepts), 204 means no card on the reader.
// A card is handed on once; the same card again only after it was taken off (a 204) — so the next card read always
// starts a new entry.
import { getCurrentScope, onScopeDispose, ref } from 'vue'
import { parseReaderJson } from '@/utils/staff'

export const DEFAULT_READER_URL = 'http://127.0.0.1:18765/read'
const URL_KEY = 'skillcert.idReaderUrl'

export type BridgeState = 'off' | 'waiting' | 'offline'

export function useReaderBridge(opts: {
  onCard: (json: string) => Promise<unknown> | unknown
  intervalMs?: number
  fetcher?: typeof fetch
}) {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(URL_KEY)
  const url = ref(saved || import.meta.env.VITE_ID_READER_URL || DEFAULT_READER_URL)
  const state = ref<BridgeState>('off')
  let timer: ReturnType<typeof setTimeout> | undefined
  let last = ''

  /** One poll: returns after the card (if any) was handed on. */
  async function poll() {
    const f = opts.fetcher ?? fetch
    try {
      const r = await f(url.value, { cache: 'no-store' })
      if (r.status === 204) {
        last = ''
        state.value = 'waiting'
        return
      }
      if (!r.ok) throw new Error(String(r.status))
      state.value = 'waiting'
      const text = await r.text()
      const parsed = parseReaderJson(text)
      const id = parsed.ok ? parsed.req.id_number : text
      if (id === last) return
      last = id
      await opts.onCard(text)
    } catch {
      state.value = 'offline'
    }
  }

  function schedule() {
    timer = setTimeout(async () => {
      await poll()
      if (state.value !== 'off') schedule()
    }, opts.intervalMs ?? 1000)
  }

  function start() {
    if (typeof localStorage !== 'undefined') localStorage.setItem(URL_KEY, url.value)
    stop()
    last = ''
    state.value = 'waiting'
    schedule()
  }

  function stop() {
    clearTimeout(timer)
    state.value = 'off'
  }

  if (getCurrentScope()) onScopeDispose(stop)
  return { url, state, poll, start, stop }
}
