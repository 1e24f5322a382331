// A channel: its name, owner, description, subscribe button and videos.
import { api } from '../lib/api.js'
import { h, replace, notice, handleOf } from '../lib/dom.js'
import { videoGrid } from '../lib/video-grid.js'
import { avatar, banner } from '../lib/avatar.js'

export async function render (main, { handle, user }) {
  const channel = await api(`/video-channels/${encodeURIComponent(handle)}`)
  document.title = `${channel.displayName} - Tandem`
  const { data, total } = await api(`/video-channels/${encodeURIComponent(handle)}/videos?count=48&sort=-publishedAt`)
  const status = h('div')
  const head = h('section', { class: 'profile' },
    banner(channel),
    h('h1', { class: 'with-avatar' }, avatar(channel, 64), channel.displayName),
    h('p', { class: 'muted' }, `${handleOf(channel)} · ${channel.followersCount ?? 0} subscribers · ${total} videos · by `,
      channel.ownerAccount ? h('a', { href: `/a/${handleOf(channel.ownerAccount)}` }, channel.ownerAccount.displayName) : ''),
    channel.description ? h('p', { class: 'description' }, channel.description) : null,
    user ? await subscribeButton(channel, status) : null,
    status)
  const mayEdit = user && channel.isLocal && (user.account?.id === channel.ownerAccount?.id || user.role?.id <= 1)
  replace(main, head, mayEdit ? editForm(channel) : null, h('h2', {}, 'Videos'), videoGrid(data))
}

// The owner's form: display name, description, support text (PUT, as PeerTube's client sends it).
function editForm (channel) {
  const field = (name, label, value, multiline) => h('label', {}, label, multiline
    ? h('textarea', { name, rows: 3, maxlength: 1000 }, value ?? '')
    : h('input', { name, value: value ?? '', maxlength: 50, required: true }))
  const status = h('div')
  const form = h('form', { id: 'edit-channel' },
    field('displayName', 'Display name', channel.displayName),
    field('description', 'Description', channel.description, true),
    field('support', 'Support text', channel.support, true),
    h('button', { type: 'submit' }, 'Save'), status)
  form.addEventListener('submit', async e => {
    e.preventDefault()
    const json = Object.fromEntries(new FormData(form))
    try {
      await api(`/video-channels/${encodeURIComponent(channel.name)}`, { method: 'PUT', json })
      location.reload()
    } catch (err) { notice(status, err.message) }
  })
  return h('details', { class: 'edit' }, h('summary', {}, 'Edit this channel'), form)
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
