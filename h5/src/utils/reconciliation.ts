// Pure helpers of 对账: the kinds of result lines, their colours and grouping, and what a run's status means (its tag is in status.ts).
import type { ReconItem, ReconKind, ReconSummary } from '@/api/finance-types'

export interface KindLook {
  label: string
  /** What the line means, for the group's header. */
  hint: string
  /** good: green; repaired: blue; bad: red; warn: orange */
  tone: 'good' | 'repaired' | 'bad' | 'warn'
}

/** In the order they are shown: differences first would hide how much matched, so matches lead. */
export const RECON_KINDS: Record<ReconKind, KindLook> = {
  matched: { label: '一致', hint: '本地与微信账单均已支付，金额一致', tone: 'good' },
  refund_matched: { label: '退款一致', hint: '本地与微信账单的退款一致', tone: 'good' },
  repaired: { label: '已补单', hint: '微信已支付、本地未支付，已查询微信并补记为已支付', tone: 'repaired' },
  wechat_only: { label: '微信有本地无', hint: '微信账单有该笔交易，本地没有对应订单', tone: 'bad' },
  local_only: { label: '本地有微信无', hint: '本地已支付，微信账单中没有该笔交易', tone: 'bad' },
  amount_mismatch: { label: '金额不符', hint: '本地与微信账单的金额不一致', tone: 'bad' },
  refund_mismatch: { label: '退款不符', hint: '退款在本地与微信账单中不一致或缺失', tone: 'warn' },
}

export const RECON_KIND_ORDER = Object.keys(RECON_KINDS) as ReconKind[]

export const kindLabel = (kind: string) => RECON_KINDS[kind as ReconKind]?.label ?? kind

/** The lines that need someone to look at them. */
export const DIFFERENCE_KINDS: ReconKind[] = ['wechat_only', 'local_only', 'amount_mismatch', 'refund_mismatch']

export const differenceCount = (s: Partial<ReconSummary>) => DIFFERENCE_KINDS.reduce((n, k) => n + (s[k] ?? 0), 0)

export interface KindGroup {
  kind: ReconKind
  look: KindLook
  items: ReconItem[]
}

/** The lines by kind, in RECON_KIND_ORDER; kinds without lines are left out, unknown kinds go last. */
export function groupByKind(items: ReconItem[]): KindGroup[] {
  const known = RECON_KIND_ORDER.map((kind) => ({ kind, look: RECON_KINDS[kind], items: items.filter((i) => i.kind === kind) }))
  const unknown = [...new Set(items.map((i) => i.kind).filter((k) => !(k in RECON_KINDS)))].map((kind) => ({
    kind,
    look: { label: kind, hint: '', tone: 'warn' as const },
    items: items.filter((i) => i.kind === kind),
  }))
  return [...known, ...unknown].filter((g) => g.items.length > 0)
}

/** What to tell the user about a run that did not simply finish; `null` for a finished one. */
export function reconNotice(status: string, message: string | null | undefined): string | null {
  if (status === 'creating') return '微信账单生成中，请稍后再试'
  if (status === 'no_statement') return '当日无微信交易'
  if (status === 'failed') return message ? `对账失败：${message}` : '对账失败，请稍后重试'
  return null
}

/** 「一致 9 · 差异 3」 for the history list. */
export function summaryLine(s: Partial<ReconSummary>): string {
  const diff = differenceCount(s)
  const parts = [`一致 ${(s.matched ?? 0) + (s.refund_matched ?? 0)}`]
  if (s.repaired) parts.push(`补单 ${s.repaired}`)
  parts.push(diff ? `差异 ${diff}` : '无差异')
  return parts.join(' · ')
}
