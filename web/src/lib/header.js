// The top bar on every page: home, search, and what the visitor may do (log in, upload, admin).
import { h, replace } from './dom.js'
import { session } from './session.js'

export async function renderHeader () {
  let header = document.querySelector('header')
  if (!header) document.body.prepend(header = h('header'))
  const search = h('form', { class: 'search', action: '/search', role: 'search' },
    h('input', { type: 'search', name: 'search', placeholder: 'Search videos', 'aria-label': 'Search videos',
      value: new URLSearchParams(location.search).get('search') ?? '' }))
  const nav = h('nav')
  replace(header, h('a', { href: '/', class: 'brand' }, 'Tandem'), search, nav)
  const user = await session.user()
  if (!user) {
    replace(nav, h('a', { href: `/login?next=${encodeURIComponent(location.pathname + location.search)}`, id: 'login-link' }, 'Log in'))
    return null
  }
  const logout = h('button', {
    type: 'button', id: 'logout', class: 'link',
    onclick: async () => { await session.logout(); location.href = '/' }
  }, 'Log out')
  replace(nav,
    h('a', { href: '/upload' }, 'Upload'),
    h('a', { href: '/my-library/videos' }, 'My videos'),
    user.role?.id <= 1 ? h('a', { href: '/admin' }, 'Admin') : null,
    h('a', { href: `/a/${user.username}`, id: 'whoami' }, user.username),
    logout)
  return user
}
