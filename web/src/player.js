// The player for the watch and embed pages: hls.js with PeerTube's P2P loader, configured as
// PeerTube's player does (one measured exception below), so our viewers and PeerTube's share swarms. Every segment is checked
// against segments-sha256.json. Reports views and where the bytes came from to the server.
import './node-globals.js'
import Hls from 'hls.js'
import { Engine, initHlsJsPlayer } from '@peertube/p2p-media-loader-hlsjs'
import { segmentValidator } from './segment-validator.js'
import { api } from './lib/api.js'

const METRICS_EVERY_MS = 15_000

export async function startPlayer (video, v, overlay, { autoplay = true } = {}) {
  const stats = window.tandemStats = { p2p: 0, http: 0, uploaded: 0, peers: 0, rejected: 0, error: null }
  const playlist = v.streamingPlaylists[0]
  // Our own videos always get HLS: their web file is the upload, not yet prepared for browsers.
  if (!playlist && !v.isLocal && v.files?.length) return playWebVideo(video, v, overlay, stats, autoplay)
  if (!playlist) {
    stats.error = 'not-ready'
    overlay.textContent = v.state?.id === 7 ? 'This video could not be prepared for streaming.' : 'This video is still being prepared. Try again in a moment.'
    return stats
  }
  const withToken = await fileToken(v, playlist)
  const engine = new Engine({
    loader: {
      trackerAnnounce: v.trackerUrls.filter(u => u.startsWith('ws')),
      rtcConfig: { iceServers: [] },
      segmentValidator: segmentValidator(withToken(playlist.segmentsSha256Url)),
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
    segments: { swarmId: playlist.playlistUrl, forwardSegmentCount: 20 }
  })
  engine.on('piece_bytes_downloaded', (method, _segment, bytes) => { stats[method] = (stats[method] ?? 0) + bytes })
  engine.on('piece_bytes_uploaded', (_method, _segment, bytes) => { stats.uploaded += bytes })
  engine.on('peer_connect', () => { stats.peers++ })
  engine.on('peer_close', () => { stats.peers = Math.max(0, stats.peers - 1) })

  const hls = new Hls({ loader: engine.createLoaderClass() })
  initHlsJsPlayer({ on: (event, f) => video.addEventListener(event, f), media: video }, hls)
  // Errors hls.js recovers from are counted too: they explain a player that stalls without failing.
  stats.recovered = {}
  hls.on(Hls.Events.ERROR, (_e, data) => {
    if (data.fatal) stats.error = data.details
    else stats.recovered[data.details] = (stats.recovered[data.details] ?? 0) + 1
  })
  hls.attachMedia(video)
  hls.loadSource(playlist.playlistUrl)
  if (autoplay) video.play().catch(() => {})

  setInterval(() => {
    const total = stats.p2p + stats.http
    const ratio = total ? Math.round(100 * stats.p2p / total) : 0
    overlay.textContent = `peers ${stats.peers} · P2P ${(stats.p2p / 1e6).toFixed(1)} MB · HTTP ${(stats.http / 1e6).toFixed(1)} MB · ${ratio}% P2P`
  }, 1000)
  reportViews(video, v)
  reportMetrics(v, stats, hls)
  return stats
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
  if (autoplay) video.play().catch(() => {})
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

// Views are counted by the server after 10 s of playback (once per viewer per hour).
function reportViews (video, v) {
  setInterval(() => {
    if (video.paused) return
    post(`/api/v1/videos/${v.uuid}/views`, { currentTime: Math.floor(video.currentTime) })
  }, 5000)
}

// PeerTube's playback metrics: byte counts since the last report, so the admin can chart P2P's share.
function reportMetrics (v, stats, hls) {
  const sent = { p2p: 0, http: 0, uploaded: 0 }
  const flush = () => {
    const delta = { p2p: stats.p2p - sent.p2p, http: stats.http - sent.http, uploaded: stats.uploaded - sent.uploaded }
    if (!delta.p2p && !delta.http && !delta.uploaded) return
    Object.assign(sent, { p2p: stats.p2p, http: stats.http, uploaded: stats.uploaded })
    const level = hls.levels?.[hls.currentLevel]
    post('/api/v1/metrics/playback', {
      videoId: v.uuid,
      playerMode: 'p2p-media-loader',
      resolution: level?.height,
      fps: level?.frameRate ? Math.round(level.frameRate) : undefined,
      p2pEnabled: true,
      p2pPeers: stats.peers,
      resolutionChanges: 0,
      errors: stats.error ? 1 : 0,
      downloadedBytesP2P: delta.p2p,
      downloadedBytesHTTP: delta.http,
      uploadedBytesP2P: delta.uploaded
    }, true)
  }
  setInterval(flush, METRICS_EVERY_MS)
  addEventListener('pagehide', flush)
}

function post (url, body, keepalive = false) {
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), keepalive }).catch(() => {})
}
