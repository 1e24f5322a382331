// A modal <dialog> with a title and a close button; the browser gives it focus trapping and Escape.
import { h } from '../lib/dom.js'
import { t } from '../lib/i18n.js'

/**
 * Opens a dialog; it removes itself once closed.
 * @param {string} id
 * @param {string} title
 * @param {...(Node | string | null)} content
 * @returns {HTMLDialogElement}
 */
export function openDialog (id, title, ...content) {
  document.getElementById(id)?.remove()
  const headingId = `${id}-title`
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { id, class: 'watch-dialog', 'aria-labelledby': headingId },
    h('div', { class: 'dialog-head' },
      h('h2', { id: headingId }, title),
      h('button', { type: 'button', class: 'link close', 'aria-label': t('Close'), onclick: () => dialog.close() }, '✕')),
    ...content))
  dialog.addEventListener('close', () => dialog.remove())
  document.body.append(dialog)
  dialog.showModal()
  return dialog
}

/**
 * A read-only field with a button that copies its value.
 * @param {string} id
 * @param {string} label
 * @param {string} value
 * @param {boolean} [multiline]
 */
export function copyField (id, label, value, multiline = false) {
  const field = multiline
    ? h('textarea', { id, readonly: true, rows: 3 }, value)
    : h('input', { id, readonly: true, value })
  const copied = h('span', { class: 'muted', role: 'status' })
  const copy = h('button', {
    type: 'button',
    onclick: async () => {
      field.select()
      try {
        await navigator.clipboard.writeText(field.value)
        copied.textContent = t('Copied')
      } catch {
        copied.textContent = t('Press Ctrl+C to copy')
      }
    }
  }, t('Copy'))
  return h('div', { class: 'copy-field' },
    h('label', { for: id }, label),
    h('div', { class: 'copy-row' }, field, copy, copied))
}
