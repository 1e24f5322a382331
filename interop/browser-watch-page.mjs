// The watch page around the player, in Debian's headless Chromium: a video with a hostile
// description and hostile comments never runs script, its links carry rel attributes, its facts
// show in French to a French browser, the share dialog gives link, embed code and QR code, related
// videos are listed, the comment count matches the comments shown, subscribe and report work, on a
// desktop screen and on a phone.
// Usage: node browser-watch-page.mjs <base url> <video short uuid> <viewer access token>
// Prints one JSON report: { desktop: {...}, phone: {...}, pageErrors: [...] }.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'

const [base, video, token] = process.argv.slice(2)
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required']
})
const report = { pageErrors: [] }
// Screenshots of the page as each visitor saw it, kept by the test run as artifacts.
const shots = process.env.TANDEM_SCREENSHOTS ?? 'target/screenshots'
mkdirSync(shots, { recursive: true })

async function open ({ locale, viewport, signedIn }) {
  const context = await browser.newContext({ locale, viewport, permissions: ['clipboard-read', 'clipboard-write'] })
  await context.addInitScript(t => {
    if (t) localStorage.setItem('tandem-session', JSON.stringify({ access_token: t }))
    // The trap: any script from the video's texts that runs records itself here.
    window.alert = window.confirm = window.prompt = () => { window.pwnedByDialog = true }
  }, signedIn ? token : null)
  const page = await context.newPage()
  page.on('pageerror', e => report.pageErrors.push(`${locale} ${page.url()}: ${e.message}`))
  page.on('dialog', d => { report.dialogs = (report.dialogs ?? 0) + 1; d.dismiss() })
  await page.goto(`${base}/w/${video}`)
  await page.waitForSelector('#description p')
  await page.waitForSelector('#comment-threads .comment')
  await page.waitForSelector('.related-list li, .related p.muted')
  await page.waitForSelector('#subscribe')
  return { page, context }
}

/** What a hostile text managed to leave in the page. */
const hostility = page => page.evaluate(() => {
  const scope = [document.getElementById('description'), document.getElementById('comments'), document.getElementById('related')]
  const all = scope.flatMap(el => [...el.querySelectorAll('*')])
  return {
    pwned: window.pwned ?? null,
    pwnedByDialog: window.pwnedByDialog ?? null,
    scripts: document.querySelectorAll('main script, main iframe, main img:not(.related-card img):not(.avatar)').length,
    eventAttributes: all.flatMap(el => [...el.attributes].map(a => a.name)).filter(n => n.startsWith('on')),
    dangerousHrefs: all.filter(el => el.hasAttribute('href')).map(el => el.getAttribute('href')).filter(h => !/^(https?:|mailto:|\/|\?start=)/.test(h)),
    descriptionHtml: document.getElementById('description').innerHTML
  }
})

async function look (page) {
  return page.evaluate(() => {
    const text = sel => document.querySelector(sel)?.textContent?.trim() ?? null
    const links = [...document.querySelectorAll('#description a:not(.timestamp)')].map(a => ({ href: a.href, rel: a.rel, target: a.target, text: a.textContent }))
    const rect = sel => { const r = document.querySelector(sel)?.getBoundingClientRect(); return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width } : null }
    return {
      lang: document.documentElement.lang,
      title: text('#title'),
      meta: text('#meta'),
      links,
      timestamps: [...document.querySelectorAll('#description a.timestamp, .comment-text a.timestamp')].map(a => a.dataset.seek),
      emphasis: document.querySelectorAll('#description em, #description strong').length,
      listItems: document.querySelectorAll('#description li').length,
      facts: Object.fromEntries([...document.querySelectorAll('#video-facts [data-fact]')].map(d => [d.dataset.fact, { label: d.querySelector('dt').textContent, value: d.querySelector('dd').textContent }])),
      tagLinks: [...document.querySelectorAll('#video-facts a.tag')].map(a => a.getAttribute('href')),
      commentHeading: text('#comment-count'),
      commentCount: Number(document.getElementById('comment-count')?.dataset.count),
      commentsShown: document.querySelectorAll('#comment-threads .comment-text').length,
      commentTexts: [...document.querySelectorAll('#comment-threads .comment-text')].map(c => c.textContent),
      related: [...document.querySelectorAll('.related-list li strong')].map(s => s.textContent),
      relatedHeading: text('#related h2'),
      channel: text('#channel-name'),
      subscribeLabel: text('#subscribe'),
      buttons: { share: text('#share'), report: text('#report'), download: text('#download summary') },
      layout: { info: rect('.watch-info'), related: rect('#related'), comments: rect('#comments'), viewport: innerWidth, scrollWidth: document.documentElement.scrollWidth }
    }
  })
}

