// What the share dialog offers, as pure functions: the video's short link (PeerTube's /w/<shortUUID>)
// with an optional start time in PeerTube's form (?start=1m23s), and the embed <iframe> code.

/**
 * PeerTube's time form for URLs: 83 → "1m23s", 3600 → "1h", 0 → "0s".
 * @param {number} seconds
 */
export function urlTime (seconds) {
  const s = Math.max(0, Math.floor(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor(s / 60) % 60
  const rest = s % 60
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${rest || (!h && !m) ? `${rest}s` : ''}`
}

/**
 * @param {{ uuid: string, shortUUID?: string }} v
 * @param {string} origin
 * @param {number | null} [start] seconds, or null for the beginning
 */
export function shareLink (v, origin, start = null) {
  const base = `${origin}/w/${v.shortUUID ?? v.uuid}`
  return start ? `${base}?start=${urlTime(start)}` : base
}

/**
 * The embed code, as PeerTube gives it; the title is escaped for the attribute it sits in.
 * @param {{ uuid: string, name: string }} v
 * @param {string} origin
 * @param {number | null} [start]
 */
export function embedCode (v, origin, start = null) {
  const src = `${origin}/videos/embed/${v.uuid}${start ? `?start=${urlTime(start)}` : ''}`
  const title = v.name.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
  return `<iframe title="${title}" width="560" height="315" src="${src}" frameborder="0" allowfullscreen="" ` +
    'sandbox="allow-same-origin allow-scripts allow-popups allow-forms"></iframe>'
}

/**
 * Related videos: those sharing a tag or the category first, then the channel's, then recent ones;
 * each once, never the video itself, at most `max`.
 * @template {{ uuid: string }} V
 * @param {string} current the watched video's uuid
 * @param {V[][]} lists in order of preference
 * @param {number} max
 * @returns {V[]}
 */
export function pickRelated (current, lists, max) {
  const seen = new Set([current])
  /** @type {V[]} */
  const out = []
  for (const list of lists) {
    for (const v of list) {
      if (out.length >= max) return out
      if (seen.has(v.uuid)) continue
      seen.add(v.uuid)
      out.push(v)
    }
  }
  return out
}

/**
 * The files a viewer may download, best first: web videos, then HLS renditions, each with its
 * download address (PeerTube's /download/… paths), label and size; none when downloads are off.
 * @param {{ downloadEnabled?: boolean, files?: any[], streamingPlaylists?: { files?: any[] }[] }} v
 * @returns {{ url: string, label: string, size: number, kind: 'web' | 'hls' }[]}
 */
export function downloads (v) {
  if (!v.downloadEnabled) return []
  const of = (/** @type {any[]} */ files, /** @type {'web' | 'hls'} */ kind) => (files ?? [])
    .filter(f => f.fileDownloadUrl || f.fileUrl)
    .map(f => ({ url: f.fileDownloadUrl ?? f.fileUrl, label: f.resolution?.label ?? '', size: f.size ?? 0, kind, id: f.resolution?.id ?? 0 }))
    .sort((a, b) => b.id - a.id)
    .map(({ id, ...rest }) => rest)
  return [...of(v.files, 'web'), ...of(v.streamingPlaylists?.[0]?.files, 'hls')]
}
