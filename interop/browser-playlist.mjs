// Playlists and captions in Debian's headless Chromium: the watch page plays a 2-element playlist from
// /w/p/{id}?playlistPosition=1, lists it beside the player with the current element marked, and at the
// end goes on to element 2 (not the "up next" video); the playlist page's "Play all" links there; a
// private playlist plays for its owner only. Then the embed API's getCaptions, driven by the real
// @peertube/embed-api from a parent page on another origin, gives caption files that answer WebVTT.
// Usage: node browser-playlist.mjs <base url> <owner token> <public playlist short id> <private playlist uuid> <video uuid with captions>
// Prints JSON, one entry per step (see browser-session.mjs); exits 1 at the first failed step.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { browserSession } from './lib/browser-session.mjs'

const [base, token, playlist, privatePlaylist, captioned] = process.argv.slice(2)
const viewport = { width: 1280, height: 800 }
const { page, step, finish } = await browserSession({ token, viewport, args: ['--autoplay-policy=no-user-gesture-required'] })
const browser = page.context().browser()

const panel = () => page.evaluate(() => ({
  heading: document.querySelector('#playlist-panel h2')?.textContent,
  items: [...document.querySelectorAll('#playlist-elements li strong')].map(s => s.textContent),
  current: document.querySelector('#playlist-elements a[aria-current]')?.closest('li')?.dataset.position ?? null,
  title: document.getElementById('title').textContent,
  beside: (() => {
    const p = document.getElementById('playlist-panel').getBoundingClientRect()
    const info = document.querySelector('.watch-info').getBoundingClientRect()
    return p.left >= info.right
  })()
}))

await step('playAll', async () => {
  await page.goto(`${base}/my-library/video-playlists/${playlist}`)
  await page.waitForSelector('#play-all')
  return { href: await page.getAttribute('#play-all', 'href') }
})

await step('first', async () => {
  await page.click('#play-all')
  await page.waitForSelector('#playlist-elements a[aria-current]', { timeout: 20000 })
  await page.waitForFunction(() => document.getElementById('video').currentTime > 0.5, null, { timeout: 30000 })
  return { url: page.url(), ...await panel() }
})

await step('end', async () => {
  const before = page.url()
  await page.evaluate(() => { const v = document.getElementById('video'); v.currentTime = v.duration - 0.5; v.play() })
  await page.waitForURL(u => u.toString() !== before, { timeout: 30000 })
  await page.waitForSelector('#playlist-elements a[aria-current]', { timeout: 20000 })
  await page.waitForFunction(() => document.getElementById('title').textContent !== '', null, { timeout: 20000 })
  return { url: page.url(), upNextShown: await page.locator('#next-video').count(), ...await panel() }
})

await step('private', async () => {
  await page.goto(`${base}/w/p/${privatePlaylist}`)
  await page.waitForSelector('#playlist-elements a[aria-current]', { timeout: 20000 })
  const owner = await panel()
  const context = await browser.newContext({ viewport })
  const stranger = await context.newPage()
  await stranger.goto(`${base}/w/p/${privatePlaylist}`)
  await stranger.waitForFunction(() => document.getElementById('title').textContent !== '', null, { timeout: 20000 })
  const refused = { title: await stranger.textContent('#title'), panelHidden: await stranger.locator('#playlist-panel').isHidden() }
  await context.close()
  return { owner, stranger: refused }
})

await step('embedCaptions', async () => {
  const context = await browser.newContext({ viewport })
  const parent = await context.newPage()
  const lib = readFileSync(new URL('./node_modules/@peertube/embed-api/build/player.min.js', import.meta.url), 'utf8')
  const blog = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end(`<!doctype html><html><body><iframe id="embed" width="640" height="360" allow="autoplay; fullscreen"
      src="${base}/videos/embed/${captioned}?api=1&autoplay=0&muted=1"></iframe><script>${lib}</script></body></html>`)
  })
  await new Promise(resolve => blog.listen(0, '127.0.0.1', resolve))
  await parent.goto(`http://127.0.0.1:${blog.address().port}/a-blog-post`)
  const out = await parent.evaluate(async () => {
    const wait = ms => new Promise(resolve => setTimeout(resolve, ms))
    const player = new window.PeerTubePlayer(document.getElementById('embed'))
    await Promise.race([player.ready, wait(20000).then(() => { throw new Error('the embed never said it was ready') })])
    let captions = []
    for (let i = 0; i < 50 && captions.length < 2; i++) { captions = await player.getCaptions(); await wait(200) }
    const fr = captions.find(c => c.id === 'fr')
    await player.setCaption('fr')
    await wait(200)
    const afterSet = await player.getCaptions()
    await player.setCaption('')
    await wait(200)
    const afterOff = await player.getCaptions()
    return { captions, modesAfterSet: afterSet.map(c => `${c.id}:${c.mode}`), modesAfterOff: afterOff.map(c => `${c.id}:${c.mode}`), frSrc: fr?.src }
  })
  // The parent fetches each caption file as a page using the API would.
  out.files = []
  for (const c of out.captions) {
    const r = await context.request.get(c.src)
    out.files.push({ id: c.id, status: r.status(), type: r.headers()['content-type'], start: (await r.text()).slice(0, 6) })
  }
  await context.close()
  blog.close()
  return out
})

await finish()
