// Comment threads under a video: read by anyone, written by signed-in users, deleted by their
// author (or the video's owner / moderators, which the server decides). Text is markdown, shown
// through lib/markdown.js's allowlist; timestamps seek the player. The count in the heading is
// PeerTube's totalNotDeletedComments: threads and replies, as many as the list shows.
import { api } from './api.js'
import { h, replace, notice, ago } from './dom.js'
import { t, tn } from './i18n.js'
import { renderMarkdown } from './markdown-view.js'
import { avatar } from './avatar.js'

/**
 * @param {HTMLElement} el
 * @param {any} v the video
 * @param {any} user the signed-in user, or null
 * @param {{ onSeek?: (seconds: number) => void }} [options]
 */
export async function renderComments (el, v, user, { onSeek } = {}) {
  const list = h('div', { class: 'threads', id: 'comment-threads' })
  const error = h('div')
  const held = h('div', { id: 'comment-held' })
  const heading = h('h2', { id: 'comment-count' }, t('Comments'))
  const reload = async () => {
    const threads = await api(`/videos/${v.uuid}/comment-threads?count=100&sort=-createdAt`)
    const trees = await Promise.all(threads.data.map(async (/** @type {any} */ c) =>
      c.totalReplies ? api(`/videos/${v.uuid}/comment-threads/${c.id}`) : { comment: c, children: [] }))
    const shown = trees.reduce((n, tree) => n + countShown(tree), 0)
    const total = threads.totalNotDeletedComments ?? shown
    heading.textContent = tn(total, '{n} comment', '{n} comments')
    heading.dataset.count = String(total)
    replace(list, trees.map(node))
  }
  /** @returns {HTMLElement} */
  const node = (/** @type {any} */ { comment, children }) => h('article', { class: 'comment', 'data-id': comment.id },
    comment.isDeleted
      ? h('p', { class: 'muted' }, t('This comment has been deleted'))
      : [
          h('p', { class: 'comment-head' },
            avatar(comment.account, 24), ' ',
            h('strong', {}, comment.account?.displayName ?? ''), ` · ${ago(comment.createdAt)}`,
            comment.heldForReview ? h('span', { class: 'badge' }, t('Awaiting approval')) : null),
          renderMarkdown(h('div', { class: 'comment-text' }), comment.text, { timestamps: true, onSeek }),
          user ? h('p', { class: 'comment-actions' },
            h('button', { type: 'button', class: 'link', onclick: (/** @type {Event} */ e) => /** @type {Element} */ (e.target).closest('article').append(form(comment.id)) }, t('Reply')),
            comment.account?.name === user.username || v.account?.name === user.username || user.role?.id <= 1
              ? h('button', { type: 'button', class: 'link', onclick: () => act(() => api(`/videos/${v.uuid}/comments/${comment.id}`, { method: 'DELETE' })) }, t('Delete'))
              : null) : null
        ],
    h('div', { class: 'replies' }, children.map(node)))
  const act = async (/** @type {() => Promise<any>} */ f) => {
    notice(error, null)
    try {
      const answer = await f()
      notice(held, answer?.comment?.heldForReview ? t('Your comment is held for review: it will appear once the video\'s owner approves it.') : null, 'success')
      await reload()
      return true
    } catch (e) {
      notice(error, e.message)
      return false
    }
  }
  const form = (/** @type {number | null} */ replyTo) => {
    const id = `comment-text-${replyTo ?? 'new'}`
    const text = h('textarea', { id, name: 'text', rows: 3, required: true, maxlength: 10000, placeholder: replyTo ? t('Reply…') : t('Add a comment…') })
    const f = h('form', { class: 'form comment-form' },
      h('label', { for: id, class: 'visually-hidden' }, replyTo ? t('Your reply') : t('Your comment')),
      text,
      h('small', { class: 'muted' }, t('Markdown works: *emphasis*, **bold**, links, lists; 1:23 links to that moment.')),
      h('button', { type: 'submit' }, replyTo ? t('Reply') : t('Comment')))
    f.addEventListener('submit', e => {
      e.preventDefault()
      act(() => api(replyTo ? `/videos/${v.uuid}/comments/${replyTo}` : `/videos/${v.uuid}/comment-threads`, { method: 'POST', json: { text: text.value } }))
        .then(ok => { if (ok && !replyTo) text.value = '' })
    })
    return f
  }
  const top = !v.commentsEnabled ? h('p', { class: 'muted' }, t('Comments are disabled for this video.'))
    : user ? form(null) : h('p', {}, h('a', { href: `/login?next=${encodeURIComponent(location.pathname)}` }, t('Log in')), ' ', t('to comment.'))
  replace(el, heading, top, held, error, list)
  await reload()
}

/**
 * Comments of a thread that are shown and not deleted.
 * @param {{ comment: any, children: any[] }} tree
 * @returns {number}
 */
function countShown ({ comment, children }) {
  return (comment.isDeleted ? 0 : 1) + children.reduce((n, c) => n + countShown(c), 0)
}
