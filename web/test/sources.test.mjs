// The source picker and the first-byte timeout, in node (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { Sources, fileNameOf, directoryOf } from '../src/lib/sources.js'
import { fetchSegment } from '../src/lib/segment-fetch.js'

const ORIGIN = 'https://origin.example/static/streaming-playlists/hls/u1'
const M1 = 'https://m1.example/static/redundancy/hls/u1'
const M2 = 'https://m2.example/static/redundancy/hls/u1/'

/** A repeatable random sequence, so shares are measured, not guessed. */
function seeded (seed = 42) {
  let s = seed
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648 }
}

function shares (sources, n = 3000) {
  const counts = new Map()
  for (let i = 0; i < n; i++) {
    const s = sources.pick()
    counts.set(s.host, (counts.get(s.host) ?? 0) + 1)
  }
  return host => (counts.get(host) ?? 0) / n
}

test('URLs keep their file name and swap their directory', () => {
  const s = new Sources({ origin: ORIGIN, mirrors: [M1, M2] })
  assert.equal(fileNameOf(`${ORIGIN}/u1-720-fragmented.mp4?videoFileToken=x`), 'u1-720-fragmented.mp4')
  assert.equal(directoryOf(`${ORIGIN}/a.mp4?x=/y`), ORIGIN)
  assert.equal(s.urlFor(s.all[2], `${ORIGIN}/u1-720-fragmented.mp4?videoFileToken=x`), 'https://m2.example/static/redundancy/hls/u1/u1-720-fragmented.mp4')
  assert.equal(s.sourceOf(`${M1}/x.mp4`), s.all[1])
  assert.equal(s.sourceOf('https://elsewhere.example/x.mp4'), null)
})

test('even: the origin gets a uniform third with two mirrors, as PeerTube', () => {
  const share = shares(new Sources({ origin: ORIGIN, mirrors: [M1, M2], preference: 'even', random: seeded() }))
  assert.ok(Math.abs(share('origin.example') - 1 / 3) < 0.05, `origin share ${share('origin.example')}`)
})

test('prefer-mirrors: the origin is the last resort while a mirror is healthy', () => {
  const s = new Sources({ origin: ORIGIN, mirrors: [M1, M2], random: seeded() })
  assert.equal(shares(s)('origin.example'), 0)
  assert.ok(s.failed(s.all[1], 'HTTP 500'))
  assert.equal(shares(s)('m2.example'), 1)
  assert.ok(s.failed(s.all[2], 'bytes failed their hash'))
  assert.equal(s.pick(), s.origin, 'the origin serves once every mirror is gone')
})

test('origin-first: mirrors only once the origin is gone', () => {
  const s = new Sources({ origin: ORIGIN, mirrors: [M1, M2], preference: 'origin-first', random: seeded() })
  assert.equal(shares(s)('origin.example'), 1)
  s.failed(s.origin, 'no first byte in time')
  assert.equal(shares(s)('origin.example'), 0)
})

test('mirrors are weighted by measured throughput', () => {
  const s = new Sources({ origin: ORIGIN, mirrors: [M1, M2], random: seeded() })
  for (let i = 0; i < 5; i++) {
    s.delivered(s.all[1], 9_000_000, 1000)
    s.delivered(s.all[2], 1_000_000, 1000)
  }
  const share = shares(s)
  assert.ok(Math.abs(share('m1.example') - 0.9) < 0.04, `fast mirror share ${share('m1.example')}`)
  // A source not measured yet is tried as if it were the best one.
  const fresh = new Sources({ origin: ORIGIN, mirrors: [M1, M2], random: seeded() })
  fresh.delivered(fresh.all[1], 1_000_000, 1000)
  assert.ok(shares(fresh)('m2.example') > 0.4)
})

