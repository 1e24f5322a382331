// An account: its channels and videos.
import { api } from '../lib/api.js'
import { h, replace, handleOf } from '../lib/dom.js'
import { videoGrid } from '../lib/video-grid.js'

export async function render (main, { name }) {
  const account = await api(`/accounts/${encodeURIComponent(name)}`)
  document.title = `${account.displayName} - Tandem`
  const [channels, videos] = await Promise.all([
    api(`/accounts/${encodeURIComponent(name)}/video-channels`),
    api(`/accounts/${encodeURIComponent(name)}/videos?count=48&sort=-publishedAt`)
  ])
  replace(main,
    h('section', { class: 'profile' },
      h('h1', {}, account.displayName),
      h('p', { class: 'muted' }, `${handleOf(account)} · ${videos.total} videos`),
      account.description ? h('p', { class: 'description' }, account.description) : null),
    h('h2', {}, 'Channels'),
    h('ul', { class: 'channels' }, channels.data.map(c =>
      h('li', {}, h('a', { href: `/c/${handleOf(c)}` }, c.displayName), ` · ${handleOf(c)}`))),
    h('h2', {}, 'Videos'),
    videoGrid(videos.data))
}
