// The player in Debian's headless Chromium: PeerTube's shortcuts, the quality menu, resume after a
// reload, the stats overlay, P2P switched off (no tracker socket at all) and the embed driven by the
// real @peertube/embed-api from a parent page on another origin.
// Usage: node browser-player.mjs <base url> <video uuid> <phone|desktop>
// Prints JSON, one entry per step (see browser-session.mjs); exits 1 at the first failed step.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { browserSession } from './lib/browser-session.mjs'

const [base, uuid, size] = process.argv.slice(2)
const viewport = size === 'phone' ? { width: 375, height: 740 } : { width: 1280, height: 800 }
const { page, step, finish } = await browserSession({ viewport, args: ['--autoplay-policy=no-user-gesture-required'] })
const browser = page.context().browser()
const sockets = []
page.on('websocket', ws => sockets.push(ws.url()))
const player = () => page.evaluate(() => {
  const v = document.getElementById('video')
  const hls = window.tandemPlayer?.hls
  return {
    currentTime: v.currentTime, duration: v.duration, paused: v.paused, muted: v.muted, videoHeight: v.videoHeight,
    level: hls?.currentLevel ?? null, levels: hls?.levels?.map(l => l.height) ?? [], p2p: window.tandemPlayer?.p2p,
    fullscreenRequests: window.tandemPlayer?.fullscreenRequests, fullscreen: document.fullscreenElement !== null
  }
})
const until = async (what, f, ms = 20000) => {
  const end = Date.now() + ms
  let last
  while (Date.now() < end) {
    last = await player()
    if (f(last)) return last
    await page.waitForTimeout(200)
  }
  throw new Error(`${what}: ${JSON.stringify(last)}`)
}

await step('watch', async () => {
  await page.goto(`${base}/w/${uuid}`)
  const p = await until('plays', s => s.currentTime > 1 && s.levels.length > 0)
  return {
    ...p,
    controls: await page.locator('media-controller media-control-bar media-play-button').count(),
    statsHidden: await page.locator('#p2p').isHidden(),
    p2pLine: await page.textContent('#p2p-line'),
    trackerSockets: sockets.filter(u => u.includes('/tracker')).length
  }
})

await step('shortcuts', async () => {
  await page.locator('h1#title').click()
  await page.keyboard.press('k')
  const paused = await until('k pauses', s => s.paused)
  await page.keyboard.press('k')
  const resumed = await until('k plays again', s => !s.paused)
  await page.keyboard.press('k')
  await until('paused for seeking', s => s.paused)
  await page.keyboard.press('5')
  const five = await until('5 seeks to 50 %', s => Math.abs(s.currentTime - s.duration / 2) < 1)
  await page.keyboard.press('l')
  const l = await until('l seeks +10 s', s => Math.abs(s.currentTime - (five.currentTime + 10)) < 1)
  await page.keyboard.press('j')
  const j = await until('j seeks -10 s', s => Math.abs(s.currentTime - five.currentTime) < 1)
  const wasMuted = (await player()).muted
  await page.keyboard.press('m')
  const m = await until('m toggles mute', s => s.muted !== wasMuted)
  await page.keyboard.press('f')
  const f = await until('f asks for fullscreen', s => s.fullscreenRequests === 1)
  await page.waitForTimeout(300)
  const fullscreen = (await player()).fullscreen
  if (fullscreen) await page.keyboard.press('f')
  // Typing in a field is not a shortcut.
  await page.evaluate(() => document.getElementById('video').play())
  await until('playing before typing', s => !s.paused)
  await page.locator('header input[type=search]').focus()
  const beforeTyping = await player()
  await page.keyboard.press('k')
  await page.waitForTimeout(300)
  const typed = await player()
  await page.locator('header input[type=search]').blur()
  return { paused: paused.paused, resumed: !resumed.paused, fiftyPercent: five.currentTime, duration: five.duration, plusTen: l.currentTime, minusTen: j.currentTime, muted: m.muted, wasMuted, fullscreenRequests: f.fullscreenRequests, fullscreen, pausedBeforeTyping: beforeTyping.paused, pausedAfterTyping: typed.paused }
})

