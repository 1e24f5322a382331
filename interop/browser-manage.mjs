// An uploader edits a video in Debian's headless Chromium (playwright-core): from "my videos" to the
// edit page on a phone-sized screen (title, description, tags, an uploaded thumbnail), then on a desktop
// screen (a frame of the video as thumbnail, chapters, the description's safe markdown preview), then sees
// the edits on the watch page; PeerTube's older /videos/update/{id} URL lands on the edit page, in French
// for a French reader, with French category, licence and language names.
// Usage: node browser-manage.mjs <base url> <access token> <video uuid> <image file> <title> <description>
// Prints one JSON line with what each step saw; exits non-zero on the first failed step.
import { browserSession } from './lib/browser-session.mjs'

const [base, token, uuid, image, title, description] = process.argv.slice(2)
const { page, step, finish } = await browserSession({ token, viewport: { width: 375, height: 812 } })

const thumbnail = () => page.getAttribute('#manage-thumbnail', 'src')
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

await step('phoneDetails', async () => {
  await page.goto(`${base}/my-library/videos`)
  await page.click(`tr[data-uuid="${uuid}"] a.button`)
  await page.waitForURL('**/videos/manage/**')
  await page.waitForSelector('#manage-form')
  const before = { title: await page.inputValue('#video-name'), thumbnail: await thumbnail() }
  await page.fill('#video-name', title)
  await page.fill('#video-description', description)
  await page.fill('#video-tags', 'edited, phone')
  await page.selectOption('#video-commentsPolicy', '3')
  await page.click('#manage-form button[type=submit]')
  const saved = await page.textContent('#details-status .notice.ok', { timeout: 10000 })
  return { url: page.url(), before, saved, overflow: await overflow(), labels: await page.locator('#manage-form label').count() }
})

await step('phoneThumbnail', async () => {
  const before = await thumbnail()
  await page.setInputFiles('#thumbnail-file', image)
  await page.click('#thumbnail-form button[type=submit]')
  await page.waitForFunction(b => document.getElementById('manage-thumbnail').getAttribute('src') !== b, before, { timeout: 20000 })
  const after = await thumbnail()
  const loaded = await page.waitForFunction(() => {
    const img = document.getElementById('manage-thumbnail')
    return img.complete && img.naturalWidth > 0 ? img.naturalWidth : null
  }, null, { timeout: 10000 }).then(h => h.jsonValue())
  return { before, after, naturalWidth: loaded }
})

await page.setViewportSize({ width: 1280, height: 800 })

await step('desktopFrameAndChapters', async () => {
  await page.reload()
  await page.waitForSelector('#manage-form')
  const reloaded = { title: await page.inputValue('#video-name'), tags: await page.inputValue('#video-tags'), comments: await page.inputValue('#video-commentsPolicy') }
  const before = await thumbnail()
  await page.fill('#frame-time', '1')
  await page.click('#frame-form button[type=submit]')
  await page.waitForFunction(b => document.getElementById('manage-thumbnail').getAttribute('src') !== b, before, { timeout: 30000 })
  await page.fill('#chapters-text', '0:00 Opening\n0:02 The end')
  await page.click('#chapters-form button[type=submit]')
  const chapters = await page.textContent('#chapters-status .notice.ok', { timeout: 10000 })
  await page.fill('#chapters-text', 'no time here')
  await page.click('#chapters-form button[type=submit]')
  const badChapters = await page.textContent('#chapters-status .notice.error', { timeout: 10000 })
  return { reloaded, before, after: await thumbnail(), chapters, badChapters, overflow: await overflow() }
})

// The description's preview renders markdown as the watch page does, and never runs what a hostile
// description carries (an <img onerror>, a javascript: link). Nothing is saved: the reload drops it.
await step('preview', async () => {
  await page.evaluate(() => { window.pwned = 0 })
  await page.fill('#video-description', 'Some **bold** text and a [good link](https://example.org/page)\n\n' +
    '<img src=x onerror="window.pwned = 1"> [bad](javascript:window.pwned=2) <script>window.pwned = 3</script>')
  await page.waitForSelector('#description-preview strong')
  await page.waitForTimeout(500)
  const links = await page.locator('#description-preview a').evaluateAll(as => as.map(a => a.getAttribute('href')))
  const bad = page.locator('#description-preview a', { hasText: 'bad' })
  if (await bad.count()) await bad.first().click()
  await page.waitForTimeout(300)
  const out = {
    label: await page.textContent('#description-preview-label'),
    bold: await page.textContent('#description-preview strong'),
    links,
    images: await page.locator('#description-preview img').count(),
    scripts: await page.locator('#description-preview script').count(),
    pwned: await page.evaluate(() => window.pwned),
    beside: await page.evaluate(() => {
      const field = document.getElementById('video-description').getBoundingClientRect()
      return document.getElementById('description-preview').getBoundingClientRect().left >= field.right
    })
  }
  await page.reload()
  await page.waitForSelector('#manage-form')
  return out
})

await step('watch', async () => {
  await page.click('#manage-watch')
  await page.waitForFunction(t => document.getElementById('title').textContent === t, title, { timeout: 10000 })
  return { title: await page.textContent('#title'), description: await page.textContent('#description') }
})

await step('oldUrl', async () => {
  await page.goto(`${base}/videos/update/${uuid}`)
  await page.waitForSelector('#manage-form')
  return { url: page.url() }
})

// A French reader gets the edit page in French.
await step('french', async () => {
  await page.evaluate(() => localStorage.setItem('tandem-locale', 'fr'))
  await page.reload()
  await page.waitForSelector('#manage-form')
  const texts = await page.locator('.manage-section h2').allTextContents()
  const save = await page.textContent('#manage-form button[type=submit]')
  const option = (/** @type {string} */ select, /** @type {string} */ value) => page.textContent(`${select} option[value="${value}"]`)
  // Category, licence and language names as the watch page gives them (lib/video-labels.js).
  const names = {
    category: await option('#video-category', '1'),
    licence: await option('#video-licence', '2'),
    language: await option('#video-language', 'de'),
    captionLanguage: await option('#caption-language', 'de'),
    preview: await page.textContent('#description-preview-label')
  }
  await page.evaluate(() => localStorage.removeItem('tandem-locale'))
  return { lang: await page.getAttribute('html', 'lang'), headings: texts, save, names }
})

await finish()
