// Tells the server where a signed-in viewer stopped (PeerTube's PUT /videos/{id}/watching) when they
// pause or the video ends, which keeps their history and lets the next visit resume there. While
// the video plays, the player's own view reports (every 5 s) carry the position.
import { api } from './api.js'

/**
 * @param {HTMLVideoElement} video
 * @param {{ uuid: string }} v
 * @param {any} user only signed-in viewers have a history
 */
export function reportProgress (video, v, user) {
  if (!user || !video) return
  const send = () => {
    if (video.currentTime <= 0) return
    api(`/videos/${v.uuid}/watching`, { method: 'PUT', json: { currentTime: Math.floor(video.currentTime) } }).catch(() => {})
  }
  video.addEventListener('pause', send)
  video.addEventListener('ended', send)
}
