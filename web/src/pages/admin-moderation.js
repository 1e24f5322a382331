// Moderation, a tab of the admin page at PeerTube's URLs: abuse reports
// (/admin/moderation/abuses/list), blocked videos (/admin/moderation/video-blocks/list) and every
// comment of the instance (/admin/moderation/comments/list).
import { api } from '../lib/api.js'
import { h, replace, notice, ago } from '../lib/dom.js'
import { t, tn } from '../lib/i18n.js'
import { abuseSubject, canBlockVideo, blockReason, queryString, ABUSE_STATES } from '../lib/moderation.js'
import { abuseThread } from '../lib/abuse-thread.js'

/** @typedef {import('../lib/moderation.js').Abuse} Abuse */

const SECTIONS = () => ({ abuses: t('Reports'), 'video-blocks': t('Blocked videos'), comments: t('Comments') })

/**
 * @param {HTMLElement} section
 * @param {string} [sub] abuses, video-blocks or comments
 */
export async function moderation (section, sub = 'abuses') {
  const body = h('div', { id: `moderation-${sub}` })
  replace(section,
    h('nav', { class: 'tabs moderation-tabs', 'aria-label': t('Moderation') }, Object.entries(SECTIONS()).map(([key, label]) =>
      h('a', { href: `/admin/moderation/${key}/list`, 'aria-current': key === sub ? 'page' : null }, label))),
    body)
  await ({ abuses, 'video-blocks': videoBlocks, comments })[sub](body)
}

/**
 * @param {HTMLElement} section
 * @param {Record<string, string>} [filters] PeerTube's query: `state` ('' for all, else an id of ABUSE_STATES) and `search`
 */
async function abuses (section, filters = { state: String(ABUSE_STATES.pending) }) {
  const error = h('div')
  const state = filters.state ?? ''
  const filter = h('select', { id: 'abuse-state', name: 'state' },
    [['', t('All reports')], [String(ABUSE_STATES.pending), t('Pending')], [String(ABUSE_STATES.accepted), t('Accepted')],
      [String(ABUSE_STATES.rejected), t('Rejected')]].map(([v, label]) => h('option', { value: v, selected: v === state }, label)))
  const search = h('input', { id: 'abuse-search', name: 'search', type: 'search', value: filters.search ?? '', placeholder: t('Video, channel or account') })
  const form = h('form', { class: 'form inline', id: 'abuse-filters', role: 'search' },
    h('label', { for: 'abuse-state' }, t('Show')), filter,
    h('label', { for: 'abuse-search' }, t('Search')), search,
    h('button', { type: 'submit' }, t('Filter')))
  const read = () => /** @type {Record<string, string>} */ (Object.fromEntries(new FormData(form)))
  filter.addEventListener('change', () => abuses(section, read()))
  form.addEventListener('submit', e => {
    e.preventDefault()
    abuses(section, read())
  })
  const { data, total } = await api(`/abuses${queryString({ ...filters, count: 50 })}`)
  const reload = () => abuses(section, read())
  replace(section,
    form, h('p', {}, tn(total, '{n} report', '{n} reports')),
    error,
    data.length === 0
      ? h('p', { class: 'muted' }, t('No report to show.'))
      : h('ul', { class: 'moderation-list', id: 'abuse-list' }, data.map((/** @type {Abuse} */ a) => abuseItem(a, error, reload))))
}

/**
 * @param {Abuse} a
 * @param {HTMLElement} error
 * @param {() => Promise<void>} reload
 */
function abuseItem (a, error, reload) {
  const act = (/** @type {() => Promise<unknown>} */ f) => async () => {
    try { await f(); await reload() } catch (e) { notice(error, /** @type {Error} */ (e).message) }
  }
  const subject = abuseSubject(a)
  const kinds = { video: t('Video'), comment: t('Comment'), account: t('Account') }
  const reporter = a.reporterAccount ? `${a.reporterAccount.name}@${a.reporterAccount.host}` : t('unknown')
  const decide = (/** @type {number} */ state) => act(() => api(`/abuses/${a.id}`, { method: 'PUT', json: { state } }))
  return h('li', { class: 'moderation-item', 'data-abuse': a.id },
    h('p', {},
      h('strong', {}, kinds[subject.kind]), ' ',
      subject.href ? h('a', { href: subject.href }, subject.label) : h('span', {}, subject.label, ' ', h('em', {}, t('(deleted)'))),
      ' ', h('span', { class: `abuse-state state-${a.state.id}` }, stateLabel(a.state.id))),
    h('p', { class: 'abuse-reason' }, a.reason),
    a.predefinedReasons.length ? h('p', { class: 'muted' }, a.predefinedReasons.map(reasonLabel).join(', ')) : null,
    h('p', { class: 'muted' }, t('Reported by {who}, {when}', { who: reporter, when: ago(a.createdAt) })),
    a.moderationComment ? h('p', {}, t('Moderator’s note: {note}', { note: a.moderationComment })) : null,
    conversation(a),
    h('p', { class: 'actions' },
      a.state.id !== ABUSE_STATES.accepted ? h('button', { type: 'button', class: 'accept-abuse', onclick: decide(ABUSE_STATES.accepted) }, t('Accept the report')) : null,
      a.state.id !== ABUSE_STATES.rejected ? h('button', { type: 'button', class: 'secondary reject-abuse', onclick: decide(ABUSE_STATES.rejected) }, t('Reject the report')) : null,
      canBlockVideo(a)
        ? h('button', {
          type: 'button',
          class: 'danger block-video',
          onclick: act(() => api(`/videos/${a.video?.uuid}/blacklist`, { method: 'POST', json: { reason: blockReason(a) } }))
        }, t('Block the video'))
        : null,
      h('button', { type: 'button', class: 'secondary', onclick: act(() => api(`/abuses/${a.id}`, { method: 'DELETE' })) }, t('Delete the report'))))
}

