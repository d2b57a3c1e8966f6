// Shared data and a router for the registration view tests.
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { OpenItem, PublicPlan, Registration } from '@/api/registration-types'
import type { AppConfig, Enums, FileRef, Profile } from '@/api/types'

const Stub = defineComponent({ render: () => h('div') })

/** The candidate routes by name, each with an empty page, so that views can link and navigate. */
export function testRouter() {
  const names: [string, string][] = [
    ['/', 'home'],
    ['/profile', 'profile'],
    ['/plans', 'plans'],
    ['/plans/:planId', 'plan-announcement'],
    ['/apply/:itemId', 'apply'],
    ['/registrations', 'my-registrations'],
    ['/registrations/:id', 'registration'],
    ['/registrations/:id/form', 'application-form'],
  ]
  return createRouter({
    history: createMemoryHistory(),
    routes: names.map(([path, name]) => ({ path, name, component: Stub })),
  })
}

const opts = (pairs: [string, string][]) => pairs.map(([value, label]) => ({ value, label }))

export const enums = {
  registration_statuses: opts([
    ['pending', '待处理'], ['returned', '退回修改'], ['rejected', '申请不通过'], ['approved', '申请通过'],
    ['submitted', '已提交申报'], ['scored', '成绩发布'], ['withdrawn', '已撤回'],
  ]),
  payment_statuses: opts([['unpaid', '待支付'], ['paid', '已支付']]),
  registration_sources: opts([['online', '考生网上报名']]),
  id_types: opts([['resident_id', '居民身份证']]),
  genders: opts([['male', '男'], ['female', '女']]),
  subjects: opts([['theory', '理论知识'], ['practical', '操作技能']]),
  answer_modes: opts([['ata', 'ATA机考'], ['practical', '实操']]),
} as unknown as Enums

/** GET /meta/config with WeChat Pay on (the simulator's bridge is not needed: tests stub the bridge). */
export const appConfig: AppConfig = {
  wechat_login: true, wechat_simulated: false, mini_program: false, wechat_pay: true, pay_bridge_url: null,
}

export const file = (id: number): FileRef => ({
  id: String(id), url: `/api/files/${id}?sig=x`, content_type: 'image/png', size: 2048, width: 100, height: 100,
})

export const openItem = (over: Partial<OpenItem> = {}): OpenItem => ({
  plan_id: 3, plan_name: '20261220-测试职业技能学校', institution_name: '测试职业技能学校', item_id: 11,
  occupation_code: '6-31-01-03', occupation_name: '电工', job_type: '', level: 'level4', level_label: '四级/中级工',
  fee_fen: 12000, reg_start: '2026-06-01T09:00:00+08:00', reg_end: '2026-07-30T17:00:00+08:00',
  exam_date: '2026-12-20', can_apply: true, closed_reason: null, ...over,
})

export const plan: PublicPlan = {
  id: 3, name: '20261220-测试职业技能学校', institution_name: '测试职业技能学校',
  reg_start: '2020-01-01T09:00:00+08:00', reg_end: '2099-12-31T17:00:00+08:00', exam_date: '2099-12-31',
  announcement: '考试地点另行通知', notice: '请如实填写报名信息，弄虚作假者取消资格。', conditions: '从事本职业工作满 2 年',
  max_occupations: 2,
  items: [{
    id: 11, occupation_id: 1, occupation_code: '6-31-01-03', occupation_name: '电工', job_type: '',
    level: 'level4', level_label: '四级/中级工', fee_fen: 12000, expected_count: 50,
    required_documents: ['学历证书'], subjects: [],
  }],
}

export const profile = (over: Partial<Profile> = {}): Profile => ({
  name: '张三', id_type: 'resident_id', id_number: '11010519491231002X', gender: 'female',
  birth_date: '1949-12-31', mobile: '13800138000', ethnicity: 'han', hukou_type: 'urban', hukou_address: '广州',
  candidate_source: 'worker', enrollment_date: null, work_years: 3, school_or_employer: '某公司', education: 'college',
  prev_cert_level: null, prev_cert_number: null, prev_cert_date: null, photo: file(1), id_front: null, id_back: null,
  completeness: { complete: true, missing: [] }, ...over,
})

export const registration = (over: Partial<Registration> = {}): Registration => ({
  id: '0b9d3c4e-1111-4a5b-9c00-000000000001',
  plan: { id: 3, name: plan.name, exam_date: '2026-12-20', reg_start: plan.reg_start, reg_end: plan.reg_end, stage: 'open' },
  item: {
    id: 11, occupation_code: '6-31-01-03', occupation_name: '电工', job_type: '', level: 'level4',
    level_label: '四级/中级工', fee_fen: 12000, required_documents: ['学历证书'],
  },
  candidate: { user_id: 5, name: '张三', id_type: 'resident_id', id_number_masked: '1101**********002X', mobile_masked: '138****8000' },
  status: 'pending', payment_status: 'unpaid', reason: null, source: 'online',
  documents: [{ name: '学历证书', file: file(7) }],
  missing_documents: [], can_edit: true, can_withdraw: true, can_export_form: false, can_pay: false, in_remittance: false,
  created_at: '2026-06-02T10:00:00+08:00', updated_at: '2026-06-02T10:00:00+08:00', ...over,
})

/** A promise the test settles when it wants. */
export function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}
