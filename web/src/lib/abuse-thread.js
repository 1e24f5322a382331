// The conversation about one report (PeerTube's abuse messages), shared by the reporter's page
// (/my-account/abuses) and the moderators' list: the messages, oldest first, a reply box, and a
// delete button on the messages this user may delete (their own; a moderator's on any).
import { api } from './api.js'
import { h, replace, notice, ago } from './dom.js'
import { t, tn } from './i18n.js'

/**
 * @typedef {{ id: number, message: string, byModerator: boolean, createdAt: string,
 *   account: { name: string, host: string, displayName?: string } | null }} AbuseMessage
 */

/**
 * @param {number} abuseId
 * @param {{ username: string, moderator: boolean }} me who reads it
 * @returns {Promise<HTMLElement>}
 */
export async function abuseThread (abuseId, me) {
  const box = h('div', { class: 'abuse-thread', 'data-thread': abuseId })
  await fill(box, abuseId, me)
  return box
}

/**
 * @param {HTMLElement} box
 * @param {number} abuseId
 * @param {{ username: string, moderator: boolean }} me
 */
async function fill (box, abuseId, me) {
  const error = h('div')
  const reload = () => fill(box, abuseId, me)
  const { data, total } = await api(`/abuses/${abuseId}/messages`)
  const text = h('textarea', { name: 'message', required: true, minlength: 2, maxlength: 3000, rows: 2, 'aria-label': t('Your message') })
  const form = h('form', { class: 'form abuse-reply' }, text, h('button', { type: 'submit' }, t('Send')))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    try {
      await api(`/abuses/${abuseId}/messages`, { method: 'POST', json: { message: text.value } })
      await reload()
    } catch (err) { notice(error, /** @type {Error} */ (err).message) }
  })
  replace(box,
    h('p', { class: 'muted' }, tn(total, '{n} message', '{n} messages')),
    h('ol', { class: 'abuse-messages' }, data.map((/** @type {AbuseMessage} */ m) => {
      const mine = m.account?.name === me.username
      return h('li', { class: m.byModerator ? 'abuse-message by-moderator' : 'abuse-message', 'data-message': m.id },
        h('p', { class: 'muted' }, m.byModerator
          ? t('{who}, moderator, {when}', { who: m.account?.name ?? t('unknown'), when: ago(m.createdAt) })
          : t('{who}, reporter, {when}', { who: m.account?.name ?? t('unknown'), when: ago(m.createdAt) })),
        h('p', { class: 'abuse-message-text' }, m.message),
        mine || me.moderator
          ? h('button', {
            type: 'button',
            class: 'secondary delete-message',
            onclick: async () => {
              try {
                await api(`/abuses/${abuseId}/messages/${m.id}`, { method: 'DELETE' })
                await reload()
              } catch (err) { notice(error, /** @type {Error} */ (err).message) }
            }
          }, t('Delete the message'))
          : null)
    })),
    error, form)
}
