import { expect, test, type Page } from '@playwright/test'
import { expectToast, login, randomSuffix, shot } from './helpers'

const ADMIN_USER = process.env.E2E_ADMIN_USER ?? 'admin'
const ADMIN_PASS = process.env.E2E_ADMIN_PASS ?? 'Admin@2026'

/** Types into the search box and waits until the list shows that search's answer. */
async function search(page: Page, q: string) {
  const answered = page.waitForResponse(
    (r) => r.url().includes('/api/catalogue/occupations?') && new URL(r.url()).searchParams.get('q') === q,
  )
  await page.locator('.van-search input').fill(q)
  await answered
  await expect(page.locator('.van-loading')).toBeHidden()
}

test('an administrator searches the occupation catalogue, adds an occupation and deactivates it', async ({ page }) => {
  // The code is fixed: scripts/e2e.sh starts from a fresh data folder, where 4-99-01-01 is not taken.
  const code = '4-99-01-01'
  const name = `测试职业${randomSuffix()}`
  const jobType = '测试方向'

  await login(page, ADMIN_USER, ADMIN_PASS)
  await expect(page).toHaveURL(/\/$/)
  await page.locator('.van-grid-item').filter({ hasText: '职业目录' }).click()
  await expect(page).toHaveURL(/\/admin\/occupations/)
  await expect(page.locator('.van-loading')).toBeHidden()

  // Search the starting set
  await search(page, '电工')
  const electrician = page.locator('.occupation').filter({ hasText: '6-31-01-03' })
  await expect(electrician).toBeVisible()
  await expect(electrician).toContainText('电工')
  await expect(electrician.locator('.occupation__levels .van-tag').first()).toBeVisible()
  await shot(page, '40-catalogue')

  // A new occupation
  await page.getByText('新增', { exact: true }).click()
  const form = page.locator('.van-popup.form-popup')
  await expect(form).toBeVisible()
  await expect(form.locator('.form-popup__title')).toHaveText('新增职业')
  await form.locator('input[name="code"]').fill(code)
  await form.locator('input[name="name"]').fill(name)
  await form.locator('input[name="job_type"]').fill(jobType)
  await form.getByRole('button', { name: '添加' }).click()
  await expect(form.locator('.job-types__tags')).toContainText(jobType)
  await form.locator('.level-editor__level').filter({ hasText: '四级/中级工' }).click()
  await form.locator('.level-editor__level').filter({ hasText: '二级/技师' }).click()
  // A checked level starts from its default subjects: 技师 adds 综合评审.
  await expect(form.locator('[data-level="level4"] [data-subject="practical"]')).toHaveAttribute('aria-checked', 'true')
  await expect(form.locator('[data-level="level4"] [data-subject="review"]')).toHaveAttribute('aria-checked', 'false')
  await expect(form.locator('[data-level="level2"] [data-subject="review"]')).toHaveAttribute('aria-checked', 'true')
  await shot(page, '41-occupation-form')
  await form.getByRole('button', { name: '保存' }).click()
  await expectToast(page, '已保存')
  await expect(form).toBeHidden()

  await search(page, name)
  const row = page.locator('.occupation').filter({ hasText: name })
  await expect(row).toContainText(code)
  await expect(row).toContainText(jobType)
  await expect(row.locator('.occupation__levels')).toContainText('四级/中级工')
  await expect(row.locator('.occupation__levels')).toContainText('二级/技师')
  await expect(row).not.toContainText('已停用')

  // Deactivate it: it stays in the administrator's list with a grey tag
  await row.click()
  await expect(form.locator('.form-popup__title')).toHaveText('编辑职业')
  await expect(form.locator('input[name="code"]')).toHaveValue(code)
  const active = form.locator('.van-switch')
  await expect(active).toHaveAttribute('aria-checked', 'true')
  await active.click()
  await expect(active).toHaveAttribute('aria-checked', 'false')
  await form.getByRole('button', { name: '保存' }).click()
  await expect(form).toBeHidden()
  await expect(row.locator('.van-tag').filter({ hasText: '已停用' })).toBeVisible()
})
