// Shared test data of the staff registration and correction page tests.
import type { Enums, Me, Role } from '@/api/types'
import type { Registration, StaffPlanItem } from '@/api/staff-types'

const o = (pairs: [string, string][]) => pairs.map(([value, label]) => ({ value, label }))

export const enums = {
  id_types: o([['resident_id', '居民身份证'], ['hk_macao_permit', '港澳居民来往内地通行证']]),
  genders: o([['male', '男'], ['female', '女']]),
  ethnicities: o([['han', '汉族']]),
  hukou_types: o([['urban', '非农业']]),
  candidate_sources: o([['employee', '企业职工']]),
  education_levels: o([['bachelor', '本科']]),
  cert_levels: o([['level4', '四级/中级工']]),
  roles: [],
  levels: o([['level4', '四级/中级工']]),
  subjects: [],
  answer_modes: [],
  plan_statuses: [],
  plan_stages: o([['open', '报名中']]),
  registration_statuses: o([
    ['pending', '待处理'], ['returned', '退回修改'], ['rejected', '申请不通过'], ['approved', '申请通过'],
  ]),
  payment_statuses: o([['unpaid', '待支付'], ['paid', '已支付']]),
  registration_sources: o([['online', '考生网上报名'], ['manual', '手工录入']]),
  correction_statuses: o([['pending', '待审核'], ['approved', '审核通过'], ['rejected', '审核不通过']]),
  required_documents: [],
} satisfies Enums

export const ID = '11010519491231002X'

export const item: StaffPlanItem = {
  id: 3, occupation_id: 1, occupation_code: '6-31-01-03', occupation_name: '电工', job_type: '', level: 'level4',
  level_label: '四级/中级工', fee_fen: 12000, registration_count: 0, expected_count: 0,
  required_documents: [], subjects: [],
}

export function me(role: Role): Me {
  return {
    id: 1, role, name: '测试', login: 'tester', login_masked: 'te***', must_change_password: false,
    wechat_bound: false, identity_check_required: false, institution: role === 'staff' ? { id: 1, code: '12345678', name: '测试机构' } : null,
  }
}

export function registration(id: string, name: string, status: Registration['status']): Registration {
  return {
    id,
    plan: { id: 7, name: '20261220-测试机构', exam_date: '2026-12-20', reg_start: '', reg_end: '', stage: 'open' },
    item: { id: item.id, occupation_code: item.occupation_code, occupation_name: item.occupation_name, job_type: '',
      level: item.level, level_label: item.level_label, fee_fen: item.fee_fen, required_documents: [] },
    candidate: { user_id: 9, name, id_type: 'resident_id', id_number_masked: '1101**********002X', id_number: ID, mobile_masked: '138****8000' },
    status, payment_status: 'unpaid', reason: null, source: 'online', documents: [], missing_documents: [], can_edit: false,
    can_withdraw: false, can_export_form: false, can_pay: false, in_remittance: false, created_at: '2026-11-01T09:00:00+08:00', updated_at: '2026-11-01T09:00:00+08:00',
  }
}

/** Types into a field that was teleported to <body>. */
export function typeInto(selector: string, value: string) {
  const el = document.body.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)
  if (!el) throw new Error(`no element ${selector}`)
  el.value = value
  el.dispatchEvent(new Event('input'))
}

export function clickIn(selector: string) {
  const el = document.body.querySelector<HTMLElement>(selector)
  if (!el) throw new Error(`no element ${selector}`)
  el.click()
}
