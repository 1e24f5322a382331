// Subscriptions: /videos/subscriptions lists the newest videos of the channels I follow (PeerTube's
// URL); /my-library/subscriptions lists the channels themselves, each with an unsubscribe button.
import { api } from '../lib/api.js'
import { h, replace, notice, handleOf } from '../lib/dom.js'
import { libraryNav } from '../lib/library-nav.js'
import { t } from '../lib/i18n.js'
import { videoGrid } from '../lib/video-grid.js'

/** @param {HTMLElement} main @param {{ user: any, tab: 'videos' | 'channels' }} ctx */
export async function render (main, { user, tab }) {
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  if (tab === 'channels') return channels(main)
  document.title = `${t('Subscriptions')} - Tandem`
  const [{ data }, { feedToken }] = await Promise.all([
    api('/users/me/subscriptions/videos?count=48&sort=-publishedAt'),
    api('/users/scoped-tokens')
  ])
  const feed = `/feeds/subscriptions.xml?accountId=${user.account.id}&token=${feedToken}`
  replace(main, h('h1', {}, t('Subscriptions')),
    h('p', { class: 'toolbar' }, h('a', { href: '/my-library/subscriptions' }, t('Manage my subscriptions')),
      h('a', { href: feed, id: 'subscriptions-feed', title: t('A private address: whoever has it sees your subscriptions') }, t('RSS feed'))),
    h('div', { id: 'subscription-videos' }, videoGrid(data, t('No videos from your subscriptions yet.'))))
}

/** @param {HTMLElement} main */
async function channels (main) {
  document.title = `${t('My subscriptions')} - Tandem`
  const status = h('div')
  const { data } = await api('/users/me/subscriptions?count=100')
  const list = h('ul', { id: 'subscribed-channels', class: 'channel-list' }, data.length
    ? data.map(c => row(c, status))
    : h('li', { class: 'empty' }, t('You are not subscribed to any channel.')))
  replace(main, libraryNav(), h('h1', {}, t('My subscriptions')),
    h('p', {}, h('a', { href: '/videos/subscriptions' }, t('Videos from my subscriptions'))), status, list)
}

function row (c, status) {
  const handle = handleOf(c)
  const li = h('li', { 'data-handle': handle })
  const button = h('button', { type: 'button' }, t('Unsubscribe'))
  button.addEventListener('click', async () => {
    try {
      await api(`/users/me/subscriptions/${encodeURIComponent(handle)}`, { method: 'DELETE' })
      li.remove()
    } catch (e) { notice(status, e.message) }
  })
  replace(li, h('a', { href: `/c/${handle}` }, c.displayName), ' ', h('small', { class: 'muted' }, handle), ' ', button)
  return li
}
