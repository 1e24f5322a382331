// Playing a playlist on the watch page, as PeerTube's /w/p/{playlist}?playlistPosition=N: which
// playlist a path names, which element a position plays, the ones before and after it, and their
// URLs. Pure (no DOM), tested in node.

/** @typedef {{ id: number, position: number, video: any }} PlaylistElement PeerTube's video playlist element */

/**
 * The playlist a watch path names (`/w/p/{id}` or `/videos/watch/playlist/{id}`), or null.
 * @param {string} pathname
 * @returns {string | null}
 */
export function playlistInPath (pathname) {
  const m = /^\/(?:w\/p|videos\/watch\/playlist)\/([^/]+)\/?$/.exec(pathname)
  return m ? decodeURIComponent(m[1]) : null
}

/**
 * `?playlistPosition=` as a position (1-based); 1 when absent or unreadable, as PeerTube.
 * @param {string | null} param
 * @returns {number}
 */
export function positionParam (param) {
  const n = Number(param)
  return Number.isInteger(n) && n >= 1 ? n : 1
}

/**
 * The element to play for `position`: that one, or when its video is gone (deleted, hidden) the next
 * playable one; the last playable one when the position is past the end.
 * @template {{ position: number, video: object | null }} E
 * @param {E[]} elements in any order
 * @param {number} position
 * @returns {E | null}
 */
export function elementAt (elements, position) {
  const playable = sorted(elements).filter(e => e.video)
  return playable.find(e => e.position >= position) ?? playable.at(-1) ?? null
}

/**
 * The element after `position` whose video can be played (a removed or hidden one is skipped).
 * @template {{ position: number, video: object | null }} E
 * @param {E[]} elements in any order
 * @param {number} position
 * @returns {E | null}
 */
export function nextInPlaylist (elements, position) {
  return sorted(elements).find(e => e.position > position && e.video) ?? null
}

/**
 * The playable element before `position`.
 * @template {{ position: number, video: object | null }} E
 * @param {E[]} elements in any order
 * @param {number} position
 * @returns {E | null}
 */
export function previousInPlaylist (elements, position) {
  return sorted(elements).findLast(e => e.position < position && e.video) ?? null
}

/**
 * The watch URL of a playlist's element, PeerTube's form.
 * @param {{ shortUUID?: string, uuid: string }} playlist
 * @param {number} position
 */
export function playlistWatchUrl (playlist, position) {
  return `/w/p/${encodeURIComponent(playlist.shortUUID ?? playlist.uuid)}?playlistPosition=${position}`
}

/**
 * @template {{ position: number }} E
 * @param {E[]} elements
 * @returns {E[]}
 */
function sorted (elements) {
  return [...elements].sort((a, b) => a.position - b.position)
}
