// The top bar on every page: home, search, and what the visitor may do (log in, upload, admin).
import { h, replace } from './dom.js'
import { session } from './session.js'
import { t, rememberLocale } from './i18n.js'
import { api } from './api.js'
import { serverConfig } from './server-config.js'
import { badge } from './social.js'
import { avatar } from './avatar.js'

export async function renderHeader () {
  let header = document.querySelector('header')
  if (!header) document.body.prepend(header = h('header'))
  const search = h('form', { class: 'search', action: '/search', role: 'search' },
    h('input', {
      type: 'search',
      name: 'search',
      placeholder: t('Search videos'),
      'aria-label': t('Search videos'),
      value: new URLSearchParams(location.search).get('search') ?? ''
    }))
  const nav = h('nav', { 'aria-label': t('Main') })
  const brand = h('a', { href: '/', class: 'brand' }, 'Tandem')
  replace(header, brand, search, nav)
  // The administrator's name for the instance; "Tandem" until it comes, or if it does not.
  serverConfig().then(c => { if (c?.instance?.name) brand.textContent = c.instance.name })
  const user = await session.user()
  if (!user) {
    replace(nav, h('a', { href: `/login?next=${encodeURIComponent(location.pathname + location.search)}`, id: 'login-link' }, t('Log in')))
    return null
  }
  // The account's language wins on the next pages, on any browser the user signs in from.
  if (user.language) rememberLocale(user.language)
  const logout = h('button', {
    type: 'button',
    id: 'logout',
    class: 'link',
    onclick: async () => { await session.logout(); location.href = '/' }
  }, t('Log out'))
  replace(nav,
    bell(),
    h('a', { href: '/videos/subscriptions' }, t('Subscriptions')),
    h('a', { href: '/my-library/history/videos' }, t('History')),
    h('a', { href: '/upload' }, t('Upload')),
    h('a', { href: '/my-library/videos' }, t('My videos')),
    user.role?.id <= 1 ? h('a', { href: '/admin' }, t('Administration')) : null,
    h('a', { href: `/a/${user.username}`, id: 'whoami', class: 'whoami' }, avatar({ ...user.account, displayName: user.account?.displayName || user.username }, 24), user.username),
    h('a', { href: '/my-account/settings', id: 'settings-link' }, t('Settings')),
    logout)
  return user
}

// The bell: a link to the notifications with the unread count (PeerTube's `unread=true&count=0` total).
function bell () {
  const count = h('span', { class: 'bell-count', id: 'bell-count' })
  const link = h('a', { href: '/my-account/notifications', id: 'bell', class: 'bell', 'aria-label': t('Notifications') }, '🔔', count)
  refreshBell()
  return link
}

/** Reads the unread count again (after the notifications page marked some read). */
export async function refreshBell () {
  try {
    const { total } = await api('/users/me/notifications?unread=true&count=0')
    const count = document.getElementById('bell-count')
    if (!count) return
    count.textContent = badge(total)
    count.parentElement.setAttribute('aria-label', total ? t('Notifications ({n} unread)', { n: total }) : t('Notifications'))
  } catch { /* the bell stays empty; the page itself still works */ }
}
