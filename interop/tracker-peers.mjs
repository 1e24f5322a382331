// Two real WebTorrent tracker clients (npm bittorrent-tracker, WebRTC via @roamhq/wrtc) join one
// swarm through Tandem's tracker and must open a WebRTC connection to each other.
// Usage: node tracker-peers.mjs <ws announce url> <infohash hex>; prints JSON, exits 0 on success.
import { Client } from 'bittorrent-tracker'
import wrtc from '@roamhq/wrtc'
import { randomBytes } from 'node:crypto'

const [announce, infoHash] = process.argv.slice(2)
const result = { connected: 0, maxSeenPeers: 0, errors: [] }
const clients = []

function finish (code) {
  for (const c of clients) c.destroy()
  console.log(JSON.stringify(result))
  setTimeout(() => process.exit(code), 200)
}

for (let i = 0; i < 2; i++) {
  const client = new Client({
    infoHash,
    peerId: Buffer.concat([Buffer.from('-WW0200-'), randomBytes(12)]).toString('hex'),
    announce: [announce],
    port: 6881,
    wrtc,
    rtcConfig: { iceServers: [] },
    getAnnounceOpts: () => ({ numwant: 5, uploaded: 0, downloaded: 0, left: 100 })
  })
  client.on('error', err => { result.errors.push(String(err.message || err)); finish(1) })
  client.on('warning', err => result.errors.push('warning: ' + String(err.message || err)))
  client.on('update', data => { result.maxSeenPeers = Math.max(result.maxSeenPeers, data.complete + data.incomplete) })
  client.on('peer', peer => {
    const done = () => { result.connected++; if (result.connected >= 2) finish(0) }
    if (peer.connected) done(); else peer.once('connect', done)
  })
  clients.push(client)
  client.start()
}
// The second client announces after the first so its offers find a peer; nudge both again.
setTimeout(() => clients.forEach(c => c.update()), 1500)
setTimeout(() => clients.forEach(c => c.update()), 4000)
setTimeout(() => { result.errors.push('timeout'); finish(1) }, 30000)
