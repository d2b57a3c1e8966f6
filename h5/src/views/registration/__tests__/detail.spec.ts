import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Router } from 'vue-router'
import { ApiError } from '@/api/http'
import type { ApplicationForm } from '@/api/registration-types'
import { appConfig, deferred, enums, file, plan, registration, testRouter } from './fixtures'

const api = vi.hoisted(() => ({
  getRegistration: vi.fn(), updateRegistration: vi.fn(), withdrawRegistration: vi.fn(), uploadDocument: vi.fn(),
  getApplicationForm: vi.fn(), fetchFormFile: vi.fn(),
  getPublicPlan: vi.fn(), listMyItems: vi.fn(async (): Promise<unknown[]> => []),
}))
vi.mock('@/api/registrations', () => api)
const files = vi.hoisted(() => ({ saveBlob: vi.fn(), blobToDataUrl: vi.fn() }))
vi.mock('@/api/download', () => files)
vi.mock('@/api/payments', () => ({ getPayment: vi.fn(async () => null), refreshPayment: vi.fn(), startPayment: vi.fn() }))
vi.mock('@/api/meta', () => ({ getEnums: vi.fn(async () => enums), getConfig: vi.fn(async () => appConfig) }))

import ApplicationFormView from '../ApplicationFormView.vue'
import PlanAnnouncementView from '../PlanAnnouncementView.vue'
import RegistrationView from '../RegistrationView.vue'

const ID = '0b9d3c4e-1111-4a5b-9c00-000000000001'
let wrapper: VueWrapper
let router: Router

