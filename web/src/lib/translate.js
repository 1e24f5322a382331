// Pure translation logic (no DOM, no bundler): English text is the key, so an untranslated string
// still reads well, and a French catalog maps it to French. Plurals follow the language's own rules.

/** @typedef {Record<string, string | { one?: string, other: string }>} Catalog */

/**
 * Fills `{name}` placeholders; numbers are written the locale's way (1 234 in French).
 * @param {string} text
 * @param {Record<string, unknown>} vars
 * @param {string} locale
 */
export function fill (text, vars, locale) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in vars)) return whole
    const v = vars[name]
    return typeof v === 'number' ? v.toLocaleString(locale) : String(v)
  })
}

/**
 * A translator for one locale.
 * @param {string} locale e.g. 'fr' or 'en'
 * @param {Catalog} catalog English text → translation
 */
export function translator (locale, catalog) {
  const rules = new Intl.PluralRules(locale)
  /**
   * @param {string} text English text, with `{placeholders}`
   * @param {Record<string, unknown>} [vars]
   */
  function t (text, vars = {}) {
    const found = catalog[text]
    return fill(typeof found === 'string' ? found : text, vars, locale)
  }
  /**
   * A count with its noun: `tn(n, '{n} view', '{n} views')`. The catalog holds the plural under the
   * English plural form, as `{ one, other }`; French says "0 vue", English "0 views".
   * @param {number} n
   * @param {string} one
   * @param {string} other
   * @param {Record<string, unknown>} [vars]
   */
  function tn (n, one, other, vars = {}) {
    const found = catalog[other]
    const category = rules.select(n)
    let text
    if (found && typeof found === 'object') text = (category === 'one' ? found.one : found.other) ?? found.other
    else text = new Intl.PluralRules('en').select(n) === 'one' ? one : other
    return fill(text, { n, ...vars }, locale)
  }
  return { locale, t, tn }
}

/**
 * The locale to show: the user's choice, else the browser's first language we have.
 * @param {string | null | undefined} chosen
 * @param {readonly string[]} browser navigator.languages
 * @param {readonly string[]} available
 */
export function pickLocale (chosen, browser, available) {
  for (const tag of [chosen, ...browser]) {
    if (!tag) continue
    const base = tag.toLowerCase().split('-')[0]
    if (available.includes(base)) return base
  }
  return 'en'
}
