// The video form's pure rules, shared by the upload and edit pages (no DOM, tested in node): tags as
// PeerTube counts them, chapters written one per line ("1:05 Title"), timecodes, the schedule's local
// time, and the JSON an update sends.

/** PeerTube's limits. */
export const MAX_TAGS = 5
export const TAG_MIN = 2
export const TAG_MAX = 30
export const CHAPTER_TITLE_MAX = 100

/**
 * Splits "a, b ,c" into distinct trimmed tags.
 * @param {string} text
 * @returns {string[]}
 */
export function parseTags (text) {
  return [...new Set(String(text ?? '').split(',').map(s => s.trim()).filter(Boolean))]
}

/**
 * Why the tags would be refused, or null.
 * @param {string[]} tags
 * @returns {'too-many' | 'bad-length' | null}
 */
export function tagProblem (tags) {
  if (tags.length > MAX_TAGS) return 'too-many'
  if (tags.some(t => t.length < TAG_MIN || t.length > TAG_MAX)) return 'bad-length'
  return null
}

/**
 * "1:02:03", "2:05", "75" → seconds; null when it is not a timecode.
 * @param {string} text
 * @returns {number | null}
 */
export function parseTimecode (text) {
  const m = /^(?:(\d+):)?(?:(\d{1,2}):)?(\d{1,2}(?:\.\d+)?)$/.exec(String(text).trim())
  if (!m) return null
  const parts = [m[1], m[2], m[3]].filter(p => p !== undefined).map(Number)
  if (parts.length > 1 && parts.slice(1).some(p => p >= 60)) return null
  return parts.reduce((total, p) => total * 60 + p, 0)
}

/**
 * Seconds → "m:ss" or "h:mm:ss".
 * @param {number} seconds
 * @returns {string}
 */
export function formatTimecode (seconds) {
  const s = Math.max(0, Math.floor(seconds))
  const hh = Math.floor(s / 3600)
  const mm = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, '0')
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`
}

/** @typedef {{ timecode: number, title: string }} Chapter */

/**
 * Reads chapters written one per line, "timecode title"; blank lines are skipped.
 * @param {string} text
 * @returns {{ chapters: Chapter[], badLine: number | null }} badLine: the first unreadable line (1-based)
 */
export function parseChapters (text) {
  /** @type {Chapter[]} */
  const chapters = []
  const lines = String(text ?? '').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (!line) continue
    const m = /^(\S+)\s+(.+)$/.exec(line)
    const timecode = m ? parseTimecode(m[1]) : null
    if (!m || timecode === null || m[2].trim().length > CHAPTER_TITLE_MAX) return { chapters: [], badLine: i + 1 }
    chapters.push({ timecode: Math.floor(timecode), title: m[2].trim() })
  }
  chapters.sort((a, b) => a.timecode - b.timecode)
  return { chapters, badLine: null }
}

/**
 * @param {Chapter[]} chapters
 * @returns {string}
 */
export function formatChapters (chapters) {
  return chapters.map(c => `${formatTimecode(c.timecode)} ${c.title}`).join('\n')
}

/**
 * A `datetime-local` value (the viewer's own time) → ISO 8601 UTC; null when empty or unreadable.
 * @param {string} value
 * @returns {string | null}
 */
export function localInputToIso (value) {
  if (!value) return null
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/**
 * ISO 8601 → a `datetime-local` value in the viewer's own time.
 * @param {string | null | undefined} iso
 * @returns {string}
 */
export function isoToLocalInput (iso) {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/**
 * @typedef {object} FormValues what the form's fields hold, as strings and booleans
 * @property {string} name
 * @property {string} description
 * @property {string} tags
 * @property {string} channelId
 * @property {string} privacy
 * @property {string} category
 * @property {string} licence
 * @property {string} language
 * @property {boolean} nsfw
 * @property {string} commentsPolicy
 * @property {boolean} downloadEnabled
 * @property {string} support
 * @property {string} originallyPublishedAt a date (yyyy-mm-dd) or empty
 * @property {string} scheduleAt a datetime-local value or empty
 * @property {string} schedulePrivacy
 */

/**
 * The JSON PeerTube's upload and update take from the form's values. A schedule makes the video private
 * until its time, as PeerTube's form does.
 * @param {FormValues} v
 * @returns {Record<string, unknown>}
 */
export function videoPayload (v) {
  /** @type {Record<string, unknown>} */
  const out = {
    name: v.name.trim(),
    description: v.description,
    support: v.support,
    tags: parseTags(v.tags),
    privacy: Number(v.privacy),
    nsfw: v.nsfw,
    commentsPolicy: Number(v.commentsPolicy),
    downloadEnabled: v.downloadEnabled
  }
  if (v.channelId) out.channelId = Number(v.channelId)
  if (v.category) out.category = Number(v.category)
  if (v.licence) out.licence = Number(v.licence)
  if (v.language) out.language = v.language
  if (v.originallyPublishedAt) out.originallyPublishedAt = new Date(`${v.originallyPublishedAt}T00:00:00Z`).toISOString()
  const at = localInputToIso(v.scheduleAt)
  if (at) {
    out.privacy = 3
    out.scheduleUpdate = { updateAt: at, privacy: Number(v.schedulePrivacy || 1) }
  }
  return out
}
