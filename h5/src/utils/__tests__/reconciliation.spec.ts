import { describe, expect, it } from 'vitest'
import type { ReconItem } from '@/api/finance-types'
import { differenceCount, groupByKind, kindLabel, reconNotice, summaryLine } from '../reconciliation'

const item = (kind: string, no: string): ReconItem =>
  ({ kind, out_trade_no: no, transaction_id: null, out_refund_no: null, wechat_fen: 100, local_fen: 100, note: '' }) as ReconItem

describe('对账', () => {
  it('labels every kind in Chinese', () => {
    expect(['matched', 'repaired', 'wechat_only', 'local_only', 'amount_mismatch', 'refund_matched', 'refund_mismatch'].map(kindLabel))
      .toEqual(['一致', '已补单', '微信有本地无', '本地有微信无', '金额不符', '退款一致', '退款不符'])
  })

  it('groups lines by kind in a fixed order, leaving out empty kinds and keeping unknown ones', () => {
    const groups = groupByKind([item('local_only', 'c'), item('matched', 'a'), item('brand_new', 'x'), item('matched', 'b')])
    expect(groups.map((g) => [g.kind, g.items.map((i) => i.out_trade_no)])).toEqual([
      ['matched', ['a', 'b']], ['local_only', ['c']], ['brand_new', ['x']],
    ])
    expect(groups[2].look.label).toBe('brand_new')
  })

  it('counts the differences that need a look', () => {
    const s = { matched: 9, repaired: 1, wechat_only: 1, local_only: 1, amount_mismatch: 1, refund_matched: 1, refund_mismatch: 2 }
    expect(differenceCount(s)).toBe(5)
    expect(summaryLine(s)).toBe('一致 10 · 补单 1 · 差异 5')
    expect(summaryLine({ matched: 3 })).toBe('一致 3 · 无差异')
  })

  it('explains runs that did not simply finish', () => {
    expect(reconNotice('creating', null)).toBe('微信账单生成中，请稍后再试')
    expect(reconNotice('no_statement', null)).toBe('当日无微信交易')
    expect(reconNotice('failed', '下载账单超时')).toBe('对账失败：下载账单超时')
    expect(reconNotice('done', null)).toBeNull()
  })
})
