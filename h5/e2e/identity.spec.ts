import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { expectToast, login, randomMobile, randomResidentId, shot } from './helpers'

// Accounts an institution entered start with the last six characters of the ID number as password. The first
// login also asks for the full mobile number the institution recorded; 忘记密码 uses the same number.
const STAFF_USER = process.env.E2E_STAFF_USER ?? 'hl_staff'
const STAFF_PASS = process.env.E2E_STAFF_PASS ?? 'Staff@2026'

async function tokenOf(request: APIRequestContext, loginName: string, password: string): Promise<string> {
  const resp = await request.post('/api/auth/login', { data: { login: loginName, password } })
  expect(resp.status()).toBe(200)
  return (await resp.json()).token as string
}

/** Enters a new candidate into the demo institution's open plan; returns the ID number and mobile. */
async function enterCandidate(request: APIRequestContext, name: string) {
  const headers = { authorization: `Bearer ${await tokenOf(request, STAFF_USER, STAFF_PASS)}` }
  type Plan = { id: number; status: string; stage: string; items: { id: number }[] }
  const plans = (await (await request.get('/api/staff/plans', { headers })).json()) as Plan[]
  const open = plans.find((p) => p.status === 'published' && p.stage === 'open')
  expect(open, 'the demo institution has an open plan').toBeDefined()
  const plan = (await (await request.get(`/api/staff/plans/${open!.id}`, { headers })).json()) as Plan
  const who = { id: randomResidentId(), mobile: randomMobile() }
  const resp = await request.post(`/api/staff/plans/${plan.id}/entries`, {
    headers,
    data: { item_id: plan.items[0].id, name, id_type: 'resident_id', id_number: who.id, mobile: who.mobile },
  })
  expect(resp.status()).toBe(201)
  return who
}

async function calmShot(page: Page, name: string) {
  await expect(page.locator('.van-toast')).toBeHidden()
  await shot(page, name)
}

test('an entered candidate confirms the recorded mobile at the first login, then sets a password', async ({ page }) => {
  const who = await enterCandidate(page.request, '首登考生')
  await login(page, who.id, who.id.slice(-6))
  await expect(page).toHaveURL(/\/identity-check$/)
  await expect(page.getByText('首登考生')).toHaveCount(0)
  await calmShot(page, '90-identity-check')

  // Nothing else opens while the check is pending: the server refuses, the guard brings the page back.
  const token = await page.evaluate(() => localStorage.getItem('skillcert.token') ?? '')
  const profile = await page.request.get('/api/profile', { headers: { authorization: `Bearer ${token}` } })
  expect(profile.status()).toBe(403)
  await page.goto('/profile')
  await expect(page).toHaveURL(/\/identity-check$/)

  await page.locator('input[name="mobile"]').fill('13900000000')
  await page.locator('[data-test="identity-submit"]').click()
  await expect(page.locator('.van-field__error-message')).toContainText('还可尝试4次')
  await calmShot(page, '91-identity-check-wrong')

  await page.locator('input[name="mobile"]').fill(who.mobile)
  await page.locator('[data-test="identity-submit"]').click()
  await expect(page).toHaveURL(/\/change-password$/)
  await page.locator('input[name="old_password"]').fill(who.id.slice(-6))
  await page.locator('input[name="new_password"]').fill('FirstLogin2026')
  await page.locator('input[name="confirm_password"]').fill('FirstLogin2026')
  await page.getByRole('button', { name: '确认修改' }).click()
  await expect(page).toHaveURL(/\/$/)
  await calmShot(page, '92-identity-check-done')
})

test('忘记密码: the ID number, the recorded mobile and a new password, without SMS', async ({ page }) => {
  const who = await enterCandidate(page.request, '忘密考生')
  await page.goto('/login')
  await page.locator('[data-test="forgot-link"]').click()
  await expect(page).toHaveURL(/\/forgot-password$/)
  await page.locator('input[name="login"]').fill(who.id)
  await page.locator('input[name="mobile"]').fill('13900000001')
  await page.locator('input[name="new_password"]').fill('Forgotten2026')
  await page.locator('input[name="confirm_password"]').fill('Forgotten2026')
  await page.locator('[data-test="forgot-submit"]').click()
  await expect(page.locator('[data-test="forgot-error"]')).toContainText('证件号码或手机号码不正确')
  await calmShot(page, '93-forgot-password-refused')

  await page.locator('input[name="mobile"]').fill(who.mobile)
  await page.locator('[data-test="forgot-submit"]').click()
  await expectToast(page, '密码已重置')
  await expect(page).toHaveURL(/\/login$/)
  await login(page, who.id, 'Forgotten2026')
  await expect(page).toHaveURL(/\/$/)
  await calmShot(page, '94-forgot-password-done')
})

test('the administrator sees 已锁定 and unlocks the account', async ({ page }) => {
  const who = await enterCandidate(page.request, '锁定考生')
  for (let i = 0; i < 5; i++) await page.request.post('/api/auth/login', { data: { login: who.id, password: 'Wrong2026x' } })
  expect((await page.request.post('/api/auth/login', { data: { login: who.id, password: who.id.slice(-6) } })).status()).toBe(429)
  await login(page, 'admin', 'Admin@2026')
  await expect(page).toHaveURL(/\/$/)
  await page.goto('/admin/users')
  await page.locator('.van-search input').fill(who.id)
  await page.locator('.van-search input').press('Enter')
  const row = page.locator('.van-cell').filter({ hasText: '锁定考生' })
  await expect(row.locator('[data-test="user-locked"]')).toHaveText('已锁定')
  await calmShot(page, '95-admin-user-locked')
  await row.click()
  await page.getByRole('button', { name: '解除锁定' }).click()
  await expectToast(page, '已解除锁定')
  await expect(row.locator('[data-test="user-locked"]')).toHaveCount(0)
  expect((await page.request.post('/api/auth/login', { data: { login: who.id, password: who.id.slice(-6) } })).status()).toBe(200)
})
