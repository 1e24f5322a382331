// An instance admin runs federation from the admin page in Debian's headless Chromium (playwright-core):
// on instance A, follows instance B by host through the form and waits until B accepts, sees the
// followers list, blocks the host blocked.example through the form, sees it listed, and unblocks it.
// Usage: TANDEM_ACCESS_TOKEN=<A admin's access token> node browser-federation-admin.mjs <A base url> <B host>
// Prints one JSON line with what each step saw; exits non-zero on the first failed step or any page error.
import { browserSession } from './lib/browser-session.mjs'

const [base, hostB] = process.argv.slice(2)
if (!base || !hostB || !process.env.TANDEM_ACCESS_TOKEN) {
  console.log(JSON.stringify({ failed: 'usage: TANDEM_ACCESS_TOKEN=<token> node browser-federation-admin.mjs <A base url> <B host>' }))
  process.exit(1)
}
const BLOCKED = 'blocked.example'
// A phone-sized screen.
const { page, step, finish } = await browserSession({ token: process.env.TANDEM_ACCESS_TOKEN, viewport: { width: 390, height: 844 } })

const PANELS = ['following', 'followers', 'blocked-servers', 'blocked-accounts', 'failed-deliveries']
const panel = id => `#federation-${id}`
const row = (id, attr, value) => `${panel(id)} tr[${attr}=${JSON.stringify(value)}]`
const followRow = row('following', 'data-target', hostB)
const blockedRow = row('blocked-servers', 'data-name', BLOCKED)

/** Waits until the panel has loaded its list; throws with the page's message when it could not. */
async function loaded (id) {
  await page.waitForSelector(`${panel(id)}:not([aria-busy])`, { timeout: 15000 })
  await refused(id)
}

async function refused (id) {
  const error = page.locator(`${panel(id)} .notice.error`)
  if (await error.count()) throw new Error(`${id} says: ${await error.textContent()}`)
}

/**
 * Types `value` into the panel's form and submits it (a POST to `/api/v1${apiPath}`); resolves once
 * the panel has listed again (a GET of the same path), or throws with the server's refusal.
 */
async function submit (id, form, value, apiPath) {
  const on = method => r => r.request().method() === method && new URL(r.url()).pathname === `/api/v1${apiPath}`
  const posted = page.waitForResponse(on('POST'), { timeout: 15000 })
  const listed = page.waitForResponse(on('GET'), { timeout: 15000 })
  for (const p of [posted, listed]) p.catch(() => {}) // awaited below, unless a step fails first
  await page.fill(`#${form} input`, value)
  await page.click(`#${form} button[type=submit]`)
  const res = await posted
  if (!res.ok()) {
    await page.waitForSelector(`${panel(id)} .notice.error`, { timeout: 5000 })
    await refused(id)
  }
  await listed
  await loaded(id)
}

/** The state shown in the Following row for B, or a failure that lists the rows there are. */
async function followState () {
  if (!await page.locator(followRow).count()) {
    const targets = await page.locator(`${panel('following')} tbody tr`).evaluateAll(rows => rows.map(r => r.dataset.target))
    throw new Error(`no Following row for ${hostB}; rows: ${JSON.stringify(targets)}`)
  }
  return page.locator(`${followRow} .state`).textContent()
}

await step('open', async () => {
  await page.goto(`${base}/admin/federation`)
  await page.waitForSelector('#admin-federation', { timeout: 15000 })
    .catch(async () => { throw new Error(`no federation tab at ${page.url()}: ${await page.textContent('main')}`) })
  for (const id of PANELS) await loaded(id)
  return { tab: await page.textContent('.tabs a[aria-current]') }
})

await step('followState', async () => {
  await submit('following', 'follow-form', hostB, '/server/following')
  const seen = new Set()
  for (const deadline = Date.now() + 30000; ;) {
    const state = await followState()
    seen.add(state)
    if (state === 'accepted') return state
    if (state === 'rejected' || Date.now() > deadline) throw new Error(`${hostB} not accepted; states seen: ${[...seen]}`)
    await page.waitForTimeout(1000)
    await page.reload()
    await loaded('following')
  }
})

await step('followers', async () => {
  await loaded('followers')
  const empty = await page.locator(`${panel('followers')} .empty`).count()
  const rows = await page.locator(`${panel('followers')} tbody tr`).count()
  if (!empty && !rows) throw new Error('the followers list shows neither rows nor its empty sentence')
  return rows
})

await step('blockedListed', async () => {
  await submit('blocked-servers', 'block-servers-form', BLOCKED, '/server/blocklist/servers')
  await page.waitForSelector(blockedRow, { timeout: 5000 })
  return true
})

await step('unblocked', async () => {
  await page.click(`${blockedRow} button`)
  await page.waitForSelector(blockedRow, { state: 'detached', timeout: 10000 })
    .catch(async e => { await refused('blocked-servers'); throw e })
  await loaded('blocked-servers')
  return true
})

await finish()
