// Shows markdown (lib/markdown.js's tree of allowed elements) as DOM: text nodes and setAttribute
// only, so nothing a user wrote is ever parsed as HTML. Timestamp links call `onSeek` instead of
// navigating.
import { markdownTree } from './markdown.js'

/**
 * @param {HTMLElement} el emptied, then filled
 * @param {string | null | undefined} text markdown
 * @param {{ timestamps?: boolean, onSeek?: (seconds: number) => void }} [options]
 */
export function renderMarkdown (el, text, { timestamps = false, onSeek } = {}) {
  el.replaceChildren(...markdownTree(text, { origin: location.origin, timestamps }).map(build))
  if (onSeek) {
    el.addEventListener('click', e => {
      const link = /** @type {Element} */ (e.target).closest?.('a[data-seek]')
      if (!link) return
      e.preventDefault()
      onSeek(Number(link.getAttribute('data-seek')))
    })
  }
  return el
}

/**
 * @param {import('./markdown.js').MdNode} node
 * @returns {Node}
 */
function build (node) {
  if (typeof node === 'string') return document.createTextNode(node)
  const el = document.createElement(node.tag)
  for (const [k, v] of Object.entries(node.attrs)) el.setAttribute(k, v)
  el.append(...node.children.map(build))
  return el
}
