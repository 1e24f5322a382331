// A channel: its name, owner, description, subscribe button and videos.
import { api } from '../lib/api.js'
import { h, replace, notice, handleOf } from '../lib/dom.js'
import { videoGrid } from '../lib/video-grid.js'

export async function render (main, { handle, user }) {
  const channel = await api(`/video-channels/${encodeURIComponent(handle)}`)
  document.title = `${channel.displayName} - Tandem`
  const { data, total } = await api(`/video-channels/${encodeURIComponent(handle)}/videos?count=48&sort=-publishedAt`)
  const status = h('div')
  const head = h('section', { class: 'profile' },
    h('h1', {}, channel.displayName),
    h('p', { class: 'muted' }, `${handleOf(channel)} · ${channel.followersCount ?? 0} subscribers · ${total} videos · by `,
      channel.ownerAccount ? h('a', { href: `/a/${handleOf(channel.ownerAccount)}` }, channel.ownerAccount.displayName) : ''),
    channel.description ? h('p', { class: 'description' }, channel.description) : null,
    user ? await subscribeButton(channel, status) : null,
    status)
  replace(main, head, h('h2', {}, 'Videos'), videoGrid(data))
}

async function subscribeButton (channel, status) {
  const uri = handleOf(channel)
  const exist = await api(`/users/me/subscriptions/exist?uris=${encodeURIComponent(uri)}`)
  let subscribed = Boolean(exist[uri])
  const button = h('button', { type: 'button', id: 'subscribe' })
  const label = () => { button.textContent = subscribed ? 'Unsubscribe' : 'Subscribe' }
  label()
  button.addEventListener('click', async () => {
    try {
      if (subscribed) await api(`/users/me/subscriptions/${encodeURIComponent(uri)}`, { method: 'DELETE' })
      else await api('/users/me/subscriptions', { method: 'POST', json: { uri } })
      subscribed = !subscribed
      label()
    } catch (e) { notice(status, e.message) }
  })
  return button
}
