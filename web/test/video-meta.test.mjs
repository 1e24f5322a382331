// The video form's rules (upload and edit pages), in node (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseTags, tagProblem, parseTimecode, formatTimecode, parseChapters, formatChapters, videoPayload } from '../src/lib/video-meta.js'

test('tags are trimmed, distinct, and checked as PeerTube counts them', () => {
  assert.deepEqual(parseTags(' cats, dogs ,cats,, '), ['cats', 'dogs'])
  assert.equal(tagProblem(['a']), 'bad-length')
  assert.equal(tagProblem(['x'.repeat(31)]), 'bad-length')
  assert.equal(tagProblem(['aa', 'bb', 'cc', 'dd', 'ee', 'ff']), 'too-many')
  assert.equal(tagProblem(['aa', 'bb']), null)
})

test('timecodes read and print hours, minutes and seconds', () => {
  assert.equal(parseTimecode('75'), 75)
  assert.equal(parseTimecode('1:05'), 65)
  assert.equal(parseTimecode('1:02:03'), 3723)
  assert.equal(parseTimecode('1:75'), null)
  assert.equal(parseTimecode('soon'), null)
  assert.equal(formatTimecode(65), '1:05')
  assert.equal(formatTimecode(3723), '1:02:03')
})

test('chapters are one per line, sorted, and a bad line is reported by number', () => {
  const { chapters, badLine } = parseChapters('1:00 Middle\n\n0:00 Start\n')
  assert.equal(badLine, null)
  assert.deepEqual(chapters, [{ timecode: 0, title: 'Start' }, { timecode: 60, title: 'Middle' }])
  assert.equal(formatChapters(chapters), '0:00 Start\n1:00 Middle')
  assert.equal(parseChapters('0:00 Start\nno timecode here').badLine, 2)
  assert.equal(parseChapters('0:00').badLine, 1)
})

test('the payload keeps PeerTube names and a schedule keeps the video private until its time', () => {
  const base = {
    name: ' A title ',
    description: 'd',
    tags: 'aa, bb',
    channelId: '3',
    privacy: '1',
    category: '',
    licence: '2',
    language: 'fr',
    nsfw: false,
    commentsPolicy: '3',
    downloadEnabled: true,
    support: '',
    originallyPublishedAt: '',
    scheduleAt: '',
    schedulePrivacy: '1'
  }
  const p = videoPayload(base)
  assert.equal(p.name, 'A title')
  assert.deepEqual(p.tags, ['aa', 'bb'])
  assert.equal(p.commentsPolicy, 3)
  assert.equal(p.licence, 2)
  assert.equal('category' in p, false)
  const s = videoPayload({ ...base, scheduleAt: '2030-01-02T03:04', schedulePrivacy: '2' })
  assert.equal(s.privacy, 3)
  assert.deepEqual(s.scheduleUpdate, { updateAt: new Date('2030-01-02T03:04').toISOString(), privacy: 2 })
})
