// Closed-loop WebTorrent tracker load: C sockets spread over S swarms, each announcing with two
// WebRTC offers (placeholder SDP: a tracker relays offers without reading them), then announcing
// again as soon as its reply arrives. Prints JSON: replies/s, offers relayed, failures, open sockets.
// Usage: node loadgen.mjs <ws url> <connections> <swarms> <warmup s> <measure s> [hold]
//   hold: open the sockets, announce once each, then idle (for RSS per connection); print after.
import WebSocket from 'ws'
import { randomBytes } from 'node:crypto'

const [url, conns, swarms, warmup, measure, hold] = process.argv.slice(2)
const C = Number(conns); const S = Number(swarms)
const bin = n => randomBytes(n).toString('latin1')
const hashes = Array.from({ length: S }, () => bin(20))
const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n' + 'a=x'.repeat(60)
let replies = 0; let offers = 0; let failures = 0; let open = 0; let errors = 0; let counting = false; let firstReplies = 0
const sockets = []

// Each socket's announce is serialized once: the generator must stay cheaper than the servers it
// measures, so it neither re-serializes what it sends nor parses what it gets (substring checks).
function announceText (s) {
  return JSON.stringify({
    action: 'announce', info_hash: s.hash, peer_id: s.peerId, numwant: 2, uploaded: 0, downloaded: 0, left: 100,
    offers: [0, 1].map(i => ({ offer: { type: 'offer', sdp }, offer_id: bin(20) }))
  })
}
function announce (ws, s) { ws.send(s.text) }

for (let i = 0; i < C; i++) {
  const s = { hash: hashes[i % S], peerId: bin(20), got: false }
  s.text = announceText(s)
  const ws = new WebSocket(url, { perMessageDeflate: false })
  sockets.push(ws)
  ws.on('open', () => { open++; announce(ws, s) })
  ws.on('error', () => { errors++ })
  ws.on('message', data => {
    const m = data.toString('latin1')
    if (m.includes('"failure reason"')) { failures++; return }
    if (m.includes('"offer":')) { if (counting) offers++; return }
    if (m.includes('"interval":')) {
      if (!s.got) { s.got = true; firstReplies++ }
      if (counting) replies++
      if (!hold) announce(ws, s)
    }
  })
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))
if (hold) {
  for (let i = 0; i < 600 && firstReplies < C; i++) await sleep(100)
  console.log(JSON.stringify({ open, firstReplies, errors, failures }))
  await sleep(Number(hold) * 1000)
} else {
  await sleep(Number(warmup) * 1000)
  counting = true
  const t0 = Date.now()
  await sleep(Number(measure) * 1000)
  counting = false
  const secs = (Date.now() - t0) / 1000
  console.log(JSON.stringify({ open, repliesPerSec: replies / secs, offersPerSec: offers / secs, failures, errors }))
}
for (const ws of sockets) ws.terminate()
process.exit(0)
