// Watches one video in Debian's headless Chromium and reports how the player used the origin and
// its mirrors, with the stalls the viewer saw, measured from the <video> element's own events.
// Usage: node browser-mirrors.mjs <watch url> [playSeconds=12] [maxSeconds=90]
// Prints JSON: currentTime, the player's stats (stats.sources: per source bytes/dropped/why),
// firstPlayingAt (epoch ms), waitingMs (time spent "waiting" after playback first started), fragments
// (every .mp4 request: url, range, epoch ms), errors, originStatus (the page's outage line, if any).
// With ORIGIN_STATUS set (JSON), the video's API object gets it as `originStatus`, and with
// PLAYLIST_URL, streamingPlaylists[0].playlistUrl, as an instance that found the origin down serves
// them (a mirror's master stands in): the page's part alone is under test then.
import { browserSession } from './lib/browser-session.mjs'

const [url, playArg, maxArg] = process.argv.slice(2)
const play = Number(playArg ?? 12)
const max = Number(maxArg ?? 90)
const { page, result, finish } = await browserSession({
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  errorsKey: 'errors'
})
// Media events do not bubble; a capturing listener on the document sees them from the first one.
await page.addInitScript(() => {
  const t = window.tandemTimes = { firstPlayingAt: null, waitingSince: null, waitingMs: 0 }
  document.addEventListener('playing', () => {
    if (t.firstPlayingAt === null) t.firstPlayingAt = Date.now()
    if (t.waitingSince !== null) { t.waitingMs += Date.now() - t.waitingSince; t.waitingSince = null }
  }, true)
  document.addEventListener('waiting', () => { if (t.firstPlayingAt !== null && t.waitingSince === null) t.waitingSince = Date.now() }, true)
})
const fragments = [] // every fragment request the page made: {url, range, at}, to time a switch between sources
page.on('request', r => { if (/\.mp4(\?|$)/.test(r.url())) fragments.push({ url: r.url(), range: r.headers().range ?? null, at: Date.now() }) })
page.on('console', m => { if (m.type() === 'error') result.errors.push(`console: ${m.text()}`) })
if (process.env.ORIGIN_STATUS) {
  await page.route(/\/api\/v1\/videos\/[^/?]+$/, async route => {
    const response = await route.fetch()
    const video = { ...(await response.json()), originStatus: JSON.parse(process.env.ORIGIN_STATUS) }
    if (process.env.PLAYLIST_URL) video.streamingPlaylists[0].playlistUrl = process.env.PLAYLIST_URL
    route.fulfill({ response, json: video })
  })
}
await page.goto(url)
const deadline = Date.now() + max * 1000
let seen = {}
while (Date.now() < deadline) {
  seen = await page.evaluate(() => ({
    currentTime: document.getElementById('video')?.currentTime ?? 0,
    stats: window.tandemStats ?? null,
    originStatus: document.getElementById('origin-status')?.textContent ?? null,
    overlay: document.getElementById('p2p')?.textContent ?? null,
    ...window.tandemTimes,
    waitingMs: window.tandemTimes.waitingMs + (window.tandemTimes.waitingSince ? Date.now() - window.tandemTimes.waitingSince : 0)
  }))
  if (seen.currentTime >= play) break
  await new Promise(resolve => setTimeout(resolve, 250))
}
Object.assign(result, seen, { fragments })
// Closing the page fires pagehide, where the player sends its last byte counts.
await page.close({ runBeforeUnload: true })
await new Promise(resolve => setTimeout(resolve, 500))
await finish({ failOnPageErrors: false })
