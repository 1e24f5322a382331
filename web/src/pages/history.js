// My history (/my-library/history/videos): the videos I watched, newest first, with how far I got;
// each opens where I stopped. Entries can be removed one by one or all at once.
import { api } from '../lib/api.js'
import { h, replace, notice, duration } from '../lib/dom.js'
import { libraryNav } from '../lib/library-nav.js'
import { t } from '../lib/i18n.js'
import { watchedPercent } from '../lib/social.js'

/** @param {HTMLElement} main @param {{ user: any }} ctx */
export async function render (main, { user }) {
  document.title = `${t('History')} - Tandem`
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  const status = h('div')
  const list = h('ul', { id: 'history', class: 'history' })
  const clear = h('button', { type: 'button', class: 'danger', id: 'clear-history' }, t('Clear all history'))
  const load = async () => {
    const { data } = await api('/users/me/history/videos?count=100')
    replace(list, data.length ? data.map(v => entry(v, status)) : h('li', { class: 'empty' }, t('You have not watched anything yet.')))
  }
  clear.addEventListener('click', async () => {
    if (!confirm(t('Clear your whole watch history?'))) return
    try {
      await api('/users/me/history/videos/remove', { method: 'POST', json: {} })
      await load()
    } catch (e) { notice(status, e.message) }
  })
  replace(main, libraryNav(), h('h1', {}, t('History')), h('p', { class: 'toolbar' }, clear), status, list)
  await load()
}

function entry (v, status) {
  const at = v.userHistory?.currentTime ?? 0
  const pct = watchedPercent(at, v.duration)
  const li = h('li', { 'data-uuid': v.uuid })
  const remove = h('button', { type: 'button', class: 'link' }, t('Remove from history'))
  remove.addEventListener('click', async () => {
    try {
      await api(`/users/me/history/videos/${v.uuid}`, { method: 'DELETE' })
      li.remove()
    } catch (e) { notice(status, e.message) }
  })
  replace(li,
    h('a', { href: `/w/${v.shortUUID ?? v.uuid}${at > 0 ? `?start=${at}` : ''}` },
      h('img', { src: v.thumbnailPath ?? '', alt: '', loading: 'lazy' }),
      h('strong', {}, v.name)),
    h('small', { class: 'muted' }, t('Stopped at {time} of {total}', { time: duration(at), total: duration(v.duration ?? 0) })),
    h('progress', { max: 100, value: pct, 'aria-label': t('{pct}% watched', { pct }) }),
    remove)
  return li
}
