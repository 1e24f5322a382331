// Upload: drop a file (or pick one), describe it, and watch a real progress bar while it uploads
// in resumable chunks; a dropped connection pauses the bar and the upload picks up where it stopped.
import { api } from '../lib/api.js'
import { serverConfig } from '../lib/server-config.js'
import { h, replace, notice, bytes } from '../lib/dom.js'
import { ResumableUpload } from '../lib/resumable-upload.js'
import { t } from '../lib/i18n.js'
import { videoForm, loadChoices } from '../lib/video-form.js'
import { videoPayload } from '../lib/video-meta.js'

/**
 * @param {HTMLElement} main
 * @param {{ user: any }} params
 */
export async function render (main, { user }) {
  document.title = `${t('Upload a video')} - Tandem`
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  const [choices, config] = await Promise.all([loadChoices(api, user), serverConfig()])
  const accept = config?.video?.file?.extensions?.join(',') ?? 'video/*'
  /** @type {File | null} */
  let file = null

  const input = h('input', { type: 'file', id: 'file', accept, hidden: true })
  const chosen = h('p', { class: 'muted', id: 'chosen' }, t('Drop a video here, or choose a file'))
  const drop = h('label', { class: 'dropzone', for: 'file', tabindex: 0 }, chosen, input)
  const details = videoForm(choices)
  const name = /** @type {HTMLInputElement} */ (details.fields[0].querySelector('input'))
  // As PeerTube: the details come once a file is chosen.
  const more = h('div', { id: 'upload-details', hidden: true }, ...details.fields)
  const form = h('form', { class: 'form', id: 'upload-form' }, drop, more, h('button', { type: 'submit', id: 'start-upload' }, t('Upload')))
  const progress = h('progress', { id: 'upload-progress', max: 100, value: 0, hidden: true })
  const status = h('p', { id: 'upload-status', role: 'status' })
  const error = h('div')

  const choose = (/** @type {File | undefined} */ f) => {
    if (!f) return
    file = f
    chosen.textContent = `${f.name} · ${bytes(f.size)}`
    more.hidden = false
    if (!name.value) name.value = f.name.replace(/\.[^.]+$/, '').slice(0, 120).padEnd(3, '_')
  }
  input.addEventListener('change', () => choose(/** @type {HTMLInputElement} */ (input).files?.[0]))
  for (const type of ['dragenter', 'dragover']) drop.addEventListener(type, e => { e.preventDefault(); drop.classList.add('over') })
  drop.addEventListener('dragleave', () => drop.classList.remove('over'))
  drop.addEventListener('drop', e => { e.preventDefault(); drop.classList.remove('over'); choose(/** @type {DragEvent} */ (e).dataTransfer?.files[0]) })

  form.addEventListener('submit', async e => {
    e.preventDefault()
    notice(error, null)
    if (!file) return notice(error, t('Choose a video file first.'))
    const problem = details.problem()
    if (problem) return notice(error, problem)
    const upload = new ResumableUpload(file, videoPayload(details.values()), {
      onProgress (/** @type {number} */ sent, /** @type {number} */ total) {
        progress.value = Math.floor(100 * sent / total)
        status.textContent = t('Uploading… {percent}% ({sent} of {total})', { percent: progress.value, sent: bytes(sent), total: bytes(total) })
      },
      onRetry (/** @type {Error} */ err, /** @type {number} */ wait) {
        status.textContent = t('{error}. Resuming in {seconds} s…', { error: err.message, seconds: Math.round(wait / 1000) })
      }
    })
    form.hidden = true
    progress.hidden = false
    try {
      const video = await upload.start()
      progress.value = 100
      replace(status, t('Uploaded. Tandem is preparing the video for streaming:'), ' ',
        h('a', { href: `/w/${video.shortUUID}`, id: 'uploaded-link' }, t('watch page')), ' · ',
        h('a', { href: `/videos/manage/${video.shortUUID}`, id: 'uploaded-edit' }, t('thumbnail, captions and chapters')), ' · ',
        h('a', { href: '/my-library/videos' }, t('my videos')))
      status.dataset.uuid = video.uuid
    } catch (err) {
      form.hidden = false
      progress.hidden = true
      status.textContent = ''
      notice(error, /** @type {Error} */ (err).message)
    }
  })
  replace(main, h('h1', {}, t('Upload a video')), form, progress, status, error)
}
