// Comment threads under a video: read by anyone, written by signed-in users, deleted by their
// author (or the video's owner / moderators, which the server decides). Text is shown as text.
import { api } from './api.js'
import { h, replace, notice, ago } from './dom.js'

export async function renderComments (el, v, user) {
  const list = h('div', { class: 'threads', id: 'comment-threads' })
  const error = h('div')
  const reload = async () => {
    const { total, data } = await api(`/videos/${v.uuid}/comment-threads?count=100&sort=-createdAt`)
    heading.textContent = `${total} comment${total === 1 ? '' : 's'}`
    replace(list, await Promise.all(data.map(async t => {
      const tree = t.totalReplies ? await api(`/videos/${v.uuid}/comment-threads/${t.id}`) : { comment: t, children: [] }
      return node(tree)
    })))
  }
  const node = ({ comment, children }) => h('article', { class: 'comment', 'data-id': comment.id },
    comment.isDeleted
      ? h('p', { class: 'muted' }, 'This comment has been deleted')
      : [
          h('p', { class: 'comment-head' }, h('strong', {}, comment.account?.displayName ?? ''), ` · ${ago(comment.createdAt)}`),
          h('p', { class: 'comment-text' }, comment.text),
          user ? h('p', { class: 'comment-actions' },
            h('button', { type: 'button', class: 'link', onclick: e => e.target.closest('article').append(form(comment.id)) }, 'Reply'),
            comment.account?.name === user.username || v.account?.name === user.username || user.role?.id <= 1
              ? h('button', { type: 'button', class: 'link', onclick: () => act(() => api(`/videos/${v.uuid}/comments/${comment.id}`, { method: 'DELETE' })) }, 'Delete')
              : null) : null
        ],
    h('div', { class: 'replies' }, children.map(node)))
  const act = async f => {
    notice(error, null)
    try { await f(); await reload() } catch (e) { notice(error, e.message) }
  }
  const form = (replyTo) => {
    const text = h('textarea', { name: 'text', rows: 3, required: true, maxlength: 10000, placeholder: replyTo ? 'Reply…' : 'Add a comment…', 'aria-label': 'Comment' })
    const f = h('form', { class: 'form comment-form' }, text, h('button', { type: 'submit' }, replyTo ? 'Reply' : 'Comment'))
    f.addEventListener('submit', e => {
      e.preventDefault()
      act(() => api(replyTo ? `/videos/${v.uuid}/comments/${replyTo}` : `/videos/${v.uuid}/comment-threads`, { method: 'POST', json: { text: text.value } }))
        .then(() => { if (!replyTo) text.value = '' })
    })
    return f
  }
  const heading = h('h2', {}, 'Comments')
  const top = !v.commentsEnabled ? h('p', { class: 'muted' }, 'Comments are disabled for this video.')
    : user ? form(null) : h('p', {}, h('a', { href: `/login?next=${encodeURIComponent(location.pathname)}` }, 'Log in'), ' to comment.')
  replace(el, heading, top, error, list)
  await reload()
}
