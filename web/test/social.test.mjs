// Notifications' texts and links, history progress, the bell's badge (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { describeNotification, watchedPercent, badge } from '../src/lib/social.js'
import { translator } from '../src/lib/translate.js'

const en = translator('en', {}).t
const fr = translator('fr', { '{account} mentioned you on {video}': '{account} vous a mentionné sur {video}' }).t
const video = { id: 3, uuid: 'u-1', shortUUID: 's1', name: 'Seeds', channel: { id: 1, name: 'ben_channel', displayName: 'Ben' } }

test('a new video names the channel and opens its watch page', () => {
  assert.deepEqual(describeNotification({ id: 1, type: 1, read: false, createdAt: '', video }, en),
    { text: 'Ben published a new video: Seeds', href: '/w/s1' })
})

test('comments and mentions name their author and the video the comment is on', () => {
  const comment = { id: 9, threadId: 9, account: { id: 2, name: 'carol', displayName: '' }, video }
  assert.deepEqual(describeNotification({ id: 2, type: 2, read: false, createdAt: '', comment }, en),
    { text: 'carol commented on your video Seeds', href: '/w/s1' })
  assert.equal(describeNotification({ id: 3, type: 11, read: false, createdAt: '', comment }, fr).text, 'carol vous a mentionné sur Seeds')
})

test('an unknown type still reads and links when it can', () => {
  const n = describeNotification({ id: 4, type: 42, read: true, createdAt: '', video: null }, en)
  assert.equal(n.href, null)
  assert.ok(n.text.length > 0)
})

test('the watched share stays between 0 and 100', () => {
  assert.equal(watchedPercent(30, 120), 25)
  assert.equal(watchedPercent(500, 120), 100)
  assert.equal(watchedPercent(10, 0), 0)
  assert.equal(watchedPercent(undefined, 60), 0)
})

test('the badge is empty at zero and capped at 99+', () => {
  assert.equal(badge(0), '')
  assert.equal(badge(7), '7')
  assert.equal(badge(150), '99+')
})
