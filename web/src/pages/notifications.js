// My notifications (/my-account/notifications): newest first, unread ones marked, each opening the
// video it is about; "Mark all as read" empties the bell.
import { api } from '../lib/api.js'
import { h, replace, notice, ago } from '../lib/dom.js'
import { libraryNav } from '../lib/library-nav.js'
import { t } from '../lib/i18n.js'
import { describeNotification } from '../lib/social.js'
import { refreshBell } from '../lib/header.js'

/** @param {HTMLElement} main @param {{ user: any }} ctx */
export async function render (main, { user }) {
  document.title = `${t('Notifications')} - Tandem`
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  const status = h('div')
  const list = h('ul', { id: 'notifications', class: 'notifications' })
  const unreadOnly = h('input', { type: 'checkbox', id: 'unread-only' })
  const markAll = h('button', { type: 'button', id: 'mark-all-read' }, t('Mark all as read'))
  const load = async () => {
    const { data } = await api(`/users/me/notifications?count=50${unreadOnly.checked ? '&unread=true' : ''}`)
    replace(list, data.length ? data.map(n => item(n, status)) : h('li', { class: 'empty' }, t('No notifications.')))
  }
  unreadOnly.addEventListener('change', () => load().catch(e => notice(status, e.message)))
  markAll.addEventListener('click', async () => {
    try {
      await api('/users/me/notifications/read-all', { method: 'POST', json: {} })
      await load()
      refreshBell()
    } catch (e) { notice(status, e.message) }
  })
  replace(main, libraryNav(), h('h1', {}, t('Notifications')),
    h('p', { class: 'toolbar' }, h('label', {}, unreadOnly, ' ', t('Unread only')), ' ', markAll,
      ' ', h('a', { href: '/my-library/subscriptions' }, t('My subscriptions'))),
    status, list)
  await load()
}

/** @param {import('../lib/social.js').UserNotification} n @param {HTMLElement} status */
function item (n, status) {
  const { text, href } = describeNotification(n, t)
  const li = h('li', { class: n.read ? 'read' : 'unread', 'data-type': String(n.type) })
  const markRead = async () => {
    if (n.read) return
    try {
      await api('/users/me/notifications/read', { method: 'POST', json: { ids: [n.id] } })
      n.read = true
      li.className = 'read'
      refreshBell()
    } catch (e) { notice(status, e.message) }
  }
  const link = href ? h('a', { href, onclick: markRead }, text) : h('span', {}, text)
  replace(li, link, ' ', h('small', { class: 'muted' }, ago(n.createdAt)),
    n.read ? null : h('button', { type: 'button', class: 'link', onclick: markRead }, t('Mark as read')))
  return li
}
