// Watch page: hls.js with PeerTube's P2P loader, configured as PeerTube's player does, so our
// viewers and PeerTube's share swarms. The overlay shows where the bytes came from.
import './node-globals.js'
import Hls from 'hls.js'
import { Engine, initHlsJsPlayer } from '@peertube/p2p-media-loader-hlsjs'
import { segmentValidator } from './segment-validator.js'

const stats = window.tandemStats = { p2p: 0, http: 0, peers: 0, rejected: 0, error: null }
const video = document.getElementById('video')
const id = location.pathname.split('/').pop()
const res = await fetch(`/api/v1/videos/${id}`)
if (!res.ok) {
  document.getElementById('title').textContent = 'Video not found'
  throw new Error(`video ${id}: ${res.status}`)
}
const v = await res.json()
document.title = `${v.name} - Tandem`
document.getElementById('title').textContent = v.name
document.getElementById('meta').textContent = `${v.channel.displayName} · ${v.views} views · ${v.likes} likes`
document.getElementById('description').textContent = v.description ?? ''

const playlist = v.streamingPlaylists[0]
const engine = new Engine({
  loader: {
    trackerAnnounce: v.trackerUrls.filter(u => u.startsWith('ws')),
    rtcConfig: { iceServers: [] },
    segmentValidator: segmentValidator(playlist.segmentsSha256Url),
    simultaneousHttpDownloads: 1,
    httpFailedSegmentTimeout: 1000,
    requiredSegmentsPriority: 3,
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
engine.on('peer_connect', () => { stats.peers++ })
engine.on('peer_close', () => { stats.peers = Math.max(0, stats.peers - 1) })

const hls = new Hls({ loader: engine.createLoaderClass() })
initHlsJsPlayer({ on: (event, f) => video.addEventListener(event, f), media: video }, hls)
hls.on(Hls.Events.ERROR, (_e, data) => { if (data.fatal) stats.error = data.details })
hls.attachMedia(video)
hls.loadSource(playlist.playlistUrl)
video.play().catch(() => {})

const overlay = document.getElementById('p2p')
setInterval(() => {
  const total = stats.p2p + stats.http
  const ratio = total ? Math.round(100 * stats.p2p / total) : 0
  overlay.textContent = `peers ${stats.peers} · P2P ${(stats.p2p / 1e6).toFixed(1)} MB · HTTP ${(stats.http / 1e6).toFixed(1)} MB · ${ratio}% P2P`
}, 1000)

// Views are counted by the server after 10 s of playback (once per viewer per hour).
setInterval(() => {
  if (video.paused) return
  fetch(`/api/v1/videos/${v.uuid}/views`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ currentTime: Math.floor(video.currentTime) })
  }).catch(() => {})
}, 5000)
