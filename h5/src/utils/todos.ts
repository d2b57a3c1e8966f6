// 待办事项 on the candidate's home: what the candidate has to do next, from their registrations.
import type { Registration } from '@/api/registration-types'
import { formatFen } from './money'

export interface Todo {
  kind: 'fee' | 'returned'
  registrationId: string
  title: string
  label: string
}

const itemName = (r: Pick<Registration, 'item'>) =>
  `${r.item.occupation_name}${r.item.job_type ? `／${r.item.job_type}` : ''} · ${r.item.level_label}`

/** Returned applications to correct first, then fees due (`can_pay`, which the server decides). */
export function candidateTodos(list: Registration[]): Todo[] {
  const returned = list
    .filter((r) => r.status === 'returned')
    .map((r): Todo => ({
      kind: 'returned', registrationId: r.id, title: `报名被退回：${itemName(r)}`,
      label: r.reason ? `退回原因：${r.reason}，请修改后重新提交` : '请修改后重新提交',
    }))
  const fees = list
    .filter((r) => r.can_pay)
    .map((r): Todo => ({
      kind: 'fee', registrationId: r.id, title: `报名费待缴 ${formatFen(r.item.fee_fen)}：${itemName(r)}`,
      label: '审核已通过，请在缴费截止前缴纳报名费',
    }))
  return [...returned, ...fees]
}
