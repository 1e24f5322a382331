// PeerTube's player shortcuts as data: which key does what. Pure (no DOM), so node's tests cover it;
// the player (player-ui.js) applies the actions to the <video>.

/**
 * @typedef {{ type: 'toggle' } | { type: 'seekBy', seconds: number } | { type: 'seekTo', fraction: number }
 *   | { type: 'volumeBy', delta: number } | { type: 'fullscreen' } | { type: 'mute' } | { type: 'rateBy', delta: number }} Action
 */

/** Speeds offered in the menu and stepped through by `<` and `>`. */
export const RATES = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]

/**
 * The action for a key press, or null when the key is not a shortcut or the viewer is typing.
 * @param {{ key: string, ctrlKey?: boolean, metaKey?: boolean, altKey?: boolean }} event
 * @param {boolean} typing whether the focus is in a text field (input, textarea, select, contenteditable)
 * @returns {Action | null}
 */
export function shortcutFor (event, typing) {
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return null
  switch (event.key) {
    case ' ': case 'k': case 'K': return { type: 'toggle' }
    case 'j': case 'J': return { type: 'seekBy', seconds: -10 }
    case 'l': case 'L': return { type: 'seekBy', seconds: 10 }
    case 'ArrowLeft': return { type: 'seekBy', seconds: -5 }
    case 'ArrowRight': return { type: 'seekBy', seconds: 5 }
    case 'ArrowUp': return { type: 'volumeBy', delta: 0.1 }
    case 'ArrowDown': return { type: 'volumeBy', delta: -0.1 }
    case 'f': case 'F': return { type: 'fullscreen' }
    case 'm': case 'M': return { type: 'mute' }
    case '<': return { type: 'rateBy', delta: -1 }
    case '>': return { type: 'rateBy', delta: 1 }
  }
  if (/^[0-9]$/.test(event.key)) return { type: 'seekTo', fraction: Number(event.key) / 10 }
  return null
}

/**
 * The speed one step slower (-1) or faster (+1) than `rate` in RATES.
 * @param {number} rate
 * @param {number} step
 */
export function stepRate (rate, step) {
  let i = RATES.findIndex(r => r >= rate)
  if (i < 0) i = RATES.length - 1
  if (step < 0 && RATES[i] > rate) return RATES[Math.max(0, i - 1)]
  return RATES[Math.min(RATES.length - 1, Math.max(0, i + step))]
}

/**
 * A time within [0, duration].
 * @param {number} time
 * @param {number} duration
 */
export function clampTime (time, duration) {
  const end = Number.isFinite(duration) ? duration : time
  return Math.min(Math.max(0, time), end)
}
