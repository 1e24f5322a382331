// The channel under the video: avatar, name, subscribers, and the subscribe button (PeerTube's
// /users/me/subscriptions API, by the channel's handle).
import { api } from '../lib/api.js'
import { h, replace, notice, handleOf } from '../lib/dom.js'
import { t, tn } from '../lib/i18n.js'
import { avatar } from '../lib/avatar.js'

/**
 * @param {any} channel the video's channel
 * @param {any} user the signed-in user, or null
 */
export function channelRow (channel, user) {
  const handle = handleOf(channel)
  const picture = avatar(channel, 40)
  let followers = channel.followersCount ?? 0
  const count = h('small', { id: 'subscribers' })
  const error = h('span')
  const button = h('button', { type: 'button', id: 'subscribe', class: 'subscribe' })
  let subscribed = false
  const draw = () => {
    count.textContent = tn(followers, '{n} subscriber', '{n} subscribers')
    button.textContent = subscribed ? t('Unsubscribe') : t('Subscribe')
    button.setAttribute('aria-pressed', String(subscribed))
  }
  if (!user) {
    button.addEventListener('click', () => { location.href = `/login?next=${encodeURIComponent(location.pathname)}` })
    button.title = t('Log in to subscribe')
  } else {
    api(`/users/me/subscriptions/exist?uris=${encodeURIComponent(handle)}`)
      .then(r => { subscribed = !!r?.[handle]; draw() })
      .catch(() => {})
    button.addEventListener('click', async () => {
      notice(error, null)
      button.disabled = true
      try {
        if (subscribed) await api(`/users/me/subscriptions/${encodeURIComponent(handle)}`, { method: 'DELETE' })
        else await api('/users/me/subscriptions', { method: 'POST', json: { uri: handle } })
        followers += subscribed ? -1 : 1
        subscribed = !subscribed
        draw()
      } catch (e) {
        notice(error, e.message)
      } finally {
        button.disabled = false
      }
    })
  }
  draw()
  return h('div', { class: 'channel-row', id: 'channel-row' },
    h('a', { href: `/c/${handle}`, class: 'channel-link' }, picture,
      h('span', { class: 'channel-names' }, h('strong', { id: 'channel-name' }, channel.displayName), count)),
    button, error)
}

/**
 * Replaces `el`'s content with the channel row.
 * @param {HTMLElement} el
 * @param {any} channel
 * @param {any} user
 */
export function renderChannel (el, channel, user) {
  replace(el, channelRow(channel, user))
}
