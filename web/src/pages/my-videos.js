// My videos: every video of the signed-in user with its state and transcoding progress, refreshed
// while something is still being prepared.
import { api } from '../lib/api.js'
import { h, replace, notice, duration, ago } from '../lib/dom.js'
import { t } from '../lib/i18n.js'

const PUBLISHED = 1
const FAILED = 7

export async function render (main, { user }) {
  document.title = 'My videos - Tandem'
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  const list = h('div', { id: 'my-videos' })
  const error = h('div')
  replace(main, h('h1', {}, 'My videos'), h('p', {}, h('a', { href: '/upload' }, 'Upload a video')), error, list)
  for (;;) {
    const { data } = await api('/users/me/videos?count=100&sort=-createdAt')
    replace(list, data.length ? h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['Video', 'State', 'Privacy', 'Views', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, data.map(v => row(v, error)))) : h('p', { class: 'empty' }, 'You have not uploaded anything yet.'))
    if (!data.some(v => v.state.id !== PUBLISHED && v.state.id !== FAILED)) return
    await new Promise(resolve => setTimeout(resolve, 3000))
    if (!list.isConnected) return
  }
}

function row (v, error) {
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete')
  remove.addEventListener('click', async () => {
    if (!confirm(`Delete “${v.name}”? This cannot be undone.`)) return
    try {
      await api(`/videos/${v.uuid}`, { method: 'DELETE' })
      remove.closest('tr').remove()
    } catch (e) { notice(error, e.message) }
  })
  return h('tr', { 'data-uuid': v.uuid },
    h('td', {}, h('a', { href: `/w/${v.shortUUID}` }, v.name), h('small', { class: 'muted' }, ` ${duration(v.duration ?? 0)} · ${ago(v.createdAt)}`)),
    h('td', { class: 'state' }, state(v)),
    h('td', {}, v.privacy.label),
    h('td', {}, String(v.views)),
    h('td', { class: 'actions' }, h('a', { href: `/videos/manage/${v.shortUUID}`, class: 'button edit-link', 'aria-label': t('Edit “{name}”', { name: v.name }) }, t('Edit')), ' ', remove))
}

function state (v) {
  if (v.state.id === FAILED) return h('span', { class: 'bad', title: v.stateReason ?? '' }, `${v.state.label}${v.stateReason ? `: ${v.stateReason}` : ''}`)
  if (v.state.id === PUBLISHED) return v.state.label
  const pct = Math.floor(v.transcodingProgress ?? 0)
  return h('span', {}, `${v.state.label} ${pct}%`, h('progress', { max: 100, value: pct }))
}
