// The facts under a video's title: published date, views, and a list of tags (links to the
// search), category, licence and language, labelled in the reader's language.
import { h } from '../lib/dom.js'
import { t, tn, locale } from '../lib/i18n.js'
import { labelName, languageName } from '../lib/video-labels.js'

/**
 * The date a video was published, in the reader's language ("7 décembre 2026").
 * @param {string} iso
 */
export function publishedOn (iso) {
  return new Date(iso).toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' })
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
  if (v.category?.id) rows.push(['category', t('Category'), h('a', { href: `/search?categoryOneOf=${v.category.id}` }, labelName(v.category.label))])
  if (v.licence?.id) rows.push(['licence', t('Licence'), labelName(v.licence.label)])
  const language = v.language?.id ? languageName(v.language.id, v.language.label) : null
  if (language) rows.push(['language', t('Language'), language])
  if (v.originallyPublishedAt) rows.push(['originally', t('Originally published'), publishedOn(v.originallyPublishedAt)])
  return h('dl', { class: 'video-facts', id: 'video-facts' },
    rows.map(([key, label, value]) => h('div', { 'data-fact': key }, h('dt', {}, label), h('dd', {}, value))))
}
