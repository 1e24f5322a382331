// Opens Tandem pages in Debian's headless Chromium (playwright-core) and reports what the player did.
// Usage: node browser-watch.mjs <watch url>[,<watch url>…] [viewers=1] [seconds=40] [staggerSeconds=0] [until=play|p2p]
// With several URLs (the same video's page on several instances), viewer i opens URL i modulo their number.
// Viewers join `staggerSeconds` apart. Stops when every viewer plays (and, with several viewers,
// has met a peer), with until=p2p when the last viewer has received bytes from peers, or with
// until=time only when the time is up (benchmarks).
// With TANDEM_ACCESS_TOKEN set, every viewer is signed in with that OAuth access token.
// Prints JSON: per viewer currentTime, bytes over HTTP and from peers, rejected segments, errors.
import { chromium } from 'playwright-core'

const [url, viewersArg, secondsArg, staggerArg, until] = process.argv.slice(2)
const urls = url.split(',')
const stagger = Number(staggerArg ?? 0)
const viewers = Number(viewersArg ?? 1)
const seconds = Number(secondsArg ?? 40)
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--autoplay-policy=no-user-gesture-required', '--disable-features=WebRtcHideLocalIpsWithMdns']
})
const pages = []
const errors = []
for (let i = 0; i < viewers; i++) {
  const context = await browser.newContext()
  if (process.env.TANDEM_ACCESS_TOKEN) {
    await context.addInitScript(token => localStorage.setItem('tandem-session', JSON.stringify({ access_token: token })), process.env.TANDEM_ACCESS_TOKEN)
  }
  const page = await context.newPage()
  page.on('pageerror', e => errors.push(`viewer ${i}: ${e.message}`))
  page.on('console', m => { if (m.type() === 'error') errors.push(`viewer ${i} console: ${m.text()}`) })
  if (i > 0 && stagger > 0) await new Promise(resolve => setTimeout(resolve, stagger * 1000))
  await page.goto(urls[i % urls.length])
  pages.push(page)
}
const deadline = Date.now() + seconds * 1000
let result = []
while (Date.now() < deadline) {
  result = await Promise.all(pages.map(p => p.evaluate(() => ({
    title: document.getElementById('title')?.textContent,
    currentTime: document.getElementById('video')?.currentTime ?? 0,
    stats: window.tandemStats ?? null
  }))))
  // Done once every viewer plays and, with several viewers, each has met a peer.
  if (until === 'time') { /* keep watching */ } else if (until === 'p2p' ? result.at(-1).stats?.p2p > 0
    : result.every(r => r.currentTime > 2 && (viewers === 1 || r.stats?.peers > 0))) break
  await new Promise(resolve => setTimeout(resolve, 500))
}
console.log(JSON.stringify({ viewers: result, errors }))
// Closing the pages (not just the browser) fires pagehide, where the player sends its last byte counts.
for (const page of pages) await page.close({ runBeforeUnload: true })
await new Promise(resolve => setTimeout(resolve, 500))
await browser.close()
