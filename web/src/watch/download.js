// Downloads, when the uploader allows them: each file at PeerTube's /download/… address, with its
// resolution and size. A <details> disclosure: no script needed to open it, keyboard-friendly.
import { h, bytes } from '../lib/dom.js'
import { t } from '../lib/i18n.js'
import { downloads } from '../lib/share.js'

/**
 * The download disclosure, or null when the video may not be downloaded.
 * @param {any} v
 */
export function downloadMenu (v) {
  const files = downloads(v)
  if (!files.length) return null
  return h('details', { class: 'download', id: 'download' },
    h('summary', { class: 'button secondary' }, t('Download')),
    h('ul', { class: 'download-list' }, files.map(f => h('li', {},
      h('a', { href: f.url, download: '' }, f.label || t('Audio only')),
      ' ', h('small', {}, f.kind === 'hls' ? t('{size}, fragmented MP4', { size: bytes(f.size) }) : bytes(f.size))))))
}
