import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import RegisterForm from '../RegisterForm.vue'

const idTypes = [
  { value: 'resident_id', label: '居民身份证' },
  { value: 'passport', label: '护照' },
]

async function fillAndSubmit(values: Record<string, string>) {
  const wrapper = mount(RegisterForm, { props: { idTypes }, attachTo: document.body })
  for (const [name, value] of Object.entries(values)) {
    await wrapper.find(`input[name="${name}"]`).setValue(value)
  }
  await wrapper.find('form').trigger('submit')
  await flushPromises()
  return wrapper
}

const good = {
  name: '张三',
  id_number: '11010519491231002x',
  mobile: '13800138000',
  password: 'abc12345',
  password_confirm: 'abc12345',
}

describe('RegisterForm', () => {
  it('shows the check-digit error and does not submit', async () => {
    const wrapper = await fillAndSubmit({ ...good, id_number: '110105194912310021' })
    expect(wrapper.text()).toContain('身份证号码校验位错误，请核对')
    expect(wrapper.emitted('submit')).toBeUndefined()
    wrapper.unmount()
  })

  it('shows mobile, password and confirmation errors', async () => {
    const wrapper = await fillAndSubmit({ ...good, mobile: '12345', password: 'abcdefgh', password_confirm: 'x' })
    expect(wrapper.text()).toContain('请输入正确的 11 位手机号码')
    expect(wrapper.text()).toContain('密码须同时包含字母和数字')
    expect(wrapper.text()).toContain('两次输入的密码不一致')
    wrapper.unmount()
  })

  it('submits valid data with the ID number in upper case', async () => {
    const wrapper = await fillAndSubmit(good)
    expect(wrapper.emitted('submit')?.[0]?.[0]).toEqual({
      ...good,
      id_type: 'resident_id',
      id_number: '11010519491231002X',
    })
    wrapper.unmount()
  })

  it('shows a server error on its field until the field changes', async () => {
    const wrapper = mount(RegisterForm, {
      props: { idTypes, errors: { id_number: '该证件号码已注册' } },
      attachTo: document.body,
    })
    expect(wrapper.text()).toContain('该证件号码已注册')
    await wrapper.find('input[name="id_number"]').setValue('11010519491231002X')
    expect(wrapper.emitted('update:errors')?.at(-1)?.[0]).toEqual({})
    wrapper.unmount()
  })
})
