import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import DateTimePickerField from '../DateTimePickerField.vue'

function screen(wide: boolean) {
  vi.stubGlobal('matchMedia', (q: string) => ({
    matches: wide, media: q, addEventListener: () => {}, removeEventListener: () => {},
  }))
}

function host(props: Record<string, unknown>, initial = '') {
  const value = ref(initial)
  const Host = defineComponent(() => () =>
    h(DateTimePickerField, { ...props, label: '报名截止时间', modelValue: value.value, 'onUpdate:modelValue': (v: string) => (value.value = v) }))
  return { wrapper: mount(Host, { attachTo: document.body }), value }
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('date-time fields', () => {
  it('on a desktop are the browser inputs one can type into, read as Beijing time', async () => {
    screen(true)
    const { wrapper, value } = host({ mode: 'datetime' }, '2026-12-01T01:00:00Z')
    const input = wrapper.find('input')
    expect(input.attributes('type')).toBe('datetime-local')
    expect(input.element.value).toBe('2026-12-01T09:00')
    await input.setValue('2026-12-02T18:30')
    expect(value.value).toBe('2026-12-02T18:30:00+08:00')
    wrapper.unmount()
  })

  it('on a phone open the wheel; an empty subject date opens on the exam date', async () => {
    screen(false)
    const { wrapper } = host({ mode: 'date', defaultDate: '2027-03-15' })
    expect(wrapper.find('input').attributes('readonly')).toBeDefined()
    await wrapper.find('.van-field').trigger('click')
    await flushPromises()
    const picker = wrapper.findComponent({ name: 'van-date-picker' })
    expect(picker.props('modelValue')).toEqual(['2027', '03', '15'])
    wrapper.unmount()
  })

  it('on a desktop an empty subject date starts from the exam date when focused', async () => {
    screen(true)
    const { wrapper, value } = host({ mode: 'date', defaultDate: '2027-03-15' })
    await wrapper.find('input').trigger('focus')
    expect(value.value).toBe('2027-03-15')
    wrapper.unmount()
  })
})
