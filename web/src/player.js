// The player for the watch and embed pages: hls.js with PeerTube's P2P loader, configured as
// PeerTube's player does (one measured exception below), so our viewers and PeerTube's share swarms. Every segment is checked
// against segments-sha256.json. HTTP segments come from the origin or its mirrors (mirror-hooks.js).
// Reports views and where the bytes came from to the server. With P2P off (the viewer's or the
// instance's choice, lib/p2p-policy.js) it is hls.js alone over HTTP: no loader, no tracker socket.
// The controls around the <video> are player-ui.js's.
import './node-globals.js'
import Hls from 'hls.js'
import { Engine, initHlsJsPlayer } from '@peertube/p2p-media-loader-hlsjs'
import { segmentValidator } from './segment-validator.js'
import { api } from './lib/api.js'
import { serverConfig } from './lib/server-config.js'
import { Sources, directoryOf, fileNameOf, hostOf } from './lib/sources.js'
import { mirrorHooks } from './mirror-hooks.js'
import { t } from './lib/i18n.js'
import { session } from './lib/session.js'

const METRICS_EVERY_MS = 15_000

/**
 * @typedef {{ stats: any, hls: Hls | null, sources: Sources | null }} Playback
 */

/**
 * Starts playing `v` in `video`; `overlay` receives the "stats for nerds" text every second.
 * @param {HTMLVideoElement} video
 * @param {any} v the API's video
 * @param {HTMLElement} overlay
 * @param {{ autoplay?: boolean, p2p?: boolean, startAt?: number }} [options]
 * @returns {Promise<Playback>}
 */
export async function startPlayer (video, v, overlay, { autoplay = true, p2p = true, startAt = 0 } = {}) {
  /** @type {any} */
  const stats = /** @type {any} */ (window).tandemStats = { p2p: 0, http: 0, uploaded: 0, peers: 0, rejected: 0, error: null, p2pEnabled: p2p }
  if (startAt > 0) video.addEventListener('loadedmetadata', () => { video.currentTime = startAt }, { once: true })
  const playlist = v.streamingPlaylists[0]
  // Our own videos always get HLS: their web file is the upload, not yet prepared for browsers.
  if (!playlist && !v.isLocal && v.files?.length) return { stats: playWebVideo(video, v, overlay, stats, autoplay), hls: null, sources: null }
  if (!playlist) {
    stats.error = 'not-ready'
    overlay.hidden = false
    overlay.textContent = v.state?.id === 7 ? t('This video could not be prepared for streaming.') : t('This video is still being prepared. Try again in a moment.')
    return { stats, hls: null, sources: null }
  }
  const [withToken, settings] = await Promise.all([fileToken(v, playlist), mirrorSettings()])
  const { sources, swarmId } = sourcesOf(v, playlist, settings)
  stats.sources = sources.all
  stats.swarmId = swarmId
  const hooks = mirrorHooks(sources, segmentValidator(withToken(playlist.segmentsSha256Url)), stats)
  const masters = masterFallbacks(playlist.playlistUrl, sources, stats)
  const hls = p2p ? p2pHls(video, v, swarmId, hooks, masters, stats) : httpHls(masters, stats)
  // Errors hls.js recovers from are counted too: they explain a player that stalls without failing.
  stats.recovered = {}
  hls.on(Hls.Events.ERROR, (_e, data) => {
    if (data.fatal && masters.retry(hls, data)) return
    if (data.fatal) stats.error = data.details
    else stats.recovered[data.details] = (stats.recovered[data.details] ?? 0) + 1
  })
  hls.attachMedia(video)
  hls.loadSource(playlist.playlistUrl)
  if (autoplay) play(video)

  setInterval(() => { overlay.textContent = statsLine(stats, sources, hls, video) }, 1000)
  reportViews(video, v)
  reportMetrics(v, stats, hls, sources)
  return { stats, hls, sources }
}

/** Plays, muted if the browser refuses sound without a gesture first. */
function play (video) {
  video.play().catch(() => {
    video.muted = true
    video.play().catch(() => {})
  })
}

/** The "stats for nerds" line: peers, bytes by way, HTTP sources, picture height, seconds buffered. */
function statsLine (stats, sources, hls, video) {
  const total = stats.p2p + stats.http
  const ratio = total ? Math.round(100 * stats.p2p / total) : 0
  const level = hls.levels?.[hls.currentLevel]
  const buffered = video.buffered.length ? Math.max(0, video.buffered.end(video.buffered.length - 1) - video.currentTime) : 0
  return (stats.p2pEnabled ? `peers ${stats.peers} · P2P ${(stats.p2p / 1e6).toFixed(1)} MB · ` : 'P2P off · ') +
    `HTTP ${(stats.http / 1e6).toFixed(1)} MB · ${ratio}% P2P` +
    (sources.all.length > 1 ? ` · HTTP from ${sources.summary()}` : '') +
    ` · ${level?.height ?? video.videoHeight}p · buffer ${buffered.toFixed(1)} s`
}

