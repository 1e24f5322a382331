// The video details form shared by the upload and edit pages: the same labelled fields, filled from a
// video when editing. Reading it gives FormValues; video-meta.js turns them into PeerTube's JSON.
import { h } from './dom.js'
import { t } from './i18n.js'
import { labelName, languageChoices } from './video-labels.js'
import { renderMarkdown } from './markdown-view.js'
import { parseTags, tagProblem, isoToLocalInput, MAX_TAGS, TAG_MIN, TAG_MAX } from './video-meta.js'

/**
 * @typedef {object} Choices the instance's lists, as `/videos/categories` and its siblings answer
 * @property {Record<string, string>} privacies
 * @property {Record<string, string>} categories
 * @property {Record<string, string>} licences
 * @property {Record<string, string>} languages
 * @property {{ id: number, displayName: string }[]} channels
 */

/**
 * @typedef {object} VideoForm
 * @property {HTMLElement[]} fields the labelled fields, in order, to put inside a form
 * @property {() => import('./video-meta.js').FormValues} values
 * @property {() => string | null} problem why the values would be refused, in words, or null
 */

/**
 * @param {Choices} choices
 * @param {any} [video] the video being edited (PeerTube's video details), or none for an upload
 * @returns {VideoForm}
 */
export function videoForm (choices, video) {
  /** @param {Record<string, string> | Array<[string, string]>} options @param {unknown} current @param {boolean} [blank] */
  const select = (options, current, blank = true) => [
    blank ? h('option', { value: '' }, '—') : null,
    ...(Array.isArray(options) ? options : Object.entries(options))
      .map(([id, label]) => h('option', { value: id, selected: String(current ?? '') === id }, labelName(label)))
  ]
  /** @param {string} name @param {HTMLElement} input @param {string} label @param {string} [hint] */
  const field = (name, input, label, hint) => {
    input.id = `video-${name}`
    input.setAttribute('name', name)
    return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hint ? h('small', { class: 'muted' }, hint) : null)
  }
  const check = (/** @type {string} */ name, /** @type {boolean} */ on, /** @type {string} */ label) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name, id: `video-${name}`, checked: on }), label)

  const name = h('input', { required: true, minlength: 3, maxlength: 120, value: video?.name ?? '' })
  const description = h('textarea', { rows: 6, maxlength: 10000 })
  description.value = video?.description ?? ''
  const tags = h('input', { value: (video?.tags ?? []).join(', '), autocomplete: 'off' })
  const channel = h('select', {}, choices.channels.map(c => h('option', { value: String(c.id), selected: video?.channel?.id === c.id }, c.displayName)))
  const privacies = Object.fromEntries(Object.entries(choices.privacies).filter(([id]) => Number(id) <= 3))
  const privacy = h('select', {}, select(privacies, video?.privacy?.id ?? 1, false))
  const category = h('select', {}, select(choices.categories, video?.category?.id))
  const licence = h('select', {}, select(choices.licences, video?.licence?.id))
  const language = h('select', {}, select(languageChoices(choices.languages), video?.language?.id))
  const comments = h('select', {}, select({ 1: 'Enabled', 2: 'Disabled', 3: 'Enabled, each comment approved first' },
    video?.commentsPolicy?.id ?? 1, false))
  const support = h('textarea', { rows: 2, maxlength: 1000 })
  support.value = video?.support ?? ''
  const original = h('input', { type: 'date', value: video?.originallyPublishedAt ? String(video.originallyPublishedAt).slice(0, 10) : '' })
  const scheduleAt = h('input', { type: 'datetime-local', value: isoToLocalInput(video?.scheduledUpdate?.updateAt) })
  const schedulePrivacy = h('select', {}, select({ 1: 'Public', 2: 'Unlisted' }, video?.scheduledUpdate?.privacy ?? 1, false))

  const fields = [
    field('name', name, t('Title')),
    withPreview(field('description', description, t('Description'), t('Markdown: *emphasis*, **bold**, [links](https://example.org), lists.')), description),
    field('tags', tags, t('Tags'), t('Up to {max}, separated by commas, each {min} to {longest} characters', { max: MAX_TAGS, min: TAG_MIN, longest: TAG_MAX })),
    field('channelId', channel, t('Channel')),
    field('privacy', privacy, t('Privacy')),
    field('category', category, t('Category')),
    field('licence', licence, t('Licence')),
    field('language', language, t('Language')),
    field('commentsPolicy', comments, t('Comments')),
    check('downloadEnabled', video?.downloadEnabled ?? true, t('Allow downloads')),
    check('nsfw', video?.nsfw ?? false, t('Sensitive content (NSFW)')),
    field('support', support, t('Support text'), t('Shown under the video: how viewers can support you')),
    field('originallyPublishedAt', original, t('Originally published on')),
    h('fieldset', { class: 'schedule' }, h('legend', {}, t('Scheduled publication')),
      field('scheduleAt', scheduleAt, t('Publish on'), t('Leave empty to publish now. Until then the video stays private.')),
      field('schedulePrivacy', schedulePrivacy, t('Then make it')))
  ]
  const values = () => ({
    name: name.value,
    description: description.value,
    tags: tags.value,
    channelId: channel.value,
    privacy: privacy.value,
    category: category.value,
    licence: licence.value,
    language: language.value,
    nsfw: /** @type {HTMLInputElement} */ (fields[10].querySelector('input')).checked,
    commentsPolicy: comments.value,
    downloadEnabled: /** @type {HTMLInputElement} */ (fields[9].querySelector('input')).checked,
    support: support.value,
    originallyPublishedAt: original.value,
    scheduleAt: scheduleAt.value,
    schedulePrivacy: schedulePrivacy.value
  })
  const problem = () => {
    const trimmed = name.value.trim()
    if (trimmed.length < 3 || trimmed.length > 120) return t('The title needs 3 to 120 characters.')
    const p = tagProblem(parseTags(tags.value))
    if (p === 'too-many') return t('Use at most {max} tags.', { max: MAX_TAGS })
    if (p === 'bad-length') return t('Each tag needs {min} to {longest} characters.', { min: TAG_MIN, longest: TAG_MAX })
    return null
  }
  return { fields, values, problem }
}