/**
 * The conversation with the reporter, opened on demand; a report from another instance has none.
 * @param {Abuse} a
 */
function conversation (a) {
  if (!a.reporterAccount || a.reporterAccount.host !== location.host) return null
  const details = h('details', { class: 'abuse-conversation' },
    h('summary', {}, tn(a.countMessages ?? 0, 'Conversation with the reporter ({n} message)', 'Conversation with the reporter ({n} messages)')))
  details.addEventListener('toggle', async () => {
    if (!details.open || details.querySelector('.abuse-thread')) return
    details.append(await abuseThread(a.id, { username: '', moderator: true }))
  }, { passive: true })
  return details
}

/** @param {number} id */
function stateLabel (id) {
  return id === ABUSE_STATES.accepted ? t('Accepted') : id === ABUSE_STATES.rejected ? t('Rejected') : t('Pending')
}

/** @param {string} r one of PeerTube's predefined reasons */
function reasonLabel (r) {
  /** @type {Record<string, string>} */
  const labels = {
    violentOrAbusive: t('Violent or abusive'),
    hatefulOrAbusive: t('Hateful or abusive'),
    spamOrMisleading: t('Spam or misleading'),
    privacy: t('Privacy'),
    rights: t('Copyright'),
    serverRules: t('Breaks the instance’s rules'),
    thumbnails: t('Thumbnail'),
    captions: t('Captions')
  }
  return labels[r] ?? r
}

/** @param {HTMLElement} section */
async function videoBlocks (section) {
  const error = h('div')
  const { data, total } = await api('/videos/blacklist?count=50')
  const reload = () => videoBlocks(section)
  replace(section, h('p', {}, tn(total, '{n} blocked video', '{n} blocked videos')), error,
    data.length === 0
      ? h('p', { class: 'muted' }, t('No video is blocked.'))
      : h('ul', { class: 'moderation-list', id: 'video-block-list' }, data.map((/** @type {any} */ b) => h('li', { class: 'moderation-item', 'data-video': b.video.uuid },
        h('p', {}, h('a', { href: `/videos/watch/${b.video.uuid}` }, b.video.name)),
        b.reason ? h('p', {}, b.reason) : null,
        h('p', { class: 'muted' }, t('Blocked {when}', { when: ago(b.createdAt) })),
        h('p', { class: 'actions' }, h('button', {
          type: 'button',
          onclick: async () => {
            try { await api(`/videos/${b.video.uuid}/blacklist`, { method: 'DELETE' }); await reload() } catch (e) { notice(error, /** @type {Error} */ (e).message) }
          }
        }, t('Unblock')))))))
}

/**
 * @param {HTMLElement} section
 * @param {Record<string, string>} [filters]
 */
async function comments (section, filters = {}) {
  const error = h('div')
  const field = (/** @type {string} */ name, /** @type {string} */ label) => h('label', {}, label,
    h('input', { name, type: 'search', value: filters[name] ?? '' }))
  const origin = h('select', { name: 'isLocal' },
    [['', t('All comments')], ['true', t('This instance')], ['false', t('Other instances')]].map(([v, label]) =>
      h('option', { value: v, selected: v === (filters.isLocal ?? '') }, label)))
  const form = h('form', { class: 'form inline', id: 'comment-filters', role: 'search' },
    field('search', t('Text')), field('searchAccount', t('Author')), field('searchVideo', t('Video')),
    h('label', {}, t('Origin'), origin),
    h('button', { type: 'submit' }, t('Filter')))
  form.addEventListener('submit', e => {
    e.preventDefault()
    comments(section, /** @type {Record<string, string>} */ (Object.fromEntries(new FormData(form))))
  })
  const { data, total } = await api(`/videos/comments${queryString({ ...filters, count: 50 })}`)
  replace(section, form, h('p', {}, tn(total, '{n} comment', '{n} comments')), error,
    h('ul', { class: 'moderation-list', id: 'comment-list' }, data.map((/** @type {any} */ c) => h('li', { class: 'moderation-item', 'data-comment': c.id },
      h('p', { class: 'comment-text' }, c.text),
      h('p', { class: 'muted' }, t('{author} on {video}, {when}', { author: `${c.account.name}@${c.account.host}`, video: c.video.name, when: ago(c.createdAt) })),
      h('p', { class: 'actions' },
        h('a', { href: `/videos/watch/${c.video.uuid}` }, t('Open the video')), ' ',
        h('button', {
          type: 'button',
          class: 'danger',
          onclick: async () => {
            try {
              await api(`/videos/${c.video.uuid}/comments/${c.id}`, { method: 'DELETE' })
              await comments(section, filters)
            } catch (e) { notice(error, /** @type {Error} */ (e).message) }
          }
        }, t('Delete the comment')))))))
}
