// Lighthouse on Tandem's main pages, in Debian's Chromium: one browser (remote debugging on), where
// Playwright signs in first so the upload page is audited as an uploader sees it, then Lighthouse
// audits each page in a new tab of that browser (same profile, same session).
// Usage: node audit.mjs BASE_URL USERNAME PASSWORD WATCH_PATH; prints one JSON line of scores.
import { chromium } from 'playwright-core'
import lighthouse from 'lighthouse'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const [base, username, password, watchPath] = process.argv.slice(2)
const port = 9300 + Math.floor(Math.random() * 500)
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lh-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`, '--no-first-run']
})
try {
  const page = await context.newPage()
  await page.goto(`${base}/login`)
  await page.fill('input[name="username"]', username)
  await page.fill('input[name="password"]', password)
  await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/login')), page.click('button[type="submit"]')])
  const scores = {}
  for (const [name, path] of [['home', '/'], ['watch', watchPath], ['upload', '/videos/upload']]) {
    for (const formFactor of ['mobile', 'desktop']) {
      const result = await lighthouse(`${base}${path}`, {
        port, output: 'json', logLevel: 'error', onlyCategories: ['accessibility', 'best-practices', 'performance'],
        formFactor, screenEmulation: formFactor === 'mobile' ? undefined : { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
        throttlingMethod: 'provided'
      })
      const c = result.lhr.categories
      scores[`${name}/${formFactor}`] = {
        accessibility: Math.round(c.accessibility.score * 100),
        bestPractices: Math.round(c['best-practices'].score * 100),
        performance: Math.round(c.performance.score * 100),
        failing: Object.values(result.lhr.audits).filter(a => a.score === 0 && a.scoreDisplayMode === 'binary')
          .map(a => a.details?.items?.length && result.lhr.categories.accessibility.auditRefs.some(r => r.id === a.id)
            ? `${a.id}: ${a.details.items.map(i => i.node?.selector).filter(Boolean).slice(0, 4).join(', ')}`
            : a.id)
      }
    }
  }
  console.log(JSON.stringify(scores))
} finally {
  await context.close()
}
