import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Router } from 'vue-router'
import { ApiError } from '@/api/http'
import { deferred, enums, file, plan, profile, registration, testRouter } from './fixtures'

const api = vi.hoisted(() => ({
  listOpenItems: vi.fn(), getPublicPlan: vi.fn(), createRegistration: vi.fn(), uploadDocument: vi.fn(),
  getEligibility: vi.fn(),
}))
const profileApi = vi.hoisted(() => ({ getProfile: vi.fn(), uploadPhoto: vi.fn() }))
vi.mock('@/api/registrations', () => api)
vi.mock('@/api/profile', () => profileApi)
vi.mock('@/api/meta', () => ({ getEnums: vi.fn(async () => enums) }))

import ApplyView from '../ApplyView.vue'

let wrapper: VueWrapper
let router: Router

async function mountAt(path = '/apply/11?plan=3') {
  router = testRouter()
  await router.push(path)
  wrapper = mount(ApplyView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const find = (hook: string) => wrapper.find(`[data-test="${hook}"]`)
const isDisabled = (hook: string) => find(hook).attributes('disabled') !== undefined

async function agreeAndNext() {
  await find('wizard-agree').trigger('click')
  await find('wizard-next').trigger('click')
}

/** Puts a file into the n-th document uploader's input, as a user picking it would. */
async function pickDocument(index: number, f: File) {
  const input = find(`doc-upload-${index}`).find('input[type="file"]')
  Object.defineProperty(input.element, 'files', { value: [f], configurable: true })
  await input.trigger('change')
  // Vant reads the file with a FileReader before after-read runs.
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0))
    await flushPromises()
  }
}

const png = (bytes = 1024) => new File([new Uint8Array(bytes)], 'diploma.png', { type: 'image/png' })

beforeEach(() => {
  vi.clearAllMocks()
  window.scrollTo = vi.fn() as unknown as typeof window.scrollTo
  api.getPublicPlan.mockResolvedValue(structuredClone(plan))
  profileApi.getProfile.mockResolvedValue(profile())
  api.getEligibility.mockResolvedValue({ item_id: 11, can_apply: true, code: null, message: null, registration_id: null })
  sessionStorage.clear()
})
// Vant's function dialogs are one instance mounted in body for the whole file: leave body alone.
afterEach(() => wrapper?.unmount())

