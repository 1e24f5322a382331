// A grid of video cards linking to their watch pages.
import { h, duration, ago } from './dom.js'
import { session } from './session.js'
import { t, tn } from './i18n.js'

const PRIVATE = 3

// A private video's thumbnail is served to its owner and moderators only, and an <img> cannot send
// the Authorization header: the owner's lists fetch it with the session's token instead.
function thumbnail (v) {
  if (v.privacy?.id !== PRIVATE || !v.thumbnailPath) return h('img', { src: v.thumbnailPath ?? '', alt: '', loading: 'lazy' })
  const img = h('img', { alt: '' })
  fetch(v.thumbnailPath, { headers: session.authHeader() })
    .then(res => res.ok ? res.blob() : null)
    .then(blob => { if (blob) img.src = URL.createObjectURL(blob) })
    .catch(() => {})
  return img
}

export function videoCard (v) {
  return h('a', { class: 'card', href: `/w/${v.shortUUID ?? v.uuid}` },
    h('span', { class: 'thumb' },
      thumbnail(v),
      v.duration ? h('span', { class: 'duration' }, duration(v.duration)) : null),
    h('span', { class: 'card-text' },
      h('strong', {}, v.name),
      h('small', {}, [v.channel?.displayName ?? '', tn(v.views ?? 0, '{n} view', '{n} views'),
        v.publishedAt ? ago(v.publishedAt) : ''].filter(Boolean).join(' · '))))
}

export function videoGrid (videos, empty = t('No videos yet.')) {
  return videos.length ? h('div', { class: 'grid' }, videos.map(videoCard)) : h('p', { class: 'empty' }, empty)
}

/**
 * A "show more" button under a grid: fetches the next page from `start` and appends its cards; hidden
 * once the list's total is shown.
 * @param {HTMLElement} grid
 * @param {number} loaded how many cards the grid has
 * @param {number} total
 * @param {(start: number) => Promise<{ total: number, data: any[] }>} fetchPage
 */
export function moreButton (grid, loaded, total, fetchPage) {
  const more = h('button', {
    type: 'button',
    class: 'load-more',
    hidden: loaded >= total,
    onclick: async () => {
      more.disabled = true
      const next = await fetchPage(loaded)
      loaded += next.data.length
      grid.append(...next.data.map(videoCard))
      more.disabled = false
      more.hidden = loaded >= next.total || next.data.length === 0
    }
  }, t('Show more videos'))
  return more
}
