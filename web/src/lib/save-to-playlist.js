// The watch page's "Save to playlist" menu: Watch later first, then my other playlists, each a checkbox.
import { api } from './api.js'
import { h, replace, notice } from './dom.js'
import { t } from './i18n.js'

/**
 * @param {HTMLElement} container where the menu goes
 * @param {{ id: number }} v the video
 * @param {any} user the signed-in user, or null (then nothing shows)
 */
export async function renderSaveToPlaylist (container, v, user) {
  if (!user || !container) return
  const status = h('div')
  const list = h('div', { class: 'save-list' })
  const menu = h('details', { class: 'save-to-playlist', id: 'save-to-playlist' }, h('summary', {}, t('Save to playlist')), list, status)
  replace(container, menu)
  menu.addEventListener('toggle', async () => {
    if (!menu.open) return
    try {
      const [{ data }, exist] = await Promise.all([
        api('/users/me/video-playlists?count=100&sort=-updatedAt'),
        api(`/users/me/video-playlists/videos-exist?videoIds=${v.id}`)
      ])
      const held = new Map((exist[v.id] ?? []).map(e => [e.playlistId, e.playlistElementId]))
      data.sort((a, b) => (b.type?.id === 2 ? 1 : 0) - (a.type?.id === 2 ? 1 : 0))
      replace(list, data.map(p => checkbox(p, v, held, status)))
    } catch (e) { notice(status, e.message) }
  })
}

function checkbox (p, v, held, status) {
  const box = h('input', { type: 'checkbox', checked: held.has(p.id), 'data-playlist': p.uuid })
  box.addEventListener('change', async () => {
    try {
      if (box.checked) {
        const r = await api(`/video-playlists/${p.uuid}/videos`, { method: 'POST', json: { videoId: v.id } })
        held.set(p.id, r.videoPlaylistElement.id)
      } else {
        await api(`/video-playlists/${p.uuid}/videos/${held.get(p.id)}`, { method: 'DELETE' })
        held.delete(p.id)
      }
      notice(status, box.checked ? t('Saved to {name}', { name: label(p) }) : t('Removed from {name}', { name: label(p) }), 'ok')
    } catch (e) {
      box.checked = !box.checked
      notice(status, e.message)
    }
  })
  return h('label', {}, box, ' ', label(p))
}

function label (p) {
  return p.type?.id === 2 ? t('Watch later') : p.displayName
}
