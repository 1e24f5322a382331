// A tour of the main pages in Debian's headless Chromium, as a phone and as a desktop, with an
// English and a French browser: each page must load without a script error or a failed API call,
// fit the phone's width, label every form field, say its language in <html lang>, and show French
// text to a French browser. A screenshot of each page and size is saved for people to look at.
// Usage: node browser-tour.mjs <base url> <access token> <screenshot dir> <pages JSON>
//   pages: [{ "name": "home", "path": "/", "signedIn": false, "french": "Se connecter" }, ...]
//   (`french`: a text a French visitor must see on that page)
// Prints one JSON line: per page and size, what was seen; exits 1 on the first broken page.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

const [base, token, shots, pagesJson] = process.argv.slice(2)
const pages = JSON.parse(pagesJson)
mkdirSync(shots, { recursive: true })
const SIZES = { phone: { width: 375, height: 740 }, desktop: { width: 1280, height: 800 } }
const LOCALES = { en: 'en-US', fr: 'fr-FR' }
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required']
})
const report = {}
let failed = null
try {
  // English at both sizes; French on the phone, where longer words are likelier to overflow.
  for (const [lang, locale] of Object.entries(LOCALES)) {
    for (const [size, viewport] of Object.entries(SIZES).filter(([size]) => lang === 'en' || size === 'phone')) {
      for (const signedIn of [false, true]) {
        const context = await browser.newContext({ viewport, locale, isMobile: size === 'phone', hasTouch: size === 'phone' })
        if (signedIn) await context.addInitScript(t => localStorage.setItem('tandem-session', JSON.stringify({ access_token: t })), token)
        for (const p of pages.filter(p => !!p.signedIn === signedIn)) {
          const key = `${p.name}/${size}/${lang}`
          const page = await context.newPage()
          const errors = []
          page.on('pageerror', e => errors.push(e.message))
          page.on('console', m => { if (m.type() === 'error' && !/Failed to load resource.*(404|401)/.test(m.text())) errors.push(m.text()) })
          page.on('response', r => { if (r.url().includes('/api/') && r.status() >= 500) errors.push(`${r.status()} ${r.url()}`) })
          await page.goto(`${base}${p.path}`, { waitUntil: 'load', timeout: 30000 }).catch(e => errors.push(`load: ${e.message}`))
          // A playing video keeps the network busy: wait for quiet, but not for ever.
          await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {})
          const seen = await page.evaluate(() => {
            const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' }
            const named = el => el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.getAttribute('title')
            const fields = [...document.querySelectorAll('input:not([type=hidden]):not([type=submit]), select, textarea')].filter(visible)
            return {
              lang: document.documentElement.lang,
              title: document.title,
              h1: document.querySelector('h1')?.textContent?.trim() ?? null,
              overflowPx: document.documentElement.scrollWidth - window.innerWidth,
              unlabelled: fields.filter(f => !named(f)).map(f => f.outerHTML.slice(0, 120)),
              text: document.body.innerText
            }
          })
          await page.screenshot({ path: join(shots, `${p.name}-${size}-${lang}.png`), fullPage: true }).catch(() => {})
          const problems = [...errors]
          if (seen.lang !== lang) problems.push(`<html lang="${seen.lang}">, expected ${lang}`)
          if (size === 'phone' && seen.overflowPx > 1) problems.push(`${seen.overflowPx}px wider than the phone`)
          if (seen.unlabelled.length) problems.push(`unlabelled fields: ${seen.unlabelled.join(' | ')}`)
          if (lang === 'fr' && p.french && !seen.text.includes(p.french)) problems.push(`no French "${p.french}" on the page`)
          report[key] = { h1: seen.h1, lang: seen.lang, overflowPx: seen.overflowPx, problems }
          if (problems.length && !failed) failed = `${key}: ${problems.join('; ')}`
          await page.close()
        }
        await context.close()
      }
    }
  }
} finally {
  await browser.close()
}
if (failed) report.failed = failed
console.log(JSON.stringify(report))
process.exit(failed ? 1 : 0)
