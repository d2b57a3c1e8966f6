// Vant measures some components (nav bar placeholders, sticky bars) again 100 ms after mounting
// (vant/es/composables/use-height); when a spec file ends sooner, that timer fires after jsdom is gone and
// Vitest reports "window is not defined". Let such timers run before each file's environment is torn down.
import { afterAll } from 'vitest'

afterAll(() => new Promise((resolve) => setTimeout(resolve, 150)))
