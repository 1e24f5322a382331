// An instance admin opens the Mirrors tab of the admin page in Debian's headless Chromium
// (playwright-core) and allows mirroring the videos of followed instance B with its toggle.
// Usage: TANDEM_ACCESS_TOKEN=<admin's access token> node browser-mirrors-admin.mjs <base url> <B host>
// Prints one JSON line with what each step saw; exits non-zero on the first failed step or any page error.
import { browserSession } from './lib/browser-session.mjs'

const [base, hostB] = process.argv.slice(2)
const { page, step, finish } = await browserSession({ token: process.env.TANDEM_ACCESS_TOKEN })
const hosts = '#mirrors-hosts'
const box = `${hosts} tr[data-host=${JSON.stringify(hostB)}] input[type=checkbox]`

await step('opened', async () => {
  await page.goto(`${base}/admin/mirrors`)
  await page.waitForSelector(`${hosts}:not([aria-busy])`, { timeout: 15000 })
  return true
})
await step('initiallyAllowed', () => page.locator(box).isChecked({ timeout: 5000 }))
await step('put', async () => {
  const put = page.waitForResponse(r => r.request().method() === 'PUT' && new URL(r.url()).pathname === `/api/v1/server/redundancy/${hostB}`, { timeout: 15000 })
  await page.locator(box).click()
  const status = (await put).status()
  await page.waitForSelector(`${hosts}:not([aria-busy])`, { timeout: 15000 })
  return status
})
await step('allowedAfterClick', () => page.locator(box).isChecked({ timeout: 5000 }))
// The two lists of copies: a table, an empty sentence, or the server's refusal, each shown in its panel.
await step('panels', async () => {
  const out = {}
  for (const id of ['mirrors-policy', 'mirrors-ours', 'mirrors-theirs']) {
    await page.waitForSelector(`#${id}:not([aria-busy])`, { timeout: 15000 })
    out[id] = (await page.locator(`#${id}`).textContent()).slice(0, 300)
  }
  return out
})
await finish()
