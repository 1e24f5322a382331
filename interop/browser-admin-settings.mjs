// The administrator edits the instance settings in Debian's headless Chromium (playwright-core), on a
// phone-sized screen: a wrong contact address is refused with the server's message next to the field,
// then the instance is renamed and sign-up opened on approval; the header and the About page show the
// new name; a French browser sees the screen in French.
// Usage: TANDEM_ACCESS_TOKEN=<admin token> node browser-admin-settings.mjs <base url> <new name>
// Prints one JSON line with what each step saw; exits non-zero on the first failed step.
import { browserSession } from './lib/browser-session.mjs'

const [base, name] = process.argv.slice(2)
const token = process.env.TANDEM_ACCESS_TOKEN
const viewport = { width: 375, height: 812 }
const { page, step, finish } = await browserSession({ token, viewport })

// Where to save screenshots of the pages (optional): the test run keeps them as artifacts.
const shots = process.env.TANDEM_SCREENSHOTS
const shoot = async (p, name) => { if (shots) await p.screenshot({ path: `${shots}/${name}.png`, fullPage: true }) }
const fitsTheScreen = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

await step('screen', async () => {
  await page.goto(`${base}/admin/config/edit-custom`)
  await page.waitForSelector('#instance-settings')
  return {
    name: await page.inputValue('#cfg-name'),
    signup: await page.getAttribute('input[name=signup]:checked', 'value'),
    tab: await page.textContent('nav.tabs a[aria-current=page]'),
    resolutions: await page.locator('input[name=resolution]').count(),
    p2pExplained: await page.textContent('#p2p-explained'),
    fits: await fitsTheScreen()
  }
})

await step('refused', async () => {
  await page.fill('#cfg-email', 'not-an-address')
  await page.click('#save-settings')
  await page.waitForFunction(() => document.getElementById('cfg-email-error')?.textContent !== '')
  return {
    fieldError: await page.textContent('#cfg-email-error'),
    status: await page.textContent('#config-status'),
    focused: await page.evaluate(() => document.activeElement?.id)
  }
})

await step('saved', async () => {
  await page.fill('#cfg-email', 'contact@asso.example')
  await page.fill('#cfg-name', name)
  await page.check('input[name=signup][value=approval]')
  await page.click('#save-settings')
  await page.waitForSelector('#config-status .notice.success')
  await shoot(page, 'admin-settings-phone')
  return { status: await page.textContent('#config-status'), fieldError: await page.textContent('#cfg-email-error') }
})

await step('header', async () => {
  await page.goto(`${base}/`)
  await page.waitForFunction(n => document.querySelector('header .brand')?.textContent === n, name, { timeout: 10000 })
  return { brand: await page.textContent('header .brand') }
})

await step('about', async () => {
  await page.goto(`${base}/about`)
  await page.waitForURL('**/about/instance')
  await page.waitForSelector('#about-name')
  await shoot(page, 'about-instance-phone')
  return {
    path: new URL(page.url()).pathname,
    title: await page.textContent('#about-name'),
    contact: await page.textContent('#about-contact'),
    stats: await page.textContent('#about-stats'),
    ledger: await page.getAttribute('#about-ledger', 'href'),
    fits: await fitsTheScreen()
  }
})

await step('french', async () => {
  const context = await page.context().browser().newContext({ locale: 'fr-FR', viewport })
  await context.addInitScript(t => localStorage.setItem('tandem-session', JSON.stringify({ access_token: t })), token)
  const fr = await context.newPage()
  await fr.goto(`${base}/admin/config/edit-custom`)
  await fr.waitForSelector('#instance-settings')
  await shoot(fr, 'admin-settings-fr-phone')
  const seen = {
    lang: await fr.getAttribute('html', 'lang'),
    legends: await fr.locator('#instance-settings > fieldset > legend').allTextContents(),
    save: await fr.textContent('#save-settings'),
    p2pExplained: await fr.textContent('#p2p-explained'),
    signupLabel: await fr.textContent('label:has(input[name=signup][value=approval])')
  }
  await context.close()
  return seen
})

await finish()
