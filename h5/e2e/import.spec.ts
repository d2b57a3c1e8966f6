import { readFile } from 'node:fs/promises'
import { expect, test, type Download, type Page } from '@playwright/test'
import { login, pickOption, randomMobile, randomResidentId, randomSuffix, shot } from './helpers'
import { fillSheet, readSheet, sheetNames, unzip } from './xlsx'

// An institution enters candidates into a published plan: Excel template import (with a row-by-row error report,
// safe to repeat), manual entry, and the plan's registration report.
const STAFF_USER = process.env.E2E_STAFF_USER ?? 'hl_staff'
const STAFF_PASS = process.env.E2E_STAFF_PASS ?? 'Staff@2026'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const TEMPLATE_COLUMNS = [
  '姓名', '证件类型', '证件号码', '手机号码', '性别', '出生日期', '民族', '户口性质', '户口地址', '考生来源', '文化程度',
  '所在学校或单位', '工龄', '职业', '工种', '等级',
]

/** Two random characters for names that differ from run to run (names may hold no digits). */
function cnSuffix(): string {
  const chars = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬梅兰竹菊'
  return Array.from({ length: 3 }, () => chars[Math.floor(Math.random() * chars.length)]).join('')
}

/** A 居民身份证 number whose check digit is wrong. */
function badCheckDigit(): string {
  const id = randomResidentId()
  const wrong = '10X98765432'.split('').find((c) => c !== id[17])!
  return id.slice(0, 17) + wrong
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ d: Download; bytes: Buffer }> {
  const wait = page.waitForEvent('download')
  await click()
  const d = await wait
  return { d, bytes: await readFile(await d.path()) }
}

/** A screenshot once toasts have gone, so that they do not hide the page. */
async function calmShot(page: Page, name: string) {
  await expect(page.locator('.van-toast')).toBeHidden()
  await shot(page, name)
}

type Row = { row: number; name: string; status: string; code: string | null; message: string | null }
type ImportResult = { id: string; total: number; imported: number; existing: number; failed: number; rows: Row[] }

