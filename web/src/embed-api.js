// PeerTube's embed API (`?api=1`), so a page that embeds our player drives it with
// `@peertube/embed-api`: that library speaks jschannel over postMessage, scope "peertube". Every
// message is a JSON string: a call `{ id, method: 'peertube::play', params }` is answered
// `{ id, result }` or `{ id, error, message }`; a notification (our events) has no id. Each side
// first sends `peertube::__ready` `{ type: 'publish-request', publish: [] }` and answers the other's
// request with a 'publish-reply': whichever of the two arrives first makes the channel ready.
import { qualities } from './lib/quality.js'
import { RATES } from './lib/shortcuts.js'

const SCOPE = 'peertube'

/**
 * @param {HTMLVideoElement} video
 * @param {{ hls: any }} playback filled in once the player has started (the channel opens before, so
 *   that the parent's first message is never missed)
 * @param {{ setQuality: (id: number) => void, autoLabel: string }} ui
 * @returns {{ attach: () => void }} to call once `playback.hls` is set
 */
export function startEmbedApi (video, playback, ui) {
  const parentWindow = window.parent
  if (parentWindow === window) return { attach () {} }
  let ready = false
  // Ready for the parent only once the player is mounted (as PeerTube's embed): a play() that came
  // earlier would reach a <video> with no source yet, and the load that follows would undo it.
  let attached = false
  const send = (/** @type {any} */ message) => parentWindow.postMessage(JSON.stringify(message), '*')
  const notify = (/** @type {string} */ method, /** @type {any} */ params) => { if (ready) send({ method: `${SCOPE}::${method}`, params }) }

  const resolutions = () => {
    const hls = playback.hls
    if (!hls?.levels?.length) return []
    // The chosen one (-1: Auto), not the one playing: a switch takes effect at the next segment.
    return qualities(hls.levels, ui.autoLabel).map(q => ({ id: q.id, label: q.label, height: q.height, width: q.width, active: q.id === hls.manualLevel }))
  }
  const state = () => video.ended ? 'ended' : video.paused ? (video.played.length ? 'paused' : 'unstarted') : 'playing'

  /** @type {Record<string, (params: any) => any>} */
  const methods = {
    isReady: () => attached,
    play: () => { video.play().catch(() => {}) },
    pause: () => { video.pause() },
    seek: s => { video.currentTime = Number(s) },
    setVolume: value => { video.volume = Math.min(1, Math.max(0, Number(value))); video.muted = false },
    getVolume: () => video.muted ? 0 : video.volume,
    isPlaying: () => !video.paused,
    getCurrentTime: () => video.currentTime,
    getResolutions: resolutions,
    setResolution: id => ui.setQuality(Number(id)),
    getPlaybackRates: () => RATES,
    getPlaybackRate: () => video.playbackRate,
    setPlaybackRate: rate => { video.playbackRate = Number(rate) },
    getCaptions: () => captions(video),
    // PeerTube's ids are the language codes getCaptions gives; any other id (or none) turns captions off.
    setCaption: id => { for (const c of captionTracks(video)) c.track.mode = c.srclang === String(id ?? '') ? 'showing' : 'disabled' },
    getCurrentPosition: () => 0,
    playNextVideo: () => {},
    playPreviousVideo: () => {}
  }

  addEventListener('message', event => {
    if (event.source !== parentWindow || typeof event.data !== 'string') return
    let m
    try { m = JSON.parse(event.data) } catch { return }
    if (typeof m?.method !== 'string' || !m.method.startsWith(`${SCOPE}::`)) return
    const method = m.method.slice(SCOPE.length + 2)
    if (method === '__ready') {
      if (m.params?.type === 'publish-request') send({ method: `${SCOPE}::__ready`, params: { type: 'publish-reply', publish: [] } })
      if (!ready) { ready = true; if (attached) notify('ready', true) }
      return
    }
    if (m.id === undefined) return
    const f = methods[method]
    if (!f) return send({ id: m.id, error: 'method_not_found', message: `No method '${method}'` })
    try {
      const result = f(m.params)
      send(result === undefined ? { id: m.id } : { id: m.id, result })
    } catch (e) {
      send({ id: m.id, error: 'runtime_error', message: String(e) })
    }
  })
  send({ method: `${SCOPE}::__ready`, params: { type: 'publish-request', publish: [] } })

  // As PeerTube's embed: the playback status every half second, and a change on play, pause and end.
  setInterval(() => notify('playbackStatusUpdate', {
    position: video.currentTime, volume: video.muted ? 0 : video.volume, duration: video.duration || 0, playbackState: state()
  }), 500)
  video.addEventListener('play', () => { notify('play'); notify('playbackStatusChange', 'playing') })
  video.addEventListener('pause', () => { notify('pause'); notify('playbackStatusChange', 'paused') })
  video.addEventListener('ended', () => notify('playbackStatusChange', 'ended'))
  video.addEventListener('volumechange', () => notify('volumeChange', video.muted ? 0 : video.volume))
  return {
    attach () {
      attached = true
      notify('ready', true)
      playback.hls?.on('hlsLevelSwitched', () => notify('resolutionUpdate', resolutions()))
    }
  }
}

/** The video's caption tracks (player-ui.js adds one <track> per caption file). */
function captionTracks (video) {
  return [...video.querySelectorAll('track')].filter(tr => tr.kind === 'subtitles' || tr.kind === 'captions')
}

/**
 * PeerTube's `getCaptions()`: `{ id, label, src, mode }` for each, `id` the language code that
 * `setCaption` takes, `src` the caption file's absolute URL.
 * @param {HTMLVideoElement} video
 * @returns {{ id: string, label: string, src: string, mode: TextTrackMode }[]}
 */
export function captions (video) {
  return captionTracks(video).map(tr => ({ id: tr.srclang, label: tr.label, src: tr.src, mode: tr.track.mode }))
}
