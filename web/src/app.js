// The app pages other than the player: one shell, a page module per route, loaded on demand.
import { renderHeader } from './lib/header.js'
import { h, replace } from './lib/dom.js'
import { t } from './lib/i18n.js'

/** @typedef {{ render: (main: HTMLElement, params: Record<string, any>) => Promise<void> | void }} Page */
/** A path pattern, the page module that serves it, and the page's parameters (fixed, or read from the match). */
/** @type {Array<[RegExp, () => Promise<Page>, (Record<string, any> | ((m: RegExpMatchArray) => Record<string, any>))?]>} */
const routes = [
  [/^\/(?:home)?$/, () => import('./pages/home.js'), {}],
  [/^\/videos\/browse$/, () => import('./pages/browse.js'), {}],
  [/^\/videos\/(recently-added|trending|local)$/, () => import('./pages/browse.js'), m => ({ preset: m[1] })],
  [/^\/login$/, () => import('./pages/login.js')],
  [/^\/(?:videos\/)?upload$/, () => import('./pages/upload.js')],
  [/^\/my-library\/videos$/, () => import('./pages/my-videos.js')],
  [/^\/videos\/manage\/([^/]+)$/, () => import('./pages/manage.js'), m => ({ id: decodeURIComponent(m[1]) })],
  [/^\/(?:c|video-channels)\/([^/]+)(?:\/videos)?$/, () => import('./pages/channel.js'), m => ({ handle: decodeURIComponent(m[1]) })],
  [/^\/(?:a|accounts)\/([^/]+)(?:\/videos)?$/, () => import('./pages/account.js'), m => ({ name: decodeURIComponent(m[1]) })],
  [/^\/search$/, () => import('./pages/search.js')],
  [/^\/admin(?:\/(users|jobs|p2p|federation|mirrors|pool|ledger|moderation))?$/, () => import('./pages/admin.js'), m => ({ tab: m[1] ?? 'users' })],
  [/^\/admin\/config(?:\/edit-custom)?$/, () => import('./pages/admin.js'), { tab: 'config' }],
  [/^\/admin\/moderation\/registrations\/list$/, () => import('./pages/admin.js'), { tab: 'registrations' }],
  [/^\/admin\/moderation\/(abuses|video-blocks|comments)\/list$/, () => import('./pages/admin.js'), m => ({ tab: 'moderation', sub: m[1] })],
  [/^\/my-account\/blocklist\/(accounts|servers)$/, () => import('./pages/my-blocklist.js'), m => ({ kind: m[1] })],
  [/^\/my-account\/abuses$/, () => import('./pages/my-abuses.js')],
  [/^\/about(?:\/instance)?$/, () => import('./pages/about.js')],
  [/^\/about\/ledger$/, () => import('./pages/ledger-public.js')],
  [/^\/signup$/, () => import('./pages/signup.js')],
  [/^\/reset-password$/, () => import('./pages/reset-password.js')],
  [/^\/verify-account\/email$/, () => import('./pages/verify-account.js'), { step: 'email' }],
  [/^\/verify-account\/ask-send-email$/, () => import('./pages/verify-account.js'), { step: 'ask' }],
  [/^\/my-account\/settings$/, () => import('./pages/settings.js')],
  [/^\/my-account\/notifications$/, () => import('./pages/notifications.js')],
  [/^\/my-library\/history\/videos$/, () => import('./pages/history.js')],
  [/^\/videos\/subscriptions$/, () => import('./pages/subscriptions.js'), { tab: 'videos' }],
  [/^\/my-library\/subscriptions$/, () => import('./pages/subscriptions.js'), { tab: 'channels' }],
  [/^\/my-library\/video-playlists$/, () => import('./pages/playlists.js')],
  [/^\/my-library\/video-channels$/, () => import('./pages/my-channels.js')],
  [/^\/my-library\/video-playlists\/([^/]+)$/, () => import('./pages/playlist.js'), m => ({ id: decodeURIComponent(m[1]) })]
]

const main = document.getElementById('app')
const user = await renderHeader()
const route = routes.find(([re]) => re.test(location.pathname))
if (!route) {
  const page = await import('./pages/not-found.js')
  await page.render(main)
} else {
  const [re, load, params] = route
  const page = await load()
  try {
    await page.render(main, { user, ...(typeof params === 'function' ? params(location.pathname.match(re)) : params) })
  } catch (e) {
    replace(main, h('h1', {}, t('Something went wrong')), h('p', { class: 'notice error', role: 'alert' }, e.message))
    throw e
  }
}
