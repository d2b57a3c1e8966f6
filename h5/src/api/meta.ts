import { http } from './http'
import type { AppConfig, Enums } from './types'

export const getEnums = () => http.get<Enums>('/meta/enums').then((r) => r.data)
/** Client configuration: WeChat login and pay switches, the simulator's pay bridge. */
export const getConfig = () => http.get<AppConfig>('/meta/config').then((r) => r.data)
