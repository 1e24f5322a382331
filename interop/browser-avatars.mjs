// Avatars and banners in Debian's headless Chromium: <base> <username> <password> <picture.png>.
// On a phone-sized screen the user sets an avatar on the settings page (it shows in the header's user
// menu at once and after a reload), then a banner and an avatar for their channel on "My channels";
// the channel page shows the banner, on a phone and on a desktop screen. Prints one JSON report.
import { browserSession } from './lib/browser-session.mjs'

const [base, username, password, picture] = process.argv.slice(2)
const { page, step, finish } = await browserSession({ viewport: { width: 375, height: 800 } })

/** The rendered width of an image (0 while it is not loaded or broken). */
const natural = selector => page.locator(selector).first().evaluate(async el => {
  const img = /** @type {HTMLImageElement} */ (el)
  if (!img.complete) await new Promise(resolve => { img.onload = img.onerror = resolve })
  return img.naturalWidth
})

await step('login', async () => {
  await page.goto(`${base}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await Promise.all([page.waitForURL(u => u.pathname !== '/login', { timeout: 15000 }), page.click('#login-form button[type=submit]')])
  return { whoami: await page.locator('#whoami').textContent({ timeout: 10000 }), letter: await page.locator('#whoami .avatar-default').count() }
})
await step('settings', async () => {
  await page.goto(`${base}/my-account/settings`)
  const label = await page.locator('label[for=avatar-file]').textContent({ timeout: 10000 })
  await page.setInputFiles('#avatar-file', picture)
  await page.waitForSelector('#whoami img.avatar', { timeout: 15000 })
  const header = await natural('#whoami img.avatar')
  const preview = await natural('#my-avatar img.avatar')
  await page.reload()
  await page.waitForSelector('#whoami img.avatar', { timeout: 15000 })
  return { label, header, preview, afterReload: await natural('#whoami img.avatar'), alt: await page.locator('#whoami img.avatar').getAttribute('alt') }
})
await step('channel', async () => {
  await page.goto(`${base}/my-library/video-channels`)
  const row = `li[data-channel="${username}_channel"]`
  await page.waitForSelector(row, { timeout: 10000 })
  await page.click(`${row} details.edit summary`)
  await page.setInputFiles(`#banner-${username}_channel`, picture)
  await page.waitForSelector(`${row} img.banner`, { timeout: 15000 })
  await page.setInputFiles(`#avatar-${username}_channel`, picture)
  await page.waitForSelector(`${row} img.avatar`, { timeout: 15000 })
  return { banner: await natural(`${row} img.banner`), avatar: await natural(`${row} img.avatar`) }
})
for (const [name, viewport] of [['phone', { width: 375, height: 800 }], ['desktop', { width: 1280, height: 800 }]]) {
  await step(name, async () => {
    await page.setViewportSize(viewport)
    await page.goto(`${base}/c/${username}_channel`)
    await page.waitForSelector('#channel-banner', { timeout: 10000 })
    const box = await page.locator('#channel-banner').boundingBox()
    return { banner: await natural('#channel-banner'), avatar: await natural('.profile img.avatar'), bannerWidth: box?.width ?? 0, header: await natural('#whoami img.avatar') }
  })
}
await finish()
