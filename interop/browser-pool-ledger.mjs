// A member's admin uses the pool and ledger pages in Debian's headless Chromium (playwright-core).
// Usage: TANDEM_ACCESS_TOKEN=<admin's access token> node browser-pool-ledger.mjs <base url> pledge <storage GB> <egress GB/month> <capacity GB/month> [currency cost/GB]
//        TANDEM_ACCESS_TOKEN=<admin's access token> node browser-pool-ledger.mjs <base url> view
// `pledge` fills and saves the pledge form of /admin/pool; `view` reads /admin/pool, /admin/ledger
// and the public /about/ledger (signed out). Prints one JSON line; exits non-zero on the first failed
// step or any page error.
import { browserSession } from './lib/browser-session.mjs'

const [base, mode, ...args] = process.argv.slice(2)
const { page, step, finish } = await browserSession({ token: process.env.TANDEM_ACCESS_TOKEN })
const settled = id => page.waitForSelector(`#${id}:not([aria-busy])`, { timeout: 15000 })
const text = async selector => (await page.locator(selector).first().textContent({ timeout: 5000 })).replace(/\s+/g, ' ').trim()

if (mode === 'pledge') {
  const [storage, egress, capacity, currency, cost] = args
  await step('opened', async () => { await page.goto(`${base}/admin/pool`); await page.waitForSelector('#pledge-form', { timeout: 15000 }); return true })
  await step('put', async () => {
    await page.fill('#pledge-form [name=storageGB]', storage)
    await page.fill('#pledge-form [name=egressGBPerMonth]', egress)
    await page.fill('#pledge-form [name=egressCapacityGBPerMonth]', capacity)
    if (currency) {
      await page.fill('#pledge-form [name=currency]', currency)
      await page.fill('#pledge-form [name=perGBEgress]', cost)
      await page.fill('#pledge-form [name=perGBMonthStorage]', cost)
    }
    const put = page.waitForResponse(r => r.request().method() === 'PUT' && new URL(r.url()).pathname === '/api/v1/server/pledge', { timeout: 15000 })
    await page.click('#pledge-form button[type=submit]')
    return (await put).status()
  })
  await step('status', async () => { await page.waitForSelector('#pledge-status .notice', { timeout: 15000 }); return text('#pledge-status') })
} else {
  await step('pool', async () => {
    await page.goto(`${base}/admin/pool`)
    await settled('pool-members')
    await settled('pool-decisions')
    return { members: await text('#pool-members'), decisions: await text('#pool-decisions') }
  })
  await step('ledger', async () => {
    await page.goto(`${base}/admin/ledger`)
    await page.waitForSelector('#ledger-month', { timeout: 15000 })
    return { month: await text('#ledger-month'), page: (await text('#admin-ledger')).slice(0, 1500), chart: await page.locator('#ledger-chart rect').count(), peersChart: await page.locator('#ledger-peers-chart rect').count() }
  })
  await step('csv', async () => {
    const download = page.waitForEvent('download', { timeout: 15000 })
    await page.click('#ledger-csv')
    const d = await download
    const { readFile } = await import('node:fs/promises')
    return (await readFile(await d.path(), 'utf8')).split('\n').slice(0, 3)
  })
  await step('public', async () => {
    await page.evaluate(() => localStorage.clear())
    await page.goto(`${base}/about/ledger`)
    await page.waitForSelector('#ledger-summary', { timeout: 15000 })
    return { summary: await text('#ledger-summary'), helped: await text('#ledger-helped') }
  })
}
await finish()