test('every mirror is asked once before any is asked twice, whatever the dice say', () => {
  const s = new Sources({ origin: ORIGIN, mirrors: [M1, M2, 'https://m3.example/r/u1'], random: () => 0 })
  const first = [s.pick(), s.pick(), s.pick()].map(x => x.host).sort()
  assert.deepEqual(first, ['m1.example', 'm2.example', 'm3.example'])
  assert.equal(s.hasOther(s.all[1]), true)
})

test('the last source left is never dropped, and a dropped one stays dropped', () => {
  const s = new Sources({ origin: ORIGIN, mirrors: [M1] })
  assert.ok(s.failed(s.all[1], 'HTTP 404'))
  assert.equal(s.failed(s.origin, 'HTTP 500'), false)
  assert.equal(s.pick(), s.origin)
  assert.equal(s.pick(s.origin), null, 'nothing else to try')
  s.delivered(s.all[1], 10, 1)
  assert.ok(s.all[1].dropped)
})

test('byte counts are reported as deltas per source', () => {
  const s = new Sources({ origin: ORIGIN, mirrors: [M1] })
  s.delivered(s.all[1], 100, 10)
  s.delivered(s.origin, 7, 10)
  assert.deepEqual(s.takeByteCounts(), [{ baseUrl: ORIGIN, bytes: 7 }, { baseUrl: M1, bytes: 100 }])
  s.delivered(s.all[1], 5, 10)
  assert.deepEqual(s.takeByteCounts(), [{ baseUrl: M1, bytes: 5 }])
})

/** Three local servers: one that hangs, one that tampers, one honest. Requests are counted. */
async function servers () {
  const body = Buffer.from('segment bytes')
  const hits = { hang: 0, tamper: 0, honest: 0 }
  const open = []
  const start = (name, handler) => new Promise(resolve => {
    const srv = createServer((req, res) => { hits[name]++; handler(req, res) })
    srv.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${srv.address().port}/hls/u1`))
    open.push(srv)
  })
  const hang = await start('hang', () => {})
  const tamper = await start('tamper', (req, res) => res.end('tampered bytes'))
  const honest = await start('honest', (req, res) => res.end(body))
  const close = () => open.forEach(s => { s.closeAllConnections(); s.close() })
  return { hang, tamper, honest, hits, body, close }
}

test('a hanging source costs one first-byte timeout, a tampering one is dropped, the honest one serves', async () => {
  const f = await servers()
  try {
    // The honest server plays the origin: prefer-mirrors tries the two bad mirrors first.
    const s = new Sources({ origin: f.honest, mirrors: [f.hang, f.tamper], firstByteTimeoutMs: 300, random: seeded() })
    const verify = async data => data.equals(f.body)
    const results = []
    for (let i = 0; i < 4; i++) results.push(await fetchSegment(s, `${f.honest}/seg.mp4`, { verify }))
    assert.ok(results.every(r => r.data.equals(f.body) && r.source === s.origin))
    assert.ok(s.all[1].dropped && s.all[2].dropped, s.summary())
    assert.equal(f.hits.hang, 1, 'the hanging mirror was asked once')
    assert.equal(f.hits.tamper, 1, 'the tampering mirror was asked once')
    const stalled = results.reduce((a, r) => a + r.stalledMs, 0)
    // One timeout, not one per segment (PeerTube's player waits ~2 min); the slack is for a loaded machine.
    assert.ok(stalled >= 300 && stalled < 300 + 3000, `time lost on bad sources: ${stalled} ms`)
  } finally {
    f.close()
  }
})

test('the last source left is waited for past the timeout', async () => {
  const slow = createServer((req, res) => setTimeout(() => res.end('late'), 400))
  await new Promise(resolve => slow.listen(0, '127.0.0.1', resolve))
  try {
    const s = new Sources({ origin: `http://127.0.0.1:${slow.address().port}/d`, firstByteTimeoutMs: 100 })
    const r = await fetchSegment(s, 'http://x/d/seg.mp4')
    assert.equal(r.data.toString(), 'late')
    assert.ok(r.ms >= 350)
  } finally {
    slow.close()
  }
})
