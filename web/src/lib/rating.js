// Like / dislike buttons with counts; a second click on the same button removes the rating.
import { api } from './api.js'
import { h, replace, notice } from './dom.js'
import { t } from './i18n.js'

export async function renderRating (el, v, user) {
  let mine = user ? (await api(`/users/me/videos/${v.uuid}/rating`)).rating : 'none'
  const counts = { like: v.likes, dislike: v.dislikes }
  const error = h('span')
  const button = (kind, label) => {
    const b = h('button', {
      type: 'button',
      id: kind,
      'aria-pressed': String(mine === kind),
      disabled: !user,
      title: user ? (kind === 'like' ? t('Like') : t('Dislike')) : t('Log in to rate this video')
    }, h('span', { 'aria-hidden': 'true' }, label), h('span', { class: 'visually-hidden' }, kind === 'like' ? t('Like') : t('Dislike')), ` ${counts[kind]}`)
    b.addEventListener('click', async () => {
      const next = mine === kind ? 'none' : kind
      try {
        await api(`/videos/${v.uuid}/rate`, { method: 'PUT', json: { rating: next } })
        if (mine !== 'none') counts[mine]--
        if (next !== 'none') counts[next]++
        mine = next
        draw()
      } catch (e) { notice(error, e.message) }
    })
    return b
  }
  const draw = () => replace(el, button('like', '👍'), button('dislike', '👎'), error)
  draw()
}
