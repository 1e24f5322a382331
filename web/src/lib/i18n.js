// The app's translations: `t('Log in')`, `tn(n, '{n} view', '{n} views')`. English is the source
// text; each area of the app keeps its French strings in its own file under locales/fr/, so pages
// grow without fighting over one catalog. The choice is the user's setting (kept in localStorage by
// the settings page), else the browser's language.
import { translator, pickLocale } from './translate.js'

/** @type {Record<string, { default: import('./translate.js').Catalog }>} */
const french = import.meta.glob('../locales/fr/*.json', { eager: true })

const catalogs = {
  en: {},
  fr: Object.assign({}, ...Object.values(french).map(m => m.default))
}

export const LOCALES = /** @type {const} */ (['en', 'fr'])
export const LOCALE_KEY = 'tandem-locale'

function stored () {
  try { return localStorage.getItem(LOCALE_KEY) } catch { return null }
}

const chosen = pickLocale(stored(), navigator.languages ?? [navigator.language], LOCALES)
const current = translator(chosen, catalogs[chosen])
document.documentElement.lang = current.locale

export const locale = current.locale
export const t = current.t
export const tn = current.tn

/**
 * Remembers the user's language (from the settings page or their account) for the next pages.
 * @param {string | null} tag
 */
export function rememberLocale (tag) {
  try {
    if (tag) localStorage.setItem(LOCALE_KEY, tag)
    else localStorage.removeItem(LOCALE_KEY)
  } catch { /* private mode: the browser's language it is */ }
}
