import { expect, test } from '@playwright/test'
import { expectToast, login, logout, pickOption, randomMobile, randomSuffix, shot } from './helpers'

test.describe.configure({ mode: 'serial' })

const ADMIN_USER = process.env.E2E_ADMIN_USER ?? 'admin'
const ADMIN_PASS = process.env.E2E_ADMIN_PASS ?? 'Admin@2026'

test('an administrator creates an institution and a staff account, and the staff member logs in', async ({ page }) => {
  const suffix = randomSuffix()
  const code = String(10_000_000 + Math.floor(Math.random() * 89_999_999))
  const instName = `测试评价机构${suffix}`
  const username = `e2e_${suffix}`
  const staffPass = `Staff${suffix}1`
  let current = staffPass
  const nextPass = () => `New${suffix}${current.length}x1`

  await login(page, ADMIN_USER, ADMIN_PASS)
  await expect(page).toHaveURL(/\/$/)
  await expect(page.locator('.home-header')).toContainText('系统管理员')
  await shot(page, '20-admin-home')

  // Institutions
  await page.locator('.van-grid-item').filter({ hasText: '机构管理' }).click()
  await expect(page).toHaveURL(/\/admin\/institutions/)
  await expect(page.locator('.van-loading')).toBeHidden()
  await shot(page, '21-institutions')
  await page.getByText('新建', { exact: true }).click()
  await page.locator('input[name="code"]').fill(code)
  await page.locator('input[name="name"]').fill(instName)
  await shot(page, '22-institution-form')
  await page.getByRole('button', { name: '创建', exact: true }).click()
  await expectToast(page, '机构已创建')
  await expect(page.locator('.van-cell').filter({ hasText: instName })).toContainText(code)
  await shot(page, '23-institutions-created')

  // The administrator edits it: tapping the row opens the form pre-filled
  const renamed = `${instName}（修订）`
  await page.locator('.van-cell').filter({ hasText: instName }).click()
  const instForm = page.locator('.form-popup').filter({ hasText: '编辑机构' })
  await expect(instForm.locator('input[name="code"]')).toHaveValue(code)
  await expect(instForm.locator('input[name="name"]')).toHaveValue(instName)
  await instForm.locator('input[name="name"]').fill(renamed)
  await instForm.getByRole('button', { name: '保存', exact: true }).click()
  await expectToast(page, '已保存')
  await expect(instForm).toBeHidden()
  await expect(page.locator('.van-cell').filter({ hasText: renamed })).toContainText(code)

  // Accounts
  await page.goto('/admin/users')
  await expect(page.locator('.van-loading')).toBeHidden()
  await shot(page, '24-users')
  await page.getByText('新建', { exact: true }).click()
  await expect(page.locator('input[name="role"]')).toHaveValue('机构人员')
  await pickOption(page, 'institution', renamed)
  await page.locator('input[name="username"]').fill(username)
  await page.locator('.van-popup input[name="name"]').fill('测试机构人员')
  await page.locator('input[name="mobile"]').fill(randomMobile())
  await page.locator('input[name="password"]').fill(staffPass)
  await shot(page, '25-user-form')
  await page.getByRole('button', { name: '创建', exact: true }).click()
  await expectToast(page, '账号已创建')
  await expect(page.locator('.van-cell').filter({ hasText: username })).toContainText(renamed)
  await shot(page, '26-users-created')

  // The same page at a desktop width: capped and centred
  await page.setViewportSize({ width: 1280, height: 800 })
  await shot(page, '27-users-desktop')
  await page.setViewportSize({ width: 375, height: 812 })

  await page.goto('/admin/audit')
  await expect(page.locator('.van-loading')).toBeHidden()
  await expect(page.locator('.van-cell').first()).toBeVisible()
  await shot(page, '28-audit')

  // The staff member logs in and sees the institution
  await logout(page)
  await login(page, username, staffPass)
  // An account created by the administrator must replace its initial password before anything else.
  await page.waitForURL(/\/change-password/)
  await expect(page.locator('.van-notice-bar')).toContainText('请先修改初始密码')
  await shot(page, '29-forced-password-change')
  // Every other page sends it back here until it is changed.
  await page.goto('/profile')
  await page.waitForURL(/\/change-password/)
  const next = nextPass()
  await page.locator('input[name="old_password"]').fill(current)
  await page.locator('input[name="new_password"]').fill(next)
  await page.locator('input[name="confirm_password"]').fill(next)
  await page.getByRole('button', { name: '确认修改' }).click()
  current = next
  await expect(page).toHaveURL(/\/$/)
  await expect(page.locator('.van-cell').filter({ hasText: '机构名称' })).toContainText(renamed)
  await expect(page.locator('.van-cell').filter({ hasText: '机构代码' })).toContainText(code)
  await shot(page, '30-staff-home')

  // A voluntary password change gives a fresh session; the new password works afterwards
  await page.locator('.van-cell').filter({ hasText: '修改密码' }).click()
  await expect(page).toHaveURL(/\/password/)
  const newPass = nextPass()
  await page.locator('input[name="old_password"]').fill('wrong-pass1')
  await page.locator('input[name="new_password"]').fill(newPass)
  await page.locator('input[name="confirm_password"]').fill(newPass)
  await page.getByRole('button', { name: '确认修改' }).click()
  await expect(page.locator('.van-field__error-message')).toBeVisible()
  await shot(page, '31-password-wrong-old')
  await page.locator('input[name="old_password"]').fill(current)
  await page.getByRole('button', { name: '确认修改' }).click()
  await expectToast(page, '密码已修改')
  await expect(page).toHaveURL(/\/$/)
  await logout(page)
  await login(page, username, newPass)
  await expect(page).toHaveURL(/\/$/)
  await expect(page.locator('.home-header')).toContainText('测试机构人员')

  // The administrator disables the account
  await logout(page)
  await login(page, ADMIN_USER, ADMIN_PASS)
  await expect(page).toHaveURL(/\/$/)
  await page.locator('.van-grid-item').filter({ hasText: '账号管理' }).click()
  await expect(page).toHaveURL(/\/admin\/users/)
  await expect(page.locator('.van-loading')).toBeHidden()
  const row = page.locator('.van-cell').filter({ hasText: username })
  const sheet = page.locator('.van-action-sheet')
  await row.click()
  await expect(sheet.locator('.van-action-sheet__header')).toHaveText(`测试机构人员（${username}）`)
  await sheet.getByRole('button', { name: '停用账号' }).click()
  const dialog = page.locator('.van-dialog')
  await expect(dialog).toContainText('停用后该账号将立即退出登录，且无法再登录。确定停用？')
  await dialog.getByRole('button', { name: '停用' }).click()
  await expectToast(page, '已停用')
  await expect(row.locator('.van-tag').filter({ hasText: '已停用' })).toBeVisible()
  await shot(page, '32-user-disabled')

  // A disabled account cannot log in
  await logout(page)
  await login(page, username, newPass)
  await expectToast(page, '账号已停用，请联系管理员')
  await expect(page).toHaveURL(/\/login/)

  // The administrator enables it again (no confirmation) and resets its password
  await login(page, ADMIN_USER, ADMIN_PASS)
  await expect(page).toHaveURL(/\/$/)
  await page.goto('/admin/users')
  await expect(page.locator('.van-loading')).toBeHidden()
  await row.click()
  await expect(sheet.getByRole('button', { name: '停用账号' })).toHaveCount(0)
  await shot(page, '33-user-actions')
  await sheet.getByRole('button', { name: '启用账号' }).click()
  await expectToast(page, '已启用')
  await expect(row.locator('.van-tag').filter({ hasText: '已停用' })).toHaveCount(0)
  await row.click()
  await sheet.getByRole('button', { name: '重置密码' }).click()
  const resetForm = page.locator('.form-popup').filter({ hasText: '为「测试机构人员' })
  await resetForm.locator('input[name="password"]').fill(username)
  await resetForm.getByRole('button', { name: '重置密码' }).click()
  await expect(resetForm.locator('.van-field__error-message')).toHaveText('密码不能与账号或证件号码后六位相同')
  const resetPass = `Reset${suffix}9`
  await resetForm.locator('input[name="password"]').fill(resetPass)
  await shot(page, '34-user-reset-password')
  await resetForm.getByRole('button', { name: '重置密码' }).click()
  await expectToast(page, '密码已重置，该账号下次登录须修改密码')
  await expect(resetForm).toBeHidden()
  await expect(row.locator('.van-tag').filter({ hasText: '待改密' })).toBeVisible()

  // The staff member logs in with the reset password and must change it first
  await logout(page)
  await login(page, username, resetPass)
  await page.waitForURL(/\/change-password/)
  await expect(page.locator('.van-notice-bar')).toBeVisible()
})

test('a dead session goes back to login and returns to the page after signing in', async ({ page }) => {
  await page.goto('/login')
  await page.evaluate(() => localStorage.setItem('skillcert.token', 'not-a-valid-token'))
  await page.goto('/admin/audit')
  await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)admin(%2F|\/)audit/)
  await page.locator('input[name="login"]').fill(ADMIN_USER)
  await page.locator('input[name="password"]').fill(ADMIN_PASS)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page).toHaveURL(/\/admin\/audit$/)
  await expect(page.locator('.van-nav-bar__title')).toHaveText('审计日志')
})
