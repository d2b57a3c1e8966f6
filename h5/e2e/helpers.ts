import { expect, type Page } from '@playwright/test'

export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? '../artifacts/screenshots'

export async function shot(page: Page, name: string) {
  // Let toasts and transitions settle so the picture shows the page, not a half-drawn frame.
  await page.waitForTimeout(300)
  // Sticky headers otherwise land mid-page in a full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true })
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

/** A random, valid 居民身份证 number (Guangzhou region, born 1980–1999). */
export function randomResidentId(): string {
  const rnd = (n: number) => Math.floor(Math.random() * n)
  const pad = (n: number, w: number) => String(n).padStart(w, '0')
  const birth = `${1980 + rnd(20)}${pad(1 + rnd(12), 2)}${pad(1 + rnd(28), 2)}`
  const first17 = `440106${birth}${pad(rnd(1000), 3)}`
  const sum = first17.split('').reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

export function randomMobile(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
}

export function randomSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`
}

export async function expectToast(page: Page, text: string | RegExp) {
  await expect(page.locator('.van-toast').filter({ hasText: text })).toBeVisible()
}

/** Opens a picker field and confirms the option whose text matches (or the first option). */
export async function pickOption(page: Page, fieldName: string, option?: string | RegExp) {
  await page.locator(`input[name="${fieldName}"]`).click()
  const popup = page.locator('.van-popup:visible').filter({ has: page.locator('.van-picker') })
  await expect(popup).toBeVisible()
  if (option) {
    // Options far down a long column sit outside the clipped column; a synthetic click still selects them.
    await popup.locator('.van-picker-column__item').filter({ hasText: option }).first().dispatchEvent('click')
    await page.waitForTimeout(400)
  }
  await popup.locator('.van-picker__confirm').click()
  await expect(popup).toBeHidden()
  await expect(page.locator(`input[name="${fieldName}"]`)).not.toHaveValue('')
}

export async function login(page: Page, loginName: string, password: string) {
  await page.goto('/login')
  await page.locator('input[name="login"]').fill(loginName)
  await page.locator('input[name="password"]').fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

export async function logout(page: Page) {
  await page.goto('/')
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page).toHaveURL(/\/login/)
}

/** A 1200×1600 JPEG drawn in the page: a grey portrait with a face-like oval. */
export async function makeJpeg(page: Page, width = 1200, height = 1600): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ([w, h]) => {
      const c = document.createElement('canvas')
      c.width = w
      c.height = h
      const g = c.getContext('2d')!
      g.fillStyle = '#ffffff'
      g.fillRect(0, 0, w, h)
      g.fillStyle = '#3b5998'
      g.beginPath()
      g.ellipse(w / 2, h * 0.42, w * 0.22, h * 0.2, 0, 0, Math.PI * 2)
      g.fill()
      g.fillRect(w * 0.2, h * 0.68, w * 0.6, h * 0.32)
      return c.toDataURL('image/jpeg', 0.9)
    },
    [width, height],
  )
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}
