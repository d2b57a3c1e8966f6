import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { login, randomMobile, randomResidentId, shot } from './helpers'

// 报名详情 with everything in view: staff open a registration and see the candidate's photo, every profile field
// and the documents full size; approving one that lacks a required document names it, asks to confirm, and the
// confirmation is in the history. Works in a plan of its own; may run again on the same data.
test.describe.configure({ mode: 'serial' })

const STAFF_USER = process.env.E2E_STAFF_USER ?? 'hl_staff'
const STAFF_PASS = process.env.E2E_STAFF_PASS ?? 'Staff@2026'

function shanghaiDay(offset: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10)
}

function cnSuffix(): string {
  const chars = '甲乙丙丁戊己庚辛壬癸春夏秋冬梅兰竹菊'
  return Array.from({ length: 2 }, () => chars[Math.floor(Math.random() * chars.length)]).join('')
}

/** A JPEG drawn in the page: a passport-style portrait or a 学历证书. */
async function drawJpeg(page: Page, kind: 'photo' | 'diploma'): Promise<Buffer> {
  const dataUrl = await page.evaluate((k) => {
    const c = document.createElement('canvas')
    const g = c.getContext('2d')!
    if (k === 'photo') {
      c.width = 500
      c.height = 700
      g.fillStyle = '#4a90d9'
      g.fillRect(0, 0, 500, 700)
      g.fillStyle = '#f1c9a5'
      g.beginPath()
      g.ellipse(250, 280, 120, 150, 0, 0, Math.PI * 2)
      g.fill()
      g.fillStyle = '#222'
      g.fillRect(110, 520, 280, 180)
    } else {
      c.width = 1600
      c.height = 1100
      g.fillStyle = '#fffaf0'
      g.fillRect(0, 0, 1600, 1100)
      g.strokeStyle = '#b8860b'
      g.lineWidth = 14
      g.strokeRect(30, 30, 1540, 1040)
      g.fillStyle = '#8b0000'
      g.font = 'bold 96px serif'
      g.fillText('毕 业 证 书', 560, 220)
      g.fillStyle = '#333'
      g.font = '52px serif'
      ;['学生 评审 于二〇一八年九月至二〇二一年七月', '在本校 电气自动化 专业学习，修完规定课程，', '成绩合格，准予毕业。', '证书编号：1234520210600123']
        .forEach((l, i) => g.fillText(l, 140, 400 + i * 110))
    }
    return c.toDataURL('image/jpeg', 0.85)
  }, kind)
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads a field or two of many different bodies
async function ok(r: Awaited<ReturnType<APIRequestContext["post"]>>, status = 200): Promise<any> {
  expect(r.status(), await r.text()).toBe(status)
  return r.json()
}

/** A full-page picture with the viewport grown to the page, so the fixed action bar sits at the end. */
async function tallShot(page: Page, name: string) {
  const size = page.viewportSize()!
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) })
  await shot(page, name)
  await page.setViewportSize(size)
}

let staff: Page
let planName = ''
const complete = { id: '', name: `评审${cnSuffix()}` }
const lacking = { id: '', name: `缺件${cnSuffix()}` }