await step('quality', async () => {
  await page.evaluate(() => document.getElementById('video').play())
  await page.click('#settings-button')
  const options = await page.locator('#quality option').allTextContents()
  const { levels } = await player()
  const lowest = levels.indexOf(Math.min(...levels))
  const highest = levels.indexOf(Math.max(...levels))
  await page.selectOption('#quality', String(lowest))
  const low = await until('switches to the lowest', s => s.level === lowest && s.videoHeight === levels[lowest], 30000)
  await page.selectOption('#quality', String(highest))
  const high = await until('switches to the highest', s => s.level === highest && s.videoHeight === levels[highest], 30000)
  await page.selectOption('#quality', '-1')
  const auto = await page.evaluate(() => window.tandemPlayer.hls.autoLevelEnabled)
  return { options, levels, lowHeight: low.videoHeight, highHeight: high.videoHeight, auto }
})

await step('stats', async () => {
  await page.check('#stats-toggle')
  const shown = await page.locator('#p2p').isVisible()
  await page.waitForTimeout(1200)
  const text = await page.textContent('#p2p')
  await page.uncheck('#stats-toggle')
  const hiddenAgain = await page.locator('#p2p').isHidden()
  await page.click('#settings-button')
  return { shown, text, hiddenAgain }
})

await step('resume', async () => {
  await page.evaluate(() => { const v = document.getElementById('video'); v.pause(); v.currentTime = v.duration * 0.6 })
  await page.waitForFunction(u => Number(localStorage.getItem('tandem-resume:' + u)) >= Math.floor(document.getElementById('video').duration * 0.6) - 1,
    uuid, { timeout: 10000 })
  const saved = await page.evaluate(u => Number(localStorage.getItem('tandem-resume:' + u)), uuid)
  await page.reload()
  const after = await until('starts where it stopped', s => s.currentTime > 0 && s.levels.length > 0)
  return { saved, startedAt: after.currentTime }
})

await step('theater', async () => {
  await page.click('#theater-button')
  const on = await page.evaluate(() => document.body.classList.contains('theater'))
  await page.reload()
  await page.waitForSelector('#theater-button')
  const remembered = await page.evaluate(() => document.body.classList.contains('theater'))
  await page.click('#theater-button')
  return { on, remembered }
})

await step('p2pOff', async () => {
  const context = await browser.newContext({ viewport })
  await context.addInitScript(() => localStorage.setItem('tandem-p2p', 'off'))
  const other = await context.newPage()
  const seen = []
  other.on('websocket', ws => seen.push(ws.url()))
  await other.goto(`${base}/w/${uuid}`)
  await other.waitForFunction(() => document.getElementById('video').currentTime > 2, null, { timeout: 30000 })
  await other.waitForTimeout(1500)
  const out = await other.evaluate(() => ({ p2p: window.tandemPlayer.p2p, http: window.tandemStats.http, line: document.getElementById('p2p-line')?.textContent }))
  await context.close()
  return { ...out, sockets: seen }
})

