// Administration: the sign-up requests waiting for a decision (PeerTube's
// /admin/moderation/registrations/list), accepted or rejected with an optional message the
// applicant receives by e-mail.
import { api } from '../lib/api.js'
import { h, replace, notice, ago } from '../lib/dom.js'
import { t, tn } from '../lib/i18n.js'

/** @param {HTMLElement} section */
export async function registrations (section) {
  const error = h('div')
  const { data, total } = await api('/users/registrations?count=100')
  const reload = () => registrations(section)
  replace(section, h('p', {}, tn(total, '{n} registration request', '{n} registration requests')), error,
    data.length === 0
      ? h('p', { class: 'muted' }, t('No registration requests.'))
      : h('ul', { class: 'registrations' }, data.map(r => row(r, error, reload))))
}

function row (r, error, reload) {
  const response = h('input', { name: 'moderationResponse', 'aria-label': t('Message to {username}', { username: r.username }), placeholder: t('Message (optional)') })
  const decide = (verb) => async () => {
    try {
      await api(`/users/registrations/${r.id}/${verb}`, { method: 'POST', json: { moderationResponse: response.value || null } })
      await reload()
    } catch (e) { notice(error, e.message) }
  }
  const remove = async () => {
    try {
      await api(`/users/registrations/${r.id}`, { method: 'DELETE' })
      await reload()
    } catch (e) { notice(error, e.message) }
  }
  const pending = r.state.id === 1
  return h('li', { class: 'card registration', 'data-username': r.username },
    h('p', {}, h('strong', {}, r.accountDisplayName), ` @${r.username} · ${r.email} · `, h('small', { class: 'muted' }, ago(r.createdAt))),
    h('p', { class: 'pre' }, r.registrationReason),
    pending
      ? h('div', { class: 'actions' }, response,
        h('button', { type: 'button', class: 'accept', onclick: decide('accept') }, t('Accept {username}', { username: r.username })),
        h('button', { type: 'button', class: 'danger', onclick: decide('reject') }, t('Reject {username}', { username: r.username })))
      : h('p', {}, h('span', { class: 'badge' }, r.state.id === 3 ? t('Accepted') : t('Rejected')),
        r.moderationResponse ? ` ${r.moderationResponse}` : '', ' ',
        h('button', { type: 'button', class: 'link', onclick: remove }, t('Delete this request'))))
}