test('staff import candidates from the template, enter one by hand and download the report', async ({ page }) => {
  test.setTimeout(120_000)
  await login(page, STAFF_USER, STAFF_PASS)
  await expect(page).toHaveURL(/\/$/)
  const token = await page.evaluate(() => localStorage.getItem('skillcert.token') ?? '')
  const auth = { authorization: `Bearer ${token}` }

  // A published plan open for registration with 电工 四级/中级工 (the demo institution has one)
  type Item = { id: number; occupation_name: string; job_type: string; level: string; level_label: string }
  type Plan = { id: number; name: string; status: string; stage: string; items: Item[] }
  const summaries = (await (await page.request.get('/api/staff/plans', { headers: auth })).json()) as Plan[]
  let plan: Plan | undefined
  let item: Item | undefined
  for (const s of summaries.filter((p) => p.status === 'published' && p.stage === 'open')) {
    const p = (await (await page.request.get(`/api/staff/plans/${s.id}`, { headers: auth })).json()) as Plan
    item = p.items.find((i) => i.occupation_name === '电工' && i.level === 'level4' && !i.job_type)
    if (item) {
      plan = p
      break
    }
  }
  expect(plan, 'a published, open plan with 电工 四级/中级工').toBeDefined()
  const planId = plan!.id

  // Plan list → hub → 报名管理
  await page.locator('[data-test="home-staff-plans"]').click()
  await page.locator(`[data-test="plan-card"][data-plan-id="${planId}"]`).click()
  await expect(page).toHaveURL(new RegExp(`/staff/plans/${planId}$`))
  await page.locator('[data-test="plan-entry"]').click()
  await expect(page).toHaveURL(new RegExp(`/staff/plans/${planId}/entry`))
  await expect(page.locator('[data-test="entry-plan-name"]')).toHaveText(plan!.name)
  await expect(page.locator('[data-test="import-history"]')).toBeVisible()
  await calmShot(page, '65-entry-import')

  // 下载模板: an .xlsx with the template's header row
  const template = await downloaded(page, () => page.locator('[data-test="template-download"]').click())
  expect(template.d.suggestedFilename()).toBe(`报名导入模板-${plan!.name}.xlsx`)
  expect(template.bytes.subarray(0, 2).toString('latin1')).toBe('PK')
  const templateBook = unzip(template.bytes)
  expect(sheetNames(templateBook)).toContain('报名信息')
  expect(sheetNames(templateBook)).toContain('填写说明')
  const templateRows = readSheet(templateBook, '报名信息')
  expect(templateRows[0]).toEqual(TEMPLATE_COLUMNS)

  // Fill it: one valid row and five bad ones (in place of the example row)
  const tail = cnSuffix()
  const valid = { name: `导入考生${tail}`, id: randomResidentId(), mobile: randomMobile() }
  const row = (name: string, id: string, mobile: string, ethnicity: string, occupation: string, level: string) => {
    const cells = TEMPLATE_COLUMNS.map(() => '')
    Object.assign(cells, { 0: name, 1: '居民身份证', 2: id, 3: mobile, 6: ethnicity, 13: occupation, 15: level })
    return cells
  }
  const level = item!.level_label
  const rows = [
    row(valid.name, valid.id, valid.mobile, '汉族', '电工', level),
    row(`校验位错${tail}`, badCheckDigit(), randomMobile(), '汉族', '电工', level),
    row(`手机错误${tail}`, randomResidentId(), '1390000', '汉族', '电工', level),
    row(`民族错误${tail}`, randomResidentId(), randomMobile(), '火星族', '电工', level),
    row(`项目不符${tail}`, randomResidentId(), randomMobile(), '汉族', '焊工', level),
    row(valid.name, valid.id, valid.mobile, '汉族', '电工', level),
  ]
  const file = { name: `报名导入-${randomSuffix()}.xlsx`, mimeType: XLSX, buffer: fillSheet(template.bytes, '报名信息', rows) }
  expect(readSheet(unzip(file.buffer), '报名信息').slice(1)).toEqual(rows)

  // Upload it: 1 imported, 5 failed, each failed row with its reason
  const upload = page.locator('[data-test="import-upload"] input[type="file"]')
  const first = page.waitForResponse((r) => r.url().endsWith(`/api/staff/plans/${planId}/imports`))
  await upload.setInputFiles(file)
  const firstResp = await first
  expect(firstResp.status()).toBe(201)
  const r1 = (await firstResp.json()) as ImportResult
  expect(r1).toMatchObject({ total: 6, imported: 1, existing: 0, failed: 5 })
  const byRow = new Map(r1.rows.map((r) => [r.row, r]))
  expect(byRow.get(2)).toMatchObject({ status: 'imported', name: valid.name })
  expect(byRow.get(3)).toMatchObject({ status: 'failed', code: 'invalid_id_number' })
  expect(byRow.get(4)).toMatchObject({ status: 'failed', code: 'invalid_mobile' })
  expect(byRow.get(5)).toMatchObject({ status: 'failed', code: 'invalid_enum' })
  expect(byRow.get(5)!.message).toContain('民族')
  expect(byRow.get(6)).toMatchObject({ status: 'failed', code: 'item_not_in_plan' })
  expect(byRow.get(6)!.message).toContain('焊工')
  expect(byRow.get(7)).toMatchObject({ status: 'failed', code: 'duplicate_in_file' })
  expect(byRow.get(7)!.message).toContain('第 2 行')

  const result = page.locator('[data-test="import-result"]')
  await expect(result.locator('[data-test="import-counts"]')).toContainText('共 6 行：导入 1，已存在 0，失败 5')
  const failedRows = result.locator('[data-test="import-row"]')
  await expect(failedRows).toHaveCount(5)
  for (const [n, who] of [[3, '校验位错'], [4, '手机错误'], [5, '民族错误'], [6, '项目不符'], [7, '导入考生']] as const) {
    const line = failedRows.filter({ hasText: `第 ${n} 行 · ${who}${tail}` })
    await expect(line).toHaveCount(1)
    await expect(line.locator('.van-cell__label')).toHaveText(byRow.get(n)!.message!)
  }
  await expect(page.locator('[data-test="import-error"]')).toHaveCount(0)
  await result.scrollIntoViewIfNeeded()
  await calmShot(page, '66-import-result')

  // 下载结果报告: every row with its result
  const report = await downloaded(page, () => result.locator('[data-test="import-report-download"]').click())
  expect(report.d.suggestedFilename()).toMatch(/\.xlsx$/)
  expect(report.bytes.subarray(0, 2).toString('latin1')).toBe('PK')
  const reportBook = unzip(report.bytes)
  const reportRows = readSheet(reportBook, sheetNames(reportBook)[0])
  expect(reportRows.filter((r) => r.includes(valid.name) && r.includes('导入成功'))).toHaveLength(1)
  expect(reportRows.filter((r) => r.includes('失败'))).toHaveLength(5)

  // The same file again changes nothing: the valid row already exists
  const again = page.waitForResponse((r) => r.url().endsWith(`/api/staff/plans/${planId}/imports`))
  await upload.setInputFiles(file)
  const r2 = (await (await again).json()) as ImportResult
  expect(r2).toMatchObject({ total: 6, imported: 0, existing: 1, failed: 5 })
  expect(r2.id).not.toBe(r1.id)
  await expect(result.locator('[data-test="import-counts"]')).toContainText('共 6 行：导入 0，已存在 1，失败 5')
  await expect(page.locator('[data-test="import-history-item"]').filter({ hasText: file.name })).toHaveCount(2)
  await calmShot(page, '67-import-again')
  const listed = await (await page.request.get(
    `/api/staff/plans/${planId}/registrations?q=${valid.id}`, { headers: auth })).json()
  expect(listed.total).toBe(1)
  expect(listed.items[0]).toMatchObject({ status: 'pending', source: 'excel', candidate: { name: valid.name } })

  // 手工录入: a candidate without an account gets one
  const manual = { name: `手工录入${cnSuffix()}`, id: randomResidentId(), mobile: randomMobile() }
  await page.locator('[data-test="entry-tab-manual"]').click()
  const form = page.locator('[data-test="entry-form"]')
  await expect(form).toBeVisible()
  await pickOption(page, 'item_id', /电工/)
  await expect(form.locator('input[name="id_type"]')).toHaveValue('居民身份证')
  await form.locator('input[name="name"]').fill(manual.name)
  await form.locator('input[name="id_number"]').fill(manual.id)
  await form.locator('input[name="mobile"]').fill(manual.mobile)
  // Gender and birth date follow from the number
  await expect(form.locator('input[name="birth_date"]')).toHaveValue(
    `${manual.id.slice(6, 10)}-${manual.id.slice(10, 12)}-${manual.id.slice(12, 14)}`)
  await pickOption(page, 'ethnicity', '汉族')
  await calmShot(page, '68-manual-entry')
  const entered = page.waitForResponse((r) => r.url().endsWith(`/api/staff/plans/${planId}/entries`))
  await form.locator('[data-test="entry-submit"]').click()
  const enteredResp = await entered
  expect(enteredResp.status()).toBe(201)
  expect(await enteredResp.json()).toMatchObject({ account_created: true, registration: { source: 'manual', status: 'pending' } })
  await expect(page.locator('[data-test="entry-account-created"]')).toContainText('已为考生创建账号')
  await expect(page.locator('[data-test="entry-result"]')).toContainText(manual.name)
  await calmShot(page, '69-manual-entry-done')
  // The account logs in with the last six characters of the number and must confirm the recorded mobile first
  const first6 = await page.request.post('/api/auth/login', { data: { login: manual.id, password: manual.id.slice(-6) } })
  expect(first6.status()).toBe(200)
  expect((await first6.json()).user).toMatchObject({ role: 'candidate', identity_check_required: true, must_change_password: true })

  // 报名报表: both candidates are listed
  await page.goto(`/staff/plans/${planId}`)
  await page.locator('[data-test="plan-report"]').click()
  await expect(page).toHaveURL(new RegExp(`/staff/plans/${planId}/report`))
  const api = await (await page.request.get(`/api/staff/plans/${planId}/report`, { headers: auth })).json()
  await expect(page.locator('[data-test="report-count"]')).toHaveText(`共 ${api.rows.length} 条报名记录`)
  const cards = page.locator('[data-test="report-row"]')
  for (const who of [valid, manual]) {
    const card = cards.filter({ hasText: who.name })
    await expect(card).toHaveCount(1)
    await expect(card).toContainText('电工')
    await expect(card).toContainText('待处理')
  }
  await expect(cards.filter({ hasText: manual.name })).toContainText('手工录入')
  await expect(cards.filter({ hasText: valid.name })).toContainText('Excel导入')
  await calmShot(page, '70-report-phone')
  // On a desktop it is a table
  await page.setViewportSize({ width: 1280, height: 800 })
  const table = page.locator('[data-test="report-table"]')
  await expect(table).toBeVisible()
  await expect(table.locator('th')).toHaveText(api.columns)
  await expect(table.locator('[data-test="report-row"]')).toHaveCount(api.rows.length)
  await expect(table.locator('[data-test="report-row"]').filter({ hasText: valid.name })).toHaveCount(1)
  await calmShot(page, '71-report-desktop')
  await page.setViewportSize({ width: 375, height: 812 })

  // 下载Excel
  const xlsx = await downloaded(page, () => page.locator('[data-test="report-download"]').click())
  expect(xlsx.d.suggestedFilename()).toMatch(/\.xlsx$/)
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK')
  const book = unzip(xlsx.bytes)
  const cells = readSheet(book, sheetNames(book)[0])
  for (const who of [valid, manual]) expect(cells.filter((r) => r.includes(who.name))).toHaveLength(1)
})
