import { getData } from './http'
import type { AppConfig, Enums } from './types'

export const getEnums = () => getData<Enums>('/meta/enums')
/** Client configuration: WeChat login and pay switches, the simulator's pay bridge. */
export const getConfig = () => getData<AppConfig>('/meta/config')
