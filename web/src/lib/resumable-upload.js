// PeerTube's resumable upload protocol from the browser: init with the metadata, then PUT chunks
// with Content-Range. A dropped connection is retried with backoff; before retrying, the server is
// asked how much it holds (`Content-Range: bytes */size`), so nothing is sent twice and the upload
// ends as one video. Re-initialising the same file (after a reload) resumes the server's session.
import { session } from './session.js'
import { ApiError } from './api.js'

const INIT_URL = '/api/v1/videos/upload-resumable'
// A dropped connection costs at most one chunk; small files still get a few chunks.
const MIN_CHUNK = 256 * 1024
const MAX_CHUNK = 8 * 1024 * 1024
const MAX_BACKOFF_MS = 30_000

export class ResumableUpload {
  /**
   * @param {File} file
   * @param {Record<string, unknown>} metadata the video's fields (name, channelId, privacy…)
   * @param {{ onProgress?: (sent: number, total: number) => void, onRetry?: (error: Error, waitMs: number) => void }} [callbacks]
   */
  constructor (file, metadata, { onProgress = () => {}, onRetry = () => {} } = {}) {
    this.file = file
    this.metadata = metadata
    this.onProgress = onProgress
    this.onRetry = onRetry
    this.chunkSize = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil(file.size / 4)))
    this.cancelled = false
    this.xhr = null
    this.retries = 0
  }

  /** Resolves with the created video ({id, uuid, shortUUID}); rejects on a refusal (quota, format…). */
  async start () {
    let offset = await this.init()
    for (;;) {
      if (this.cancelled) throw new Error('Upload cancelled')
      const end = Math.min(offset + this.chunkSize, this.file.size)
      try {
        const r = await this.send(this.file.slice(offset, end), `bytes ${offset}-${end - 1}/${this.file.size}`)
        if (r.status === 200) return JSON.parse(r.body).video
        offset = received(r)
        this.retries = 0
      } catch (e) {
        if (e instanceof ApiError && e.status !== 401 && e.status < 500) throw e
        offset = await this.recover(e)
      }
    }
  }

  async cancel () {
    this.cancelled = true
    this.xhr?.abort()
    if (this.url) await fetch(this.url, { method: 'DELETE', headers: session.authHeader() }).catch(() => {})
  }

  async init () {
    const res = await fetch(INIT_URL, {
      method: 'POST',
      headers: {
        ...session.authHeader(),
        'Content-Type': 'application/json',
        'X-Upload-Content-Length': String(this.file.size),
        'X-Upload-Content-Type': this.file.type || 'video/mp4'
      },
      body: JSON.stringify({ ...this.metadata, filename: this.file.name })
    })
    if (res.status === 401 && await session.refresh()) return this.init()
    if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null))
    const where = new URL(res.headers.get('Location'), location.href)
    this.url = where.pathname + where.search
    const offset = res.status === 200 ? received({ range: res.headers.get('Range') }) : 0
    this.onProgress(offset, this.file.size)
    return offset
  }

  /** After a failure: wait, then ask the server how many bytes it kept. */
  async recover (error) {
    for (;;) {
      if (this.cancelled) throw new Error('Upload cancelled')
      const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.retries++)
      this.onRetry(error, wait)
      await new Promise(resolve => setTimeout(resolve, wait))
      try {
        if (error instanceof ApiError && error.status === 401 && !await session.refresh()) throw error
        const r = await this.send(null, `bytes */${this.file.size}`)
        if (r.status === 200) return this.file.size
        return received(r)
      } catch (e) {
        if (e instanceof ApiError && e.status !== 401 && e.status < 500) throw e
        error = e
      }
    }
  }

  /** One PUT through XMLHttpRequest, the only browser API that reports upload progress. */
  send (blob, contentRange) {
    return new Promise((resolve, reject) => {
      const xhr = this.xhr = new XMLHttpRequest()
      xhr.open('PUT', this.url)
      for (const [k, v] of Object.entries(session.authHeader())) xhr.setRequestHeader(k, v)
      xhr.setRequestHeader('Content-Range', contentRange)
      const start = blob ? Number(contentRange.split(/[ -]/)[1]) : 0
      xhr.upload.onprogress = e => { if (blob) this.onProgress(start + e.loaded, this.file.size) }
      xhr.onload = () => {
        if (xhr.status === 200 || xhr.status === 308) {
          resolve({ status: xhr.status, range: xhr.getResponseHeader('Range'), body: xhr.responseText })
        } else {
          let problem = null
          try { problem = JSON.parse(xhr.responseText) } catch {}
          reject(new ApiError(xhr.status, problem))
        }
      }
      xhr.onerror = () => reject(new Error('The connection dropped'))
      xhr.onabort = () => reject(new Error('Upload cancelled'))
      xhr.send(blob)
    })
  }
}

/**
 * The next byte to send, from a `Range: bytes=0-N` answer (none: nothing kept yet).
 * @param {{ range: string | null }} answer
 */
function received ({ range }) {
  const m = /bytes=0-(\d+)/.exec(range ?? '')
  return m ? Number(m[1]) + 1 : 0
}
