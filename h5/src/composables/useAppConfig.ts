// GET /api/meta/config, fetched once and shared.
import { computed, shallowRef } from 'vue'
import { getConfig } from '@/api/meta'
import type { AppConfig } from '@/api/types'
import { isWechatBrowser } from '@/utils/format'

const config = shallowRef<AppConfig | null>(null)
let pending: Promise<AppConfig | null> | null = null

export function useAppConfig() {
  if (!pending) {
    pending = getConfig().then(
      (value) => (config.value = value),
      () => ((pending = null), null),
    )
  }
  /** WeChat login is offered inside WeChat, or anywhere when the server simulates WeChat. */
  const wechatLoginAvailable = computed(
    () => !!config.value?.wechat_login && (isWechatBrowser() || config.value.wechat_simulated),
  )
  return { config, wechatLoginAvailable }
}
