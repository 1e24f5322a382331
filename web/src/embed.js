// Embed page (/videos/embed/{uuid}), meant for an iframe on other sites: the same player as the watch
// page and a title linking back to it. Query options as PeerTube's: autoplay=1, muted=1, start=<seconds>,
// p2p=0 (HTTP only), api=1 (PeerTube's embed API over postMessage, embed-api.js).
import { mountPlayer } from './player-ui.js'
import { startEmbedApi } from './embed-api.js'
import { api } from './lib/api.js'
import { t } from './lib/i18n.js'
import { session } from './lib/session.js'
import { originOutage } from './lib/origin-status.js'

const id = location.pathname.split('/').pop()
const params = new URLSearchParams(location.search)
const video = /** @type {HTMLVideoElement} */ (document.getElementById('video'))
const title = /** @type {HTMLAnchorElement} */ (document.getElementById('title'))
/** @type {any} */
const playback = { hls: null }
let setQuality = (/** @type {number} */ _id) => {}
// The channel opens first, so that the parent page's first message is never missed.
const embedApi = params.get('api') === '1'
  ? startEmbedApi(video, playback, { setQuality: q => setQuality(q), autoLabel: t('Auto') })
  : null
let v
try {
  v = await api(`/videos/${id}`)
} catch (e) {
  title.textContent = e.status === 404 ? t('Video not found') : e.message
  throw e
}
document.title = `${v.name} - Tandem`
title.textContent = v.name
title.href = `/w/${v.shortUUID}`
if (v.previewPath) video.poster = v.previewPath
const user = await session.user()
const mounted = await mountPlayer({ container: /** @type {HTMLElement} */ (document.querySelector('.player')), video, overlay: /** @type {HTMLElement} */ (document.getElementById('p2p')), v, user, embed: true, params, playback })
setQuality = mounted.setQuality
embedApi?.attach()
const outage = originOutage(v.originStatus)
if (outage) title.after(Object.assign(document.createElement('p'), { id: 'origin-status', className: 'embed-notice', textContent: outage }))