/**
 * The description's field with, beside it on a wide screen (below on a phone), the description as the
 * watch page will show it: the same safe renderer, redrawn as the user types.
 * @param {HTMLElement} field
 * @param {HTMLTextAreaElement} description
 */
function withPreview (field, description) {
  const preview = h('div', { id: 'description-preview', class: 'description markdown-preview', role: 'region', 'aria-labelledby': 'description-preview-label', 'aria-live': 'polite' })
  const draw = () => {
    if (description.value.trim()) renderMarkdown(preview, description.value, { timestamps: true })
    else preview.replaceChildren(h('span', { class: 'muted' }, t('Nothing to preview yet.')))
  }
  // A timestamp jumps in the player on the watch page; here there is no player to move.
  preview.addEventListener('click', e => { if (/** @type {Element} */ (e.target).closest?.('a[data-seek]')) e.preventDefault() })
  description.addEventListener('input', draw)
  draw()
  return h('div', { class: 'description-edit' }, field,
    h('div', { class: 'field' }, h('span', { class: 'label', id: 'description-preview-label' }, t('Preview')), preview))
}

/**
 * The instance's lists the form offers, fetched together.
 * @param {(path: string) => Promise<any>} api
 * @param {{ videoChannels: { id: number, displayName: string }[] }} user
 * @returns {Promise<Choices>}
 */
export async function loadChoices (api, user) {
  const [privacies, categories, licences, languages] = await Promise.all(
    ['/videos/privacies', '/videos/categories', '/videos/licences', '/videos/languages'].map(p => api(p)))
  return { privacies, categories, licences, languages, channels: user.videoChannels }
}
