// Labelled <select> fields of the discovery pages' filters, and the category and language choices
// they offer (names translated: categories through the catalog, languages by the browser's own names).
import { api } from './api.js'
import { h } from './dom.js'
import { t } from './i18n.js'
import { labelName, languageChoices } from './video-labels.js'

/** @type {Promise<{ categories: Record<string, string>, languages: Record<string, string> }> | null} */
let choices = null

/** The instance's categories (id → English name) and languages (code → English name), fetched once. */
export function loadChoices () {
  choices ??= Promise.all([api('/videos/categories'), api('/videos/languages')])
    .then(([categories, languages]) => ({ categories, languages }))
  return choices
}

/**
 * A labelled select: `options` are [value, text] pairs, the first usually "any".
 * @param {string} name the query parameter
 * @param {string} label
 * @param {Array<[string, string]>} options
 * @param {string} value
 */
export function selectField (name, label, options, value) {
  const id = `filter-${name}`
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))))
}

/**
 * The category select, names translated.
 * @param {Record<string, string>} categories
 * @param {string} value
 */
export function categoryField (categories, value) {
  return selectField('categoryOneOf', t('Category'),
    [['', t('Any category')], ...Object.entries(categories).map(([id, name]) => /** @type {[string, string]} */ ([id, labelName(name)]))], value)
}

/**
 * The language select, sorted by the names the reader sees.
 * @param {Record<string, string>} languages
 * @param {string} value
 */
export function languageField (languages, value) {
  return selectField('languageOneOf', t('Language'), [['', t('Any language')], ...languageChoices(languages)], value)
}

/**
 * Where the videos come from: everywhere, this instance, other instances (and the subscriptions, on browse for a user).
 * @param {string} value
 * @param {boolean} [subscriptions]
 */
export function scopeField (value, subscriptions = false) {
  /** @type {Array<[string, string]>} */
  const options = [['all', t('All instances')], ['local', t('This instance')], ['federated', t('Other instances')]]
  if (subscriptions) options.push(['subscriptions', t('My subscriptions')])
  return selectField('scope', t('Where from'), options, value || 'all')
}
