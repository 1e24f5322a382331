// Avatars and banners: small round pictures of accounts and channels (the initial letter when there is
// none), a channel's banner, and the picker that uploads (`avatarfile`/`bannerfile`) or removes one.
import { h, replace, notice } from './dom.js'
import { t } from './i18n.js'
import { api } from './api.js'

/**
 * The smallest picture at least `size` pixels wide (for sharp screens, ask twice the CSS size), else the largest.
 * @param {{ width: number, path: string }[] | undefined} images
 * @param {number} size
 * @returns {string | null}
 */
export function pickImage (images, size) {
  if (!images?.length) return null
  const sorted = [...images].sort((a, b) => a.width - b.width)
  return (sorted.find(i => i.width >= size) ?? sorted[sorted.length - 1]).path
}

/**
 * A round avatar of `size` CSS pixels; the first letter of the name on a coloured disc when there is no picture.
 * @param {{ avatars?: { width: number, path: string }[], displayName?: string, name?: string } | null | undefined} actor
 * @param {number} [size]
 */
export function avatar (actor, size = 32) {
  const name = actor?.displayName || actor?.name || '?'
  const src = pickImage(actor?.avatars, size * 2)
  const style = `width:${size}px;height:${size}px`
  if (src) return h('img', { class: 'avatar', src, alt: t('Avatar of {name}', { name }), width: size, height: size, style, loading: 'lazy' })
  // The letter comes from CSS (`data-initial`), so it is no part of the text around it (a menu's name, a heading).
  return h('span', {
    class: 'avatar avatar-default',
    role: 'img',
    'aria-label': t('Avatar of {name}', { name }),
    'data-initial': name.trim().charAt(0).toUpperCase() || '?',
    style: `${style};font-size:${Math.round(size / 2)}px`
  })
}

/** A channel's banner across the top of its page, or nothing. @param {any} channel */
export function banner (channel) {
  const src = pickImage(channel?.banners, 1200)
  return src ? h('img', { class: 'banner', id: 'channel-banner', src, alt: t('Banner of {name}', { name: channel.displayName }) }) : null
}

/**
 * A labelled file input that uploads a new avatar or banner, and a button that removes it.
 * @param {{ kind: 'avatar' | 'banner', base: string, label: string, id: string, current: any[], onChange: (images: any[]) => void }} options
 *   base: `/users/me` or `/video-channels/<name>`
 */
export function imagePicker ({ kind, base, label, id, current, onChange }) {
  const status = h('div', { class: 'picker-status' })
  const input = h('input', { type: 'file', id, accept: 'image/png,image/jpeg,image/gif,image/webp' })
  const remove = h('button', { type: 'button', class: 'link', id: `${id}-remove`, hidden: !current?.length }, t('Remove'))
  input.addEventListener('change', async () => {
    const file = input.files?.[0]
    if (!file) return
    notice(status, null)
    const body = new FormData()
    body.append(`${kind}file`, file)
    try {
      const answer = await api(`${base}/${kind}/pick`, { method: 'POST', body })
      const images = answer[`${kind}s`] ?? []
      remove.hidden = false
      onChange(images)
      notice(status, t('Picture saved.'), 'success')
    } catch (err) { notice(status, err.message) }
    input.value = ''
  })
  remove.addEventListener('click', async () => {
    try {
      await api(`${base}/${kind}`, { method: 'DELETE' })
      remove.hidden = true
      onChange([])
    } catch (err) { notice(status, err.message) }
  })
  return h('div', { class: 'image-picker' }, h('label', { for: id }, label), input, remove, status)
}

/** Replaces `slot`'s content by the actor's avatar (after a change). @param {HTMLElement} slot @param {any} actor @param {number} size */
export function showAvatar (slot, actor, size) {
  replace(slot, avatar(actor, size))
}
