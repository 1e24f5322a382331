// Reporting a video to the moderators: a reason in words plus PeerTube's predefined reasons,
// sent as POST /api/v1/abuses. An instance without that endpoint gets a polite message.
import { api } from '../lib/api.js'
import { h, notice } from '../lib/dom.js'
import { t } from '../lib/i18n.js'
import { openDialog } from './dialog.js'

/** PeerTube's predefined reasons (their API names) and what a reader sees. */
const REASONS = () => /** @type {[string, string][]} */ ([
  ['violentOrRepulsive', t('Violent or repulsive')],
  ['hatefulOrAbusive', t('Hateful or abusive')],
  ['spamOrMisleading', t('Spam or misleading')],
  ['privacy', t('Privacy')],
  ['rights', t('Copyright')],
  ['serverRules', t('Breaks the instance\'s rules')],
  ['thumbnails', t('Thumbnail')],
  ['captions', t('Captions')]
])

/**
 * @param {any} v
 * @param {any} user null for a visitor, who is sent to log in first
 */
export function reportButton (v, user) {
  return h('button', {
    type: 'button',
    id: 'report',
    class: 'secondary',
    onclick: () => user ? openReport(v) : (location.href = `/login?next=${encodeURIComponent(location.pathname)}`)
  }, t('Report'))
}

/** @param {any} v */
function openReport (v) {
  const reason = h('textarea', { id: 'report-reason', name: 'reason', rows: 4, required: true, minlength: 2, maxlength: 3000 })
  const boxes = REASONS().map(([key, label]) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'predefinedReasons', value: key }), ' ', label))
  const status = h('div', { id: 'report-status' })
  const submit = h('button', { type: 'submit' }, t('Send the report'))
  const form = h('form', { class: 'form', id: 'report-form' },
    h('fieldset', { class: 'reasons' }, h('legend', {}, t('What is wrong?')), boxes),
    h('label', { for: 'report-reason' }, t('Tell the moderators more')), reason,
    status, submit)
  form.addEventListener('submit', async e => {
    e.preventDefault()
    notice(status, null)
    submit.disabled = true
    const predefinedReasons = boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value)
    try {
      await api('/abuses', { method: 'POST', json: { reason: reason.value, predefinedReasons, video: { id: v.id } } })
      form.replaceChildren(h('p', { class: 'notice success', role: 'status' }, t('Thank you. The moderators will look at your report.')))
    } catch (err) {
      submit.disabled = false
      const missing = err.status === 404 || err.status === 405 || err.status === 501
      notice(status, missing ? t('This instance does not take reports yet. Please contact its administrators.') : err.message)
    }
  })
  openDialog('report-dialog', t('Report this video'), form)
}
