// Shared data of the plan view specs.
import type { Plan, PlanItem } from '@/api/plan-types'
import type { Enums } from '@/api/types'
import { toRfc3339 } from '@/utils/plans'

const opt = (pairs: [string, string][]) => pairs.map(([value, label]) => ({ value, label }))

export const enums = {
  levels: opt([['level5', '五级/初级工'], ['level4', '四级/中级工'], ['level3', '三级/高级工']]),
  subjects: opt([['theory', '理论知识'], ['practical', '操作技能'], ['review', '综合评审']]),
  answer_modes: opt([['ata', 'ATA机考'], ['paper', '纸笔'], ['practical', '实操']]),
  plan_statuses: opt([['draft', '草稿'], ['confirmed', '已确认'], ['published', '已发布']]),
  plan_stages: opt([['open', '报名中'], ['submitted', '已报名提交'], ['ended', '报名业务结束']]),
  required_documents: opt([['学历证书', '学历证书'], ['身份证正反面', '身份证正反面']]),
} as unknown as Enums

export const item: PlanItem = {
  id: 8,
  occupation_id: 3,
  occupation_code: '6-31-01-03',
  occupation_name: '电工',
  job_type: '',
  level: 'level4',
  level_label: '四级/中级工',
  fee_fen: 12000,
  expected_count: 30,
  required_documents: ['学历证书'],
  subjects: [{ subject: 'theory', answer_mode: 'ata', date: null, start: null, end: null }],
  registration_count: 0,
}

export const plan: Plan = {
  id: 5,
  institution: { id: 1, code: '44010007', name: '测试评价机构' },
  name: '20261220-测试评价机构',
  status: 'draft',
  stage: 'open',
  reg_start: toRfc3339('2026-11-01', '09:00'),
  reg_end: toRfc3339('2026-11-30', '17:00'),
  review_deadline: toRfc3339('2026-12-02', '17:00'),
  payment_deadline: toRfc3339('2026-12-05', '17:00'),
  exam_date: '2026-12-20',
  ticket_start: toRfc3339('2026-12-15', '09:00'),
  ticket_end: toRfc3339('2026-12-20', '08:00'),
  announcement: '',
  notice: '',
  conditions: '',
  max_occupations: 2,
  items: [item],
  registration_count: 0,
  created_at: '2026-10-01T09:00:00+08:00',
  updated_at: '2026-10-01T09:00:00+08:00',
  published_at: null,
}
