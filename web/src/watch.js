// Watch page: the player first, then (loaded on demand, so it never delays playback) everything
// under it, from watch/page.js. At /w/p/{playlist}?playlistPosition=N it plays that element of the
// playlist, lists the playlist beside the player and goes on to the next element (watch/playlist.js).
import { mountPlayer } from './player-ui.js'
import { renderHeader } from './lib/header.js'
import { api } from './lib/api.js'
import { h } from './lib/dom.js'
import { t } from './lib/i18n.js'
import { originOutage } from './lib/origin-status.js'
import { renderSaveToPlaylist } from './lib/save-to-playlist.js'
import { reportProgress } from './lib/watch-progress.js'
import { playlistInPath, positionParam, elementAt } from './lib/playlist-walk.js'

const params = new URLSearchParams(location.search)
const playlistId = playlistInPath(location.pathname)
const userReady = renderHeader()
const title = /** @type {HTMLElement} */ (document.getElementById('title'))
/** @type {Awaited<ReturnType<typeof import('./watch/playlist.js').loadPlaylist>> & { current: number } | null} */
let walk = null
let v
try {
  let id = location.pathname.split('/').pop()
  if (playlistId) {
    const { loadPlaylist } = await import('./watch/playlist.js')
    walk = { ...await loadPlaylist(playlistId), current: 0 }
    const element = elementAt(walk.elements, positionParam(params.get('playlistPosition')))
    if (!element) {
      title.textContent = t('This playlist has no video to play.')
      throw new Error('empty playlist')
    }
    walk.current = element.position
    id = element.video.uuid
  }
  v = await api(`/videos/${id}`)
} catch (e) {
  if (!title.textContent) title.textContent = e.status === 404 ? (playlistId ? t('Playlist not found') : t('Video not found')) : e.message
  throw e
}
document.title = `${v.name} - Tandem`
const video = /** @type {HTMLVideoElement} */ (document.getElementById('video'))
const user = await userReady
mountPlayer({
  container: document.querySelector('.player'),
  video,
  overlay: document.getElementById('p2p'),
  v,
  user,
  params,
  below: document.getElementById('player-notes'),
  upNext: !walk
})
showOriginOutage(v.originStatus)
title.textContent = v.name
if (walk) {
  const { renderPlaylistPanel, followPlaylist } = await import('./watch/playlist.js')
  renderPlaylistPanel(/** @type {HTMLElement} */ (document.getElementById('playlist-panel')), walk.playlist, walk.elements, walk.current)
  followPlaylist(video, walk.playlist, walk.elements, walk.current, user)
}
const { renderWatchPage } = await import('./watch/page.js')
await renderWatchPage(v, video, userReady)
const save = h('div', { id: 'save' })
;(document.querySelector('.video-actions') ?? title)?.after(save)
renderSaveToPlaylist(save, v, user)
reportProgress(video, v, user)

function showOriginOutage (status) {
  const text = originOutage(status)
  if (text) document.querySelector('.player').after(h('p', { id: 'origin-status', class: 'notice error' }, text))
}
