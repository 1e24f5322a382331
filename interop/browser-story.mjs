// A person uses Tandem in Debian's headless Chromium (playwright-core): logs in, uploads a video by
// dropping it on the upload page while the network drops one chunk, follows it in "my videos" until
// it is published, watches it, likes it, comments, finds it through search and on the channel page,
// edits the channel's profile, opens the admin pages, and logs out.
// Usage: node browser-story.mjs <base url> <username> <password> <video file> <title>
// Prints one JSON line with what each step saw; exits non-zero on the first failed step.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { browserSession } from './lib/browser-session.mjs'

const [base, username, password, file, title] = process.argv.slice(2)
// A phone-sized screen; the player may start without a click.
const { page, result, step, finish } = await browserSession({
  viewport: { width: 390, height: 844 },
  args: ['--autoplay-policy=no-user-gesture-required'],
  errorsKey: 'errors'
})

await step('login', async () => {
  await page.goto(`${base}/login?next=/upload`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', 'not the password')
  await page.click('button[type=submit]')
  const refused = await page.textContent('.notice.error', { timeout: 10000 })
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL('**/upload')
  return { refused, whoami: await page.textContent('#whoami') }
})

// The network drops while the second chunk is on its way: the page must resume, not restart.
const puts = []
await page.route('**/api/v1/videos/upload-resumable?upload_id=*', async route => {
  const req = route.request()
  if (req.method() !== 'PUT') return route.continue()
  puts.push(req.headers()['content-range'])
  if (puts.length === 2) return route.abort('connectionreset')
  return route.continue()
})

await step('upload', async () => {
  await page.waitForSelector('.dropzone')
  const bytes = readFileSync(file).toString('base64')
  const drop = await page.evaluateHandle(([b64, name]) => {
    const data = Uint8Array.from(atob(b64), c => c.charCodeAt(0))
    const dt = new DataTransfer()
    dt.items.add(new File([data], name, { type: 'video/mp4' }))
    return dt
  }, [bytes, basename(file)])
  await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: drop })
  const chosen = await page.textContent('#chosen')
  await page.fill('input[name=name]', title)
  await page.fill('textarea[name=description]', 'Uploaded from the browser')
  await page.fill('input[name=tags]', 'browser, story')
  const progress = []
  const watcher = setInterval(() => page.getAttribute('#upload-progress', 'value').then(v => progress.push(Number(v))).catch(() => {}), 200)
  await page.click('#start-upload')
  await page.waitForSelector('#uploaded-link', { timeout: 60000 })
  clearInterval(watcher)
  // The link can appear between two polls: read the bar once more as it was left.
  progress.push(Number(await page.getAttribute('#upload-progress', 'value')))
  return { chosen, puts, progress: [...new Set(progress)], uuid: await page.getAttribute('#upload-status', 'data-uuid') }
})
await page.unroute('**/api/v1/videos/upload-resumable?upload_id=*')

await step('myVideos', async () => {
  await page.goto(`${base}/my-library/videos`)
  const seen = new Set()
  for (const deadline = Date.now() + 90000; Date.now() < deadline;) {
    const state = await page.textContent(`tr[data-uuid="${result.upload.uuid}"] .state`)
    seen.add(state.replace(/\d+%/, 'N%'))
    if (state === 'Published') return { states: [...seen], rows: await page.locator('#my-videos tbody tr').count() }
    await page.waitForTimeout(500)
  }
  throw new Error(`not published; states seen: ${[...seen]}`)
})

await step('watch', async () => {
  await page.goto(`${base}/videos/watch/${result.upload.uuid}`)
  await page.waitForFunction(() => document.getElementById('video').currentTime > 2, null, { timeout: 30000 })
  // Read while it plays: after the reload below the player may not have fetched anything yet.
  const stats = await page.evaluate(() => window.tandemStats)
  await page.click('#like')
  await page.waitForSelector('#like[aria-pressed="true"]')
  const comment = 'Nice video! <script>window.pwned = true</script>'
  await page.fill('.comment-form textarea', comment)
  await page.click('.comment-form button')
  await page.waitForSelector('.comment-text')
  await page.reload()
  await page.waitForSelector('.comment-text')
  return {
    title: await page.textContent('#title'),
    currentTime: await page.evaluate(() => document.getElementById('video').currentTime),
    stats,
    like: await page.textContent('#like'),
    comments: await page.locator('.comment-text').allTextContents(),
    scriptRan: await page.evaluate(() => window.pwned === true),
    scriptElements: await page.locator('#comments script').count()
  }
})

await step('discover', async () => {
  await page.goto(`${base}/`)
  await page.waitForSelector('.card, .empty')
  const home = await page.locator('.card strong').allTextContents()
  await page.fill('header input[type=search]', 'browser story')
  await page.press('header input[type=search]', 'Enter')
  await page.waitForURL('**/search?**')
  await page.waitForSelector('main h1')
  const search = await page.locator('.card strong').allTextContents()
  await page.goto(`${base}/c/${username}_channel`)
  await page.waitForSelector('.grid, .empty')
  const channel = await page.locator('.card strong').allTextContents()
  await page.goto(`${base}/a/${username}`)
  await page.waitForSelector('.channels')
  return { home, search, channel, accountChannels: await page.locator('.channels li').count() }
})

await step('editChannel', async () => {
  await page.goto(`${base}/c/${username}_channel`)
  await page.click('details.edit summary')
  await page.fill('#edit-channel input[name=displayName]', 'Edited in the browser')
  await page.fill('#edit-channel textarea[name=description]', 'Written on a phone')
  await page.click('#edit-channel button[type=submit]')
  await page.waitForFunction(() => document.querySelector('main .profile h1')?.textContent === 'Edited in the browser', null, { timeout: 15000 })
  return { title: await page.textContent('main .profile h1'), description: await page.textContent('main .profile .description') }
})

await step('editProfile', async () => {
  await page.goto(`${base}/a/${username}`)
  await page.click('details:has(#edit-profile) summary')
  await page.fill('#edit-profile input[name=displayName]', 'The admin, renamed')
  await page.fill('#edit-profile textarea[name=description]', 'Runs this instance')
  await page.click('#edit-profile button[type=submit]')
  await page.waitForFunction(() => document.querySelector('main .profile h1')?.textContent === 'The admin, renamed', null, { timeout: 15000 })
  return { title: await page.textContent('main .profile h1'), description: await page.textContent('main .profile .description'),
    passwordForm: await page.locator('#change-password').count() }
})

await step('admin', async () => {
  await page.goto(`${base}/admin/users`)
  await page.waitForSelector('#admin-users table')
  const users = await page.locator('#admin-users tbody tr').count()
  await page.goto(`${base}/admin/jobs`)
  await page.selectOption('#job-state', 'completed')
  await page.waitForSelector('#admin-jobs table')
  const jobTypes = await page.locator('#admin-jobs tbody td:nth-child(2)').allTextContents()
  await page.goto(`${base}/admin/p2p`)
  await page.waitForSelector('#p2p-chart')
  return { users, jobTypes: [...new Set(jobTypes)], p2p: await page.textContent('#p2p-summary') }
})

await step('logout', async () => {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('tandem-session')).access_token)
  await page.click('#logout')
  await page.waitForSelector('#login-link')
  return { token, loggedOut: await page.evaluate(() => localStorage.getItem('tandem-session') === null) }
})

await finish({ failOnPageErrors: false })
