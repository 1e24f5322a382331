// What the signed-in user muted, at PeerTube's URLs: /my-account/blocklist/accounts and /servers.
// Their videos and comments are hidden for this user only.
import { api } from '../lib/api.js'
import { h, replace, notice, ago } from '../lib/dom.js'
import { t, tn } from '../lib/i18n.js'
import { hostOf } from '../lib/moderation.js'

/**
 * @param {HTMLElement} main
 * @param {{ user: any, kind: 'accounts' | 'servers' }} params
 */
export async function render (main, { user, kind }) {
  const title = kind === 'accounts' ? t('Muted accounts') : t('Muted servers')
  document.title = `${title} - Tandem`
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  const tabs = h('nav', { class: 'tabs', 'aria-label': t('Muted') },
    h('a', { href: '/my-account/blocklist/accounts', 'aria-current': kind === 'accounts' ? 'page' : null }, t('Muted accounts')),
    h('a', { href: '/my-account/blocklist/servers', 'aria-current': kind === 'servers' ? 'page' : null }, t('Muted servers')))
  const body = h('section', { id: `blocklist-${kind}` })
  replace(main, h('h1', {}, title), tabs,
    h('p', { class: 'muted' }, kind === 'accounts'
      ? t('You no longer see the videos and comments of these accounts.')
      : t('You no longer see the videos and comments of the accounts of these servers.')),
    body)
  await list(body, kind)
}

/**
 * @param {HTMLElement} section
 * @param {'accounts' | 'servers'} kind
 */
async function list (section, kind) {
  const error = h('div')
  const reload = () => list(section, kind)
  const input = kind === 'accounts'
    ? h('input', { id: 'mute-target', name: 'target', required: true, placeholder: 'name@example.org' })
    : h('input', { id: 'mute-target', name: 'target', required: true, placeholder: 'video.example.org' })
  const form = h('form', { class: 'form inline', id: 'mute-form' },
    h('label', { for: 'mute-target' }, kind === 'accounts' ? t('Account to mute') : t('Server to mute')), input,
    h('button', { type: 'submit' }, t('Mute')))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    try {
      if (kind === 'accounts') {
        await api('/users/me/blocklist/accounts', { method: 'POST', json: { accountName: input.value.trim() } })
      } else {
        const host = hostOf(input.value)
        if (!host) return notice(error, t('Write a server’s address, like video.example.org'))
        await api('/users/me/blocklist/servers', { method: 'POST', json: { host } })
      }
      await reload()
    } catch (err) { notice(error, /** @type {Error} */ (err).message) }
  })
  const { data, total } = await api(`/users/me/blocklist/${kind}?count=100`)
  /** @param {any} m */
  const name = m => kind === 'accounts' ? `${m.blockedAccount.name}@${m.blockedAccount.host}` : m.blockedServer.host
  /** @param {any} m */
  const path = m => kind === 'accounts' ? `/users/me/blocklist/accounts/${encodeURIComponent(name(m))}` : `/users/me/blocklist/servers/${encodeURIComponent(name(m))}`
  replace(section, form, error,
    h('p', {}, kind === 'accounts' ? tn(total, '{n} muted account', '{n} muted accounts') : tn(total, '{n} muted server', '{n} muted servers')),
    h('ul', { class: 'moderation-list', id: 'muted-list' }, data.map((/** @type {any} */ m) => h('li', { class: 'moderation-item' },
      h('span', {}, name(m)), ' ', h('small', {}, t('muted {when}', { when: ago(m.createdAt) })), ' ',
      h('button', {
        type: 'button',
        class: 'secondary',
        onclick: async () => {
          try { await api(path(m), { method: 'DELETE' }); await reload() } catch (err) { notice(error, /** @type {Error} */ (err).message) }
        }
      }, t('Unmute {name}', { name: name(m) }))))))
}
