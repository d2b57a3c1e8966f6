import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { testRouter } from '@/views/registration/__tests__/fixtures'
import ProfileBackBar from '../ProfileBackBar.vue'

async function mountBar(complete: boolean, viaWizard: boolean) {
  const router = testRouter()
  if (viaWizard) await router.push('/apply/11?plan=3')
  await router.push({ path: '/profile', query: { back: '/apply/11?plan=3' } })
  const wrapper = mount(ProfileBackBar, { props: { back: '/apply/11?plan=3', complete }, global: { plugins: [router] } })
  return { router, wrapper }
}

describe('用户中心 opened from the wizard', () => {
  it('says whether the profile is complete and leads back to the wizard', async () => {
    const { router, wrapper } = await mountBar(true, false)
    expect(wrapper.text()).toContain('资料已完善')
    await wrapper.find('[data-test="profile-back-btn"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/apply/11?plan=3')
  })

  it('steps back in history when it came straight from the wizard', async () => {
    const { router, wrapper } = await mountBar(false, true)
    expect(wrapper.text()).toContain('完善资料后')
    const back = new Promise<void>((resolve) => router.afterEach(() => resolve()))
    await wrapper.find('[data-test="profile-back-btn"]').trigger('click')
    await back
    expect(router.currentRoute.value.fullPath).toBe('/apply/11?plan=3')
  })
})