// P2P off: hls.js fetches everything over HTTP itself; the bytes are counted for the stats and metrics.
function httpHls (masters, stats) {
  const hls = new Hls({ xhrSetup: (xhr, url) => masters.xhrSetup(xhr, url) })
  hls.on(Hls.Events.FRAG_LOADED, (_e, data) => { stats.http += data.frag.stats.loaded || data.payload?.byteLength || 0 })
  return hls
}

function p2pHls (video, v, swarmId, hooks, masters, stats) {
  const engine = /** @type {any} */ (new Engine({
    loader: {
      trackerAnnounce: v.trackerUrls.filter(u => u.startsWith('ws')),
      rtcConfig: { iceServers: [] },
      // The sha256 file always comes from the API's segmentsSha256Url: a mirror must not vouch for its own bytes.
      segmentValidator: hooks.segmentValidator,
      segmentUrlBuilder: hooks.segmentUrlBuilder,
      skipSegmentBuilderPriority: hooks.skipSegmentBuilderPriority,
      xhrSetup: (xhr, url) => { hooks.xhrSetup(xhr, url); masters.xhrSetup(xhr, url) },
      simultaneousHttpDownloads: 1,
      httpFailedSegmentTimeout: 1000,
      // PeerTube's VOD player uses 3: the next four segments always come over HTTP, which is what a
      // newcomer fetches while its peer connections are still opening. With 1 (the loader's default)
      // bench/p2p-offload.sh measured 69.9 % of bytes from peers instead of 64.9 % (ceiling 75 %),
      // and no viewer stalled: playback still falls back to HTTP for the segment it needs next.
      requiredSegmentsPriority: 1,
      httpDownloadMaxPriority: 9,
      httpDownloadProbability: 0.06,
      httpDownloadProbabilitySkipIfNoPeers: true,
      p2pDownloadMaxPriority: 50,
      cachedSegmentsCount: 100,
      cachedSegmentExpiration: 24 * 3600 * 1000
    },
    segments: { swarmId, forwardSegmentCount: 20 }
  }))
  engine.on('piece_bytes_downloaded', (method, _segment, bytes) => { stats[method] = (stats[method] ?? 0) + bytes })
  engine.on('piece_bytes_uploaded', (_method, _segment, bytes) => { stats.uploaded += bytes })
  engine.on('peer_connect', () => { stats.peers++ })
  engine.on('peer_close', () => { stats.peers = Math.max(0, stats.peers - 1) })

  const hls = new Hls({ loader: engine.createLoaderClass() })
  initHlsJsPlayer({ on: (event, f) => video.addEventListener(event, f), media: video }, hls)
  return hls
}

// An instance without HLS (PeerTube with web videos only) offers progressive MP4s: the browser plays
// one as it is, from its origin, without P2P (PeerTube's own player has had none for them since 6.0).
// The highest resolution up to 720p, as a first choice that most connections can carry.
function playWebVideo (video, v, overlay, stats, autoplay) {
  const files = [...v.files].sort((a, b) => b.resolution.id - a.resolution.id)
  const withPicture = files.filter(f => f.resolution.id > 0)
  const file = withPicture.find(f => f.resolution.id <= 720) ?? withPicture.at(-1) ?? files[0]
  stats.mode = 'web-video'
  video.addEventListener('error', () => { stats.error = video.error?.message || `media error ${video.error?.code}` })
  video.src = file.fileUrl
  if (autoplay) play(video)
  overlay.textContent = `${file.resolution.label} from ${new URL(file.fileUrl).host} · no P2P for this video`
  reportViews(video, v)
  return stats
}

// A private video's files need the owner's file token (PeerTube's videoFileToken), because media
// requests carry no Authorization header. The swarm id stays the bare playlist URL.
async function fileToken (v, playlist) {
  if (!playlist.playlistUrl.includes('/private/')) return url => url
  const { files } = await api(`/videos/${v.uuid}/token`, { method: 'POST' })
  const folder = new URL('.', playlist.playlistUrl).href
  const withToken = url => !new URL(url, location.href).href.startsWith(folder) || url.includes('videoFileToken=')
    ? url : `${url}${url.includes('?') ? '&' : '?'}videoFileToken=${encodeURIComponent(files.token)}`
  // hls.js and the P2P loader each open their own requests for playlists, init segments and byte
  // ranges (and drop query strings when resolving relative URLs): adding the token where requests
  // are opened covers them all, for this video's folder only.
  const open = XMLHttpRequest.prototype.open
  XMLHttpRequest.prototype.open = function (method, url, ...rest) { return open.call(this, method, withToken(String(url)), ...rest) }
  return withToken
}

