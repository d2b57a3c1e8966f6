// GET /api/meta/config, fetched once and shared.
import { computed, shallowRef } from 'vue'
import { getConfig } from '@/api/meta'
import type { AppConfig } from '@/api/types'
import { isWechatBrowser } from '@/utils/format'

const config = shallowRef<AppConfig | null>(null)
let pending: Promise<AppConfig | null> | null = null

/** The configuration, fetched on the first call; `null` when it could not be read (the next call retries). */
export function loadAppConfig(): Promise<AppConfig | null> {
  if (!pending) {
    pending = getConfig().then(
      (value) => (config.value = value),
      () => ((pending = null), null),
    )
  }
  return pending
}

export function useAppConfig() {
  void loadAppConfig()
  /** WeChat login is offered inside WeChat, or anywhere when the server simulates WeChat. */
  const wechatLoginAvailable = computed(
    () => !!config.value?.wechat_login && (isWechatBrowser() || config.value.wechat_simulated),
  )
  /** 去支付 is offered only when the server has WeChat Pay configured. */
  const wechatPayAvailable = computed(() => !!config.value?.wechat_pay)
  return { config, wechatLoginAvailable, wechatPayAvailable }
}

/** For tests: forget the cache. */
export function resetAppConfigCache() {
  config.value = null
  pending = null
}
