// Shared data of the finance page tests.
import type { OrderRow, Reconciliation } from '@/api/finance-types'
import type { Me, Role } from '@/api/types'

export function me(role: Role): Me {
  return {
    id: 1, role, name: '王财务', login: 'finance', login_masked: 'fi***', must_change_password: false,
    wechat_bound: false, institution: null, identity_check_required: false,
  }
}

const line = (kind: Reconciliation['items'][number]['kind'], no: string, over: Partial<Reconciliation['items'][number]> = {}) => ({
  kind, out_trade_no: no, transaction_id: `4200${no}`, out_refund_no: null, wechat_fen: 12000, local_fen: 12000, note: '', ...over,
})

/** One line of every kind. */
export const reconciliation = (date: string, over: Partial<Reconciliation> = {}): Reconciliation => ({
  date, status: 'done', message: null, ran_at: `${date} 09:30:00`, bill_rows: 6, bill_paid_fen: 60000, bill_refund_fen: 12000,
  summary: { matched: 1, repaired: 1, wechat_only: 1, local_only: 1, amount_mismatch: 1, refund_matched: 1, refund_mismatch: 1 },
  items: [
    line('matched', 'SK001'),
    line('repaired', 'SK002', { note: '微信已支付、本地未支付，已查询补单' }),
    line('wechat_only', 'SK003', { local_fen: null }),
    line('local_only', 'SK004', { wechat_fen: null, transaction_id: null }),
    line('amount_mismatch', 'SK005', { wechat_fen: 10000 }),
    line('refund_matched', 'SK006', { out_refund_no: 'RF006' }),
    line('refund_mismatch', 'SK007', { out_refund_no: 'RF007', local_fen: null }),
  ],
  ...over,
})

export const order = (over: Partial<OrderRow> = {}): OrderRow => ({
  out_trade_no: 'SK20261121A1B2C3D4E5F6G7H8', transaction_id: '4200001234', status: 'paid', amount_fen: 12000,
  created_at: '2026-11-21 10:00:00', paid_at: '2026-11-21 10:01:00', registration_id: 'reg-1', candidate_name: '周某',
  id_number: '11010519491231002X', plan_name: '20261220-广东省华立高级技工学校', institution_name: '广东省华立高级技工学校',
  item_label: '电工 四级/中级工', payment_status: 'paid', refund: null, late: false, ...over,
})