// Where HTTP segments may come from: the origin's directory, then the mirrors' (PeerTube's
// redundancies). While a remote video's origin is down, the API's playlistUrl is a mirror's master
// standing in; the files keep their origin URLs, which name the origin's directory and so the swarm
// id (the origin's master URL) that everyone else is in. Otherwise the playlistUrl is that id, as
// PeerTube's players take it.
function sourcesOf (v, playlist, settings) {
  const down = v.originStatus?.reachable === false
  const originDir = directoryOf(down && playlist.files?.[0]?.fileUrl ? playlist.files[0].fileUrl : playlist.playlistUrl)
  const mirrors = (playlist.redundancies ?? []).map(r => r.baseUrl).filter(Boolean)
  const sources = new Sources({ origin: originDir, mirrors: [directoryOf(playlist.playlistUrl), ...mirrors], ...settings })
  if (down) sources.failed(sources.origin, 'origin unreachable')
  return { sources, swarmId: `${originDir}/${fileNameOf(playlist.playlistUrl)}` }
}

// The origin's choices for its players (/api/v1/config's Tandem extension); defaults if it has none.
async function mirrorSettings () {
  const mirrors = (await serverConfig())?.tandem?.mirrors ?? {}
  return { preference: mirrors.originPreference, firstByteTimeoutMs: mirrors.firstByteTimeoutMs }
}

// When the master playlist does not load from where the API says (down, hung, erroring), each other
// source's copy is tried in turn (same file name, another directory). The swarm id stays the origin's
// playlist URL, so the viewer stays in the swarm of everyone else. A master with no first byte in time is abandoned.
function masterFallbacks (playlistUrl, sources, stats) {
  let current = playlistUrl
  const candidates = sources.alive().map(s => `${s.base}/${fileNameOf(playlistUrl)}`).filter(u => u !== current)
  return {
    xhrSetup (xhr, url) {
      if (url !== current || !candidates.length) return
      const timer = setTimeout(() => { if (xhr.readyState < 3) xhr.abort() }, sources.firstByteTimeoutMs)
      xhr.addEventListener('readystatechange', () => { if (xhr.readyState >= 3) clearTimeout(timer) })
    },
    retry (hls, data) {
      if (!/^manifest(Load|Parsing)/.test(data.details) || !candidates.length) return false
      sources.failed(sources.sourceOf(current), `master playlist: ${data.details}`)
      current = candidates.shift()
      stats.masterFrom = hostOf(current)
      hls.loadSource(current)
      return true
    }
  }
}

// Views are counted by the server after 10 s of playback (once per viewer per hour).
function reportViews (video, v) {
  setInterval(() => {
    if (video.paused) return
    // Signed in, the same call records the user's history (where to resume), as PeerTube's.
    post(`/api/v1/videos/${v.uuid}/views`, { currentTime: Math.floor(video.currentTime) }, false, session.authHeader())
  }, 5000)
}

// PeerTube's playback metrics: byte counts since the last report, so the admin can chart P2P's share.
// `tandemSources` (ours) tells the origin how many bytes each HTTP source carried for it.
function reportMetrics (v, stats, hls, sources) {
  const sent = { p2p: 0, http: 0, uploaded: 0 }
  const flush = () => {
    const delta = { p2p: stats.p2p - sent.p2p, http: stats.http - sent.http, uploaded: stats.uploaded - sent.uploaded }
    if (!delta.p2p && !delta.http && !delta.uploaded) return
    Object.assign(sent, { p2p: stats.p2p, http: stats.http, uploaded: stats.uploaded })
    const perSource = sources.takeByteCounts()
    const level = hls.levels?.[hls.currentLevel]
    post('/api/v1/metrics/playback', {
      videoId: v.uuid,
      playerMode: 'p2p-media-loader',
      resolution: level?.height,
      fps: level?.frameRate ? Math.round(level.frameRate) : undefined,
      p2pEnabled: stats.p2pEnabled,
      p2pPeers: stats.peers,
      resolutionChanges: 0,
      errors: stats.error ? 1 : 0,
      downloadedBytesP2P: delta.p2p,
      downloadedBytesHTTP: delta.http,
      uploadedBytesP2P: delta.uploaded,
      ...(perSource.length ? { tandemSources: perSource } : {})
    }, true)
  }
  setInterval(flush, METRICS_EVERY_MS)
  addEventListener('pagehide', flush)
}

function post (url, body, keepalive = false, headers = {}) {
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body), keepalive }).catch(() => {})
}
