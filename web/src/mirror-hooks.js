// Plugs the source picker (lib/sources.js) into the P2P loader's HTTP downloads. The loader builds
// a segment's URL (segmentUrlBuilder), then hands us the XMLHttpRequest (xhrSetup) before sending it,
// and later asks us to validate the bytes (segmentValidator): we remember which source each segment
// went to, so a hash failure is held against the source that served those bytes, never another.

/** Loader settings: segmentUrlBuilder, xhrSetup and a segmentValidator wrapping `validate` (the sha256 check). */
export function mirrorHooks (sources, validate, stats) {
  const inflight = new Map() // segment id → { source, start }
  let built = null // the URL just built; the loader calls xhrSetup with it synchronously after

  function watch (xhr, segment, source) {
    const req = { source, start: performance.now() }
    inflight.set(segment.id, req)
    let timer = null
    const arm = () => { timer = setTimeout(hung, sources.firstByteTimeoutMs) }
    // No first byte in time: the request goes to another source on the same XMLHttpRequest (open()
    // ends the old request without firing events), so the loader never notices and never waits
    // its retry delay. With no other source left, the hung one is still the best bet: keep waiting.
    function hung () {
      const next = sources.pick(req.source)
      if (!next) return
      sources.failed(req.source, `no first byte in ${sources.firstByteTimeoutMs} ms`)
      stats.abandoned = (stats.abandoned ?? 0) + 1
      Object.assign(req, { source: next, start: performance.now() })
      xhr.open('GET', sources.urlFor(next, segment.url), true)
      xhr.responseType = 'arraybuffer'
      if (segment.range) xhr.setRequestHeader('Range', segment.range)
      xhr.send()
      arm()
    }
    xhr.addEventListener('readystatechange', () => { if (xhr.readyState >= 3) clearTimeout(timer) })
    xhr.addEventListener('load', () => { if (xhr.status >= 400) sources.failed(req.source, `HTTP ${xhr.status}`) })
    xhr.addEventListener('error', () => sources.failed(req.source, 'network error'))
    xhr.addEventListener('loadend', () => clearTimeout(timer))
    xhr.addEventListener('abort', () => inflight.delete(segment.id))
    arm()
  }

  return {
    // The loader skips the builder for segments at or under this priority (0 is the one playing next): never skip.
    skipSegmentBuilderPriority: -1,
    segmentUrlBuilder (segment) {
      const source = sources.pick()
      built = { segment, source, url: sources.urlFor(source, segment.url) }
      return built.url
    },
    // Playlists and init segments come here too, with their own URLs: only segments are watched.
    xhrSetup (xhr, url) {
      if (built?.url !== url) return
      const { segment, source } = built
      built = null
      watch(xhr, segment, source)
    },
    async segmentValidator (segment, method) {
      const req = method === 'http' ? inflight.get(segment.id) : null
      if (req) inflight.delete(segment.id)
      try {
        await validate(segment)
      } catch (e) {
        if (req) sources.failed(req.source, 'bytes failed their hash')
        throw e
      }
      if (req) sources.delivered(req.source, segment.data.byteLength, performance.now() - req.start)
    }
  }
}
