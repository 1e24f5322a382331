// A moderator uses the moderation pages in Debian's headless Chromium (playwright-core) on a phone-sized
// screen: sees a user's report among the pending ones, accepts it, finds it under "Accepted", blocks the
// reported video from there, and sees it in the blocked videos; then a muted account is added on the
// user's own blocklist page; signed out, the blocked video's page says it is blocked. Before deciding, the
// moderator writes to the reporter in the report's conversation; the reporter reads it on their own
// reports page (/my-account/abuses) and answers, and the moderator's list counts both messages.
// Usage: node browser-moderation.mjs <base url> <moderator's access token> <video uuid> <report reason> <account to mute>
//        <reporter's access token>
// Prints one JSON line with what each step saw; exits non-zero on the first failed step.
import { browserSession } from './lib/browser-session.mjs'

const [base, token, uuid, reason, muted, reporterToken] = process.argv.slice(2)
const { page, step, finish } = await browserSession({ token, viewport: { width: 375, height: 740 } })

await step('pending', async () => {
  await page.goto(`${base}/admin/moderation/abuses/list`)
  const item = page.locator('[data-abuse]', { hasText: reason })
  await item.waitFor({ timeout: 15000 })
  return {
    title: await page.title(),
    tabs: await page.locator('.moderation-tabs a').allTextContents(),
    current: await page.locator('.moderation-tabs a[aria-current=page]').textContent(),
    item: (await item.textContent())?.replace(/\s+/g, ' ').trim(),
    video: await item.locator('a').first().getAttribute('href')
  }
})

await step('ask', async () => {
  const item = page.locator('[data-abuse]', { hasText: reason })
  await item.locator('.abuse-conversation summary').click()
  await item.locator('.abuse-reply textarea').fill('Which recipe did you try?')
  await item.locator('.abuse-reply button[type=submit]').click()
  const message = item.locator('.abuse-message', { hasText: 'Which recipe' })
  await message.waitFor({ timeout: 10000 })
  return { message: (await message.textContent())?.replace(/\s+/g, ' ').trim() }
})

await step('answer', async () => {
  const browser = page.context().browser()
  if (!browser) throw new Error('no browser')
  const reporter = await browser.newContext({ viewport: { width: 375, height: 740 } })
  await reporter.addInitScript(t => localStorage.setItem('tandem-session', JSON.stringify({ access_token: t })), reporterToken)
  try {
    const mine = await reporter.newPage()
    await mine.goto(`${base}/my-account/abuses`)
    const item = mine.locator('[data-abuse]', { hasText: reason })
    await item.locator('.abuse-message', { hasText: 'Which recipe' }).waitFor({ timeout: 15000 })
    const seen = (await item.textContent())?.replace(/\s+/g, ' ').trim()
    await item.locator('.abuse-reply textarea').fill('The caramel one, it needs their pan')
    await item.locator('.abuse-reply button[type=submit]').click()
    await item.locator('.abuse-message', { hasText: 'caramel' }).waitFor({ timeout: 10000 })
    return {
      title: await mine.title(),
      seen,
      thread: await item.locator('.abuse-message-text').allTextContents(),
      scrollWidth: await mine.evaluate(() => document.documentElement.scrollWidth)
    }
  } finally {
    await reporter.close()
  }
})

await step('counted', async () => {
  await page.reload()
  const summary = page.locator('[data-abuse]', { hasText: reason }).locator('.abuse-conversation summary')
  await summary.waitFor({ timeout: 10000 })
  return { summary: await summary.textContent() }
})

await step('accept', async () => {
  await page.locator('[data-abuse]', { hasText: reason }).locator('.accept-abuse').click()
  // Accepted, it leaves the pending list.
  await page.locator('[data-abuse]', { hasText: reason }).waitFor({ state: 'detached', timeout: 10000 })
  return { pendingLeft: await page.locator('[data-abuse]').count() }
})

await step('block', async () => {
  await page.selectOption('#abuse-state', '3')
  const item = page.locator('[data-abuse]', { hasText: reason })
  await item.waitFor({ timeout: 10000 })
  const state = await item.locator('.abuse-state').textContent()
  await item.locator('.block-video').click()
  await page.locator('[data-abuse]', { hasText: reason }).locator('.block-video').waitFor({ state: 'detached', timeout: 10000 }).catch(() => {})
  await page.goto(`${base}/admin/moderation/video-blocks/list`)
  const blocked = page.locator(`[data-video="${uuid}"]`)
  await blocked.waitFor({ timeout: 10000 })
  return { state, blocked: (await blocked.textContent())?.replace(/\s+/g, ' ').trim() }
})

await step('mute', async () => {
  await page.goto(`${base}/my-account/blocklist/accounts`)
  await page.fill('#mute-target', muted)
  await page.click('#mute-form button[type=submit]')
  await page.locator('#muted-list li', { hasText: muted }).waitFor({ timeout: 10000 })
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  return { muted: await page.locator('#muted-list li').allTextContents(), scrollWidth: width }
})

// Signed out (a fresh context: the session's own puts the token back on every page), the blocked
// video's page says it is blocked.
await step('watchBlocked', async () => {
  const browser = page.context().browser()
  if (!browser) throw new Error('no browser')
  const anonymous = await browser.newContext({ viewport: { width: 375, height: 740 } })
  try {
    const visitor = await anonymous.newPage()
    await visitor.goto(`${base}/videos/watch/${uuid}`)
    await visitor.waitForFunction(() => /blocked/i.test(document.getElementById('title')?.textContent ?? ''), null, { timeout: 10000 })
    return { title: await visitor.textContent('#title') }
  } finally {
    await anonymous.close()
  }
})

await finish()
