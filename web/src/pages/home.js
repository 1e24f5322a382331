// Home (`/`, PeerTube's `/home`): a row per section (recent, trending by recent views, local, and the
// viewer's subscriptions when signed in), each with a "see all" link to its browse page.
import { api } from '../lib/api.js'
import { h, replace } from '../lib/dom.js'
import { t } from '../lib/i18n.js'
import { videoGrid } from '../lib/video-grid.js'

const PER_ROW = 8

/**
 * @param {any} user the signed-in user, or null
 * @returns {Array<{ id: string, title: string, path: string, query: Record<string, string>, all: string }>}
 */
function sections (user) {
  return [
    user ? { id: 'subscriptions', title: t('From your subscriptions'), path: '/users/me/subscriptions/videos', query: { sort: '-publishedAt' }, all: '/videos/browse?scope=subscriptions' } : null,
    { id: 'recent', title: t('Recent videos'), path: '/videos', query: { sort: '-publishedAt' }, all: '/videos/browse?sort=-publishedAt' },
    { id: 'trending', title: t('Trending'), path: '/videos', query: { sort: '-trending' }, all: '/videos/browse?sort=-trending' },
    { id: 'local', title: t('Local videos'), path: '/videos', query: { sort: '-publishedAt', isLocal: 'true' }, all: '/videos/browse?scope=local' }
  ].filter(s => s !== null)
}

/**
 * @param {HTMLElement} main
 * @param {{ user?: any }} options
 */
export async function render (main, { user }) {
  document.title = `${t('Home')} - Tandem`
  const list = sections(user)
  const results = await Promise.all(list.map(s =>
    api(`${s.path}?count=${PER_ROW}&${new URLSearchParams(s.query)}`).catch(() => null)))
  replace(main, h('h1', { class: 'visually-hidden' }, t('Home')),
    list.map((s, i) => {
      const found = results[i]
      // A section that has nothing (no subscriptions yet, nothing local) is left out, except the recent
      // videos, whose empty row tells a new instance's visitor that there is nothing yet.
      if (!found || (!found.data.length && s.id !== 'recent')) return null
      return h('section', { class: 'home-section', id: `section-${s.id}`, 'aria-labelledby': `title-${s.id}` },
        h('div', { class: 'section-head' },
          h('h2', { id: `title-${s.id}` }, s.title),
          h('a', { href: s.all, class: 'see-all' }, t('See all'), h('span', { class: 'visually-hidden' }, `: ${s.title}`))),
        videoGrid(found.data))
    }))
}
