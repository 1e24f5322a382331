// Embed page (/videos/embed/{uuid}), meant for an iframe on other sites: the player and a title
// linking back to the watch page. Query options as PeerTube's: autoplay=1, muted=0|1, start=<seconds>.
import { startPlayer } from './player.js'
import { api } from './lib/api.js'

const id = location.pathname.split('/').pop()
const params = new URLSearchParams(location.search)
const video = document.getElementById('video')
const title = document.getElementById('title')
let v
try {
  v = await api(`/videos/${id}`)
} catch (e) {
  title.textContent = e.status === 404 ? 'Video not found' : e.message
  throw e
}
document.title = `${v.name} - Tandem`
title.textContent = v.name
title.href = `/w/${v.shortUUID}`
video.muted = params.get('muted') !== '0'
if (params.get('start')) video.addEventListener('loadedmetadata', () => { video.currentTime = Number(params.get('start')) || 0 }, { once: true })
if (v.previewPath) video.poster = v.previewPath
startPlayer(video, v, document.getElementById('p2p'), { autoplay: params.get('autoplay') === '1' })
