// The player's source picking, measured: simulated viewers (HTTP clients that pick sources with the
// player's own modules, web/src/lib/sources.js and segment-fetch.js; no P2P, no browser) fetch every
// segment of a video from an origin and two mirrors, all local HTTP servers that count their bytes.
// Prints, for the same run: the origin's share of segment bytes under `even` (PeerTube's uniform
// pick, ~1/3) and `prefer-mirrors` (target <= 0.1), the time a viewer loses when one mirror hangs
// (target <= 3 s; PeerTube's player waits ~2 min, #4349), and the share a 4x slower mirror still gets.
// Usage: node bench/mirrors-player.mjs   Env: VIEWERS (20), SEGMENTS (30), SEGMENT_KB (256).
import { createServer } from 'node:http'
import { createHash, randomBytes } from 'node:crypto'
import { Sources } from '../web/src/lib/sources.js'
import { fetchSegment } from '../web/src/lib/segment-fetch.js'

const VIEWERS = Number(process.env.VIEWERS ?? 20)
const SEGMENTS = Number(process.env.SEGMENTS ?? 30)
const SEGMENT_BYTES = Number(process.env.SEGMENT_KB ?? 256) * 1024
const segments = Array.from({ length: SEGMENTS }, () => randomBytes(SEGMENT_BYTES))
const sha = segments.map(s => createHash('sha256').update(s).digest('hex'))

/** A server holding the segments; `behaviour` is 'honest', 'hang' (accepts, never answers) or 'slow' (4x the time). */
function server (behaviour) {
  const s = { bytes: 0, behaviour, url: null }
  const srv = createServer((req, res) => {
    if (s.behaviour === 'hang') return
    const body = segments[Number(req.url.match(/seg-(\d+)\.mp4$/)[1])]
    const send = () => { s.bytes += body.length; res.end(body) }
    if (s.behaviour === 'slow') setTimeout(send, 40)
    else setTimeout(send, 10)
  })
  s.ready = new Promise(resolve => srv.listen(0, '127.0.0.1', () => { s.url = `http://127.0.0.1:${srv.address().port}/hls/v`; resolve() }))
  s.close = () => { srv.closeAllConnections(); srv.close() }
  return s
}

async function scenario (preference, behaviours) {
  const [origin, m1, m2] = behaviours.map(server)
  await Promise.all([origin.ready, m1.ready, m2.ready])
  const stalls = []
  await Promise.all(Array.from({ length: VIEWERS }, async () => {
    const sources = new Sources({ origin: origin.url, mirrors: [m1.url, m2.url], preference })
    let stalled = 0
    for (let i = 0; i < SEGMENTS; i++) {
      const r = await fetchSegment(sources, `${origin.url}/seg-${i}.mp4`, { verify: async d => createHash('sha256').update(d).digest('hex') === sha[i] })
      stalled += r.stalledMs
    }
    stalls.push(stalled)
  }))
  const total = origin.bytes + m1.bytes + m2.bytes
  ;[origin, m1, m2].forEach(s => s.close())
  return { originShare: origin.bytes / total, m1Share: m1.bytes / total, m2Share: m2.bytes / total, maxStallMs: Math.max(...stalls) }
}

const even = await scenario('even', ['honest', 'honest', 'honest'])
const prefer = await scenario('prefer-mirrors', ['honest', 'honest', 'honest'])
const hang = await scenario('prefer-mirrors', ['honest', 'hang', 'honest'])
const slow = await scenario('prefer-mirrors', ['honest', 'honest', 'slow'])
const pct = x => `${(100 * x).toFixed(1)} %`
console.log(`viewers ${VIEWERS}, segments ${SEGMENTS} x ${SEGMENT_BYTES / 1024} KB, loopback`)
console.log(`origin share, even (PeerTube's uniform pick):       ${pct(even.originShare)}`)
console.log(`origin share, prefer-mirrors (target <= 10 %):       ${pct(prefer.originShare)}`)
console.log(`ratio prefer-mirrors / even:                          ${(prefer.originShare / even.originShare).toFixed(3)}`)
console.log(`one mirror hangs: worst viewer's time lost (<= 3 s): ${(hang.maxStallMs / 1000).toFixed(2)} s`)
console.log(`a mirror 4x slower: its share of mirror bytes:       ${pct(slow.m2Share / (slow.m1Share + slow.m2Share))}`)
console.log(JSON.stringify({ even, prefer, hang, slow }))
