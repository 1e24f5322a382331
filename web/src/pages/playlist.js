// A playlist's page (/my-library/video-playlists/{id}, PeerTube's path for it): its videos in order, each
// removable by its owner. "Play all" and each video open the watch page playing the playlist
// (/w/p/{id}?playlistPosition=N), which goes on through the list.
import { api } from '../lib/api.js'
import { h, replace, notice, duration } from '../lib/dom.js'
import { t, tn } from '../lib/i18n.js'
import { playlistWatchUrl } from '../lib/playlist-walk.js'

/** @param {HTMLElement} main @param {{ user: any, id: string }} ctx */
export async function render (main, { user, id }) {
  const p = await api(`/video-playlists/${encodeURIComponent(id)}`)
  const watchLater = p.type?.id === 2
  const title = watchLater ? t('Watch later') : p.displayName
  document.title = `${title} - Tandem`
  const { data } = await api(`/video-playlists/${p.uuid}/videos?start=0&count=100`)
  const mine = user && user.account?.id === p.ownerAccount?.id
  const status = h('div')
  const first = data.find(e => e.video)
  const list = h('ol', { id: 'playlist-videos', class: 'history' }, data.map(e => element(p, e, mine, status)))
  replace(main,
    h('h1', {}, title),
    h('p', { class: 'muted' }, `${tn(p.videosLength, '{n} video', '{n} videos')} · ${p.ownerAccount?.displayName ?? ''}`),
    p.description ? h('p', { class: 'description' }, p.description) : null,
    first ? h('p', {}, h('a', { class: 'button', id: 'play-all', href: link(p, first) }, t('Play all'))) : null,
    status,
    data.length ? list : h('p', { class: 'empty' }, t('This playlist is empty.')))
}

function link (p, e) {
  return playlistWatchUrl(p, e.position)
}

function element (p, e, mine, status) {
  const li = h('li', { 'data-position': String(e.position) })
  const remove = mine ? h('button', { type: 'button', class: 'link' }, t('Remove from the playlist')) : null
  remove?.addEventListener('click', async () => {
    try {
      await api(`/video-playlists/${p.uuid}/videos/${e.id}`, { method: 'DELETE' })
      li.remove()
    } catch (err) { notice(status, err.message) }
  })
  if (!e.video) return replace(li, h('span', { class: 'muted' }, t('This video is no longer available')), remove)
  return replace(li,
    h('a', { href: link(p, e) }, h('img', { src: e.video.thumbnailPath ?? '', alt: '', loading: 'lazy' }), h('strong', {}, e.video.name)),
    h('small', { class: 'muted' }, `${e.video.channel?.displayName ?? ''} · ${duration(e.video.duration ?? 0)}`),
    remove)
}
