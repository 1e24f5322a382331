// Search: channels by name, or a remote channel by its handle (name@host, found on its instance for
// signed-in users), then videos by full text over titles, descriptions and tags.
import { api } from '../lib/api.js'
import { h, replace, handleOf } from '../lib/dom.js'
import { videoGrid } from '../lib/video-grid.js'

export async function render (main) {
  const q = new URLSearchParams(location.search).get('search')?.trim() ?? ''
  document.title = `${q || 'Search'} - Tandem`
  if (!q) return replace(main, h('h1', {}, 'Search'), h('p', {}, 'Type something in the search box, or a channel handle like name@host.'))
  const [channels, videos] = await Promise.all([
    api(`/search/video-channels?search=${encodeURIComponent(q)}`),
    api(`/search/videos?count=48&search=${encodeURIComponent(q)}`)
  ])
  replace(main,
    channels.total ? h('section', { id: 'channel-results' }, h('h2', {}, 'Channels'),
      h('ul', { class: 'channels' }, channels.data.map(c =>
        h('li', {}, h('a', { href: `/c/${handleOf(c)}` }, c.displayName), ` · ${handleOf(c)} · ${c.followersCount ?? 0} subscribers`)))) : null,
    h('h1', {}, `${videos.total} result${videos.total === 1 ? '' : 's'} for “${q}”`),
    videoGrid(videos.data, 'Nothing matches.'))
}
