// The signed-in user's own reports, at PeerTube's URL /my-account/abuses: what each names, its state,
// the moderators' note, and the conversation with the moderators about it.
import { api } from '../lib/api.js'
import { h, replace, ago } from '../lib/dom.js'
import { t, tn } from '../lib/i18n.js'
import { abuseSubject, queryString, ABUSE_STATES } from '../lib/moderation.js'
import { abuseThread } from '../lib/abuse-thread.js'

/** @typedef {import('../lib/moderation.js').Abuse} Abuse */

/**
 * @param {HTMLElement} main
 * @param {{ user: any }} params
 */
export async function render (main, { user }) {
  document.title = `${t('My reports')} - Tandem`
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  const body = h('section', { id: 'my-abuses' })
  replace(main, h('h1', {}, t('My reports')),
    h('p', { class: 'muted' }, t('The reports you made, what the moderators decided, and your conversation with them.')), body)
  await list(body, user, '')
}

/**
 * @param {HTMLElement} section
 * @param {any} user
 * @param {string} state '' for all, else an id of ABUSE_STATES
 */
async function list (section, user, state) {
  const filter = h('select', { id: 'my-abuse-state' },
    [['', t('All reports')], [String(ABUSE_STATES.pending), t('Pending')], [String(ABUSE_STATES.accepted), t('Accepted')],
      [String(ABUSE_STATES.rejected), t('Rejected')]].map(([v, label]) => h('option', { value: v, selected: v === state }, label)))
  filter.addEventListener('change', () => list(section, user, filter.value))
  const { data, total } = await api(`/users/me/abuses${queryString({ state, count: 50 })}`)
  const me = { username: user.username, moderator: false }
  const items = await Promise.all(data.map(async (/** @type {Abuse} */ a) => {
    const subject = abuseSubject(a)
    return h('li', { class: 'moderation-item', 'data-abuse': a.id },
      h('p', {},
        subject.href ? h('a', { href: subject.href }, subject.label) : h('span', {}, subject.label, ' ', h('em', {}, t('(deleted)'))),
        ' ', h('span', { class: `abuse-state state-${a.state.id}` }, stateLabel(a.state.id))),
      h('p', { class: 'abuse-reason' }, a.reason),
      h('p', { class: 'muted' }, t('Reported {when}', { when: ago(a.createdAt) })),
      a.moderationComment ? h('p', {}, t('Moderator’s note: {note}', { note: a.moderationComment })) : null,
      await abuseThread(a.id, me))
  }))
  replace(section,
    h('p', { class: 'form inline' }, h('label', { for: 'my-abuse-state' }, t('Show')), filter, ' ', tn(total, '{n} report', '{n} reports')),
    items.length === 0 ? h('p', { class: 'muted' }, t('No report to show.')) : h('ul', { class: 'moderation-list', id: 'my-abuse-list' }, items))
}

/** @param {number} id */
function stateLabel (id) {
  return id === ABUSE_STATES.accepted ? t('Accepted') : id === ABUSE_STATES.rejected ? t('Rejected') : t('Pending')
}
