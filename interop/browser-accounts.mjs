// Accounts in Debian's headless Chromium on a phone-sized screen, in two phases (the test reads the
// e-mails in between):
//   signup <base> <admin> <admin password> <username> <password>: a visitor asks to sign up on an
//     instance that needs approval, the admin accepts in the admin page, the new user logs in, turns
//     P2P off and the interface to French in the settings, then (signed out) asks for a reset link
//     from the login page's "Forgot your password?".
//   reset <base> <link> <username> <new password>: the e-mailed link sets a new password, which logs in.
//   verify-signup <base> <username> <password>: on an instance that requires verified addresses, a visitor
//     signs up, is told to check their mail, and is refused at login with a link to ask for a new one.
//   verify-link <base> <link> <username> <password>: a broken link says so and offers the resend form; the
//     e-mailed link says the address is verified, and the user then logs in.
// Prints one JSON report (see lib/browser-session.mjs).
import { browserSession } from './lib/browser-session.mjs'

const [phase, base, ...args] = process.argv.slice(2)
const { page, step, finish } = await browserSession({ viewport: { width: 375, height: 800 } })

async function login (username, password) {
  await page.goto(`${base}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await Promise.all([page.waitForURL(u => u.pathname !== '/login', { timeout: 15000 }), page.click('#login-form button[type=submit]')])
  return page.locator('#whoami').textContent({ timeout: 10000 })
}

async function logout () {
  await Promise.all([page.waitForURL(`${base}/`, { timeout: 15000 }), page.click('#logout')])
  await page.waitForSelector('#login-link')
}

if (phase === 'signup') {
  const [admin, adminPassword, username, password] = args
  await step('signup', async () => {
    await page.goto(`${base}/login`)
    await Promise.all([page.waitForURL(`${base}/signup`), page.click('#signup-link')])
    await page.waitForSelector('#signup-form')
    const terms = await page.locator('details.terms').textContent()
    await page.fill('input[name=username]', username)
    await page.fill('input[name=displayName]', 'Zoé from the choir')
    await page.fill('input[name=email]', `${username}@example.org`)
    await page.fill('input[name=password]', password)
    await page.fill('textarea[name=registrationReason]', 'I film our choir rehearsals')
    // The browser refuses the form until the age and terms box is ticked.
    await page.click('#signup-form button[type=submit]')
    const blocked = await page.locator('#signup-sent').count()
    await page.check('#signup-terms')
    await page.click('#signup-form button[type=submit]')
    return { terms, sentWithoutTerms: blocked > 0, sent: await page.locator('#signup-sent').textContent({ timeout: 10000 }) }
  })
  await step('approval', async () => {
    const whoami = await login(admin, adminPassword)
    await page.goto(`${base}/admin/moderation/registrations/list`)
    const item = page.locator(`li.registration[data-username="${username}"]`)
    const reason = await item.locator('.pre').textContent({ timeout: 10000 })
    const tabCurrent = await page.locator('nav.tabs a[aria-current=page]').textContent()
    await item.locator('input[name=moderationResponse]').fill('Welcome to the choir!')
    await item.locator('button.accept').click()
    const badge = await page.locator(`li.registration[data-username="${username}"] .badge`).textContent({ timeout: 10000 })
    await logout()
    return { whoami, reason, tabCurrent, badge }
  })
  await step('newUser', async () => ({ whoami: await login(username, password) }))
  await step('settings', async () => {
    await page.click('#settings-link')
    await page.waitForSelector('#settings-form')
    const p2pBefore = await page.locator('#setting-p2p').inputValue()
    await page.selectOption('#setting-p2p', 'off')
    await page.selectOption('#setting-language', 'fr')
    await page.selectOption('#setting-theme', 'dark')
    await Promise.all([page.waitForEvent('load'), page.click('#settings-form button[type=submit]')])
    await page.waitForSelector('#settings-form')
    const heading = await page.locator('main h1').textContent()
    const theme = await page.evaluate(() => localStorage.getItem('tandem-theme'))
    await page.goto(`${base}/`)
    const link = await page.locator('#settings-link').textContent()
    return { p2pBefore, heading, theme, nextPageLink: link, lang: await page.evaluate(() => document.documentElement.lang) }
  })
  await step('askReset', async () => {
    await logout()
    await page.goto(`${base}/login`)
    const linkText = await page.locator('#forgot-password').textContent()
    await Promise.all([page.waitForURL(`${base}/reset-password`), page.click('#forgot-password')])
    await page.fill('input[name=email]', `${username}@example.org`)
    await page.click('#ask-reset-form button[type=submit]')
    return { linkText, said: await page.locator('#reset-asked').textContent({ timeout: 10000 }) }
  })
} else if (phase === 'reset') {
  const [link, username, newPassword] = args
  await step('reset', async () => {
    await page.goto(link)
    await page.fill('input[name=password]', newPassword)
    await page.fill('input[name=confirm]', newPassword + 'x')
    await page.click('#reset-form button[type=submit]')
    const mismatch = await page.locator('#reset-form [role=alert]').textContent({ timeout: 5000 })
    await page.fill('input[name=confirm]', newPassword)
    await page.click('#reset-form button[type=submit]')
    const done = await page.locator('#reset-done').textContent({ timeout: 10000 })
    return { mismatch, done, whoami: await login(username, newPassword) }
  })
} else if (phase === 'verify-signup') {
  const [username, password] = args
  await step('signup', async () => {
    await page.goto(`${base}/signup`)
    await page.fill('#signup-form input[name=username]', username)
    await page.fill('#signup-form input[name=email]', `${username}@example.org`)
    await page.fill('#signup-form input[name=password]', password)
    await page.check('#signup-terms')
    await page.click('#signup-form button[type=submit]')
    return { told: await page.locator('#signup-verify').textContent({ timeout: 10000 }) }
  })
  await step('login', async () => {
    await page.goto(`${base}/login`)
    await page.fill('input[name=username]', username)
    await page.fill('input[name=password]', password)
    await page.click('#login-form button[type=submit]')
    const refused = await page.locator('#login-form [role=alert]').textContent({ timeout: 10000 })
    await Promise.all([page.waitForURL(`${base}/verify-account/ask-send-email`), page.click('#ask-verify-link')])
    await page.fill('#ask-verify-form input[name=email]', `${username}@example.org`)
    await page.click('#ask-verify-form button[type=submit]')
    return { refused, asked: await page.locator('#verify-asked').textContent({ timeout: 10000 }) }
  })
} else if (phase === 'verify-link') {
  const [link, username, password] = args
  await step('verify', async () => {
    await page.goto(link.replace(/verificationString=[0-9a-f]+/, 'verificationString=00000000000000000000'))
    const wrong = await page.locator('#verify-failed').textContent({ timeout: 10000 })
    const resendForm = await page.locator('#ask-verify-form').count()
    await page.goto(link)
    const done = await page.locator('#verify-done').textContent({ timeout: 10000 })
    return { wrong, resendForm, done, whoami: await login(username, password) }
  })
} else {
  console.log(JSON.stringify({ failed: 'usage: node browser-accounts.mjs signup|reset|verify-signup|verify-link <base url> ...' }))
  process.exit(1)
}
await finish()
