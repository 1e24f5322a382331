// Home: recent, trending and local videos.
import { api } from '../lib/api.js'
import { h, replace } from '../lib/dom.js'
import { videoGrid } from '../lib/video-grid.js'

const TABS = {
  'recently-added': { title: 'Recent videos', query: { sort: '-publishedAt' } },
  trending: { title: 'Trending', query: { sort: '-trending' } },
  local: { title: 'Local videos', query: { sort: '-publishedAt', isLocal: 'true' } }
}

export async function render (main, { tab = 'recently-added' }) {
  const { title, query } = TABS[tab]
  document.title = `${title} - Tandem`
  const tabs = h('nav', { class: 'tabs' }, Object.entries(TABS).map(([key, t]) =>
    h('a', { href: key === 'recently-added' ? '/' : `/videos/${key}`, 'aria-current': key === tab ? 'page' : null }, t.title)))
  const { data } = await api(`/videos?count=24&${new URLSearchParams(query)}`)
  replace(main, tabs, h('h1', {}, title), videoGrid(data))
}