async function mountView(view: object, path: string) {
  router = testRouter()
  await router.push(path)
  wrapper = mount(view, { global: { plugins: [router], stubs: { transition: false } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const find = (hook: string) => wrapper.find(`[data-test="${hook}"]`)
const inBody = (selector: string) => document.body.querySelector<HTMLElement>(selector)

beforeEach(() => vi.clearAllMocks())
// Vant's function dialogs are one instance mounted in body for the whole file: leave body alone.
afterEach(() => wrapper?.unmount())

describe('报名详情', () => {
  it('shows the return reason prominently and offers 重新提交', async () => {
    api.getRegistration.mockResolvedValue(registration({
      status: 'returned', reason: '学历证书不清晰，请重新上传',
      history: [
        { action: 'apply', from_status: null, to_status: 'pending', reason: null, actor_name: '张三', created_at: '2026-06-02T10:00:00+08:00' },
        { action: 'return', from_status: 'pending', to_status: 'returned', reason: '学历证书不清晰，请重新上传', actor_name: '李老师', created_at: '2026-06-03T10:00:00+08:00' },
      ],
    }))
    await mountView(RegistrationView, `/registrations/${ID}`)
    expect(api.getRegistration).toHaveBeenCalledWith(ID)
    expect(find('registration-reason').text()).toContain('学历证书不清晰，请重新上传')
    expect(find('edit-btn').text()).toContain('重新提交')
    expect(find('registration-history').text()).toMatch(/退回修改[\s\S]*提交报名/) // newest first
    expect(find('form-btn').exists()).toBe(false)
  })

  it('shows only the actions the flags allow', async () => {
    api.getRegistration.mockResolvedValue(registration({
      status: 'approved', can_edit: false, can_withdraw: false, can_export_form: true, history: [],
    }))
    await mountView(RegistrationView, `/registrations/${ID}`)
    expect(find('edit-btn').exists()).toBe(false)
    expect(find('withdraw-btn').exists()).toBe(false)
    await find('form-btn').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('application-form')
  })

  it('withdraws only after confirmation', async () => {
    const withdrawn = registration({ status: 'withdrawn', can_edit: false, can_withdraw: false })
    api.getRegistration.mockResolvedValueOnce(registration({ history: [] })).mockResolvedValue({ ...withdrawn, history: [] })
    api.withdrawRegistration.mockResolvedValue(withdrawn)
    await mountView(RegistrationView, `/registrations/${ID}`)

    await find('withdraw-btn').trigger('click')
    await flushPromises()
    expect(inBody('.van-dialog')?.textContent).toContain('确定撤回吗')
    inBody('.van-dialog__cancel')?.click()
    await flushPromises()
    expect(api.withdrawRegistration).not.toHaveBeenCalled()

    await find('withdraw-btn').trigger('click')
    await flushPromises()
    const confirms = document.body.querySelectorAll<HTMLElement>('.van-dialog__confirm')
    confirms[confirms.length - 1].click()
    await flushPromises()
    expect(api.withdrawRegistration).toHaveBeenCalledTimes(1)
    expect(api.withdrawRegistration).toHaveBeenCalledWith(ID)
    expect(find('withdraw-btn').exists()).toBe(false)
    expect(find('registration-status').attributes('data-status')).toBe('withdrawn')
  })

  it('explains a refused withdrawal and shows the registration as it is now', async () => {
    api.getRegistration
      .mockResolvedValueOnce(registration({ history: [] }))
      .mockResolvedValue(registration({ status: 'approved', can_edit: false, can_withdraw: false, history: [] }))
    api.withdrawRegistration.mockRejectedValue(new ApiError(409, 'registration_locked', '报名已审核通过，不能撤回'))
    await mountView(RegistrationView, `/registrations/${ID}`)
    await find('withdraw-btn').trigger('click')
    await flushPromises()
    inBody('.van-dialog__confirm')?.click()
    await flushPromises()
    const dialogs = document.body.querySelectorAll<HTMLElement>('.van-dialog')
    expect(dialogs[dialogs.length - 1].textContent).toContain('报名已审核通过，不能撤回')
    const confirms = document.body.querySelectorAll<HTMLElement>('.van-dialog__confirm')
    confirms[confirms.length - 1].click()
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('registration')
    expect(api.getRegistration).toHaveBeenCalledTimes(2)
    expect(find('withdraw-btn').exists()).toBe(false)
    expect(find('registration-status').attributes('data-status')).toBe('approved')
  })

  it('saves re-uploaded documents with the edit form', async () => {
    api.getRegistration.mockResolvedValue(registration({ history: [] }))
    api.updateRegistration.mockResolvedValue(registration({ history: [] }))
    await mountView(RegistrationView, `/registrations/${ID}`)
    await find('edit-btn').trigger('click')
    await flushPromises()
    inBody('[data-test="edit-save"]')?.click()
    await flushPromises()
    expect(api.updateRegistration).toHaveBeenCalledWith(ID, { documents: [{ name: '学历证书', file_id: '7' }] })
  })
})

describe('公示信息', () => {
  it('reproduces the announcement and opens the wizard for the chosen item', async () => {
    api.getPublicPlan.mockResolvedValue(structuredClone(plan))
    await mountView(PlanAnnouncementView, '/plans/3?item=11')
    const text = find('announcement').text()
    expect(text).toContain('我单位拟于2099-12-31开展职业技能等级认定考试')
    expect(text).toContain('认定级别：四级/中级工')
    expect(text).toContain('从事本职业工作满 2 年')
    expect(wrapper.text()).toContain('请如实填写报名信息')
    await find('announcement-apply').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/apply/11?plan=3')
  })

  it('shows 已报名 with a link to the registration instead of 报名 for an item already applied for', async () => {
    api.getPublicPlan.mockResolvedValue(structuredClone(plan))
    api.listMyItems.mockResolvedValueOnce([{ item_id: 11, plan_id: 3, registration_id: ID, status: 'pending' }])
    await mountView(PlanAnnouncementView, '/plans/3?item=11')
    expect(find('announcement-apply').exists()).toBe(false)
    expect(find('announcement-applied').text()).toContain('已报名')
    await find('announcement-applied').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe(`/registrations/${ID}`)
  })

  it('greys out 报名 once the window has closed', async () => {
    api.getPublicPlan.mockResolvedValue({ ...structuredClone(plan), reg_end: '2020-02-01T00:00:00+08:00' })
    await mountView(PlanAnnouncementView, '/plans/3?item=11')
    expect(find('announcement-apply').text()).toBe('已截止')
    expect(find('announcement-apply').attributes('disabled')).toBeDefined()
  })
})

describe('个人申请表', () => {
  const form: ApplicationForm = {
    registration_id: ID, plan_name: plan.name, institution_name: '测试职业技能学校', occupation_code: '6-31-01-03',
    occupation_name: '电工', job_type: '', level_label: '四级/中级工', exam_date: '2026-12-20', status_label: '申请通过',
    fields: [{ label: '姓名', value: '张三' }, { label: '证件号码', value: '11010519491231002X' }],
    photo_url: file(1).url, generated_at: '2026-08-01T10:00:00+08:00',
    title: '职业技能等级认定个人申请表', header: [], declaration: '本人承诺所填信息真实有效。',
  }

  it('lays out the form with its fields and photo', async () => {
    api.getApplicationForm.mockResolvedValue(form)
    await mountView(ApplicationFormView, `/registrations/${ID}/form`)
    const table = find('application-form')
    expect(table.text()).toContain('职业技能等级认定个人申请表')
    expect(table.text()).toContain('11010519491231002X')
    expect(table.find('img').attributes('src')).toBe(file(1).url)
  })

  it('says why the form is unavailable', async () => {
    api.getApplicationForm.mockRejectedValue(new ApiError(409, 'form_unavailable', '申请通过后才能导出个人申请表'))
    await mountView(ApplicationFormView, `/registrations/${ID}/form`)
    expect(wrapper.text()).toContain('申请通过后才能导出个人申请表')
    expect(find('form-png').exists()).toBe(false)
  })

  it('saves the PDF as a file and keeps the button busy meanwhile', async () => {
    const blob = new Blob(['%PDF'], { type: 'application/pdf' })
    const answer = deferred<{ blob: Blob; filename: string }>()
    api.getApplicationForm.mockResolvedValue(form)
    api.fetchFormFile.mockReturnValue(answer.promise)
    await mountView(ApplicationFormView, `/registrations/${ID}/form`)
    await find('form-pdf').trigger('click')
    await find('form-pdf').trigger('click')
    expect(api.fetchFormFile).toHaveBeenCalledTimes(1)
    expect(api.fetchFormFile).toHaveBeenCalledWith(ID, 'pdf')
    answer.resolve({ blob, filename: '个人申请表-张三.pdf' })
    await flushPromises()
    expect(files.saveBlob).toHaveBeenCalledWith(blob, '个人申请表-张三.pdf')
  })

  it('inside WeChat shows the PNG full screen to be saved with a long press', async () => {
    const ua = navigator.userAgent
    Object.defineProperty(navigator, 'userAgent', { value: `${ua} MicroMessenger/8.0.50`, configurable: true })
    try {
      api.getApplicationForm.mockResolvedValue(form)
      api.fetchFormFile.mockResolvedValue({ blob: new Blob(['PNG']), filename: '个人申请表.png' })
      files.blobToDataUrl.mockResolvedValue('data:image/png;base64,UE5H')
      await mountView(ApplicationFormView, `/registrations/${ID}/form`)
      await find('form-png').trigger('click')
      await flushPromises()
      expect(api.fetchFormFile).toHaveBeenCalledWith(ID, 'png')
      expect(files.saveBlob).not.toHaveBeenCalled()
      const preview = find('form-preview')
      expect(preview.text()).toContain('长按图片保存到手机')
      expect(preview.find('img').attributes('src')).toBe('data:image/png;base64,UE5H')
    } finally {
      Object.defineProperty(navigator, 'userAgent', { value: ua, configurable: true })
    }
  })
})
