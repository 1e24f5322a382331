// The links between "my library" pages: videos, channels, playlists, history, subscriptions.
import { h } from './dom.js'
import { t } from './i18n.js'

export function libraryNav () {
  const links = [
    ['/my-library/videos', t('My videos')],
    ['/my-library/video-channels', t('My channels')],
    ['/my-library/video-playlists', t('My playlists')],
    ['/my-library/history/videos', t('History')],
    ['/my-library/subscriptions', t('My subscriptions')],
    ['/my-account/notifications', t('Notifications')],
    ['/my-account/abuses', t('My reports')]
  ]
  return h('nav', { class: 'library-nav', 'aria-label': t('My library') },
    links.map(([href, label]) => h('a', { href, 'aria-current': location.pathname === href ? 'page' : null }, label)))
}
