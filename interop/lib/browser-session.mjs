// Debian's headless Chromium (playwright-core), driven step by step: what each step returns goes into
// one JSON report, printed at the end; the first step that throws prints the report with `failed`
// and exits 1. Page errors are collected under `errorsKey`.
import { chromium } from 'playwright-core'

export async function browserSession ({ token, viewport, args = [], errorsKey = 'pageErrors' } = {}) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', ...args]
  })
  const context = await browser.newContext(viewport ? { viewport } : {})
  // Signed in as the web app keeps its session: the token in localStorage before any page runs.
  if (token) await context.addInitScript(t => localStorage.setItem('tandem-session', JSON.stringify({ access_token: t })), token)
  const page = await context.newPage()
  const pageErrors = []
  page.on('pageerror', e => pageErrors.push(`${page.url()}: ${e.message}`))
  const result = { [errorsKey]: pageErrors }
  const fail = async reason => {
    result.failed = reason
    // Where the page was and what it showed: a failed wait says little on its own.
    result.failedAt = { url: page.url(), main: (await page.locator('main').first().textContent({ timeout: 1000 }).catch(e => e.message))?.slice(0, 500) }
    console.log(JSON.stringify(result))
    await browser.close()
    process.exit(1)
  }
  const step = async (name, f) => {
    try {
      result[name] = await f()
    } catch (e) {
      await fail(`${name}: ${e.message}`)
    }
  }
  const finish = async ({ failOnPageErrors = true } = {}) => {
    if (failOnPageErrors && pageErrors.length) await fail('page errors')
    console.log(JSON.stringify(result))
    await browser.close()
  }
  return { page, result, step, fail, finish }
}
