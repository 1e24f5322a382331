// The quality menu's entries from hls.js's levels: Auto, then each rendition from the highest.
// Pure, for the player's menu, the embed API's getResolutions and node's tests.

/**
 * @typedef {{ id: number, label: string, height: number, width?: number }} Quality  id -1 is Auto, else the hls.js level index
 */

/**
 * @param {Array<{ height: number, width?: number }>} levels hls.js's `hls.levels`
 * @param {string} autoLabel
 * @returns {Quality[]}
 */
export function qualities (levels, autoLabel) {
  const list = levels.map((l, i) => ({ id: i, label: l.height ? `${l.height}p` : `#${i + 1}`, height: l.height, width: l.width }))
    .sort((a, b) => b.height - a.height)
  return [{ id: -1, label: autoLabel, height: 0 }, ...list]
}

/**
 * The next video to offer at the end: the first one that is not this one.
 * @template {{ uuid: string }} V
 * @param {V[]} candidates
 * @param {string} currentUuid
 * @returns {V | null}
 */
export function nextVideo (candidates, currentUuid) {
  return candidates.find(c => c.uuid !== currentUuid) ?? null
}
