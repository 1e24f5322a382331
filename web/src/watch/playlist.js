// The watch page playing a playlist (/w/p/{playlist}?playlistPosition=N, as PeerTube): the playlist's
// elements beside the player (below it on a phone) with the current one marked, and at the end the
// next element, played at once when the user lets playlists go on by themselves (PeerTube's
// autoPlayNextVideoPlaylist; on for visitors, as PeerTube's default), else offered.
import { api } from '../lib/api.js'
import { h, replace, duration } from '../lib/dom.js'
import { t, tn } from '../lib/i18n.js'
import { nextInPlaylist, playlistWatchUrl } from '../lib/playlist-walk.js'

/** PeerTube's largest page of playlist elements. */
const PAGE = 100
/** Enough for any playlist someone watches in one go; longer ones show their first elements. */
const MAX_ELEMENTS = 1000

/**
 * The playlist (a private one needs its owner's session, which api() sends) and its elements.
 * @param {string} id uuid, short UUID or number
 * @returns {Promise<{ playlist: any, elements: import('../lib/playlist-walk.js').PlaylistElement[] }>}
 */
export async function loadPlaylist (id) {
  const playlist = await api(`/video-playlists/${encodeURIComponent(id)}`)
  /** @type {any[]} */
  const elements = []
  for (let start = 0; start < MAX_ELEMENTS; start += PAGE) {
    const { total, data } = await api(`/video-playlists/${playlist.uuid}/videos?start=${start}&count=${PAGE}`)
    elements.push(...data)
    if (!data.length || elements.length >= total) break
  }
  return { playlist, elements }
}

/**
 * @param {HTMLElement} el the panel, shown
 * @param {any} playlist
 * @param {import('../lib/playlist-walk.js').PlaylistElement[]} elements
 * @param {number} current the position playing
 */
export function renderPlaylistPanel (el, playlist, elements, current) {
  const title = playlist.type?.id === 2 ? t('Watch later') : playlist.displayName
  const playable = elements.filter(e => e.video)
  const index = playable.findIndex(e => e.position === current) + 1
  el.hidden = false
  el.setAttribute('aria-label', t('Playlist'))
  replace(el,
    h('h2', {}, title),
    h('p', { class: 'muted' }, `${playlist.ownerAccount?.displayName ?? ''} · ${t('{n} of {total}', { n: index, total: tn(playable.length, '{n} video', '{n} videos') })}`),
    h('ol', { class: 'playlist-elements', id: 'playlist-elements' },
      [...elements].sort((a, b) => a.position - b.position).map(e => item(playlist, e, current))))
  el.querySelector('[aria-current]')?.scrollIntoView({ block: 'nearest' })
}

/** @param {any} playlist @param {import('../lib/playlist-walk.js').PlaylistElement} e @param {number} current */
function item (playlist, e, current) {
  const here = e.position === current
  if (!e.video) return h('li', { 'data-position': String(e.position), class: 'muted' }, t('This video is no longer available'))
  return h('li', { 'data-position': String(e.position) },
    h('a', { class: 'related-card', href: playlistWatchUrl(playlist, e.position), 'aria-current': here ? 'true' : null },
      h('span', { class: 'thumb' },
        h('img', { src: e.video.thumbnailPath ?? '', alt: '', loading: 'lazy' }),
        e.video.duration ? h('span', { class: 'duration' }, duration(e.video.duration)) : null),
      h('span', { class: 'related-text' },
        h('strong', {}, e.video.name),
        h('small', {}, here ? t('Playing now') : e.video.channel?.displayName ?? ''))))
}

/**
 * At the end of the video, the playlist's next element: at once, or offered in a box over the player.
 * @param {HTMLVideoElement} video
 * @param {any} playlist
 * @param {import('../lib/playlist-walk.js').PlaylistElement[]} elements
 * @param {number} current
 * @param {any} user the signed-in user, or null
 */
export function followPlaylist (video, playlist, elements, current, user) {
  video.addEventListener('ended', () => {
    const next = nextInPlaylist(elements, current)
    if (!next) return
    const href = playlistWatchUrl(playlist, next.position)
    if (user?.autoPlayNextVideoPlaylist ?? true) {
      location.href = href
      return
    }
    const box = h('div', { id: 'next-video', class: 'next-video', slot: 'centered-chrome', noautohide: true, role: 'region', 'aria-label': t('Next in the playlist') },
      h('p', {}, t('Next in the playlist'), ': ', h('strong', {}, next.video.name)),
      h('div', { class: 'next-actions' },
        h('a', { href, id: 'next-play', class: 'button' }, t('Play now')),
        h('button', { type: 'button', id: 'next-cancel', class: 'secondary', onclick: () => box.remove() }, t('Cancel'))))
    video.closest('media-controller')?.append(box)
    video.addEventListener('play', () => box.remove(), { once: true })
  })
}
