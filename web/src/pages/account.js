// An account: its channels and videos; for its owner, forms to edit the profile and change the password.
import { api } from '../lib/api.js'
import { h, replace, notice, handleOf } from '../lib/dom.js'
import { videoGrid } from '../lib/video-grid.js'
import { avatar } from '../lib/avatar.js'

export async function render (main, { name, user }) {
  const account = await api(`/accounts/${encodeURIComponent(name)}`)
  document.title = `${account.displayName} - Tandem`
  const [channels, videos] = await Promise.all([
    api(`/accounts/${encodeURIComponent(name)}/video-channels`),
    api(`/accounts/${encodeURIComponent(name)}/videos?count=48&sort=-publishedAt`)
  ])
  const own = user && account.isLocal !== false && user.account?.id === account.id
  replace(main,
    h('section', { class: 'profile' },
      h('h1', { class: 'with-avatar' }, avatar(account, 64), account.displayName),
      h('p', { class: 'muted' }, `${handleOf(account)} · ${videos.total} videos`),
      account.description ? h('p', { class: 'description' }, account.description) : null),
    own ? profileForm(account) : null,
    own ? passwordForm() : null,
    h('h2', {}, 'Channels'),
    h('ul', { class: 'channels' }, channels.data.map(c =>
      h('li', {}, avatar(c, 24), ' ', h('a', { href: `/c/${handleOf(c)}` }, c.displayName), ` · ${handleOf(c)}`))),
    h('h2', {}, 'Videos'),
    videoGrid(videos.data))
}

// Display name and description (PUT /users/me, as PeerTube's client sends them).
function profileForm (account) {
  const status = h('div')
  const form = h('form', { id: 'edit-profile' },
    h('label', {}, 'Display name', h('input', { name: 'displayName', value: account.displayName, maxlength: 120, required: true })),
    h('label', {}, 'Description', h('textarea', { name: 'description', rows: 3, maxlength: 1000 }, account.description ?? '')),
    h('button', { type: 'submit' }, 'Save'), status)
  submitTo(form, status, () => location.reload())
  return h('details', { class: 'edit' }, h('summary', {}, 'Edit your profile'), form)
}

// A new password, given with the current one; the user's other sessions end.
function passwordForm () {
  const status = h('div')
  const form = h('form', { id: 'change-password' },
    h('label', {}, 'Current password', h('input', { name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true })),
    h('label', {}, 'New password', h('input', { name: 'password', type: 'password', autocomplete: 'new-password', minlength: 6, required: true })),
    h('button', { type: 'submit' }, 'Change password'), status)
  submitTo(form, status, () => { form.reset(); notice(status, 'Password changed. Your other sessions were signed out.', 'success') })
  return h('details', { class: 'edit' }, h('summary', {}, 'Change your password'), form)
}

function submitTo (form, status, done) {
  form.addEventListener('submit', async e => {
    e.preventDefault()
    try {
      await api('/users/me', { method: 'PUT', json: Object.fromEntries(new FormData(form)) })
      done()
    } catch (err) { notice(status, err.message) }
  })
}
