// Every segment, from a peer or over HTTP, must match segments-sha256.json before hls.js sees it.
// Keys are the fragmented MP4's file name, then "start-end" of the byte range (end inclusive).
export function segmentValidator (shaUrl) {
  let table = null
  async function load () {
    const res = await fetch(shaUrl)
    if (!res.ok) throw new Error(`cannot load ${shaUrl}: ${res.status}`)
    table = await res.json()
  }
  return async function validate (segment) {
    if (!table) await load()
    const file = new URL(segment.url, location.href).pathname.split('/').pop()
    const range = segment.range ? segment.range.replace('bytes=', '') : null
    const expected = range ? table[file]?.[range] : table[file]
    if (!expected) throw new Error(`unknown segment ${file} ${range}`)
    const digest = await crypto.subtle.digest('SHA-256', segment.data)
    const hex = [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('')
    if (hex !== expected) {
      window.tandemStats.rejected++
      throw new Error(`segment ${file} ${range} failed its SHA-256 check`)
    }
  }
}
