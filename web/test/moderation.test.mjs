// The moderation pages' pure helpers, in node (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { abuseSubject, canBlockVideo, blockReason, queryString, hostOf } from '../src/lib/moderation.js'

const base = { id: 1, reason: 'Spam', predefinedReasons: [], reporterAccount: null, flaggedAccount: { name: 'bob', host: 'a.example' }, state: { id: 1, label: 'Pending' }, moderationComment: null, video: null, comment: null, createdAt: '2026-01-01T00:00:00Z' }

test('a report names a video, a comment or an account, with a link while it exists', () => {
  assert.deepEqual(abuseSubject({ ...base, video: { uuid: 'u1', name: 'Cats' } }), { kind: 'video', label: 'Cats', href: '/videos/watch/u1' })
  assert.equal(abuseSubject({ ...base, video: { uuid: null, name: 'Gone', deleted: true } }).href, null)
  assert.deepEqual(abuseSubject({ ...base, comment: { id: 4, text: 'Buy', video: { uuid: 'u2' } } }), { kind: 'comment', label: 'Buy', href: '/videos/watch/u2' })
  assert.deepEqual(abuseSubject(base), { kind: 'account', label: 'bob@a.example', href: '/a/bob@a.example' })
})

test('only an existing video can be blocked from its report, with the reason cut to 300 characters', () => {
  assert.equal(canBlockVideo({ ...base, video: { uuid: 'u1', name: 'x' } }), true)
  assert.equal(canBlockVideo({ ...base, video: { uuid: 'u1', name: 'x', deleted: true } }), false)
  assert.equal(canBlockVideo(base), false)
  assert.equal(blockReason({ ...base, reason: 'x'.repeat(400) }).length, 300)
  assert.equal(blockReason({ ...base, reason: '  Spam  ' }), 'Spam')
})

test('filters become a query string without the empty ones', () => {
  assert.equal(queryString({ state: 1, search: '', isLocal: null }), '?state=1')
  assert.equal(queryString({}), '')
  assert.equal(queryString({ search: 'a b' }), '?search=a+b')
})

test('a host is read from what users paste', () => {
  assert.equal(hostOf('https://Video.Example.org/videos/watch/x'), 'video.example.org')
  assert.equal(hostOf('alice@tube.example:8443'), 'tube.example:8443')
  assert.equal(hostOf('not a host'), null)
})