describe('the application wizard', () => {
  it('loads the plan named in the link and shows the notice first', async () => {
    await mountAt()
    expect(api.getPublicPlan).toHaveBeenCalledWith(3)
    expect(find('wizard-notice').text()).toContain('请如实填写报名信息')
    expect(wrapper.text()).toContain('电工')
  })

  it('finds the plan among the open items when the link has none', async () => {
    api.listOpenItems.mockResolvedValue([{ plan_id: 3, item_id: 11 }])
    await mountAt('/apply/11')
    expect(api.getPublicPlan).toHaveBeenCalledWith(3)
    expect(find('wizard-notice').exists()).toBe(true)
  })

  it('says at the first step, before anything is uploaded, that the item is already applied for', async () => {
    const reg = '0b9d3c4e-1111-4a5b-9c00-000000000007'
    api.getEligibility.mockResolvedValue({
      item_id: 11, can_apply: false, code: 'already_registered', message: '您已报名该项目，请勿重复报名', registration_id: reg,
    })
    await mountAt()
    expect(api.getEligibility).toHaveBeenCalledWith(11)
    expect(find('wizard-notice').exists()).toBe(false)
    expect(find('apply-refused').text()).toContain('您已报名该项目')
    await find('refused-registration').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe(`/registrations/${reg}`)
  })

  it('says at the first step that the window has closed', async () => {
    api.getEligibility.mockResolvedValue({
      item_id: 11, can_apply: false, code: 'registration_not_open', message: '报名已截止', registration_id: null,
    })
    await mountAt()
    expect(find('apply-refused').text()).toContain('报名已截止')
    expect(find('refused-plans').exists()).toBe(true)
    expect(find('wizard-steps').exists()).toBe(false)
  })

  it('sends 去完善资料 to 用户中心 with the way back, and resumes at the profile step on return', async () => {
    const incomplete = profile({ education: null, completeness: { complete: false, missing: [
      { field: 'education', label: '文化程度' }] } })
    profileApi.getProfile.mockResolvedValue(incomplete)
    await mountAt()
    await agreeAndNext()
    await find('wizard-complete-profile').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('profile')
    expect(router.currentRoute.value.query.back).toBe('/apply/11?plan=3')
    wrapper.unmount()

    profileApi.getProfile.mockResolvedValue(profile())
    await mountAt('/apply/11?plan=3')
    expect(find('wizard-notice').exists()).toBe(false)
    expect(find('wizard-next').attributes('disabled')).toBeUndefined()
    expect(wrapper.text()).toContain('11010519491231002X')
  })

  it('starts from the notice when opened afresh', async () => {
    await mountAt()
    expect(find('wizard-notice').exists()).toBe(true)
  })

  it('cannot proceed without the notice checkbox', async () => {
    await mountAt()
    expect(isDisabled('wizard-next')).toBe(true)
    await find('wizard-next').trigger('click')
    expect(find('wizard-notice').exists()).toBe(true)

    await agreeAndNext()
    expect(find('wizard-notice').exists()).toBe(false)
    expect(wrapper.text()).toContain('11010519491231002X')
  })

  it('blocks step 2 and lists the missing fields while the profile is incomplete', async () => {
    profileApi.getProfile.mockResolvedValue(profile({
      hukou_address: null, education: null, photo: null,
      completeness: { complete: false, missing: [
        { field: 'hukou_address', label: '户口地址' },
        { field: 'education', label: '文化程度' },
        { field: 'photo', label: '个人照片' },
      ] },
    }))
    await mountAt()
    await agreeAndNext()
    expect(find('wizard-missing').text()).toContain('户口地址、文化程度')
    // the photo is uploaded in step 3, so it does not block here
    expect(find('wizard-missing').text()).not.toContain('个人照片')
    expect(isDisabled('wizard-next')).toBe(true)
    await find('wizard-complete-profile').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('profile')
  })

  it('lets a complete profile through to the documents', async () => {
    await mountAt()
    await agreeAndNext()
    expect(find('wizard-missing').exists()).toBe(false)
    await find('wizard-next').trigger('click')
    expect(find('doc-upload-0').text()).toContain('学历证书')
    expect(isDisabled('wizard-submit')).toBe(true) // the diploma is missing
  })

  it('uploads a phone photo over 2 MB instead of refusing it', async () => {
    api.uploadDocument.mockResolvedValue(file(42))
    await mountAt()
    await agreeAndNext()
    await find('wizard-next').trigger('click')
    await pickDocument(0, png(3 * 1024 * 1024))
    expect(api.uploadDocument).toHaveBeenCalledTimes(1)
  })

  it('refuses a document over 15 MB before uploading it', async () => {
    await mountAt()
    await agreeAndNext()
    await find('wizard-next').trigger('click')
    await pickDocument(0, png(15 * 1024 * 1024 + 1))
    expect(api.uploadDocument).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('图片不能超过 15MB')
  })

  it('submits once, however often the button is tapped, then shows the result', async () => {
    const answer = deferred<ReturnType<typeof registration>>()
    api.uploadDocument.mockResolvedValue(file(42))
    api.createRegistration.mockReturnValue(answer.promise)
    await mountAt()
    await agreeAndNext()
    await find('wizard-next').trigger('click')
    await pickDocument(0, png())
    expect(api.uploadDocument).toHaveBeenCalledTimes(1)
    expect(isDisabled('wizard-submit')).toBe(false)

    await find('wizard-submit').trigger('click')
    await find('wizard-submit').trigger('click')
    expect(isDisabled('wizard-submit')).toBe(true)
    expect(api.createRegistration).toHaveBeenCalledTimes(1)
    expect(api.createRegistration).toHaveBeenCalledWith({
      item_id: 11, documents: [{ name: '学历证书', file_id: '42' }], notice_confirmed: true,
    })

    answer.resolve(registration())
    await flushPromises()
    expect(find('apply-success').text()).toContain('报名已提交，等待机构审核')
    expect(find('success-my').exists()).toBe(true)
  })

  it('explains a refusal in a dialog that leads to 我的报名', async () => {
    api.uploadDocument.mockResolvedValue(file(42))
    api.createRegistration.mockRejectedValue(new ApiError(409, 'already_registered', '您已报名该职业（等级），请勿重复报名'))
    await mountAt()
    await agreeAndNext()
    await find('wizard-next').trigger('click')
    await pickDocument(0, png())
    await find('wizard-submit').trigger('click')
    await flushPromises()

    const dialog = document.body.querySelector('.van-dialog')
    expect(dialog?.textContent).toContain('您已报名该职业（等级），请勿重复报名')
    const confirm = document.body.querySelector<HTMLButtonElement>('.van-dialog__confirm')
    expect(confirm?.textContent).toContain('查看我的报名')
    confirm?.click()
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('my-registrations')
    expect(isDisabled('wizard-submit')).toBe(false)
  })
})
