// The share dialog: the video's link (optionally from the current time), the embed code, and a QR
// code of the link for a phone. The QR library loads only when someone opens the dialog.
import { h, duration } from '../lib/dom.js'
import { t } from '../lib/i18n.js'
import { shareLink, embedCode } from '../lib/share.js'
import { openDialog, copyField } from './dialog.js'

/**
 * @param {any} v the video
 * @param {() => number} currentTime the player's position, in seconds
 */
export function shareButton (v, currentTime) {
  return h('button', { type: 'button', id: 'share', class: 'secondary', onclick: () => openShare(v, currentTime()) }, t('Share'))
}

/**
 * @param {any} v
 * @param {number} now
 */
async function openShare (v, now) {
  const origin = location.origin
  const startBox = h('input', { type: 'checkbox', id: 'share-start' })
  const linkField = copyField('share-link', t('Link'), shareLink(v, origin))
  const embedField = copyField('share-embed', t('Embed code'), embedCode(v, origin), true)
  const canvas = /** @type {HTMLCanvasElement} */ (h('canvas', { id: 'share-qr', role: 'img', 'aria-label': t('QR code of the link') }))
  const drawQr = async (/** @type {string} */ text) => {
    const { default: QRCode } = await import('qrcode')
    await QRCode.toCanvas(canvas, text, { width: 180, margin: 1 })
  }
  const linkInput = /** @type {HTMLInputElement} */ (linkField.querySelector('input'))
  const embedText = /** @type {HTMLTextAreaElement} */ (embedField.querySelector('textarea'))
  const update = () => {
    const start = startBox.checked ? now : null
    const link = shareLink(v, origin, start)
    linkInput.value = link
    embedText.value = embedCode(v, origin, start)
    drawQr(link).catch(() => canvas.replaceWith(h('p', { class: 'muted' }, t('The QR code could not be drawn.'))))
  }
  startBox.addEventListener('change', update)
  openDialog('share-dialog', t('Share this video'),
    h('label', { class: 'check', for: 'share-start' }, startBox, ' ', t('Start at {time}', { time: duration(now) })),
    linkField, embedField,
    h('div', { class: 'qr' }, canvas))
  update()
}