// A French visitor on a desktop screen, signed in.
{
  const { page, context } = await open({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, signedIn: true })
  const desktop = await look(page)
  desktop.hostile = await hostility(page)
  await page.screenshot({ path: `${shots}/watch-desktop-fr.png`, fullPage: true })

  // A timestamp in a comment seeks the player instead of leaving the page.
  const before = page.url()
  const stamp = page.locator('.comment-text a.timestamp').first()
  if (await stamp.count()) {
    await stamp.click()
    desktop.afterTimestamp = { url: page.url(), sameUrl: page.url() === before, currentTime: await page.evaluate(() => document.getElementById('video').currentTime) }
  }

  await page.click('#subscribe')
  await page.waitForSelector('#subscribe[aria-pressed="true"]')
  desktop.subscribed = { label: await page.textContent('#subscribe'), count: await page.textContent('#subscribers') }

  await page.click('#share')
  await page.waitForSelector('#share-dialog[open] #share-qr')
  await page.waitForFunction(() => document.getElementById('share-qr')?.width > 0)
  desktop.share = await page.evaluate(() => ({
    heading: document.getElementById('share-dialog-title').textContent,
    link: document.getElementById('share-link').value,
    embed: document.getElementById('share-embed').value,
    qr: { tag: document.getElementById('share-qr').tagName, width: document.getElementById('share-qr').width }
  }))
  await page.check('#share-start')
  desktop.share.linkWithStart = await page.inputValue('#share-link')
  await page.keyboard.press('Escape')
  await page.waitForSelector('#share-dialog', { state: 'detached' })

  if (await page.locator('#download summary').count()) {
    await page.click('#download summary')
    desktop.downloads = await page.locator('#download .download-list a').evaluateAll(as => as.map(a => ({ href: a.getAttribute('href'), text: a.textContent })))
  }

  await page.click('#report')
  await page.waitForSelector('#report-dialog[open]')
  desktop.reportReasons = await page.locator('#report-form input[name=predefinedReasons]').count()
  await page.check('#report-form input[value=spamOrMisleading]')
  await page.fill('#report-reason', 'Ceci est un test de signalement')
  await page.click('#report-form button[type=submit]')
  await page.waitForSelector('#report-dialog .notice')
  desktop.reportAnswer = await page.textContent('#report-dialog .notice')
  await page.keyboard.press('Escape')

  desktop.hostileAfter = await hostility(page)
  report.desktop = desktop
  await context.close()
}

// An English visitor on a phone, not signed in.
{
  const { page, context } = await open({ locale: 'en-US', viewport: { width: 375, height: 740 }, signedIn: false })
  const phone = await look(page)
  phone.hostile = await hostility(page)
  await page.screenshot({ path: `${shots}/watch-phone-en.png`, fullPage: true })
  await page.click('#share')
  await page.waitForSelector('#share-dialog[open] #share-qr')
  phone.shareDialog = await page.evaluate(() => { const r = document.getElementById('share-dialog').getBoundingClientRect(); return { left: r.left, right: r.right } })
  await page.waitForFunction(() => document.getElementById('share-qr')?.width > 0)
  await page.screenshot({ path: `${shots}/watch-phone-share.png` })
  report.phone = phone
  await context.close()
}

console.log(JSON.stringify(report))
await browser.close()
