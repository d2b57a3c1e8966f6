import { readFile } from 'node:fs/promises'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { ARTIFACTS, expectToast, login, shot } from './helpers'

// Fees through the H5 with the WeChat Pay simulator: the demo candidate pays an approved registration in the
// simulator's cashier (its stand-in WeixinJSBridge, loaded from `pay_bridge_url`), then the centre's finance
// reconciles today against the simulator's bill and downloads the statement.
//
// Needs the demo data of `make run`: the demo candidate has an approved, unpaid registration with a fee, before the
// plan's payment deadline, and a WeChat binding for the pay AppID. Paying it uses it up: run against fresh data.
test.describe.configure({ mode: 'serial' })

const CANDIDATE_USER = process.env.E2E_CANDIDATE_USER ?? '11010519491231002X'
const CANDIDATE_PASS = process.env.E2E_CANDIDATE_PASS ?? 'Cand@2026'
const FINANCE_USER = process.env.E2E_FINANCE_USER ?? 'finance'
const FINANCE_PASS = process.env.E2E_FINANCE_PASS ?? 'Finance@2026'

/** A calendar day `offset` days from today in Shanghai (the browser's time zone in playwright.config.ts). */
function shanghaiDay(offset: number) {
  const d = new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000)
  const y = String(d.getUTCFullYear())
  const m = String(d.getUTCMonth() + 1).padStart(2, '0')
  const day = String(d.getUTCDate()).padStart(2, '0')
  return { y, m, d: day, iso: `${y}-${m}-${day}` }
}

/** Picks the option with exactly `text` in one picker column (a synthetic click also reaches clipped options). */
async function pickColumn(picker: Locator, column: number, text: string) {
  const option = picker
    .locator('.van-picker-column')
    .nth(column)
    .locator('.van-picker-column__item')
    .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
  await option.first().dispatchEvent('click')
  await expect(option.first()).toHaveClass(/van-picker-column__item--selected/)
}

/** A screenshot once toasts have gone, so that they do not hide the page. */
async function calmShot(page: Page, name: string) {
  await expect(page.locator('.van-toast')).toBeHidden()
  await shot(page, name)
}

let outTradeNo = ''

test('the demo candidate pays an approved registration in WeChat', async ({ page }) => {
  page.on('dialog', (d) => void d.accept())
  await login(page, CANDIDATE_USER, CANDIDATE_PASS)
  await expect(page).toHaveURL(/\/$/)

  // 我的报名: the approved registration offers 去支付
  await page.locator('[data-test="home-my-registrations"]').click()
  await expect(page).toHaveURL(/\/registrations$/)
  const card = page
    .locator('[data-test="registration-card"][data-status="approved"]')
    .filter({ has: page.locator('[data-testid="pay-button"]') })
    .first()
  await expect(card).toBeVisible()
  await expect(page.locator('[data-testid="pay-notice"]')).toContainText('待缴费')
  await card.scrollIntoViewIfNeeded()
  await calmShot(page, '72-my-registrations-pay')

  // The detail: amount, 待支付, 去支付
  const registrationId = (await card.getAttribute('data-id')) ?? ''
  await card.locator('.reg-card__name').click()
  await expect(page).toHaveURL(new RegExp(`/registrations/${registrationId}$`))
  await expect(page.locator('[data-testid="pay-status"]')).toHaveText('待支付')
  await expect(page.locator('[data-testid="pay-amount"]')).toHaveText(/^¥\d+\.\d{2}$/)
  await calmShot(page, '73-registration-pay-due')

  // 去支付 → the simulator's cashier
  const started = page.waitForResponse(
    (r) => r.url().endsWith(`/api/registrations/${registrationId}/payment`) && r.request().method() === 'POST',
  )
  await page.locator('[data-testid="pay-button"]').click()
  const startResp = await started
  expect(startResp.status()).toBe(200)
  const start = (await startResp.json()) as { out_trade_no: string; params: { package: string } }
  expect(start.params.package).toMatch(/^prepay_id=/)
  outTradeNo = start.out_trade_no
  const confirm = page.locator('[data-testid="sim-pay-confirm"]')
  await expect(confirm).toBeVisible()
  // The cashier covers the screen, not the page: a picture of the screen
  await page.screenshot({ path: `${ARTIFACTS}/74-sim-cashier.png` })

  // Paying: the page asks the server, which asks WeChat, then shows 已支付
  const refreshed = page.waitForResponse(
    (r) => r.url().endsWith(`/api/registrations/${registrationId}/payment/refresh`) && r.request().method() === 'POST',
  )
  await confirm.click()
  expect((await refreshed).status()).toBe(200)
  await expectToast(page, '支付成功')
  await expect(page.locator('[data-testid="pay-status"]')).toHaveText('已支付')
  await expect(page.locator('[data-testid="pay-button"]')).toHaveCount(0)
  await expect(page.locator('[data-testid="pay-order-no"]')).toContainText(outTradeNo)
  await expect(page.locator('[data-testid="pay-section"]')).toContainText('微信支付单号')
  await calmShot(page, '75-registration-paid')

  // …and 我的报名 no longer asks for money
  await page.goto('/registrations')
  const paidCard = page.locator(`[data-test="registration-card"][data-id="${registrationId}"]`)
  await expect(paidCard.locator('.status-tag').last()).toHaveText('已支付')
  await expect(paidCard.locator('[data-testid="pay-button"]')).toHaveCount(0)
})

