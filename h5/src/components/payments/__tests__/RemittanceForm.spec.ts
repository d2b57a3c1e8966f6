import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'

const api = vi.hoisted(() => ({ createRemittance: vi.fn() }))
const ui = vi.hoisted(() => ({ showConfirmDialog: vi.fn(), showToast: vi.fn() }))
vi.mock('@/api/payments', () => api)
vi.mock('vant', async (importOriginal) => ({ ...(await importOriginal<typeof import('vant')>()), ...ui }))

import { today } from '@/utils/payments'
import RemittanceForm from '../RemittanceForm.vue'

let wrapper: VueWrapper
const hook = (id: string) => wrapper.find(`[data-testid="${id}"]`)
const jpeg = (name = 'v.jpg', size = 1024) => new File([new Uint8Array(size)], name, { type: 'image/jpeg' })

const owing = (id: string, name: string, fee = 12000) => ({
  registration_id: id, name, id_number: '110105********002X', item_label: '电工 四级/中级工', fee_fen: fee, in_remittance: false,
  payment_status: 'unpaid' as const,
})
const items = [owing('a', '张三'), owing('b', '李四'), owing('c', '王五')]

async function mountForm() {
  wrapper = mount(RemittanceForm, { props: { planId: 7, items }, attachTo: document.body })
  await flushPromises()
}

async function fill(values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await wrapper.find(`[name="${name}"]`).setValue(value)
}

/** Picks files in the uploader as a phone would, and waits for the previews. */
async function pick(...files: File[]) {
  const input = wrapper.find('input[type="file"]')
  Object.defineProperty(input.element, 'files', { value: files, configurable: true })
  await input.trigger('change')
  await flushPromises()
}

const previews = () => wrapper.findAll('.van-uploader__preview')

beforeEach(() => {
  vi.clearAllMocks()
  ui.showConfirmDialog.mockResolvedValue('confirm')
})
afterEach(() => wrapper?.unmount())

