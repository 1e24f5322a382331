// Simulated viewers for bench/mirrors.sh: HTTP clients that fetch a video's segments in order and pick
// each one's source with the player's own modules (web/src/lib/sources.js, segment-fetch.js), no P2P.
// Every segment is checked against the instance's segments-sha256.json, as the player does.
//
// node viewers.mjs play <details-url> <viewers> <segments> <preference> <firstByteTimeoutMs> [capMs]
//   → {bytes: {host: n}, originShare, segments, maxStallMs, maxSegmentMs, failures}
//   preference `peertube` = PeerTube's player: uniform pick, no timeout (capped at capMs), drop on failure.
// node viewers.mjs resume <details-url> <sinceEpochMs> <deadlineMs>
//   → {resumedAfterMs, playlistUrl, servedBy}: a page load repeated until a segment plays, verified.
import { createHash } from 'node:crypto'
import { Sources, directoryOf, fileNameOf, hostOf } from '../../web/src/lib/sources.js'
import { fetchSegment } from '../../web/src/lib/segment-fetch.js'

const [mode, detailsUrl, ...rest] = process.argv.slice(2)

// A plain unref'd timer, not AbortSignal.timeout(): node 20 may collect such a signal before it fires.
function deadline (ms) {
  const c = new AbortController()
  setTimeout(() => c.abort(new Error(`no answer in ${ms} ms`)), ms).unref()
  return c.signal
}

async function json (url, ms = 2000) {
  const res = await fetch(url, { signal: deadline(ms) })
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`)
  return res.json()
}

const sha256 = data => createHash('sha256').update(data).digest('hex')

/** The segments of the largest rendition, in order, from the hash table: [{file, range, hash}]. */
function segmentsOf (table) {
  const [file, ranges] = Object.entries(table).filter(([, r]) => typeof r === 'object')
    .sort((a, b) => Object.keys(b[1]).length - Object.keys(a[1]).length || b[0].localeCompare(a[0]))[0]
  return Object.entries(ranges).map(([range, hash]) => ({ file, range, hash, start: Number(range.split('-')[0]) }))
    .sort((a, b) => a.start - b.start)
}

async function play ([viewers, count, preference, timeoutMs, capMs = '120000']) {
  const v = await json(detailsUrl)
  const playlist = v.streamingPlaylists[0]
  const table = await json(playlist.segmentsSha256Url)
  const segments = segmentsOf(table).slice(0, Number(count))
  const peertube = preference === 'peertube'
  const bytes = {}
  let maxStallMs = 0; let maxSegmentMs = 0; let failures = 0; let fetched = 0
  await Promise.all(Array.from({ length: Number(viewers) }, async () => {
    const sources = new Sources({
      origin: directoryOf(playlist.playlistUrl),
      mirrors: playlist.redundancies.map(r => r.baseUrl),
      preference: peertube ? 'even' : preference,
      // PeerTube's player sets no timeout: the cap only keeps the bench finite.
      firstByteTimeoutMs: peertube ? Number(capMs) * 10 : Number(timeoutMs)
    })
    // PeerTube's player waits forever; the cap only keeps the bench finite.
    const cappedFetch = (url, init) => fetch(url, { ...init, signal: AbortSignal.any([init.signal, deadline(Number(capMs))]) })
    for (const s of segments) {
      const url = `${directoryOf(playlist.playlistUrl)}/${s.file}`
      try {
        const r = await fetchSegment(sources, url, { range: `bytes=${s.range}`, verify: async d => sha256(d) === s.hash, fetchImpl: peertube ? cappedFetch : fetch })
        maxStallMs = Math.max(maxStallMs, r.stalledMs)
        maxSegmentMs = Math.max(maxSegmentMs, r.ms)
        fetched++
      } catch (e) {
        failures++
      }
    }
    for (const src of sources.all) bytes[src.host] = (bytes[src.host] ?? 0) + src.bytes
  }))
  const origin = hostOf(directoryOf(playlist.playlistUrl))
  const total = Object.values(bytes).reduce((a, b) => a + b, 0)
  return { bytes, originShare: total ? (bytes[origin] ?? 0) / total : 0, segments: fetched, maxStallMs: Math.round(maxStallMs), maxSegmentMs: Math.round(maxSegmentMs), failures }
}

/** A viewer opening the video's page on an instance, again and again, until its first segment plays verified. */
async function resume ([since, until]) {
  while (Date.now() < Number(until)) {
    try {
      const v = await json(detailsUrl)
      const playlist = v.streamingPlaylists[0]
      const table = await json(playlist.segmentsSha256Url)
      const first = segmentsOf(table)[0]
      const sources = new Sources({ origin: directoryOf(playlist.playlistUrl), mirrors: playlist.redundancies.map(r => r.baseUrl) })
      // The master playlist, from playlistUrl or (as the player falls back) from a mirror.
      let master = null
      for (const s of sources.all) {
        try {
          const res = await fetch(`${s.base}/${fileNameOf(playlist.playlistUrl)}`, { signal: deadline(2000) })
          if (res.ok) { master = await res.text(); break }
        } catch { /* next source */ }
      }
      if (!master) throw new Error('no master playlist')
      const r = await fetchSegment(sources, `${directoryOf(playlist.playlistUrl)}/${first.file}`,
        { range: `bytes=${first.range}`, verify: async d => sha256(d) === first.hash, fetchImpl: (u, init) => fetch(u, { ...init, signal: AbortSignal.any([init.signal, deadline(5000)]) }) })
      return { resumedAfterMs: Date.now() - Number(since), playlistUrl: playlist.playlistUrl, servedBy: r.source.host }
    } catch { /* not yet */ }
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  return { resumedAfterMs: null }
}

const out = mode === 'play' ? await play(rest) : await resume(rest)
console.log(JSON.stringify(out))