test('finance reconciles today and downloads the statement', async ({ page, request }) => {
  test.skip(!outTradeNo, 'needs the payment')
  const today = shanghaiDay(0)
  await login(page, FINANCE_USER, FINANCE_PASS)
  await expect(page).toHaveURL(/\/$/)
  await calmShot(page, '76-finance-home')

  await page.locator('[data-testid="home-finance-reconciliations"]').click()
  await expect(page).toHaveURL(/\/finance\/reconciliations/)
  await expect(page.locator('[data-testid="recon-date"]')).toContainText(shanghaiDay(-1).iso)

  // Today, through the date picker
  await page.locator('[data-testid="recon-date"]').click()
  const popup = page.locator('.van-popup:visible').filter({ has: page.locator('.van-picker') })
  await expect(popup).toBeVisible()
  const picker = popup.locator('.van-picker')
  await pickColumn(picker, 0, today.y)
  await pickColumn(picker, 1, today.m)
  await pickColumn(picker, 2, today.d)
  await popup.locator('.van-picker__confirm').click()
  await expect(popup).toBeHidden()
  await expect(page.locator('[data-testid="recon-date"]')).toContainText(today.iso)

  // 开始对账
  const ran = page.waitForResponse((r) => r.url().endsWith('/api/finance/reconciliations') && r.request().method() === 'POST')
  await page.locator('[data-testid="recon-run"]').click()
  const runResp = await ran
  expect(runResp.status()).toBe(200)
  const rec = (await runResp.json()) as { date: string; status: string; items: { kind: string; out_trade_no: string }[] }
  expect(rec).toMatchObject({ date: today.iso, status: 'done' })
  // The payment above is in the bill and here, with the same amount
  expect(rec.items.find((i) => i.out_trade_no === outTradeNo)?.kind).toBe('matched')

  await expect(page.locator('[data-testid="recon-status"]')).toHaveText('已完成')
  const summary = page.locator('[data-testid="recon-summary"]')
  await expect(summary).toBeVisible()
  await expect(summary.locator('[data-testid="recon-count-matched"]')).not.toHaveAttribute('data-count', '0')
  await expect(summary.locator('[data-testid="recon-count-matched"]')).toContainText('一致')
  await expect(page.locator(`[data-testid="recon-history-row"][data-date="${today.iso}"]`)).toBeVisible()
  await calmShot(page, '77-reconciliation-today')

  // 下载对账单: an .xlsx (a ZIP)
  const download = page.waitForEvent('download')
  await page.locator('[data-testid="recon-download"]').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/)
  const bytes = await readFile(await file.path())
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')

  // The same file straight from the API is refused without a session
  const anonymous = await request.get(`/api/finance/reconciliations/${today.iso}/export.xlsx`)
  expect(anonymous.status()).toBe(401)
  await calmShot(page, '78-reconciliation-downloaded')
})
