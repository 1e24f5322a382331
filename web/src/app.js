// The app pages other than the player: one shell, a page module per route, loaded on demand.
import { renderHeader } from './lib/header.js'
import { h, replace } from './lib/dom.js'

const routes = [
  [/^\/$/, () => import('./pages/home.js'), {}],
  [/^\/videos\/(recently-added|trending|local)$/, () => import('./pages/home.js'), m => ({ tab: m[1] })],
  [/^\/login$/, () => import('./pages/login.js')],
  [/^\/(?:videos\/)?upload$/, () => import('./pages/upload.js')],
  [/^\/my-library\/videos$/, () => import('./pages/my-videos.js')],
  [/^\/(?:c|video-channels)\/([^/]+)(?:\/videos)?$/, () => import('./pages/channel.js'), m => ({ handle: decodeURIComponent(m[1]) })],
  [/^\/(?:a|accounts)\/([^/]+)(?:\/videos)?$/, () => import('./pages/account.js'), m => ({ name: decodeURIComponent(m[1]) })],
  [/^\/search$/, () => import('./pages/search.js')],
  [/^\/admin(?:\/(users|jobs|p2p|federation))?$/, () => import('./pages/admin.js'), m => ({ tab: m[1] ?? 'users' })]
]

const main = document.getElementById('app')
const user = await renderHeader()
const route = routes.find(([re]) => re.test(location.pathname))
if (!route) {
  replace(main, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '/' }, 'Back to the home page')))
} else {
  const [re, load, params] = route
  const page = await load()
  try {
    await page.render(main, { user, ...(typeof params === 'function' ? params(location.pathname.match(re)) : params) })
  } catch (e) {
    replace(main, h('h1', {}, 'Something went wrong'), h('p', { class: 'notice error', role: 'alert' }, e.message))
    throw e
  }
}
