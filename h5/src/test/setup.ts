// Vant measures safe-area bars (nav bar placeholders, sticky bottom bars) again 100, 200 and 300 ms after
// mounting (vant/es/composables/use-height); when a spec file ends sooner, those timers fire after jsdom is gone
// and Vitest reports "window is not defined". Let them run before each file's environment is torn down: a timer
// set now for 400 ms fires after every one of them that was set before.
import { afterAll } from 'vitest'

afterAll(() => new Promise((resolve) => setTimeout(resolve, 400)))
