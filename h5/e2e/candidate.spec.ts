import { expect, test } from '@playwright/test'
import {
  expectToast, logout, makeJpeg, pickOption, randomMobile, randomResidentId, randomSuffix, shot,
} from './helpers'

test.describe.configure({ mode: 'serial' })

test('a candidate registers, completes the profile, uploads a photo and logs in with WeChat', async ({ page }) => {
  const suffix = randomSuffix()
  const idNumber = randomResidentId()
  const password = `Pw${suffix}9`
  const name = '测试考生'
  const nickname = `微信${suffix}`

  // Register
  await page.goto('/register')
  await page.locator('input[name="name"]').fill(name)
  await page.locator('input[name="id_number"]').fill(idNumber)
  await page.locator('input[name="mobile"]').fill(randomMobile())
  await page.locator('input[name="password"]').fill(password)
  await page.locator('input[name="password_confirm"]').fill(password)
  await shot(page, '01-register')
  await page.getByRole('button', { name: '注册', exact: true }).click()

  // Home, without a forced password change
  await expect(page).toHaveURL(/\/$/)
  await expect(page.locator('.home-header')).toContainText(name)
  await expect(page.locator('.van-cell').filter({ hasText: '用户中心' })).toContainText('资料未完善')
  await shot(page, '02-candidate-home')

  // 用户中心: fill what completeness needs
  await page.locator('.van-cell').filter({ hasText: '用户中心' }).click()
  await expect(page).toHaveURL(/\/profile/)
  await expect(page.locator('.van-notice-bar').first()).toContainText('资料未完善')
  // Gender and birth date come from the ID number
  await expect(page.locator('input[name="gender"]')).toHaveValue(Number(idNumber[16]) % 2 ? '男' : '女')
  await expect(page.locator('input[name="birth_date"]')).toHaveValue(
    `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
  )
  await pickOption(page, 'ethnicity', '汉族')
  await pickOption(page, 'hukou_type')
  await page.locator('textarea[name="hukou_address"]').fill('广东省广州市天河区天河路 100 号')
  await pickOption(page, 'candidate_source')
  await pickOption(page, 'education')
  await page.locator('input[name="school_or_employer"]').fill('广州市某某职业技术学校')
  await page.locator('input[name="work_years"]').fill('3')
  await shot(page, '03-profile-basic')
  await page.getByRole('button', { name: '保存', exact: true }).click()
  await expectToast(page, /已保存/)
  await shot(page, '04-profile-saved')

  // 证件信息: upload a phone-sized photo; the server crops it to 5:7
  await page.getByRole('tab', { name: '证件信息' }).click()
  await expect(page.locator('.photo-empty')).toBeVisible()
  const jpeg = await makeJpeg(page)
  await page
    .locator('.photo-uploader input[type="file"]')
    .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg })
  await expectToast(page, /照片已上传/)
  const preview = page.locator('.photo-preview img')
  await expect(preview).toBeVisible()
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
  await expect(page.locator('.van-notice-bar').last()).toContainText('资料已完善')
  await shot(page, '05-profile-documents')

  // Log out, then WeChat login with a new WeChat user: it must be bound by a password login
  await logout(page)
  await shot(page, '06-login')
  await page.getByRole('button', { name: '微信登录' }).click()
  await expect(page.locator('#create-user')).toBeVisible()
  await page.locator('input[name="nickname"]').fill(nickname)
  await shot(page, '07-wechat-authorize')
  await page.locator('#create-user').click()
  await expect(page).toHaveURL(/\/login/)
  await expect(page.locator('.van-notice-bar')).toContainText('该微信尚未绑定账号，登录或注册后将自动绑定')
  await shot(page, '08-login-bind-notice')
  await page.locator('input[name="login"]').fill(idNumber.toLowerCase())
  await page.locator('input[name="password"]').fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expectToast(page, '微信已绑定')
  await expect(page).toHaveURL(/\/$/)
  await expect(page.locator('.van-cell').filter({ hasText: '微信绑定' })).toContainText('已绑定')
  await shot(page, '09-home-wechat-bound')

  // Log out, then WeChat alone logs in
  await logout(page)
  await page.getByRole('button', { name: '微信登录' }).click()
  await page.locator('button.pick-user').filter({ hasText: nickname }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.locator('.home-header')).toContainText(name)
  await expect(page.locator('.van-cell').filter({ hasText: '用户中心' })).toContainText('已完善')
  await shot(page, '10-home-wechat-login')
})

test('a signed-in candidate binds WeChat from 用户中心 and unbinds it', async ({ page }) => {
  const suffix = randomSuffix()
  const idNumber = randomResidentId()
  const password = `Pw${suffix}9`
  const resp = await page.request.post('/api/auth/register', {
    data: {
      name: '绑定测试', id_type: 'resident_id', id_number: idNumber, mobile: randomMobile(),
      password, password_confirm: password,
    },
  })
  expect(resp.status()).toBe(201)
  const { token } = (await resp.json()) as { token: string }
  await page.goto('/login')
  await page.evaluate((t) => localStorage.setItem('skillcert.token', t), token)

  await page.goto('/profile?tab=docs')
  const cell = page.locator('.van-cell').filter({ hasText: '微信绑定' })
  await expect(cell).toContainText('未绑定')
  await cell.getByRole('button', { name: '绑定微信' }).click()
  await page.locator('input[name="nickname"]').fill(`绑定${suffix}`)
  await page.locator('#create-user').click()
  await expectToast(page, '微信绑定成功')
  await expect(page).toHaveURL(/\/profile/)
  await page.getByRole('tab', { name: '证件信息' }).click()
  await expect(cell).toContainText('已绑定')
  await shot(page, '11-profile-wechat-bound')

  await cell.getByRole('button', { name: '解绑' }).click()
  await page.locator('.van-dialog').getByRole('button', { name: '确认' }).click()
  await expectToast(page, '已解除绑定')
  await expect(cell).toContainText('未绑定')
  await shot(page, '12-profile-wechat-unbound')
})
