// Edit a video (PeerTube's /videos/manage/{id}): its details, its thumbnail (an image or a frame of the
// video), its captions and its chapters. Each part saves on its own, so a failed caption upload never
// loses an edited description.
import { api } from '../lib/api.js'
import { h, replace, notice } from '../lib/dom.js'
import { t } from '../lib/i18n.js'
import { videoForm, loadChoices } from '../lib/video-form.js'
import { languageChoices, languageName } from '../lib/video-labels.js'
import { videoPayload, parseChapters, formatChapters, formatTimecode } from '../lib/video-meta.js'

/**
 * @param {HTMLElement} main
 * @param {{ user: any, id: string }} params
 */
export async function render (main, { user, id }) {
  document.title = `${t('Edit a video')} - Tandem`
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  const [video, choices] = await Promise.all([api(`/videos/${encodeURIComponent(id)}`), loadChoices(api, user)])
  const watch = h('a', { href: `/w/${video.shortUUID}`, id: 'manage-watch' }, t('Watch page'))
  replace(main,
    h('h1', {}, t('Edit “{name}”', { name: video.name })),
    h('p', {}, watch, ' · ', h('a', { href: '/my-library/videos' }, t('My videos'))),
    h('div', { class: 'manage' }, detailsSection(video, choices), thumbnailSection(video), captionsSection(video, choices), chaptersSection(video)))
}

/** @param {any} video @param {import('../lib/video-form.js').Choices} choices */
function detailsSection (video, choices) {
  const form = videoForm(choices, video)
  const status = h('p', { role: 'status', id: 'details-status' })
  const el = h('form', { class: 'form', id: 'manage-form' }, ...form.fields, h('button', { type: 'submit' }, t('Save the details')), status)
  el.addEventListener('submit', async e => {
    e.preventDefault()
    const problem = form.problem()
    if (problem) return notice(status, problem)
    try {
      await api(`/videos/${video.uuid}`, { method: 'PUT', json: videoPayload(form.values()) })
      notice(status, t('Saved.'), 'ok')
    } catch (err) { notice(status, /** @type {Error} */ (err).message) }
  })
  return h('section', { class: 'manage-section' }, h('h2', {}, t('Details')), el)
}

/** @param {any} video */
function thumbnailSection (video) {
  const img = h('img', { src: video.thumbnailPath, alt: t('Current thumbnail'), id: 'manage-thumbnail', width: 280, height: 158 })
  const status = h('p', { role: 'status', id: 'thumbnail-status' })
  const show = (/** @type {string} */ path) => { img.setAttribute('src', path) }

  const file = h('input', { type: 'file', id: 'thumbnail-file', accept: 'image/jpeg,image/png,image/webp' })
  const upload = h('form', { class: 'form', id: 'thumbnail-form' },
    h('div', { class: 'field' }, h('label', { for: 'thumbnail-file' }, t('Upload an image (JPEG, PNG or WebP, up to 8 MB)')), file),
    h('button', { type: 'submit' }, t('Use this image')))
  upload.addEventListener('submit', async e => {
    e.preventDefault()
    const chosen = /** @type {HTMLInputElement} */ (file).files?.[0]
    if (!chosen) return notice(status, t('Choose an image first.'))
    const body = new FormData()
    body.append('thumbnailfile', chosen)
    try {
      await api(`/videos/${video.uuid}`, { method: 'PUT', body })
      show((await api(`/videos/${video.uuid}`)).thumbnailPath)
      notice(status, t('The new thumbnail is saved.'), 'ok')
    } catch (err) { notice(status, /** @type {Error} */ (err).message) }
  })

  const max = Math.max(0, Math.floor(video.duration ?? 0))
  const at = h('input', { type: 'range', id: 'frame-time', min: 0, max, step: 1, value: Math.floor(max / 3) })
  const atText = h('output', { for: 'frame-time', id: 'frame-time-text' }, formatTimecode(Number(at.value)))
  at.addEventListener('input', () => { atText.textContent = formatTimecode(Number(at.value)) })
  const frame = h('form', { class: 'form', id: 'frame-form' },
    h('div', { class: 'field' }, h('label', { for: 'frame-time' }, t('Or take a frame of the video, at')), at, atText),
    h('button', { type: 'submit' }, t('Use this frame')))
  frame.addEventListener('submit', async e => {
    e.preventDefault()
    notice(status, t('Taking the frame…'), 'ok')
    try {
      const r = await api(`/videos/${video.uuid}/thumbnail/from-frame`, { method: 'POST', json: { timecode: Number(at.value) } })
      show(r.thumbnailPath)
      notice(status, t('The new thumbnail is saved.'), 'ok')
    } catch (err) { notice(status, /** @type {Error} */ (err).message) }
  })
  return h('section', { class: 'manage-section' }, h('h2', {}, t('Thumbnail')), img, upload, video.isLocal === false ? null : frame, status)
}

