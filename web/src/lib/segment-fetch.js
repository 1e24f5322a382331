// One segment fetched the way the player fetches it over HTTP, with fetch() instead of the P2P
// loader's XMLHttpRequest: for node (tests, bench/mirrors.sh's simulated viewers). A source with no
// first byte in time is abandoned for another; one that fails or serves bytes `verify` refuses is dropped.

/**
 * Returns {data, source, ms, stalledMs}: the verified bytes, who served them, the total time and the
 * time lost on sources that hung or failed. Throws when every source failed.
 * @param {import('./sources.js').Sources} sources
 * @param {string} url
 * @param {{ range?: string, verify?: (data: Uint8Array) => Promise<boolean>, fetchImpl?: typeof fetch }} [options]
 */
export async function fetchSegment (sources, url, { range, verify = async () => true, fetchImpl = globalThis.fetch } = {}) {
  const t0 = performance.now()
  let source = sources.pick()
  const tried = new Set()
  while (source && !tried.has(source)) {
    tried.add(source)
    const start = performance.now()
    const controller = new AbortController()
    let hung = false
    // Abandon only when another source is there to try: the last one left is worth waiting for.
    const timer = setTimeout(() => {
      if (sources.hasOther(source)) { hung = true; controller.abort() }
    }, sources.firstByteTimeoutMs)
    try {
      const res = await fetchImpl(sources.urlFor(source, url), { headers: range ? { Range: range } : {}, signal: controller.signal })
      const reader = res.body.getReader()
      const chunks = []
      let first = true
      for (;;) {
        const { done, value } = await reader.read()
        if (first) { clearTimeout(timer); first = false }
        if (done) break
        chunks.push(value)
      }
      if (res.status >= 400) throw new Error(`HTTP ${res.status}`)
      const data = /** @type {any} */ (globalThis).Buffer.concat(chunks)
      if (!await verify(data)) throw new Error('bytes failed their hash')
      sources.delivered(source, data.byteLength, performance.now() - start)
      return { data, source, ms: performance.now() - t0, stalledMs: start - t0 }
    } catch (e) {
      clearTimeout(timer)
      sources.failed(source, hung ? 'no first byte in time' : e.message)
      source = sources.pick(source)
    }
  }
  throw new Error(`no source could serve ${url}`)
}
