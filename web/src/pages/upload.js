// Upload: drop a file (or pick one), describe it, and watch a real progress bar while it uploads
// in resumable chunks; a dropped connection pauses the bar and the upload picks up where it stopped.
import { api } from '../lib/api.js'
import { h, replace, notice, bytes } from '../lib/dom.js'
import { ResumableUpload } from '../lib/resumable-upload.js'

export async function render (main, { user }) {
  document.title = 'Upload - Tandem'
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  const [privacies, categories, config] = await Promise.all([api('/videos/privacies'), api('/videos/categories'), api('/config')])
  const accept = config.video?.file?.extensions?.join(',') ?? 'video/*'
  let file = null

  const input = h('input', { type: 'file', id: 'file', accept, hidden: true })
  const chosen = h('p', { class: 'muted', id: 'chosen' }, 'Drop a video here, or choose a file')
  const drop = h('label', { class: 'dropzone', for: 'file', tabindex: 0 }, chosen, input)
  const name = h('input', { name: 'name', required: true, minlength: 3, maxlength: 120 })
  const form = h('form', { class: 'form', id: 'upload-form' },
    drop,
    h('label', {}, 'Title', name),
    h('label', {}, 'Description', h('textarea', { name: 'description', rows: 4, maxlength: 10000 })),
    h('label', {}, 'Tags (comma separated, up to 5)', h('input', { name: 'tags' })),
    h('label', {}, 'Channel', h('select', { name: 'channelId' },
      user.videoChannels.map(c => h('option', { value: c.id }, c.displayName)))),
    h('label', {}, 'Privacy', h('select', { name: 'privacy' },
      Object.entries(privacies).filter(([id]) => Number(id) <= 3).map(([id, label]) => h('option', { value: id }, label)))),
    h('label', {}, 'Category', h('select', { name: 'category' }, h('option', { value: '' }, '—'),
      Object.entries(categories).map(([id, label]) => h('option', { value: id }, label)))),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'commentsEnabled', checked: true }), 'Allow comments'),
    h('button', { type: 'submit', id: 'start-upload' }, 'Upload'))
  const progress = h('progress', { id: 'upload-progress', max: 100, value: 0, hidden: true })
  const status = h('p', { id: 'upload-status', role: 'status' })
  const error = h('div')

  const choose = f => {
    if (!f) return
    file = f
    chosen.textContent = `${f.name} · ${bytes(f.size)}`
    if (!name.value) name.value = f.name.replace(/\.[^.]+$/, '').slice(0, 120).padEnd(3, '_')
  }
  input.addEventListener('change', () => choose(input.files[0]))
  for (const type of ['dragenter', 'dragover']) drop.addEventListener(type, e => { e.preventDefault(); drop.classList.add('over') })
  drop.addEventListener('dragleave', () => drop.classList.remove('over'))
  drop.addEventListener('drop', e => { e.preventDefault(); drop.classList.remove('over'); choose(e.dataTransfer.files[0]) })

  form.addEventListener('submit', async e => {
    e.preventDefault()
    notice(error, null)
    if (!file) return notice(error, 'Choose a video file first.')
    const upload = new ResumableUpload(file, metadata(new FormData(form)), {
      onProgress (sent, total) {
        progress.value = Math.floor(100 * sent / total)
        status.textContent = `Uploading… ${progress.value}% (${bytes(sent)} of ${bytes(total)})`
      },
      onRetry (err, wait) {
        status.textContent = `${err.message}. Resuming in ${Math.round(wait / 1000)} s…`
      }
    })
    form.hidden = true
    progress.hidden = false
    try {
      const video = await upload.start()
      progress.value = 100
      replace(status, 'Uploaded. Tandem is preparing the video for streaming: ',
        h('a', { href: `/w/${video.shortUUID}`, id: 'uploaded-link' }, 'watch page'), ' · ',
        h('a', { href: '/my-library/videos' }, 'my videos'))
      status.dataset.uuid = video.uuid
    } catch (err) {
      form.hidden = false
      progress.hidden = true
      status.textContent = ''
      notice(error, err.message)
    }
  })
  replace(main, h('h1', {}, 'Upload a video'), form, progress, status, error)
}

function metadata (data) {
  const m = {
    name: data.get('name'),
    description: data.get('description') || undefined,
    channelId: Number(data.get('channelId')),
    privacy: Number(data.get('privacy')),
    commentsEnabled: data.get('commentsEnabled') === 'on',
    tags: (data.get('tags') ?? '').split(',').map(t => t.trim()).filter(Boolean)
  }
  if (data.get('category')) m.category = Number(data.get('category'))
  return m
}
