// Pure rules of the social pages (no DOM): what a notification says and where it leads, and how
// far into a video a history entry stopped.

export const NEW_VIDEO_FROM_SUBSCRIPTION = 1
export const NEW_COMMENT_ON_MY_VIDEO = 2
export const COMMENT_MENTION = 11

/**
 * @typedef {{ id: number, name: string, displayName?: string, host?: string }} ActorRef
 * @typedef {{ id: number, uuid: string, shortUUID?: string, name: string, channel?: ActorRef }} VideoRef
 * @typedef {{ id: number, type: number, read: boolean, createdAt: string,
 *   video?: VideoRef | null, comment?: { id: number, threadId: number, account: ActorRef, video: VideoRef | null } }} UserNotification
 * @typedef {(text: string, vars?: Record<string, unknown>) => string} Translate
 */

/** @param {ActorRef | undefined} a */
function who (a) {
  return a?.displayName || a?.name || '?'
}

/** @param {VideoRef | null | undefined} v */
function watchHref (v) {
  return v ? `/w/${v.shortUUID ?? v.uuid}` : null
}

/**
 * What a notification says and the page it opens.
 * @param {UserNotification} n
 * @param {Translate} t
 * @returns {{ text: string, href: string | null }}
 */
export function describeNotification (n, t) {
  const video = n.video ?? n.comment?.video ?? null
  switch (n.type) {
    case NEW_VIDEO_FROM_SUBSCRIPTION:
      return { text: t('{channel} published a new video: {video}', { channel: who(video?.channel), video: video?.name ?? '' }), href: watchHref(video) }
    case NEW_COMMENT_ON_MY_VIDEO:
      return { text: t('{account} commented on your video {video}', { account: who(n.comment?.account), video: video?.name ?? '' }), href: watchHref(video) }
    case COMMENT_MENTION:
      return { text: t('{account} mentioned you on {video}', { account: who(n.comment?.account), video: video?.name ?? '' }), href: watchHref(video) }
    default:
      return { text: t('Something happened that this version cannot show'), href: watchHref(video) }
  }
}

/**
 * How much of a video a history entry watched, 0 to 100; 0 when the duration is unknown.
 * @param {number | undefined} currentTime seconds
 * @param {number | undefined} duration seconds
 */
export function watchedPercent (currentTime, duration) {
  if (!duration || !(currentTime > 0)) return 0
  return Math.min(100, Math.round(currentTime / duration * 100))
}

/**
 * What the bell shows for an unread count: nothing at 0, the number up to 99, then "99+".
 * @param {number} unread
 */
export function badge (unread) {
  if (!(unread > 0)) return ''
  return unread > 99 ? '99+' : String(unread)
}
