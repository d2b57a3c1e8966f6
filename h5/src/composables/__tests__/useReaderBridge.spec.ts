import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_READER_URL, useReaderBridge } from '../useReaderBridge'

const ID = '11010519491231002X'
const card = JSON.stringify({ name: '张三', id_number: ID, gender: '女' })
const next = JSON.stringify({ name: '李四', id_number: '11010519491231001X'.replace('1X', '21'), gender: '女' })

function answers(...seq: (string | number | Error)[]) {
  const fetcher = vi.fn()
  for (const a of seq) {
    if (a instanceof Error) fetcher.mockRejectedValueOnce(a)
    else if (typeof a === 'number') fetcher.mockResolvedValueOnce(new Response(null, { status: a }))
    else fetcher.mockResolvedValueOnce(new Response(a, { status: 200 }))
  }
  return fetcher as unknown as typeof fetch & ReturnType<typeof vi.fn>
}

beforeEach(() => {
  localStorage.clear()
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

describe('the local ID-card reader bridge', () => {
  it('polls the configured local URL and hands each card on once, again only after it was taken off', async () => {
    const onCard = vi.fn()
    const fetcher = answers(204, card, card, 204, card, next)
    const b = useReaderBridge({ onCard, fetcher, intervalMs: 500 })
    expect(b.url.value).toBe(DEFAULT_READER_URL)
    b.start()
    for (let i = 0; i < 6; i++) await vi.advanceTimersByTimeAsync(500)
    expect(fetcher).toHaveBeenCalledTimes(6)
    expect(fetcher).toHaveBeenCalledWith(DEFAULT_READER_URL, { cache: 'no-store' })
    expect(onCard.mock.calls.map((c) => JSON.parse(c[0]).name)).toEqual(['张三', '张三', '李四'])
    b.stop()
    await vi.advanceTimersByTimeAsync(2000)
    expect(fetcher).toHaveBeenCalledTimes(6)
  })

  it('says so when nothing answers on this computer, and keeps trying', async () => {
    const fetcher = answers(new TypeError('Failed to fetch'), 204)
    const b = useReaderBridge({ onCard: vi.fn(), fetcher, intervalMs: 500 })
    b.start()
    await vi.advanceTimersByTimeAsync(500)
    expect(b.state.value).toBe('offline')
    await vi.advanceTimersByTimeAsync(500)
    expect(b.state.value).toBe('waiting')
    b.stop()
  })

  it('remembers a changed address', async () => {
    const b = useReaderBridge({ onCard: vi.fn(), fetcher: answers(204), intervalMs: 500 })
    b.url.value = 'http://127.0.0.1:9000/read'
    b.start()
    b.stop()
    expect(useReaderBridge({ onCard: vi.fn() }).url.value).toBe('http://127.0.0.1:9000/read')
  })
})