test('set up: a plan requiring 学历证书, one complete application and one entered without documents', async ({ browser }) => {
  staff = await (await browser.newContext()).newPage()
  await login(staff, STAFF_USER, STAFF_PASS)
  await expect(staff).toHaveURL(/\/$/)
  const token = await staff.evaluate(() => localStorage.getItem('skillcert.token') ?? '')
  const headers = { authorization: `Bearer ${token}` }
  const api = staff.request
  const exam = shanghaiDay(60 + Math.floor(Math.random() * 200))
  const plan = await ok(await api.post('/api/staff/plans', { headers, data: {
    exam_date: exam, reg_start: `${shanghaiDay(-1)} 09:00`, reg_end: `${shanghaiDay(20)} 18:00`,
    review_deadline: `${shanghaiDay(22)} 18:00`, payment_deadline: `${shanghaiDay(25)} 18:00`,
    ticket_start: `${shanghaiDay(26)} 09:00`, ticket_end: `${exam} 08:00`, announcement: 'E2E 审核详情测试计划。',
    notice: '请如实填写。', conditions: '从事本职业工作 4 年以上。', max_occupations: 2,
  } }), 201)
  planName = plan.name
  const occupations = await (await api.get('/api/catalogue/occupations?q=电工', { headers })).json()
  const electrician = (occupations as { id: number; code: string }[]).find((o) => o.code === '6-31-01-03')!
  const itemReq = { occupation_id: electrician.id, job_type: '', level: 'level4', fee_fen: 15000, expected_count: 30,
    required_documents: ['学历证书'], subjects: [] as { subject: string; answer_mode: string }[] }
  const item = await ok(await api.post(`/api/staff/plans/${plan.id}/items`, { headers, data: itemReq }), 201)
  const times = [['09:00', '10:30'], ['14:00', '16:00'], ['16:30', '17:30']]
  const subjects = (item.subjects as { subject: string }[]).map((s, i) => ({ ...s, date: exam, start: times[i][0], end: times[i][1] }))
  await ok(await api.put(`/api/staff/plans/${plan.id}/items/${item.id}`, { headers, data: { ...itemReq, subjects } }))
  for (const step of ['confirm', 'publish']) await ok(await api.post(`/api/staff/plans/${plan.id}/${step}`, { headers }))

  // A candidate who registers, completes 用户中心 with a photo and applies with the 学历证书.
  const idNumber = randomResidentId()
  const reg = await ok(await api.post('/api/auth/register', { data: { name: complete.name, id_type: 'resident_id',
    id_number: idNumber, mobile: randomMobile(), password: 'Secret2026', password_confirm: 'Secret2026' } }), 201)
  const cand = { authorization: `Bearer ${reg.token}` }
  await ok(await api.put('/api/profile', { headers: cand, data: { ethnicity: '汉族', hukou_type: 'non_agricultural',
    hukou_address: '广东省广州市天河区天河路 100 号', candidate_source: 'employee', work_years: 6,
    school_or_employer: '广州某某电气有限公司', education: 'associate', prev_cert_level: 'level5',
    prev_cert_number: 'S000012345678', prev_cert_date: '2021-06-30' } }))
  const file = (name: string, buffer: Buffer) => ({ file: { name, mimeType: 'image/jpeg', buffer } })
  await ok(await api.post('/api/profile/photo', { headers: cand, multipart: file('me.jpg', await drawJpeg(staff, 'photo')) }))
  const doc = await ok(await api.post('/api/registrations/documents', { headers: cand,
    multipart: file('diploma.jpg', await drawJpeg(staff, 'diploma')) }), 201)
  const applied = await ok(await api.post('/api/registrations', { headers: cand, data: { item_id: item.id,
    documents: [{ name: '学历证书', file_id: doc.id }], notice_confirmed: true } }), 201)
  complete.id = applied.id

  // 手工录入 of a candidate without any document.
  const entered = await ok(await api.post(`/api/staff/plans/${plan.id}/entries`, { headers, data: {
    item_id: item.id, name: lacking.name, id_type: 'resident_id', id_number: randomResidentId(), mobile: randomMobile(),
    source: 'manual' } }), 201)
  lacking.id = entered.registration.id
  expect(entered.registration.missing_documents).toEqual(['学历证书'])
})

test('staff see the photo, every profile field and the 学历证书 full size', async () => {
  await staff.goto(`/staff/registrations/${complete.id}`)
  const profile = staff.locator('[data-test="reg-profile"]')
  await expect(profile).toContainText('大专')
  for (const s of ['文化程度', '工龄', '6 年', '户口性质', '户口地址', '天河路', '上一级证书等级', 'S000012345678', '广州某某电气有限公司']) {
    await expect(profile).toContainText(s)
  }
  const photo = staff.locator('[data-test="reg-profile-photo"] img')
  await expect(photo).toBeVisible()
  expect(await photo.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0)
  const doc = staff.locator('[data-test="reg-document"] img')
  await expect(doc).toBeVisible()
  // Full size: the document spans the card and its picture is the original (1600 px wide).
  expect((await doc.boundingBox())!.width).toBeGreaterThan(300)
  expect(await doc.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1600)
  await expect(staff.locator('[data-test="reg-documents-missing"]')).toHaveCount(0)
  await staff.evaluate(() => window.scrollTo(0, 0))
  await staff.screenshot({ path: `${process.env.E2E_ARTIFACTS ?? '../artifacts/screenshots'}/80-review-detail-top.png` })
  await tallShot(staff, '81-review-detail-full')
  await doc.click()
  await expect(staff.locator('.van-image-preview')).toBeVisible()
  await staff.waitForTimeout(500)
  await staff.screenshot({ path: `${process.env.E2E_ARTIFACTS ?? '../artifacts/screenshots'}/82-review-document-preview.png` })
})

test('approving one without the 学历证书 asks to confirm, and the history records it', async () => {
  await staff.goto(`/staff/registrations/${lacking.id}`)
  await expect(staff.locator('[data-test="reg-documents-missing"]')).toContainText('学历证书')
  await expect(staff.locator('[data-test="reg-profile-no-photo"]')).toBeVisible()
  await staff.locator('[data-test="reg-approve"]').click()
  const dialog = staff.locator('.van-dialog')
  await expect(dialog).toContainText('材料不全')
  await expect(dialog).toContainText(`${lacking.name}：缺学历证书`)
  await staff.waitForTimeout(400)
  await staff.screenshot({ path: `${process.env.E2E_ARTIFACTS ?? '../artifacts/screenshots'}/83-review-approve-missing-confirm.png` })
  await dialog.getByRole('button', { name: '仍要通过' }).click()
  await expect(staff.locator('[data-test="reg-detail-status"]')).toContainText('申请通过')
  await expect(staff.locator('[data-test="reg-history"]')).toContainText('材料不全，审核人确认通过（缺学历证书）')
  await expect(staff.locator('.van-toast')).toBeHidden()
  await tallShot(staff, '84-review-approved-with-missing')
  expect(planName).not.toBe('')
})
