// The share dialog's link and embed code, related videos' order, downloads (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { urlTime, shareLink, embedCode, pickRelated, downloads } from '../src/lib/share.js'

const origin = 'https://videos.example'
const v = { uuid: 'u-1', shortUUID: 'abc', name: 'A "quoted" <title>' }

test('start times are written the way PeerTube reads them', () => {
  assert.equal(urlTime(83), '1m23s')
  assert.equal(urlTime(3600), '1h')
  assert.equal(urlTime(3723), '1h2m3s')
  assert.equal(urlTime(0), '0s')
})

test('the link is the short /w/ address, with ?start= only when asked', () => {
  assert.equal(shareLink(v, origin), 'https://videos.example/w/abc')
  assert.equal(shareLink(v, origin, 83.7), 'https://videos.example/w/abc?start=1m23s')
})

test('the embed code points at the embed page and escapes the title', () => {
  const code = embedCode(v, origin, 5)
  assert.match(code, /^<iframe title="A &#34;quoted&#34; &#60;title&#62;" /)
  assert.match(code, /src="https:\/\/videos\.example\/videos\/embed\/u-1\?start=5s"/)
})

test('related videos: tag and category matches first, then the channel, then recent; no repeats, not itself', () => {
  const a = { uuid: 'a' }; const b = { uuid: 'b' }; const c = { uuid: 'c' }; const self = { uuid: 'u-1' }
  assert.deepEqual(pickRelated('u-1', [[self, a], [b, a], [c, b]], 10), [a, b, c])
  assert.deepEqual(pickRelated('u-1', [[a, b, c]], 2), [a, b])
})

test('downloads list web files then HLS renditions, best first, and nothing when disabled', () => {
  const video = {
    downloadEnabled: true,
    files: [{ resolution: { id: 480, label: '480p' }, size: 10, fileDownloadUrl: '/download/web-videos/x-480.mp4' }],
    streamingPlaylists: [{ files: [{ resolution: { id: 360, label: '360p' }, size: 5, fileDownloadUrl: '/d/360' }, { resolution: { id: 720, label: '720p' }, size: 9, fileDownloadUrl: '/d/720' }] }]
  }
  assert.deepEqual(downloads(video).map(d => d.url), ['/download/web-videos/x-480.mp4', '/d/720', '/d/360'])
  assert.deepEqual(downloads({ ...video, downloadEnabled: false }), [])
})
