// A malicious viewer and an honest one in headless Chromium. The malicious page gets corrupted
// segment bytes over HTTP together with a segments-sha256.json rewritten to match them, so its
// player accepts and shares them; the honest viewer, joining later, must reject every tampered
// piece it receives from that peer and still play from verified bytes.
// Usage: node tampering-peer.mjs <watch url> <seconds per honest attempt>; prints JSON.
import { chromium } from 'playwright-core'
import { createHash } from 'node:crypto'

const [url, secondsArg] = process.argv.slice(2)
const seconds = Number(secondsArg ?? 60)
const origin = new URL(url).origin
const id = new URL(url).pathname.split('/').pop()
const video = await (await fetch(`${origin}/api/v1/videos/${id}`)).json()
const playlist = video.streamingPlaylists[0]
const dir = playlist.playlistUrl.slice(0, playlist.playlistUrl.lastIndexOf('/') + 1)
const realSha = await (await fetch(playlist.segmentsSha256Url)).json()

// One flipped byte per segment, in its fragment's sequence number (mfhd): the hash no longer matches,
// yet hls.js and Chromium ignore that field, so the malicious player buffers and plays the segment
// and offers it to its peers. (A flipped byte in the sample data made Chromium stop now and then on
// a decode error, with 8 s buffered and nothing to offer.)
const corrupt = buf => {
  const b = Buffer.from(buf)
  const mfhd = b.subarray(0, 4096).indexOf('mfhd')
  if (mfhd < 0) throw new Error(`no mfhd box in the first 4 KiB of a ${b.length}-byte segment`)
  b[mfhd + 11] ^= 0xff
  return b
}
// The tampered bytes of every hashed range, served to the malicious page from memory, and their hashes.
const tampered = new Map()
const forged = {}
for (const [file, ranges] of Object.entries(realSha)) {
  forged[file] = {}
  for (const range of Object.keys(ranges)) {
    const res = await fetch(dir + file, { headers: { Range: `bytes=${range}` } })
    const bytes = corrupt(await res.arrayBuffer())
    tampered.set(`${file} ${range}`, { bytes, total: res.headers.get('content-range')?.split('/')[1] ?? '*' })
    forged[file][range] = createHash('sha256').update(bytes).digest('hex')
  }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--autoplay-policy=no-user-gesture-required', '--disable-features=WebRtcHideLocalIpsWithMdns']
})
const errors = []
const malicious = await (await browser.newContext()).newPage()
await malicious.route(playlist.segmentsSha256Url, route => route.fulfill({ contentType: 'application/json', body: JSON.stringify(forged) }))
// Hashed media ranges come from the tampered copies; anything else (the init section, which is not
// hashed) goes to the server as usual.
await malicious.route('**/*-fragmented.mp4', route => {
  const file = new URL(route.request().url()).pathname.split('/').pop()
  const range = /^bytes=(\d+-\d+)$/.exec(route.request().headers().range ?? '')?.[1]
  const copy = range && tampered.get(`${file} ${range}`)
  if (!copy) return route.continue()
  return route.fulfill({
    status: 206, contentType: 'video/mp4', body: copy.bytes,
    headers: { 'Content-Range': `bytes ${range}/${copy.total}`, 'Accept-Ranges': 'bytes' }
  })
})
malicious.on('pageerror', e => errors.push(`malicious: ${e.message}`))
await malicious.goto(url)
// A head start, so the malicious viewer holds (tampered) segments the honest one will want: until
// its player has buffered most of the clip (a fixed 20 s was not always enough on a loaded machine).
await malicious.waitForFunction(() => {
  const v = document.getElementById('video')
  return v.buffered.length > 0 && v.buffered.end(v.buffered.length - 1) >= 28
}, null, { timeout: 90000, polling: 500 }).catch(async () => errors.push(`malicious: never buffered 28 s: ${JSON.stringify(await playerState(malicious).catch(e => e.message))}`))
await new Promise(resolve => setTimeout(resolve, 5000))
// Where a player stands, for the report when something goes wrong.
function playerState (page) {
  return page.evaluate(() => {
    const v = document.getElementById('video')
    const buffered = Array.from({ length: v.buffered.length }, (_, i) => [v.buffered.start(i), v.buffered.end(i)])
    return { ...window.tandemStats, currentTime: v.currentTime, paused: v.paused, readyState: v.readyState, buffered, mediaError: v.error?.code ?? null }
  })
}

// Whether the honest viewer is offered a piece by the malicious peer depends on timing; a fresh
// honest viewer tries again (up to 3 times) until one was delivered, and must then refuse it.
// Page errors of an honest attempt that is then retried are dropped with it; the last one's are kept.
let state
let honestErrors = []
for (let attempt = 1; attempt <= 3; attempt++) {
  const honest = await (await browser.newContext()).newPage()
  honestErrors = []
  honest.on('pageerror', e => honestErrors.push(`honest: ${e.message}`))
  await honest.goto(url)
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    state = await honest.evaluate(() => ({ currentTime: document.getElementById('video').currentTime, stats: window.tandemStats }))
    if (state.stats?.rejected > 0 && state.currentTime > 12) break
    await new Promise(resolve => setTimeout(resolve, 500))
  }
  state.attempt = attempt
  if (state.stats?.rejected > 0) break
  await honest.context().close()
}
const maliciousStats = await playerState(malicious)
console.log(JSON.stringify({ honest: state, malicious: maliciousStats, errors: [...errors, ...honestErrors] }))
await browser.close()