describe('登记线下汇款', () => {
  it('starts with the outstanding total and today, and sends nothing while fields are missing', async () => {
    await mountForm()
    expect((wrapper.find('[name="amount"]').element as HTMLInputElement).value).toBe('360.00')
    expect((wrapper.find('[name="paid_on"]').element as HTMLInputElement).value).toBe(today())
    expect(wrapper.text()).toContain('覆盖 3 条未缴报名，合计 ¥360.00')
    await hook('remittance-submit').trigger('click')
    await flushPromises()
    const text = wrapper.text()
    expect(text).toContain('请填写付款人')
    expect(text).toContain('请填写银行流水号')
    expect(text).toContain('请上传汇款凭证图片')
    expect(ui.showConfirmDialog).not.toHaveBeenCalled()
    expect(api.createRemittance).not.toHaveBeenCalled()
  })

  it('refuses an amount other than the outstanding total and a malformed bank serial', async () => {
    await mountForm()
    await fill({ amount: '350', payer: '广东省华立高级技工学校', bank_serial: '流水 001' })
    await pick(jpeg())
    await vi.waitFor(() => expect(previews()).toHaveLength(1))
    await hook('remittance-submit').trigger('click')
    await flushPromises()
    expect(hook('remittance-amount').text()).toContain('金额应等于所选报名的报名费合计 ¥360.00')
    expect(hook('remittance-serial').text()).toContain('4–64 位字母、数字')
    expect(api.createRemittance).not.toHaveBeenCalled()
  })

  it('checks each voucher before upload: JPG/PNG up to 2 MB, at most five', async () => {
    await mountForm()
    await pick(new File(['%PDF'], 'bill.pdf', { type: 'application/pdf' }))
    expect(previews()).toHaveLength(0)
    expect(ui.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ message: 'bill.pdf：仅支持 JPG 或 PNG 格式的图片' }))
    await pick(jpeg('big.jpg', 2 * 1024 * 1024 + 1), jpeg('ok.jpg'))
    await vi.waitFor(() => expect(previews()).toHaveLength(1))
    expect(ui.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ message: expect.stringContaining('big.jpg：图片不能超过 2MB') }))
    await pick(jpeg('2.jpg'), jpeg('3.jpg'), jpeg('4.jpg'), jpeg('5.jpg'), jpeg('6.jpg'))
    await vi.waitFor(() => expect(previews()).toHaveLength(5))
  })

  it('submits the form as the contract wants it after a confirmation', async () => {
    const created = { id: 3, status: 'pending' }
    api.createRemittance.mockResolvedValue(created)
    await mountForm()
    await fill({ payer: ' 广东省华立高级技工学校 ', bank_serial: 'CMB-20261120-0001', note: '11月第一批' })
    const voucher = jpeg()
    await pick(voucher)
    await vi.waitFor(() => expect(previews()).toHaveLength(1))
    await hook('remittance-submit').trigger('click')
    await flushPromises()
    expect(ui.showConfirmDialog).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('¥360.00（3 人）') }))
    expect(api.createRemittance).toHaveBeenCalledWith(7, {
      amount: '360.00', payer: '广东省华立高级技工学校', bank_serial: 'CMB-20261120-0001', paid_on: today(),
      note: '11月第一批', vouchers: [voucher], registration_ids: ['a', 'b', 'c'],
    })
    expect(wrapper.emitted('created')).toEqual([[created]])
  })

  it('shows a refusal of the server on its field, and asks the page to reload a stale list', async () => {
    await mountForm()
    await fill({ payer: '华立学校', bank_serial: 'CMB0001' })
    await pick(jpeg())
    await vi.waitFor(() => expect(previews()).toHaveLength(1))
    api.createRemittance.mockRejectedValueOnce(new ApiError(422, 'remittance_amount_mismatch', '汇款金额应为 ¥480.00'))
    await hook('remittance-submit').trigger('click')
    await flushPromises()
    expect(hook('remittance-amount').text()).toContain('汇款金额应为 ¥480.00')

    api.createRemittance.mockRejectedValueOnce(new ApiError(409, 'registration_not_outstanding', '部分报名已缴费，请刷新'))
    await hook('remittance-submit').trigger('click')
    await flushPromises()
    expect(hook('remittance-form-error').text()).toBe('部分报名已缴费，请刷新')
    expect(wrapper.emitted('stale')).toHaveLength(1)
  })

  it('covers only the registrations left checked, with the amount recomputed, and at least one', async () => {
    api.createRemittance.mockResolvedValue({ id: 4, status: 'pending' })
    await mountForm()
    const picks = wrapper.findAll('[data-testid="remittance-pick"]')
    expect(picks).toHaveLength(3)
    expect(wrapper.findAll('.van-checkbox__icon--checked')).toHaveLength(3)
    await picks[1].trigger('click') // 李四 pays on his own
    await flushPromises()
    expect(wrapper.findAll('.van-checkbox__icon--checked')).toHaveLength(2)
    expect(hook('remittance-expected').text()).toBe('¥240.00')
    expect((wrapper.find('[name="amount"]').element as HTMLInputElement).value).toBe('240.00')
    expect(wrapper.text()).toContain('已选 2/3')

    await hook('remittance-pick-none').trigger('click')
    await flushPromises()
    await fill({ payer: '华立学校', bank_serial: 'CMB0001' })
    await pick(jpeg())
    await vi.waitFor(() => expect(previews()).toHaveLength(1))
    await hook('remittance-submit').trigger('click')
    await flushPromises()
    expect(hook('remittance-pick-error').text()).toBe('请至少选择一条报名')
    expect(api.createRemittance).not.toHaveBeenCalled()

    await picks[0].trigger('click')
    await picks[2].trigger('click')
    await flushPromises()
    await hook('remittance-submit').trigger('click')
    await flushPromises()
    expect(ui.showConfirmDialog).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('¥240.00（2 人）') }))
    expect(api.createRemittance).toHaveBeenCalledWith(7, expect.objectContaining({ amount: '240.00', registration_ids: ['a', 'c'] }))
  })

  it('sends nothing when the confirmation is cancelled', async () => {
    ui.showConfirmDialog.mockRejectedValue('cancel')
    await mountForm()
    await fill({ payer: '华立学校', bank_serial: 'CMB0001' })
    await pick(jpeg())
    await vi.waitFor(() => expect(previews()).toHaveLength(1))
    await hook('remittance-submit').trigger('click')
    await flushPromises()
    expect(api.createRemittance).not.toHaveBeenCalled()
  })
})