await step('p2pAsk', async () => {
  // The instance asks anonymous viewers first (Tandem's `tandem.p2p` in /api/v1/config).
  const context = await browser.newContext({ viewport })
  await context.route(/\/api\/v1\/config$/, async route => {
    const response = await route.fetch()
    const config = await response.json()
    route.fulfill({ response, json: { ...config, tandem: { ...config.tandem, p2p: { anonymous: 'ask', users: 'on' } } } })
  })
  const other = await context.newPage()
  const seen = []
  other.on('websocket', ws => seen.push(ws.url()))
  await other.goto(`${base}/w/${uuid}`)
  await other.waitForSelector('#p2p-consent')
  await other.waitForFunction(() => document.getElementById('video').currentTime > 1, null, { timeout: 30000 })
  const before = { p2p: await other.evaluate(() => window.tandemPlayer.p2p), sockets: seen.length, prompt: await other.textContent('#p2p-consent') }
  await other.click('#p2p-accept')
  await other.waitForFunction(() => window.tandemPlayer?.p2p === 'on' && document.getElementById('video').currentTime > 1, null, { timeout: 30000 })
  // The tracker socket opens once the loader restarts with P2P: wait for it rather than for a fixed time.
  for (let i = 0; i < 75 && !seen.length; i++) await other.waitForTimeout(200)
  await other.waitForTimeout(300)
  const after = { p2p: await other.evaluate(() => window.tandemPlayer.p2p), sockets: seen.length, prompt: await other.locator('#p2p-consent').count() }
  await context.close()
  return { before, after }
})

await step('next', async () => {
  await page.evaluate(() => { const v = document.getElementById('video'); v.currentTime = v.duration - 1; v.play() })
  await page.waitForSelector('#next-video', { timeout: 20000 })
  const offered = await page.textContent('#next-video')
  const href = await page.getAttribute('#next-play', 'href')
  await page.click('#next-cancel')
  const cancelled = await page.locator('#next-video').count() === 0
  await page.waitForTimeout(1000)
  return { offered, href, cancelled, stayed: page.url().includes(uuid) }
})

await step('embedApi', async () => {
  const context = await browser.newContext({ viewport })
  const parent = await context.newPage()
  const lib = readFileSync(new URL('./node_modules/@peertube/embed-api/build/player.min.js', import.meta.url), 'utf8')
  // The parent page lives on another origin, as a blog that embeds the video would: a small server
  // of this script's own, on another port.
  const blog = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end(`<!doctype html><html><body><iframe id="embed" width="640" height="360" allow="autoplay; fullscreen"
      src="${base}/videos/embed/${uuid}?api=1&autoplay=0&muted=1"></iframe><script>${lib}</script></body></html>`)
  })
  await new Promise(resolve => blog.listen(0, '127.0.0.1', resolve))
  const parentUrl = `http://127.0.0.1:${blog.address().port}/embedding-blog-post`
  await parent.goto(parentUrl)
  const out = await parent.evaluate(async () => {
    const wait = ms => new Promise(resolve => setTimeout(resolve, ms))
    const events = { playbackStatusUpdate: 0, playbackStatusChange: [], volumeChange: [] }
    const player = new window.PeerTubePlayer(document.getElementById('embed'))
    await Promise.race([player.ready, wait(20000).then(() => { throw new Error('the embed never said it was ready') })])
    player.addEventListener('playbackStatusUpdate', () => { events.playbackStatusUpdate++ })
    player.addEventListener('playbackStatusChange', s => events.playbackStatusChange.push(s))
    player.addEventListener('volumeChange', v => events.volumeChange.push(v))
    await player.play()
    await wait(2500)
    const playing = await player.isPlaying()
    await player.pause()
    await wait(300)
    const paused = !(await player.isPlaying())
    await player.seek(12)
    await wait(300)
    const time = await player.getCurrentTime()
    await player.setVolume(0.4)
    await wait(200)
    const volume = await player.getVolume()
    const resolutions = await player.getResolutions()
    const low = resolutions.filter(r => r.id !== -1).sort((a, b) => a.height - b.height)[0]
    await player.setResolution(low.id)
    await wait(200)
    const afterSet = await player.getResolutions()
    const rates = await player.getPlaybackRates()
    await player.setPlaybackRate(1.5)
    const rate = await player.getPlaybackRate()
    return { playing, paused, time, volume, resolutions, activeAfterSet: afterSet.find(r => r.active)?.id, lowId: low.id, rates, rate, events }
  })
  await context.close()
  blog.close()
  return out
})

await finish()

