// My playlists (/my-library/video-playlists): Watch later first, then mine, each with its number
// of videos; a form creates one, each (but Watch later) can be edited or deleted.
import { api } from '../lib/api.js'
import { h, replace, notice } from '../lib/dom.js'
import { libraryNav } from '../lib/library-nav.js'
import { t, tn } from '../lib/i18n.js'

const WATCH_LATER = 2

/** @param {HTMLElement} main @param {{ user: any }} ctx */
export async function render (main, { user }) {
  document.title = `${t('My playlists')} - Tandem`
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  const status = h('div')
  const list = h('ul', { id: 'my-playlists', class: 'playlist-list' })
  const load = async () => {
    const { data } = await api('/users/me/video-playlists?count=100')
    data.sort((a, b) => (b.type?.id === WATCH_LATER ? 1 : 0) - (a.type?.id === WATCH_LATER ? 1 : 0))
    replace(list, data.map(p => row(p, user, status, load)))
  }
  replace(main, libraryNav(), h('h1', {}, t('My playlists')), form(user, null, status, load), status, list)
  await load()
}

function name (p) {
  return p.type?.id === WATCH_LATER ? t('Watch later') : p.displayName
}

function row (p, user, status, reload) {
  const li = h('li', { 'data-uuid': p.uuid },
    h('a', { href: `/my-library/video-playlists/${p.shortUUID}` }, name(p)), ' ',
    h('small', { class: 'muted' }, `${tn(p.videosLength, '{n} video', '{n} videos')} · ${t(p.privacy.label)}`))
  if (p.type?.id !== WATCH_LATER) {
    const remove = h('button', { type: 'button', class: 'danger' }, t('Delete'))
    remove.addEventListener('click', async () => {
      if (!confirm(t('Delete the playlist “{name}”?', { name: p.displayName }))) return
      try {
        await api(`/video-playlists/${p.uuid}`, { method: 'DELETE' })
        await reload()
      } catch (e) { notice(status, e.message) }
    })
    li.append(h('details', { class: 'edit' }, h('summary', {}, t('Edit')), form(user, p, status, reload)), remove)
  }
  return li
}

/** Creates a playlist (p null) or edits one; a public playlist needs one of my channels. */
function form (user, p, status, reload) {
  const privacy = h('select', { name: 'privacy' },
    /** @type {[number, string][]} */ ([[3, 'Private'], [2, 'Unlisted'], [1, 'Public']]).map(([id, label]) => h('option', { value: String(id), selected: p?.privacy.id === id }, t(label))))
  const channel = h('select', { name: 'videoChannelId' }, h('option', { value: '' }, t('No channel')),
    (user.videoChannels ?? []).map(c => h('option', { value: String(c.id), selected: p?.videoChannel?.id === c.id }, c.displayName)))
  const f = h('form', { class: 'playlist-form', id: p ? null : 'create-playlist' },
    h('label', {}, t('Name'), h('input', { name: 'displayName', required: true, maxlength: 120, value: p?.displayName ?? '' })),
    h('label', {}, t('Description'), h('textarea', { name: 'description', rows: 2, maxlength: 1000 }, p?.description ?? '')),
    h('label', {}, t('Privacy'), privacy),
    h('label', {}, t('Channel'), channel),
    h('button', { type: 'submit' }, p ? t('Save') : t('Create the playlist')))
  f.addEventListener('submit', async e => {
    e.preventDefault()
    const data = Object.fromEntries(new FormData(f))
    const json = { displayName: data.displayName, description: data.description, privacy: Number(data.privacy) }
    if (data.videoChannelId) json.videoChannelId = Number(data.videoChannelId)
    try {
      if (p) await api(`/video-playlists/${p.uuid}`, { method: 'PUT', json })
      else await api('/video-playlists', { method: 'POST', json })
      if (!p) f.reset()
      await reload()
      notice(status, p ? t('Playlist saved.') : t('Playlist created.'), 'ok')
    } catch (err) { notice(status, err.message) }
  })
  return p ? f : h('details', { class: 'edit', open: false }, h('summary', {}, t('Create a playlist')), f)
}
