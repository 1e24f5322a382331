// Pure helpers of the moderation pages (no DOM): what a report is about, its state, and the
// query strings of the lists. Tested in node (web/test/moderation.test.mjs).

/** PeerTube's abuse states. */
export const ABUSE_STATES = /** @type {const} */ ({ pending: 1, rejected: 2, accepted: 3 })

/**
 * @typedef {{ name: string, host: string, displayName?: string }} AccountRef
 * @typedef {{ id?: number|null, uuid?: string|null, name?: string|null, deleted?: boolean }} AbuseVideo
 * @typedef {{ id?: number|null, text?: string|null, deleted?: boolean, video?: { uuid: string } | null }} AbuseComment
 * @typedef {{ id: number, reason: string, predefinedReasons: string[], reporterAccount: AccountRef | null,
 *   flaggedAccount: AccountRef | null, state: { id: number, label: string }, moderationComment: string | null,
 *   video: AbuseVideo | null, comment: AbuseComment | null, countMessages?: number, createdAt: string }} Abuse
 */

/**
 * What a report is about, for its row: a kind, a label and a link (null when the object is gone).
 * @param {Abuse} abuse
 * @returns {{ kind: 'video' | 'comment' | 'account', label: string, href: string | null }}
 */
export function abuseSubject (abuse) {
  if (abuse.video) {
    const uuid = abuse.video.uuid
    return { kind: 'video', label: abuse.video.name ?? '', href: uuid && !abuse.video.deleted ? `/videos/watch/${uuid}` : null }
  }
  if (abuse.comment) {
    const uuid = abuse.comment.video?.uuid
    return { kind: 'comment', label: abuse.comment.text ?? '', href: uuid && !abuse.comment.deleted ? `/videos/watch/${uuid}` : null }
  }
  const a = abuse.flaggedAccount
  return { kind: 'account', label: a ? `${a.name}@${a.host}` : '', href: a ? `/a/${a.name}@${a.host}` : null }
}

/**
 * Whether a moderator can still block the video a report names.
 * @param {Abuse} abuse
 */
export function canBlockVideo (abuse) {
  return Boolean(abuse.video?.uuid && !abuse.video.deleted)
}

/**
 * The reason a video block carries when it comes from a report: the report's reason, cut to the
 * blocklist's 300 characters.
 * @param {Abuse} abuse
 */
export function blockReason (abuse) {
  const r = abuse.reason.trim()
  return r.length <= 300 ? r : `${r.slice(0, 299)}…`
}

/**
 * A query string from filters, leaving out empty ones.
 * @param {Record<string, string | number | boolean | null | undefined>} filters
 */
export function queryString (filters) {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(filters)) if (v !== '' && v != null) q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}

/**
 * A host as users type it (an URL or a handle's end is accepted), lower-cased; null when it is none.
 * @param {string} text
 */
export function hostOf (text) {
  const s = text.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^.*@/, '')
  return /^[a-z0-9.-]+(:\d{1,5})?$/.test(s) ? s : null
}
