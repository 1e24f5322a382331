// Where playback resumes: the signed-in user's history (the video's `userHistory.currentTime`, as
// PeerTube), else this browser's last position for the video. Pure; the player stores and reads.

export const RESUME_PREFIX = 'tandem-resume:'
/** Positions this close to the start or the end are not worth resuming. */
const MARGIN_S = 5

/**
 * The position to start at, or 0.
 * @param {{ historyTime?: number | null, storedTime?: number | null, duration?: number | null }} where
 */
export function resumeTime ({ historyTime, storedTime, duration }) {
  const t = Number(historyTime ?? storedTime ?? 0)
  if (!Number.isFinite(t) || t < MARGIN_S) return 0
  if (duration && t > duration - MARGIN_S) return 0
  return Math.floor(t)
}

/**
 * The `start` query parameter of an embed or watch link ("30", "1m30s", "1h2m3s"), in seconds; null if absent or unreadable.
 * @param {string | null} value
 */
export function parseStart (value) {
  if (!value) return null
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value)
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value)
  if (!m || !m[0]) return null
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)
}
