import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { IdCardResp } from '@/api/staff-types'
import { enums, ID, item, registration } from './fixtures'

const api = vi.hoisted(() => ({ createEntry: vi.fn() }))
vi.mock('@/api/staff-registrations', () => api)
vi.mock('@/api/meta', () => ({ getEnums: () => Promise.resolve(enums) }))

import EntryForm from '@/components/staff/EntryForm.vue'

let wrapper: VueWrapper

async function mountForm(card: IdCardResp | null = null) {
  wrapper = mount(EntryForm, { props: { planId: '7', items: [item], card }, attachTo: document.body })
  await flushPromises()
}

async function fill(values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await wrapper.find(`input[name="${name}"]`).setValue(value)
  await flushPromises()
}

async function submit() {
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}

const errorOf = (name: string) =>
  wrapper.find(`input[name="${name}"]`).element.closest('.van-field')?.querySelector('.van-field__error-message')?.textContent

beforeEach(() => vi.clearAllMocks())
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('manual entry (手工录入)', () => {
  it('refuses a wrong check digit before sending anything', async () => {
    await mountForm()
    await fill({ name: '张三', id_number: '110105194912310021', mobile: '13800138000' })
    await submit()
    expect(errorOf('id_number')).toBe('身份证号码校验位错误，请核对')
    expect(api.createEntry).not.toHaveBeenCalled()
  })

  it('sends the entry with gender and birth date taken from the number, and says an account was created', async () => {
    api.createEntry.mockResolvedValue({ registration: registration('r1', '张三', 'pending'), account_created: true })
    await mountForm()
    await fill({ name: '张三', id_number: ID.toLowerCase(), mobile: '13800138000' })
    await submit()
    expect(api.createEntry).toHaveBeenCalledWith('7', {
      item_id: 3, name: '张三', id_type: 'resident_id', id_number: ID, mobile: '13800138000', gender: 'female',
      birth_date: '1949-12-31', source: 'manual',
    })
    expect(wrapper.find('[data-test="entry-result"]').text()).toContain('已录入')
    expect(wrapper.find('[data-test="entry-account-created"]').text()).toBe(
      '已为考生创建账号：登录名为证件号码，初始密码为证件号码后六位，首次登录须修改密码。',
    )
  })

  it('shows a server refusal on its field, and others above the button', async () => {
    api.createEntry.mockRejectedValueOnce(new ApiError(409, 'name_mismatch', '该证件号码已以其他姓名注册'))
    await mountForm()
    await fill({ name: '张三', id_number: ID, mobile: '13800138000' })
    await submit()
    expect(errorOf('name')).toBe('该证件号码已以其他姓名注册')

    api.createEntry.mockRejectedValueOnce(new ApiError(409, 'registration_frozen', '报名已提交，不能再录入'))
    await submit()
    expect(wrapper.find('[data-test="entry-error"]').text()).toBe('报名已提交，不能再录入')
  })

  it('sends a card read by the ID-card reader with its photo and source', async () => {
    const card: IdCardResp = {
      name: '李四', id_type: 'resident_id', id_number: ID, gender: 'female', birth_date: '1949-12-31', ethnicity: 'han',
      hukou_address: '北京市西城区', issuer: '西城分局', valid_to: '长期', expired: false,
      photo: { id: 'f-9', url: '/api/files/f-9', content_type: 'image/jpeg', size: 1, width: 1, height: 1 },
    }
    api.createEntry.mockResolvedValue({ registration: registration('r2', '李四', 'pending'), account_created: false })
    await mountForm(card)
    expect(wrapper.find('input[name="name"]').element).toHaveProperty('value', '李四')
    await fill({ mobile: '13800138000' })
    await submit()
    expect(api.createEntry).toHaveBeenCalledWith('7', expect.objectContaining({
      name: '李四', id_number: ID, ethnicity: 'han', hukou_address: '北京市西城区', source: 'id_reader', photo_file_id: 'f-9',
    }))
    expect(wrapper.find('[data-test="entry-account-existing"]').exists()).toBe(true)
  })

  it('reading the next card starts from an empty form: the previous mobile number is not kept', async () => {
    const card = (name: string, id: string): IdCardResp => ({
      name, id_type: 'resident_id', id_number: id, gender: 'female', birth_date: '1949-12-31', ethnicity: 'han',
      hukou_address: '北京市西城区', issuer: '西城分局', valid_to: '长期', expired: false, photo: null,
    })
    await mountForm(card('李四', ID))
    await fill({ mobile: '13800138000', school_or_employer: '某公司' })
    await wrapper.setProps({ card: card('王五', '11010519491231002X') })
    await flushPromises()
    expect(wrapper.find('input[name="name"]').element).toHaveProperty('value', '王五')
    expect(wrapper.find('input[name="mobile"]').element).toHaveProperty('value', '')
    await submit()
    expect(api.createEntry).not.toHaveBeenCalled() // the mobile number is required again, never saved silently
  })

  it('shows the server\'s warning of a mobile number shared in the plan, and asks for a photo', async () => {
    api.createEntry.mockResolvedValue({
      registration: registration('r3', '张三', 'pending'), account_created: true, photo_needed: true,
      warnings: [{ code: 'mobile_shared', message: '本计划的考生「钱一」也使用手机号码 139****0001，请核对是否填错' }],
    })
    await mountForm()
    await fill({ name: '张三', id_number: ID, mobile: '13912340001' })
    await submit()
    expect(wrapper.find('[data-test="entry-warning"]').text()).toContain('钱一')
    expect(wrapper.find('[data-test="entry-photo-needed"]').exists()).toBe(true)
  })

  it('explains that the chip photo is no official photo', async () => {
    await mountForm({
      name: '李四', id_type: 'resident_id', id_number: ID, gender: 'female', birth_date: '1949-12-31', ethnicity: 'han',
      hukou_address: '', issuer: '', valid_to: '', expired: false,
      photo: { id: 'f-9', url: '/api/files/f-9', content_type: 'image/jpeg', size: 1, width: 102, height: 126 },
    })
    expect(wrapper.find('[data-test="entry-photo-chip"]').text()).toContain('不能作为报名照片')
  })
})
