// Related videos: those sharing a tag or the category, then more from the channel, then recent
// ones. A column beside the page on a wide screen, a list below it on a phone (style.css).
import { api } from '../lib/api.js'
import { h, replace, duration, handleOf } from '../lib/dom.js'
import { t, tn } from '../lib/i18n.js'
import { pickRelated } from '../lib/share.js'

const MAX = 8

/**
 * @param {HTMLElement} el
 * @param {any} v the watched video
 */
export async function renderRelated (el, v) {
  const list = (/** @type {string} */ query) => api(`/videos?count=${MAX + 1}&sort=-publishedAt&${query}`)
    .then(r => r.data).catch(() => [])
  const tags = (v.tags ?? []).map((/** @type {string} */ tag) => `tagsOneOf=${encodeURIComponent(tag)}`).join('&')
  const lists = await Promise.all([
    tags ? list(tags) : [],
    v.category?.id ? list(`categoryOneOf=${v.category.id}`) : [],
    api(`/video-channels/${encodeURIComponent(handleOf(v.channel))}/videos?count=${MAX + 1}&sort=-publishedAt`).then(r => r.data).catch(() => []),
    list('')
  ])
  const videos = pickRelated(v.uuid, lists, MAX)
  replace(el, h('h2', {}, t('Related videos')),
    videos.length
      ? h('ul', { class: 'related-list' }, videos.map(r => h('li', {}, relatedCard(r))))
      : h('p', { class: 'muted' }, t('No other videos yet.')))
}

/** @param {any} r */
function relatedCard (r) {
  return h('a', { class: 'related-card', href: `/w/${r.shortUUID ?? r.uuid}` },
    h('span', { class: 'thumb' },
      h('img', { src: r.thumbnailPath ?? '', alt: '', loading: 'lazy' }),
      r.duration ? h('span', { class: 'duration' }, duration(r.duration)) : null),
    h('span', { class: 'related-text' },
      h('strong', {}, r.name),
      h('small', {}, r.channel?.displayName ?? ''),
      h('small', {}, tn(r.views ?? 0, '{n} view', '{n} views'))))
}
