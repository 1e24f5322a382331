// The P2P loader's dependencies (bittorrent-tracker, readable-stream) expect Node's `Buffer`
// (and `process`, which watch.html defines before any module loads). Imported first.
import { Buffer } from 'buffer'

globalThis.Buffer ??= Buffer
