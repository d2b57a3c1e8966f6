// Every status tag of the H5, decided once: the same status has the same colour on every page, for candidates,
// institution staff and the centre alike. Labels of statuses the server names (GET /api/meta/enums) come from the
// server; the others are named here.
import type { EnumKind } from '@/api/types'

/** Vant's tag types. */
export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'default'

/** How a status is drawn: `plain` is an outline, used to tell two statuses of one colour apart. */
export interface TagLook {
  type: TagType
  plain: boolean
}

export type StatusKind =
  | 'registration' | 'payment' | 'plan' | 'plan_stage' | 'correction' | 'remittance' | 'order' | 'refund'
  | 'reconciliation'

const solid = (type: TagType): TagLook => ({ type, plain: false })
const outline = (type: TagType): TagLook => ({ type, plain: true })

/**
 * The colours, by what the status asks of the person looking at it:
 * - green (success): done and in order — approved, paid (online or confirmed offline), confirmed, published;
 * - orange (warning): waiting for someone — to review, to pay, to confirm, a refund under way;
 * - red (danger): refused or failed — rejected, and 退回修改 as an outline (the candidate can still put it right);
 * - blue (primary): passed on beyond the page's people — 已提交申报, 当日无交易, a plan open for registration;
 * - grey (default): over or not started — withdrawn, refunded, closed, a draft.
 */
const LOOKS: Record<StatusKind, Record<string, TagLook>> = {
  registration: {
    pending: solid('warning'), returned: outline('danger'), rejected: solid('danger'), approved: solid('success'),
    submitted: solid('primary'), scored: solid('success'), withdrawn: solid('default'),
  },
  payment: {
    unpaid: solid('warning'), paid: solid('success'), offline_confirmed: solid('success'),
    refunding: outline('warning'), refunded: solid('default'),
  },
  plan: { draft: solid('default'), confirmed: solid('warning'), published: solid('success') },
  // Beside the plan's status, so drawn as outlines.
  plan_stage: { open: outline('primary'), submitted: outline('warning'), ended: outline('default') },
  correction: { pending: solid('warning'), approved: solid('success'), rejected: solid('danger') },
  remittance: { pending: solid('warning'), confirmed: solid('success'), rejected: solid('danger') },
  order: { open: solid('warning'), paid: solid('success'), closed: solid('default') },
  refund: {
    pending: outline('warning'), processing: outline('warning'), success: outline('success'),
    abnormal: outline('danger'), closed: outline('default'),
  },
  reconciliation: {
    done: solid('success'), creating: solid('warning'), no_statement: solid('primary'), failed: solid('danger'),
  },
}

/** A status this H5 does not know yet (a newer server) is grey, so it never claims to be good or bad. */
const UNKNOWN: TagLook = outline('default')

const own = <T>(table: Record<string, T> | undefined, key: string): T | undefined =>
  table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined

export function statusLook(kind: StatusKind, status: string | null | undefined): TagLook {
  return (status && own(LOOKS[kind], status)) || UNKNOWN
}

/** The statuses whose names the server serves, and under which enumeration. */
export const SERVED_LABELS: Partial<Record<StatusKind, EnumKind>> = {
  registration: 'registration_statuses',
  payment: 'payment_statuses',
  plan: 'plan_statuses',
  plan_stage: 'plan_stages',
  correction: 'correction_statuses',
}

/** The names of the statuses the server does not serve. */
export const LOCAL_LABELS: Partial<Record<StatusKind, Record<string, string>>> = {
  remittance: { pending: '待确认', confirmed: '已确认', rejected: '已驳回' },
  order: { open: '待支付', paid: '已支付', closed: '已关闭' },
  refund: { pending: '退款申请中', processing: '退款中', success: '退款成功', abnormal: '退款异常', closed: '退款关闭' },
  reconciliation: { done: '已完成', creating: '账单生成中', no_statement: '当日无交易', failed: '对账失败' },
}

type LabelOf = (kind: EnumKind, value: string | null | undefined) => string

/** A status's name: the server's for the enumerations it serves (through `labelOf`), else this file's; else the code. */
export function statusLabel(kind: StatusKind, status: string, labelOf?: LabelOf): string {
  const served = SERVED_LABELS[kind]
  if (served && labelOf) return labelOf(served, status) || status
  return own(LOCAL_LABELS[kind], status) ?? status
}

/** The history of a registration: what each action is called (the candidate and the staff read the same words). */
const HISTORY_ACTIONS: Record<string, string> = {
  apply: '提交报名', enter: '机构录入报名', edit: '修改资料', resubmit: '重新提交', withdraw: '撤回报名',
  approve: '审核通过', return: '退回修改', reject: '审核不通过', reapply: '重新报名',
}

export const historyActionLabel = (action: string): string => own(HISTORY_ACTIONS, action) ?? action
