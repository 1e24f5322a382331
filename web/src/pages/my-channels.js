// My channels (/my-library/video-channels): each with a link, an edit form and a delete button (not
// the last one); a form creates another.
import { api } from '../lib/api.js'
import { h, replace, notice, handleOf } from '../lib/dom.js'
import { libraryNav } from '../lib/library-nav.js'
import { t } from '../lib/i18n.js'
import { avatar, banner, imagePicker } from '../lib/avatar.js'

/** @param {HTMLElement} main @param {{ user: any }} ctx */
export async function render (main, { user }) {
  document.title = `${t('My channels')} - Tandem`
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  const status = h('div')
  const list = h('ul', { id: 'my-channels', class: 'channel-list' })
  const load = async () => {
    const { data } = await api(`/accounts/${encodeURIComponent(user.username)}/video-channels`)
    replace(list, data.map(c => row(c, data.length, status, load)))
  }
  replace(main, libraryNav(), h('h1', {}, t('My channels')), createForm(status, load), status, list)
  await load()
}

function field (name, label, value, multiline, required) {
  return h('label', {}, label, multiline
    ? h('textarea', { name, rows: 2, maxlength: 1000 }, value ?? '')
    : h('input', { name, value: value ?? '', maxlength: 50, required }))
}

function createForm (status, reload) {
  const f = h('form', { id: 'create-channel', class: 'playlist-form' },
    field('name', t('Name (in its address, e.g. my_garden)'), '', false, true),
    field('displayName', t('Display name'), '', false, true),
    field('description', t('Description'), '', true, false),
    field('support', t('Support text'), '', true, false),
    h('button', { type: 'submit' }, t('Create the channel')))
  f.addEventListener('submit', async e => {
    e.preventDefault()
    try {
      await api('/video-channels', { method: 'POST', json: Object.fromEntries(new FormData(f)) })
      f.reset()
      await reload()
      notice(status, t('Channel created.'), 'ok')
    } catch (err) { notice(status, err.message) }
  })
  return h('details', { class: 'edit' }, h('summary', {}, t('Create a channel')), f)
}

function row (c, count, status, reload) {
  const edit = h('form', { class: 'playlist-form' },
    field('displayName', t('Display name'), c.displayName, false, true),
    field('description', t('Description'), c.description, true, false),
    field('support', t('Support text'), c.support, true, false),
    h('button', { type: 'submit' }, t('Save')))
  edit.addEventListener('submit', async e => {
    e.preventDefault()
    try {
      await api(`/video-channels/${encodeURIComponent(c.name)}`, { method: 'PUT', json: Object.fromEntries(new FormData(edit)) })
      await reload()
      notice(status, t('Channel saved.'), 'ok')
    } catch (err) { notice(status, err.message) }
  })
  const remove = count > 1 ? h('button', { type: 'button', class: 'danger' }, t('Delete')) : null
  remove?.addEventListener('click', async () => {
    if (!confirm(t('Delete the channel “{name}”?', { name: c.displayName }))) return
    try {
      await api(`/video-channels/${encodeURIComponent(c.name)}`, { method: 'DELETE' })
      await reload()
    } catch (err) { notice(status, err.message) }
  })
  const face = h('span', { class: 'channel-avatar' }, avatar(c, 40))
  const top = h('div', { class: 'channel-banner' }, banner(c))
  const base = `/video-channels/${encodeURIComponent(c.name)}`
  const pictures = h('div', { class: 'pictures' },
    imagePicker({ kind: 'avatar', base, label: t('Change the avatar'), id: `avatar-${c.name}`, current: c.avatars, onChange: images => replace(face, avatar({ ...c, avatars: images }, 40)) }),
    imagePicker({ kind: 'banner', base, label: t('Change the banner'), id: `banner-${c.name}`, current: c.banners, onChange: images => replace(top, banner({ ...c, banners: images })) }))
  return h('li', { 'data-channel': c.name },
    top, face, ' ', h('a', { href: `/c/${handleOf(c)}` }, c.displayName), ' ', h('small', { class: 'muted' }, handleOf(c)),
    h('details', { class: 'edit' }, h('summary', {}, t('Edit')), pictures, edit), remove)
}
