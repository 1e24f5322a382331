// Where each HTTP segment comes from: the origin or one of its mirrors (PeerTube's redundancies).
// PeerTube's player picks uniformly and waits forever on a mirror that hangs; this one weighs the
// sources by the throughput it measures, spares the origin while mirrors are healthy, gives up on a
// source with no first byte in time, and drops for good a source that failed or served bad bytes.
// Pure (no DOM, randomness injected): the player, node's tests and the benchmark all use it.

export const PREFERENCES = ['prefer-mirrors', 'even', 'origin-first']
export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 2000
/** Weight of the newest throughput sample: a source that slows down loses its share within a few segments. */
const EWMA_ALPHA = 0.3

/** A URL without query or fragment, up to (not including) its last slash: the directory mirrors swap. */
export function directoryOf (url) {
  const path = String(url).split(/[?#]/)[0]
  return path.slice(0, path.lastIndexOf('/'))
}

/** The file name a mirror keeps: the last path segment, without query. */
export function fileNameOf (url) {
  const path = String(url).split(/[?#]/)[0]
  return path.slice(path.lastIndexOf('/') + 1)
}

/** Short host of a base URL for display ("mirror.example:8080"). */
export function hostOf (base) {
  try { return new URL(base).host } catch { return String(base) }
}

export class Sources {
  /**
   * origin: the directory of the video's master playlist; mirrors: `redundancies[].baseUrl`;
   * preference: the origin's `originPreference`; random: () => [0, 1).
   */
  constructor ({ origin, mirrors = [], preference = 'prefer-mirrors', firstByteTimeoutMs = DEFAULT_FIRST_BYTE_TIMEOUT_MS, random = Math.random }) {
    const base = b => String(b).replace(/\/+$/, '')
    this.preference = PREFERENCES.includes(preference) ? preference : 'prefer-mirrors'
    this.firstByteTimeoutMs = firstByteTimeoutMs > 0 ? firstByteTimeoutMs : DEFAULT_FIRST_BYTE_TIMEOUT_MS
    this.random = random
    const seen = new Set()
    this.all = [{ base: base(origin), isOrigin: true }, ...mirrors.map(m => ({ base: base(m), isOrigin: false }))]
      .filter(s => !seen.has(s.base) && seen.add(s.base))
      .map(s => ({ ...s, host: hostOf(s.base), dropped: false, why: null, throughput: null, bytes: 0, reported: 0, requests: 0, picks: 0 }))
  }

  get origin () { return this.all[0] }

  alive () { return this.all.filter(s => !s.dropped) }

  /** Whether a source other than `except` is still alive (asking does not count as a pick). */
  hasOther (except) {
    return this.alive().some(s => s !== except)
  }

  /** The source for the next request, avoiding `except` (the one that just hung); null when nothing else is left. */
  pick (except = null) {
    const picked = this.choose(except)
    if (picked) picked.picks++
    return picked
  }

  choose (except) {
    const candidates = this.alive().filter(s => s !== except)
    if (!candidates.length) return null
    const mirrors = candidates.filter(s => !s.isOrigin)
    const origin = candidates.find(s => s.isOrigin)
    switch (this.preference) {
      case 'even': return candidates[Math.floor(this.random() * candidates.length)]
      case 'origin-first': return origin ?? this.weighted(mirrors)
      default: return mirrors.length ? this.weighted(mirrors) : origin
    }
  }

  /**
   * A pick proportional to measured bytes/s, once each source had its turn: a mirror never asked
   * yet goes first, so every mirror is measured within the first few segments and none is left out
   * by a run of bad luck. A source still unmeasured (its first request in flight) counts as the best one
   * measured, so a slow start does not starve it forever.
   */
  weighted (list) {
    const untried = list.filter(s => s.picks === 0 && s.requests === 0)
    if (untried.length) return untried[Math.floor(this.random() * untried.length)]
    const known = list.map(s => s.throughput).filter(t => t !== null)
    const prior = known.length ? Math.max(...known) : 1
    const weights = list.map(s => Math.max(s.throughput ?? prior, 1e-9))
    let r = this.random() * weights.reduce((a, b) => a + b, 0)
    for (let i = 0; i < list.length; i++) {
      r -= weights[i]
      if (r < 0) return list[i]
    }
    return list.at(-1)
  }

  /** The same file in another source's directory. */
  urlFor (source, url) {
    return `${source.base}/${fileNameOf(url)}`
  }

  /** The source whose directory holds `url`, or null (a peer, a redirect elsewhere). */
  sourceOf (url) {
    if (!url) return null
    const dir = directoryOf(url)
    return this.all.find(s => s.base === dir) ?? null
  }

  /** A verified response: `bytes` in `ms` from the request's start, first byte wait included. */
  delivered (source, bytes, ms) {
    if (!source) return
    source.bytes += bytes
    source.requests++
    const sample = bytes * 1000 / Math.max(ms, 1)
    source.throughput = source.throughput === null ? sample : EWMA_ALPHA * sample + (1 - EWMA_ALPHA) * source.throughput
  }

  /**
   * A network error, an HTTP error, bytes that failed their hash, or no first byte in time: the
   * source is dropped for the rest of the playback, unless it is the last one left. Returns whether it was.
   */
  failed (source, why) {
    if (!source || source.dropped) return false
    if (this.alive().length <= 1) return false
    source.dropped = true
    source.why = why
    return true
  }

  /** Bytes per source since the previous call, for the playback metrics (sources with none left out). */
  takeByteCounts () {
    const out = []
    for (const s of this.all) {
      const delta = s.bytes - (s.reported ?? 0)
      s.reported = s.bytes
      if (delta > 0) out.push({ baseUrl: s.base, bytes: delta })
    }
    return out
  }

  /** "origin.example 3.1 MB · mirror.example 12.0 MB (dropped)", for the player's overlay. */
  summary () {
    return this.all.map(s => `${s.isOrigin ? 'origin ' : ''}${s.host} ${(s.bytes / 1e6).toFixed(1)} MB${s.dropped ? ' (dropped)' : ''}`).join(' · ')
  }
}
