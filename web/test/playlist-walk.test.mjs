// Playing a playlist on the watch page (/w/p/{id}?playlistPosition=N), in node (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { playlistInPath, positionParam, elementAt, nextInPlaylist, previousInPlaylist, playlistWatchUrl } from '../src/lib/playlist-walk.js'

test('the watch paths of a playlist name it, other paths do not', () => {
  assert.equal(playlistInPath('/w/p/abc'), 'abc')
  assert.equal(playlistInPath('/videos/watch/playlist/0b7a-11'), '0b7a-11')
  assert.equal(playlistInPath('/w/p/a%20b'), 'a b')
  assert.equal(playlistInPath('/w/abc'), null)
  assert.equal(playlistInPath('/w/p/'), null)
  assert.equal(playlistInPath('/w/p/abc/extra'), null)
})

test('playlistPosition is a position from 1, else 1', () => {
  assert.equal(positionParam('2'), 2)
  assert.equal(positionParam(null), 1)
  assert.equal(positionParam('0'), 1)
  assert.equal(positionParam('-3'), 1)
  assert.equal(positionParam('1.5'), 1)
  assert.equal(positionParam('two'), 1)
})

const list = [{ position: 3, video: { id: 3 } }, { position: 1, video: { id: 1 } }, { position: 2, video: null }, { position: 4, video: null }]

test('a position plays its element, or the next playable one, or the last one past the end', () => {
  assert.equal(elementAt(list, 1)?.position, 1)
  assert.equal(elementAt(list, 2)?.position, 3)
  assert.equal(elementAt(list, 9)?.position, 3)
  assert.equal(elementAt([{ position: 1, video: null }], 1), null)
  assert.equal(elementAt([], 1), null)
})

test('next and previous skip unavailable videos and stop at the ends', () => {
  assert.equal(nextInPlaylist(list, 1)?.position, 3)
  assert.equal(nextInPlaylist(list, 3), null)
  assert.equal(previousInPlaylist(list, 3)?.position, 1)
  assert.equal(previousInPlaylist(list, 1), null)
})

test('an element\'s watch URL is PeerTube\'s, with the short id when there is one', () => {
  assert.equal(playlistWatchUrl({ shortUUID: 'kY3', uuid: 'u-1' }, 2), '/w/p/kY3?playlistPosition=2')
  assert.equal(playlistWatchUrl({ uuid: 'u-1' }, 1), '/w/p/u-1?playlistPosition=1')
})
