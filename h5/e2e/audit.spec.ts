import { expect, test } from '@playwright/test'
import { login, shot } from './helpers'

const ADMIN_USER = process.env.E2E_ADMIN_USER ?? 'admin'
const ADMIN_PASS = process.env.E2E_ADMIN_PASS ?? 'Admin@2026'

test('the audit log reads in Chinese, names its targets and filters by actor, action and date', async ({ page }) => {
  await login(page, ADMIN_USER, ADMIN_PASS)
  await expect(page).toHaveURL(/\/$/)
  await page.goto('/admin/audit')
  await expect(page.locator('.van-loading')).toBeHidden()
  const rows = page.locator('[data-testid="audit-row"]')
  await expect(rows.first()).toContainText('密码登录')
  await expect(rows.first()).toContainText('对象：账号：')
  await shot(page, '28a-audit-named')

  // By action: only logins.
  await page.getByPlaceholder('全部操作').click()
  await page.locator('.van-picker-column__item').filter({ hasText: /^密码登录$/ }).click()
  await page.locator('.van-picker__confirm').click()
  await page.locator('[data-testid="audit-search"]').click()
  await expect(page.locator('.van-loading')).toBeHidden()
  for (const text of await rows.locator('.van-cell__title > span').allTextContents()) expect(text).toBe('密码登录')

  // By actor: nobody of that name.
  await page.locator('[data-testid="audit-actor"] input').fill('无此操作人')
  await page.locator('[data-testid="audit-search"]').click()
  await expect(page.locator('.van-empty')).toContainText('没有符合条件的审计记录')
  await shot(page, '28b-audit-filtered-empty')

  // By date: today only, after a reset.
  await page.locator('[data-testid="audit-reset"]').click()
  await expect(rows.first()).toBeVisible()
  await page.locator('[data-testid="audit-dates"]').click()
  // The calendar ends today (its last enabled day); the same day twice is a one-day range.
  const today = page.locator('.van-calendar__day:not(.van-calendar__day--disabled)').last()
  await today.click()
  await today.click()
  await page.locator('.van-calendar__confirm').click()
  await expect(page.locator('[data-testid="audit-dates"] input')).toHaveValue(/^\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}$/)
  await expect(rows.first()).toBeVisible()
  await shot(page, '28c-audit-today')
})
