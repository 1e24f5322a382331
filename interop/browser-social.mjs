// A viewer's social life in Tandem, in Debian's headless Chromium (playwright-core): signed in, she
// sees the bell count a new video from her subscription, reads the notification, finds the video
// in her subscriptions feed, watches it (her history lists it), saves it to "Watch later" from the
// watch page and finds it on that playlist's page.
// Usage: node browser-social.mjs <base url> <username> <password> <video uuid> <video name>
// Prints one JSON line with what each step saw; exits non-zero on the first failed step.
import { browserSession } from './lib/browser-session.mjs'

const [base, username, password, uuid, name] = process.argv.slice(2)
const { page, step, finish } = await browserSession({
  viewport: { width: 375, height: 812 },
  args: ['--autoplay-policy=no-user-gesture-required'],
  errorsKey: 'errors'
})

await step('login', async () => {
  await page.goto(`${base}/login?next=/`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL(`${base}/`)
  await page.waitForFunction(() => /\d/.test(document.getElementById('bell-count')?.textContent ?? ''), null, { timeout: 10000 })
  return { bell: await page.textContent('#bell-count') }
})

await step('notifications', async () => {
  await page.click('#bell')
  await page.waitForSelector('#notifications li.unread')
  const text = await page.textContent('#notifications li.unread')
  await page.click('#mark-all-read')
  await page.waitForSelector('#notifications li.read')
  await page.waitForFunction(() => document.getElementById('bell-count')?.textContent === '', null, { timeout: 10000 })
  return { text, unreadAfter: await page.locator('#notifications li.unread').count() }
})

await step('subscriptions', async () => {
  await page.goto(`${base}/videos/subscriptions`)
  await page.waitForSelector('#subscription-videos .card')
  return {
    cards: await page.locator('#subscription-videos .card strong').allTextContents(),
    feed: await (await page.request.get(base + await page.getAttribute('#subscriptions-feed', 'href'))).text()
  }
})

await step('watch', async () => {
  await page.goto(`${base}/w/${uuid}`)
  await page.waitForFunction(() => document.querySelector('video')?.currentTime > 6, null, { timeout: 60000 })
  await page.evaluate(() => document.querySelector('video').pause())
  await page.click('#save-to-playlist summary')
  const later = page.locator('#save-to-playlist label', { hasText: /Watch later/ }).locator('input')
  await later.check()
  await page.waitForSelector('#save-to-playlist .notice')
  return { saved: await page.textContent('#save-to-playlist .notice') }
})

await step('history', async () => {
  for (let i = 0; i < 20; i++) {
    await page.goto(`${base}/my-library/history/videos`)
    await page.waitForSelector('#history li')
    if (await page.locator(`#history li[data-uuid="${uuid}"]`).count()) break
    await page.waitForTimeout(500)
  }
  const entry = page.locator(`#history li[data-uuid="${uuid}"]`)
  return { title: await entry.locator('strong').textContent(), stoppedAt: await entry.locator('small').textContent() }
})

await step('watchLater', async () => {
  await page.goto(`${base}/my-library/video-playlists`)
  await page.click('#my-playlists a:has-text("Watch later")')
  await page.waitForSelector('#playlist-videos li')
  return {
    title: await page.textContent('main h1'),
    videos: await page.locator('#playlist-videos li strong').allTextContents(),
    playAll: await page.getAttribute('#play-all', 'href'),
    wide: await page.evaluate(() => document.documentElement.scrollWidth)
  }
})

void name
await finish()
