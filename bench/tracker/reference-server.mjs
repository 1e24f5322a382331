// The reference: the WebSocket tracker PeerTube embeds (@peertube/bittorrent-tracker-server),
// open to any infohash, WebSocket only. Usage: node reference-server.mjs <port>
import { Server } from '@peertube/bittorrent-tracker-server'

const server = new Server({ http: false, udp: false, ws: true, stats: false, trustProxy: false })
server.on('error', err => console.error('tracker error', err.message))
server.on('warning', () => {})
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('listening'))
