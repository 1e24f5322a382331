// Search: full-text over titles, descriptions and tags (GET /api/v1/search/videos).
import { api } from '../lib/api.js'
import { h, replace } from '../lib/dom.js'
import { videoGrid } from '../lib/video-grid.js'

export async function render (main) {
  const q = new URLSearchParams(location.search).get('search')?.trim() ?? ''
  document.title = `${q || 'Search'} - Tandem`
  if (!q) return replace(main, h('h1', {}, 'Search'), h('p', {}, 'Type something in the search box.'))
  const { total, data } = await api(`/search/videos?count=48&search=${encodeURIComponent(q)}`)
  replace(main, h('h1', {}, `${total} result${total === 1 ? '' : 's'} for “${q}”`), videoGrid(data, 'Nothing matches.'))
}
