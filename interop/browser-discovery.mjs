// A visitor finds videos in headless Chromium at phone size: the home page's sections and their
// "see all" links, the search filters narrowing the results, a tag page, a category page, the 404
// page's search box; then a French browser sees the same pages in French.
// Usage: TANDEM_ACCESS_TOKEN=<a subscriber's token> node browser-discovery.mjs <base url>
// Prints one JSON line with what each step saw; exits non-zero on the first failed step or any page error.
import { chromium } from 'playwright-core'
import { browserSession } from './lib/browser-session.mjs'

const [base] = process.argv.slice(2)
if (!base || !process.env.TANDEM_ACCESS_TOKEN) {
  console.log(JSON.stringify({ failed: 'usage: TANDEM_ACCESS_TOKEN=<token> node browser-discovery.mjs <base url>' }))
  process.exit(1)
}
const { page, step, finish } = await browserSession({ token: process.env.TANDEM_ACCESS_TOKEN, viewport: { width: 375, height: 800 } })
const titles = p => p.locator('main .card strong').allTextContents()

await step('home', async () => {
  await page.goto(`${base}/`)
  await page.waitForSelector('.home-section')
  const sections = {}
  for (const s of await page.locator('.home-section').all()) {
    sections[await s.getAttribute('id')] = {
      title: await s.locator('h2').textContent(),
      seeAll: await s.locator('a.see-all').getAttribute('href'),
      videos: await s.locator('.card strong').allTextContents()
    }
  }
  const card = await page.locator('#section-recent .card small').first().textContent()
  return { sections, card }
})

await step('seeAll', async () => {
  await Promise.all([page.waitForURL('**/videos/browse?sort=-trending'), page.click('#section-trending a.see-all')])
  await page.waitForSelector('main h1')
  return { title: await page.textContent('main h1'), videos: await titles(page) }
})

await step('search', async () => {
  await page.goto(`${base}/search?sort=date`)
  await page.waitForSelector('#search-title')
  const all = await titles(page)
  await Promise.all([page.waitForURL('**/search?*languageOneOf=fr*'), page.selectOption('#filter-languageOneOf', 'fr')])
  await page.waitForSelector('#search-title')
  const french = await titles(page)
  await Promise.all([page.waitForURL('**/search?*categoryOneOf=1*'), page.selectOption('#filter-categoryOneOf', '1')])
  await page.waitForSelector('#search-title')
  const frenchMusic = await titles(page)
  const heading = await page.textContent('#search-title')
  await Promise.all([page.waitForURL('**/search?*duration=long*'), page.selectOption('#filter-duration', 'long')])
  await page.waitForSelector('#search-title')
  const long = await titles(page)
  const longHeading = await page.textContent('#search-title')
  await page.goto(`${base}/search?search=jazz`)
  await page.waitForSelector('#search-title')
  return { all, french, frenchMusic, heading, long, longHeading, byText: await titles(page), channels: await page.locator('#channel-results li').count() }
})

await step('tag', async () => {
  await page.goto(`${base}/search?tagsOneOf=jazz`)
  await page.waitForSelector('#search-title')
  return { title: await page.textContent('#search-title'), videos: await titles(page) }
})

await step('category', async () => {
  await page.goto(`${base}/videos/browse?categoryOneOf=1`)
  await page.waitForSelector('main h1')
  return { title: await page.textContent('main h1'), videos: await titles(page) }
})

await step('notFound', async () => {
  const res = await page.goto(`${base}/no/such/page`)
  await page.waitForSelector('.not-found h1')
  const title = await page.textContent('.not-found h1')
  const home = await page.getAttribute('#home-link', 'href')
  await page.fill('#not-found-q', 'garden')
  await Promise.all([page.waitForURL('**/search?search=garden'), page.press('#not-found-q', 'Enter')])
  await page.waitForSelector('#search-title')
  return { status: res.status(), title, home, found: await titles(page) }
})

await step('french', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--lang=fr-FR'] })
  try {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 375, height: 800 } })
    const fr = await context.newPage()
    const errors = []
    fr.on('pageerror', e => errors.push(e.message))
    await fr.goto(`${base}/`)
    await fr.waitForSelector('.home-section')
    const sections = await fr.locator('.home-section h2').allTextContents()
    const card = await fr.locator('#section-recent .card small').first().textContent()
    await fr.goto(`${base}/videos/browse?categoryOneOf=1`)
    await fr.waitForSelector('main h1')
    const category = await fr.textContent('main h1')
    const sortLabel = await fr.textContent('label[for=filter-sort]')
    await fr.goto(`${base}/search?search=jazz`)
    await fr.waitForSelector('#search-title')
    const heading = await fr.textContent('#search-title')
    await fr.goto(`${base}/no/such/page`)
    await fr.waitForSelector('.not-found h1')
    return { sections, card, category, sortLabel, heading, notFound: await fr.textContent('.not-found h1'), errors }
  } finally {
    await browser.close()
  }
})

await finish()
