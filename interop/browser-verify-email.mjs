// E-mail verification in Debian's headless Chromium on a phone-sized screen, in two phases (the test
// reads the e-mail in between):
//   signup <base> <username> <password>: a visitor signs up on an instance that requires verification,
//     is told to check their e-mail, and cannot log in yet (the page says why).
//   verify <base> <link> <username> <password>: the e-mailed link verifies the address, and the user
//     logs in.
// Prints one JSON report (see lib/browser-session.mjs).
import { browserSession } from './lib/browser-session.mjs'

const [phase, base, ...args] = process.argv.slice(2)
const { page, step, finish } = await browserSession({ viewport: { width: 375, height: 800 } })

async function tryLogin (username, password) {
  await page.goto(`${base}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('#login-form button[type=submit]')
}

if (phase === 'signup') {
  const [username, password] = args
  await step('signup', async () => {
    await page.goto(`${base}/signup`)
    await page.waitForSelector('#signup-form')
    await page.fill('input[name=username]', username)
    await page.fill('input[name=email]', `${username}@example.org`)
    await page.fill('input[name=password]', password)
    await page.check('#signup-terms')
    await page.click('#signup-form button[type=submit]')
    const told = await page.locator('#signup-verify').textContent({ timeout: 15000 })
    return { told, resend: await page.getAttribute('a[href="/verify-account/ask-send-email"]', 'href') }
  })
  await step('loginBefore', async () => {
    await tryLogin(username, password)
    await page.waitForFunction(() => /not verified/.test(document.querySelector('#login-form')?.textContent ?? ''), null, { timeout: 15000 })
    return { path: new URL(page.url()).pathname, signedIn: await page.locator('#whoami').count() }
  })
} else {
  const [link, username, password] = args
  await step('verify', async () => ({ done: await (await page.goto(link), page.locator('#verify-done')).textContent({ timeout: 15000 }) }))
  await step('again', async () => {
    await page.goto(link)
    return { failed: await page.locator('#verify-failed').textContent({ timeout: 15000 }), form: await page.locator('#ask-verify-form').count() }
  })
  await step('login', async () => {
    await tryLogin(username, password)
    return { whoami: await page.locator('#whoami').textContent({ timeout: 15000 }) }
  })
}
await finish()
