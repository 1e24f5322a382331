// Logs in once per `next` value (/login?next=<value, URL-encoded>) in Debian's headless Chromium and
// reports where the browser ends up. Any request to another origin is answered by a stand-in page
// here, so a redirect that escapes the instance shows as its URL without leaving the machine.
// Usage: node browser-login-next.mjs <base url> <username> <password> <next>...
// Prints one JSON line: { landed: { <next>: <final URL> }, foreign: [<URLs of other origins requested>] }.
import { browserSession } from './lib/browser-session.mjs'

const [base, username, password, ...nexts] = process.argv.slice(2)
if (!base || !username || !password || !nexts.length) {
  console.log(JSON.stringify({ failed: 'usage: node browser-login-next.mjs <base url> <username> <password> <next>...' }))
  process.exit(1)
}
const origin = new URL(base).origin
const { page, result, step, finish } = await browserSession()
const foreign = []
await page.context().route(url => url.origin !== origin, route => {
  foreign.push(route.request().url())
  return route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Somewhere else</h1>' })
})
result.landed = {}
result.foreign = foreign

for (const next of nexts) {
  await step(`login ${JSON.stringify(next)}`, async () => {
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`)
    await page.fill('input[name=username]', username)
    await page.fill('input[name=password]', password)
    await Promise.all([
      page.waitForURL(u => u.origin !== origin || u.pathname !== '/login', { timeout: 15000 }),
      page.click('button[type=submit]')
    ])
    result.landed[next] = page.url()
  })
}

await finish()
