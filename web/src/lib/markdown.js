// Markdown for descriptions and comments, made safe by construction: markdown-it parses the text
// (raw HTML off, so `<script>` stays text) and this module turns its tokens into a small tree of
// allowed elements — never an HTML string. The page builds DOM from that tree with text nodes and
// setAttribute (watch/markdown-view.js), so no markup written by a user is ever parsed by the
// browser, and DOMPurify has nothing left to clean. What may come out is a short allowlist:
// paragraphs, emphasis, lists, code, quotes, links to http(s)/mailto/this instance; no images (they
// would tell a stranger's server who watches), no attributes beyond href/rel/target/start.
// Timestamps like 1:23 in comments become links that seek the player, as on PeerTube.
import MarkdownIt from 'markdown-it'

/** @typedef {{ tag: string, attrs: Record<string, string>, children: MdNode[] }} MdElement */
/** @typedef {string | MdElement} MdNode */

const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false })
// Images load from anywhere; tables and headings have no place in a comment under a video.
md.disable(['image', 'table', 'heading', 'lheading'])
// Links whose scheme is not allowed stay text instead of becoming dead or dangerous anchors.
md.validateLink = url => safeHref(url, 'https://example.invalid') !== null

const SCHEMES = new Set(['http:', 'https:', 'mailto:'])
// Token tag → element we build; anything else is unwrapped (its text kept, its tag dropped).
const TAGS = new Set(['p', 'em', 'strong', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'br', 'hr'])
const TIMESTAMP = /\b(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)\b/g

/**
 * A link target we accept, resolved against the instance, or null. The URL parser has the last
 * word: it lowercases the scheme and drops the tabs and newlines browsers ignore, so
 * `JaVaScRiPt:` and `java\tscript:` are seen for what they are.
 * @param {string} raw
 * @param {string} origin e.g. https://videos.example
 * @returns {{ href: string, external: boolean } | null}
 */
export function safeHref (raw, origin) {
  let url
  try { url = new URL(String(raw).trim(), origin) } catch { return null }
  if (!SCHEMES.has(url.protocol)) return null
  if (url.protocol !== 'mailto:' && (url.username || url.password)) return null
  return { href: url.href, external: url.origin !== new URL(origin).origin }
}

/**
 * Seconds in a "1:23" or "1:02:03" timestamp.
 * @param {string} text
 */
export function timestampSeconds (text) {
  const parts = text.split(':').map(Number)
  return parts.reduce((total, p) => total * 60 + p, 0)
}

/**
 * Markdown → a tree of allowed elements and text.
 * @param {string | null | undefined} text
 * @param {{ origin: string, timestamps?: boolean }} options `origin`: this instance (links elsewhere
 *   open in a new tab with rel="noopener noreferrer nofollow"); `timestamps`: make 1:23 seek links
 * @returns {MdNode[]}
 */
export function markdownTree (text, { origin, timestamps = false }) {
  /** @type {MdElement} */
  const root = { tag: '', attrs: {}, children: [] }
  /** @type {MdElement[]} */
  const stack = [root]
  const top = () => stack[stack.length - 1]
  let inLink = 0
  const addText = (/** @type {string} */ s) => {
    if (!s) return
    if (!timestamps || inLink) { top().children.push(s); return }
    top().children.push(...withTimestamps(s))
  }
  /** @param {import('markdown-it').Token[]} tokens */
  const walk = tokens => {
    for (const tok of tokens) {
      if (tok.type === 'inline') { walk(tok.children ?? []); continue }
      if (tok.nesting === 1) {
        const el = open(tok, origin)
        if (el.tag === 'a') inLink++
        top().children.push(el)
        stack.push(el)
      } else if (tok.nesting === -1) {
        const el = stack.pop()
        if (el?.tag === 'a') inLink--
      } else if (tok.type === 'text') {
        addText(tok.content)
      } else if (tok.type === 'code_inline') {
        top().children.push(element('code', {}, [tok.content]))
      } else if (tok.type === 'code_block' || tok.type === 'fence') {
        top().children.push(element('pre', {}, [element('code', {}, [tok.content])]))
      } else if (tok.type === 'softbreak' || tok.type === 'hardbreak') {
        top().children.push(element('br'))
      } else if (tok.type === 'hr') {
        top().children.push(element('hr'))
      } else if (tok.content) {
        // html_inline/html_block cannot occur with html off; anything unforeseen is shown as text.
        addText(tok.content)
      }
    }
  }
  walk(md.parse(String(text ?? ''), {}))
  return flatten(root.children)
}

/**
 * The element for an opening token; a disallowed one (or a link to a refused target) becomes a
 * wrapper with no tag, which `flatten` removes, keeping its children.
 * @param {import('markdown-it').Token} tok
 * @param {string} origin
 * @returns {MdElement}
 */
function open (tok, origin) {
  if (tok.hidden || !TAGS.has(tok.tag)) return element('')
  if (tok.tag === 'a') {
    const target = safeHref(String(tok.attrGet('href') ?? ''), origin)
    if (!target) return element('')
    return element('a', target.external
      ? { href: target.href, rel: 'noopener noreferrer nofollow', target: '_blank' }
      : { href: target.href })
  }
  if (tok.tag === 'ol') {
    const start = Number(tok.attrGet('start'))
    return element('ol', Number.isInteger(start) && start > 1 ? { start: String(start) } : {})
  }
  return element(tok.tag)
}

/**
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {MdNode[]} [children]
 * @returns {MdElement}
 */
function element (tag, attrs = {}, children = []) {
  return { tag, attrs, children }
}

/**
 * Text with its timestamps turned into seek links (`data-seek` holds the seconds).
 * @param {string} s
 * @returns {MdNode[]}
 */
function withTimestamps (s) {
  /** @type {MdNode[]} */
  const out = []
  let last = 0
  for (const m of s.matchAll(TIMESTAMP)) {
    const seconds = timestampSeconds(m[0])
    out.push(s.slice(last, m.index ?? 0))
    out.push(element('a', { href: `?start=${seconds}`, 'data-seek': String(seconds), class: 'timestamp' }, [m[0]]))
    last = (m.index ?? 0) + m[0].length
  }
  out.push(s.slice(last))
  return out.filter(n => n !== '')
}

/**
 * Removes tagless wrappers, keeping their children in place, and joins neighbouring text.
 * @param {MdNode[]} nodes
 * @returns {MdNode[]}
 */
function flatten (nodes) {
  /** @type {MdNode[]} */
  const out = []
  for (const n of nodes) {
    const items = typeof n === 'string' ? [n] : n.tag ? [{ ...n, children: flatten(n.children) }] : flatten(n.children)
    for (const item of items) {
      if (typeof item === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += item
      else out.push(item)
    }
  }
  return out
}

/**
 * The tree as HTML, for tests and for anything that must show it as markup: every text escaped,
 * attributes from the allowlist only.
 * @param {MdNode[]} nodes
 * @returns {string}
 */
export function treeToHtml (nodes) {
  return nodes.map(n => {
    if (typeof n === 'string') return escape(n)
    const attrs = Object.entries(n.attrs).map(([k, v]) => ` ${k}="${escape(v)}"`).join('')
    if (n.tag === 'br' || n.tag === 'hr') return `<${n.tag}>`
    return `<${n.tag}${attrs}>${treeToHtml(n.children)}</${n.tag}>`
  }).join('')
}

/** @param {string} s */
function escape (s) {
  return s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}