/** @param {any} video @param {import('../lib/video-form.js').Choices} choices */
function captionsSection (video, choices) {
  const list = h('ul', { id: 'captions-list', class: 'captions' })
  const status = h('p', { role: 'status' })
  const refresh = async () => {
    const { data } = await api(`/videos/${video.uuid}/captions`)
    replace(list, data.length
      ? data.map((/** @type {any} */ c) => {
        const remove = h('button', { type: 'button', class: 'danger' }, t('Delete the {language} captions', { language: languageName(c.language.id, c.language.label) }))
        remove.addEventListener('click', async () => {
          try {
            await api(`/videos/${video.uuid}/captions/${c.language.id}`, { method: 'DELETE' })
            await refresh()
          } catch (err) { notice(status, /** @type {Error} */ (err).message) }
        })
        return h('li', {}, h('a', { href: c.captionPath }, languageName(c.language.id, c.language.label)), ' ', remove)
      })
      : [h('li', { class: 'muted' }, t('No captions yet.'))])
  }
  const language = h('select', { id: 'caption-language' }, languageChoices(choices.languages).map(([id, name]) => h('option', { value: id }, name)))
  const file = h('input', { type: 'file', id: 'caption-file', accept: '.vtt,.srt,text/vtt' })
  const form = h('form', { class: 'form', id: 'caption-form' },
    h('div', { class: 'field' }, h('label', { for: 'caption-language' }, t('Language')), language),
    h('div', { class: 'field' }, h('label', { for: 'caption-file' }, t('Captions file (.vtt or .srt)')), file),
    h('button', { type: 'submit' }, t('Add the captions')))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    const chosen = /** @type {HTMLInputElement} */ (file).files?.[0]
    if (!chosen) return notice(status, t('Choose a captions file first.'))
    const body = new FormData()
    body.append('captionfile', chosen)
    try {
      await api(`/videos/${video.uuid}/captions/${encodeURIComponent(/** @type {HTMLSelectElement} */ (language).value)}`, { method: 'PUT', body })
      form.reset()
      await refresh()
      notice(status, t('Captions added.'), 'ok')
    } catch (err) { notice(status, /** @type {Error} */ (err).message) }
  })
  refresh().catch(err => notice(status, err.message))
  return h('section', { class: 'manage-section' }, h('h2', {}, t('Captions')), list, form, status)
}

/** @param {any} video */
function chaptersSection (video) {
  const text = h('textarea', { id: 'chapters-text', rows: 6, placeholder: '0:00 Introduction\n1:30 …' })
  const status = h('p', { role: 'status', id: 'chapters-status' })
  api(`/videos/${video.uuid}/chapters`).then(r => { text.value = formatChapters(r.chapters) }).catch(err => notice(status, err.message))
  const form = h('form', { class: 'form', id: 'chapters-form' },
    h('div', { class: 'field' }, h('label', { for: 'chapters-text' }, t('Chapters, one per line: a time and a title')), text),
    h('button', { type: 'submit' }, t('Save the chapters')))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    const { chapters, badLine } = parseChapters(text.value)
    if (badLine) return notice(status, t('Line {n} needs a time (like 1:30) and then a title.', { n: badLine }))
    try {
      await api(`/videos/${video.uuid}/chapters`, { method: 'PUT', json: { chapters } })
      notice(status, t('Chapters saved.'), 'ok')
    } catch (err) { notice(status, /** @type {Error} */ (err).message) }
  })
  return h('section', { class: 'manage-section' }, h('h2', {}, t('Chapters')), form, status)
}
