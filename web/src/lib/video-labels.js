// A video's category, licence and language names in the reader's language, the same on every page
// (watch page facts, discovery filters, upload and edit form): categories and licences through the
// catalog (their English names are its keys), languages by the browser's own names (Intl), which
// knows far more of them than any catalog would.
import { t, locale } from './i18n.js'

/**
 * A category's or licence's name (the server's English label, translated).
 * @param {string | null | undefined} label
 */
export function labelName (label) {
  return label ? t(label) : ''
}

/**
 * A language's name from its code; the server's label (translated if the catalog has it) when the
 * browser knows no name for it. PeerTube's "zxx" is no language at all.
 * @param {string} code
 * @param {string} label the server's English name
 * @returns {string}
 */
export function languageName (code, label) {
  if (code === 'zxx') return t('No linguistic content')
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? t(label)
  } catch {
    return t(label)
  }
}

/**
 * Choices of languages (code → English name) as [code, name] pairs, sorted by the names the reader sees.
 * @param {Record<string, string>} languages
 * @returns {Array<[string, string]>}
 */
export function languageChoices (languages) {
  const named = Object.entries(languages).map(([code, name]) => /** @type {[string, string]} */ ([code, languageName(code, name)]))
  return named.sort((a, b) => a[1].localeCompare(b[1], locale))
}
