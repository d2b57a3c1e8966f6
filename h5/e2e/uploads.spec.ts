import { expect, test, type Page } from '@playwright/test'
import { makeJpeg, randomMobile, randomResidentId, randomSuffix, shot } from './helpers'

// Issue 9, items 12 and 13: a large phone photo is accepted as a document and as an ID image (shrunk in the
// browser before it is sent, and kept within 2000 px / 2 MB by the server); after applying, the plan list shows
// 已报名 and the wizard refuses the same item at its first step.

/** A 4032×3024 camera-like JPEG (noisy, so that it stays several MB), drawn in the page. */
async function phonePhoto(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const [w, h] = [4032, 3024]
    const c = document.createElement('canvas')
    c.width = w
    c.height = h
    const g = c.getContext('2d')!
    const img = g.createImageData(w, h)
    let seed = 12345
    for (let i = 0; i < img.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      const n = seed % 90
      const x = (i / 4) % w
      img.data[i] = 60 + ((x * 120) / w) + n
      img.data[i + 1] = 80 + n
      img.data[i + 2] = 120 + n
      img.data[i + 3] = 255
    }
    g.putImageData(img, 0, 0)
    g.fillStyle = '#fff'
    g.fillRect(600, 500, 2800, 2000)
    g.fillStyle = '#c00'
    g.font = 'bold 260px sans-serif'
    g.fillText('毕业证书', 1200, 1500)
    return c.toDataURL('image/jpeg', 0.95)
  })
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}

/** A new candidate with a complete profile and photo, signed in in this page; returns the token. */
async function readyCandidate(page: Page): Promise<string> {
  const password = `Pw${randomSuffix()}9`
  const reg = await page.request.post('/api/auth/register', {
    data: { name: '压缩测试', id_type: 'resident_id', id_number: randomResidentId(), mobile: randomMobile(),
      password, password_confirm: password },
  })
  expect(reg.ok()).toBeTruthy()
  const token: string = (await reg.json()).token
  const auth = { authorization: `Bearer ${token}` }
  const put = await page.request.put('/api/profile', { headers: auth, data: { mobile: randomMobile(),
    ethnicity: '汉族', hukou_type: 'non_agricultural', hukou_address: '广东省广州市天河区', candidate_source: 'employee',
    work_years: 6, school_or_employer: '广州某某公司', education: 'associate' } })
  expect(put.ok()).toBeTruthy()
  await page.goto('/login')
  const photo = await page.request.post('/api/profile/photo', { headers: auth,
    multipart: { file: { name: 'me.jpg', mimeType: 'image/jpeg', buffer: await makeJpeg(page, 500, 700) } } })
  expect(photo.ok()).toBeTruthy()
  await page.evaluate((t) => localStorage.setItem('skillcert.token', t), token)
  return token
}

test('a large phone photo is accepted as a document and as an ID image, shrunk, and the item then shows 已报名', async ({ page }) => {
  const token = await readyCandidate(page)
  const open = await (await page.request.get('/api/plans/open', { headers: { authorization: `Bearer ${token}` } })).json()
  const item = open.find((i: { can_apply: boolean }) => i.can_apply)
  expect(item).toBeTruthy()
  const photo = await phonePhoto(page)
  expect(photo.length).toBeGreaterThan(2 * 1024 * 1024)

  // The wizard: notice, profile, then the document as the phone took it.
  await page.goto(`/apply/${item.item_id}?plan=${item.plan_id}`)
  await page.locator('[data-test="wizard-agree"]').click()
  await page.locator('[data-test="wizard-next"]').click()
  await page.locator('[data-test="wizard-next"]').click()
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/registrations/documents'))
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/registrations/documents'))
  await page.locator('[data-test="doc-upload-0"] input[type="file"]').setInputFiles({
    name: 'IMG_4032.jpg', mimeType: 'image/jpeg', buffer: photo })
  const doc = await (await answered).json()
  expect((await answered).status()).toBe(201)
  const { requestBodySize } = await (await sent).sizes()
  expect(requestBodySize).toBeLessThan(photo.length / 2) // compressed in the browser before upload
  expect([doc.width, doc.height]).toEqual([2000, 1500])
  expect(doc.size).toBeLessThanOrEqual(2 * 1024 * 1024)
  await expect(page.locator('[data-test="doc-upload-0"]')).toContainText('已上传')
  await shot(page, 'i9-12-wizard-large-document-uploaded')

  // Submit, then the list says 已报名 with a link, and the wizard refuses the same item at once.
  await page.locator('[data-test="wizard-submit"]').click()
  await expect(page.locator('[data-test="apply-success"]')).toBeVisible()
  await page.goto('/plans')
  const card = page.locator(`[data-test="plan-item"][data-item="${item.item_id}"]`)
  await expect(card.locator('[data-test="applied-btn"]')).toContainText('已报名')
  await shot(page, 'i9-13-plans-applied')
  await page.goto(`/apply/${item.item_id}?plan=${item.plan_id}`)
  await expect(page.locator('[data-test="apply-refused"]')).toContainText('已报名')
  await expect(page.locator('[data-test="wizard-steps"]')).toHaveCount(0)
  await shot(page, 'i9-13-wizard-refuses-at-step-1')
  await page.locator('[data-test="refused-registration"]').click()
  await expect(page).toHaveURL(/\/registrations\/[0-9a-f-]{36}$/)

  // 用户中心 › 证件信息: the same photo as the ID card's front.
  await page.goto('/profile?tab=docs')
  const idSent = page.waitForResponse((r) => r.url().endsWith('/api/profile/id-images/front'))
  await page.locator('.id-uploader-front input[type="file"]').setInputFiles({
    name: 'IMG_4033.jpg', mimeType: 'image/jpeg', buffer: photo })
  const idResp = await idSent
  expect(idResp.status()).toBe(200)
  const idImage = await idResp.json()
  expect(Math.max(idImage.width, idImage.height)).toBeLessThanOrEqual(2000)
  await expect(page.locator('.id-row').first()).toContainText('已上传')
  await shot(page, 'i9-12-profile-large-id-image-uploaded')
})
