// The facts under a video's title: published date, views, and a list of tags (links to the
// search), category, licence and language, labelled in the reader's language.
import { h } from '../lib/dom.js'
import { t, tn, locale } from '../lib/i18n.js'

/**
 * The date a video was published, in the reader's language ("7 décembre 2026").
 * @param {string} iso
 */
export function publishedOn (iso) {
  return new Date(iso).toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' })
}

/**
 * A language's name in the reader's language, from its code; the server's label when the browser
 * knows no name for it.
 * @param {{ id: string | null, label: string } | null | undefined} language
 */
export function languageName (language) {
  if (!language?.id) return null
  if (language.id === 'zxx') return t('No linguistic content')
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(language.id) ?? t(language.label)
  } catch {
    return t(language.label)
  }
}

/**
 * Views and date, for the line under the title.
 * @param {{ views: number, publishedAt: string }} v
 */
export function viewsAndDate (v) {
  return h('span', { id: 'views-date' },
    tn(v.views ?? 0, '{n} view', '{n} views'), ' · ',
    h('time', { datetime: v.publishedAt }, t('Published on {date}', { date: publishedOn(v.publishedAt) })))
}

/**
 * The tags, category, licence and language, as a description list.
 * @param {any} v the video (VideoDetails)
 */
export function videoFacts (v) {
  /** @type {[string, string, Node | string][]} */
  const rows = []
  if (v.tags?.length) {
    rows.push(['tags', t('Tags'), h('span', { class: 'tags' }, v.tags.map((/** @type {string} */ tag) =>
      h('a', { class: 'tag', href: `/search?tagsOneOf=${encodeURIComponent(tag)}` }, tag)))])
  }
  if (v.category?.id) rows.push(['category', t('Category'), h('a', { href: `/search?categoryOneOf=${v.category.id}` }, t(v.category.label))])
  if (v.licence?.id) rows.push(['licence', t('Licence'), t(v.licence.label)])
  const language = languageName(v.language)
  if (language) rows.push(['language', t('Language'), language])
  if (v.originallyPublishedAt) rows.push(['originally', t('Originally published'), publishedOn(v.originallyPublishedAt)])
  return h('dl', { class: 'video-facts', id: 'video-facts' },
    rows.map(([key, label, value]) => h('div', { 'data-fact': key }, h('dt', {}, label), h('dd', {}, value))))
}
