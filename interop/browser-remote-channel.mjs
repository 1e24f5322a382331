// A signed-in user of instance A finds a channel of instance B that A has never seen, by typing its
// handle into the search box, opens it and subscribes; then, from the watch page of one of B's
// videos on A, follows the channel link to that channel's page on A. Debian's headless Chromium.
// Usage: TANDEM_ACCESS_TOKEN=<a user's token on A> node browser-remote-channel.mjs <A base url> <channel handle on B> <video uuid on A>
// Prints one JSON line with what each step saw; exits non-zero on the first failed step or any page error.
import { browserSession } from './lib/browser-session.mjs'

const [base, channel, uuid] = process.argv.slice(2)
if (!base || !channel || !uuid || !process.env.TANDEM_ACCESS_TOKEN) {
  console.log(JSON.stringify({ failed: 'usage: TANDEM_ACCESS_TOKEN=<token> node browser-remote-channel.mjs <A base url> <channel@host> <video uuid>' }))
  process.exit(1)
}
const { page, step, finish } = await browserSession({ token: process.env.TANDEM_ACCESS_TOKEN })

await step('search', async () => {
  await page.goto(`${base}/search?search=${encodeURIComponent(channel)}`)
  await page.waitForSelector('#channel-results a', { timeout: 20000 })
  const results = await page.locator('#channel-results li').allTextContents()
  await page.click('#channel-results a')
  await page.waitForSelector('#subscribe', { timeout: 15000 })
  return { results, url: page.url(), title: await page.textContent('main h1') }
})

await step('subscribe', async () => {
  const before = await page.textContent('#subscribe')
  await page.click('#subscribe')
  await page.waitForFunction(() => document.getElementById('subscribe').textContent === 'Unsubscribe', null, { timeout: 15000 })
  await page.reload()
  await page.waitForSelector('#subscribe')
  return { before, afterReload: await page.textContent('#subscribe') }
})

await step('channelLink', async () => {
  await page.goto(`${base}/videos/watch/${uuid}`)
  const link = page.locator('a.channel-link').first()
  await link.waitFor({ timeout: 20000 })
  // The rating bar changes the layout as it loads: click once it has.
  await page.waitForSelector('#rating button', { timeout: 20000 })
  const href = await link.getAttribute('href')
  await Promise.all([page.waitForURL(url => url.pathname === href, { timeout: 15000 }), link.click()])
  await page.waitForSelector('main .profile h1', { timeout: 15000 })
  return { href, title: await page.textContent('main .profile h1'), videos: await page.locator('main .card').count() }
})

await finish()
