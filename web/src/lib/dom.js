// Builds DOM from text only: user content never becomes markup, so a comment holding <script> stays text.
export function h (tag, attrs = {}, ...children) {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v == null || v === false) continue
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v)
    else if (k === 'class') el.className = v
    else if (k in el && typeof v !== 'string') el[k] = v
    else el.setAttribute(k, v === true ? '' : v)
  }
  append(el, children)
  return el
}

function append (el, children) {
  for (const c of children.flat()) {
    if (c == null || c === false) continue
    el.append(c instanceof Node ? c : document.createTextNode(String(c)))
  }
}

export function replace (el, ...children) {
  el.replaceChildren()
  append(el, children)
  return el
}

export function bytes (n) {
  if (n < 1e3) return `${n} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let i = -1
  do { n /= 1000; i++ } while (n >= 1000 && i < units.length - 1)
  return `${n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`
}

export function duration (seconds) {
  const s = Math.round(seconds)
  const mm = Math.floor(s / 60) % 60
  const ss = String(s % 60).padStart(2, '0')
  return s >= 3600 ? `${Math.floor(s / 3600)}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`
}

/** @type {Array<[Intl.RelativeTimeFormatUnit, number]>} */
const UNITS = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]]

/**
 * "3 days ago" / "il y a 3 jours", in the page's language with its plural rules.
 * @param {string | number | Date} iso
 */
export function ago (iso) {
  const seconds = (Date.now() - new Date(iso).getTime()) / 1000
  const format = new Intl.RelativeTimeFormat(document.documentElement.lang || 'en', { numeric: 'auto' })
  for (const [unit, size] of UNITS) {
    const n = Math.floor(seconds / size)
    if (n >= 1) return format.format(-n, unit)
  }
  return format.format(0, 'second')
}

export function notice (el, message, kind = 'error') {
  replace(el, message ? h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message) : null)
}

// An account's or channel's handle, name@host: what its page and the API take, ours or remote.
export function handleOf (actor) {
  return `${actor.name}@${actor.host}`
}
