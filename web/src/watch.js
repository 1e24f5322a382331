// Watch page: the player first, then (loaded on demand, so it never delays playback) everything
// under it, from watch/page.js.
import { mountPlayer } from './player-ui.js'
import { renderHeader } from './lib/header.js'
import { api } from './lib/api.js'
import { h } from './lib/dom.js'
import { t } from './lib/i18n.js'
import { originOutage } from './lib/origin-status.js'
import { renderSaveToPlaylist, followPlaylist } from './lib/save-to-playlist.js'
import { reportProgress } from './lib/watch-progress.js'

const id = location.pathname.split('/').pop()
const userReady = renderHeader()
let v
try {
  v = await api(`/videos/${id}`)
} catch (e) {
  document.getElementById('title').textContent = e.status === 404 ? t('Video not found') : e.message
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
  params: new URLSearchParams(location.search),
  below: document.getElementById('player-notes')
})
showOriginOutage(v.originStatus)
document.getElementById('title').textContent = v.name
const { renderWatchPage } = await import('./watch/page.js')
await renderWatchPage(v, video, userReady)
const save = h('div', { id: 'save' })
;(document.querySelector('.video-actions') ?? document.getElementById('title'))?.after(save)
renderSaveToPlaylist(save, v, user)
followPlaylist(video)
reportProgress(video, v, user)

function showOriginOutage (status) {
  const text = originOutage(status)
  if (text) document.querySelector('.player').after(h('p', { id: 'origin-status', class: 'notice error' }, text))
}
