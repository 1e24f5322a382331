// The player's pure logic in node: shortcuts, resume, the P2P decision, the quality menu (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { shortcutFor, stepRate, clampTime } from '../src/lib/shortcuts.js'
import { resumeTime, parseStart } from '../src/lib/resume.js'
import { p2pDecision } from '../src/lib/p2p-policy.js'
import { qualities, nextVideo } from '../src/lib/quality.js'

test('PeerTube shortcuts map to actions', () => {
  assert.deepEqual(shortcutFor({ key: 'k' }, false), { type: 'toggle' })
  assert.deepEqual(shortcutFor({ key: ' ' }, false), { type: 'toggle' })
  assert.deepEqual(shortcutFor({ key: 'j' }, false), { type: 'seekBy', seconds: -10 })
  assert.deepEqual(shortcutFor({ key: 'l' }, false), { type: 'seekBy', seconds: 10 })
  assert.deepEqual(shortcutFor({ key: 'ArrowLeft' }, false), { type: 'seekBy', seconds: -5 })
  assert.deepEqual(shortcutFor({ key: 'ArrowRight' }, false), { type: 'seekBy', seconds: 5 })
  assert.deepEqual(shortcutFor({ key: 'ArrowUp' }, false), { type: 'volumeBy', delta: 0.1 })
  assert.deepEqual(shortcutFor({ key: 'f' }, false), { type: 'fullscreen' })
  assert.deepEqual(shortcutFor({ key: 'm' }, false), { type: 'mute' })
  assert.deepEqual(shortcutFor({ key: '5' }, false), { type: 'seekTo', fraction: 0.5 })
  assert.deepEqual(shortcutFor({ key: '0' }, false), { type: 'seekTo', fraction: 0 })
  assert.deepEqual(shortcutFor({ key: '>' }, false), { type: 'rateBy', delta: 1 })
})

test('no shortcut while typing or with a modifier', () => {
  assert.equal(shortcutFor({ key: 'k' }, true), null)
  assert.equal(shortcutFor({ key: 'f', ctrlKey: true }, false), null)
  assert.equal(shortcutFor({ key: 'x' }, false), null)
})

test('speed steps through the menu rates and stops at the ends', () => {
  assert.equal(stepRate(1, 1), 1.25)
  assert.equal(stepRate(1, -1), 0.75)
  assert.equal(stepRate(2, 1), 2)
  assert.equal(stepRate(0.25, -1), 0.25)
  assert.equal(stepRate(1.1, -1), 1)
  assert.equal(clampTime(-3, 10), 0)
  assert.equal(clampTime(13, 10), 10)
})

test('resume prefers the account history, skips the very start and the end', () => {
  assert.equal(resumeTime({ historyTime: 42.7, storedTime: 10, duration: 100 }), 42)
  assert.equal(resumeTime({ historyTime: null, storedTime: 30, duration: 100 }), 30)
  assert.equal(resumeTime({ storedTime: 3, duration: 100 }), 0)
  assert.equal(resumeTime({ storedTime: 98, duration: 100 }), 0)
  assert.equal(resumeTime({ storedTime: NaN, duration: 100 }), 0)
  assert.equal(parseStart('30'), 30)
  assert.equal(parseStart('1m30s'), 90)
  assert.equal(parseStart('1h'), 3600)
  assert.equal(parseStart('soon'), null)
  assert.equal(parseStart(null), null)
})

test('P2P: the user first, then the instance default, asking when told to', () => {
  const config = p2p => ({ defaults: { p2p: { webapp: { enabled: true }, embed: { enabled: false } } }, tandem: { p2p } })
  assert.equal(p2pDecision({ user: null, config: {} }), 'on')
  assert.equal(p2pDecision({ user: null, config: config({ anonymous: 'off', users: 'on' }) }), 'off')
  assert.equal(p2pDecision({ user: { p2pEnabled: true }, config: config({ anonymous: 'off', users: 'off' }) }), 'on')
  assert.equal(p2pDecision({ user: { p2pEnabled: false }, config: config({ users: 'on' }) }), 'off')
  assert.equal(p2pDecision({ user: {}, config: config({ users: 'ask' }) }), 'ask')
  assert.equal(p2pDecision({ user: null, config: config({ anonymous: 'ask' }), consent: 'yes' }), 'on')
  assert.equal(p2pDecision({ user: null, config: config({ anonymous: 'ask' }), consent: 'no' }), 'off')
  assert.equal(p2pDecision({ user: null, config: { defaults: { p2p: { webapp: { enabled: false } } } } }), 'off')
  assert.equal(p2pDecision({ user: null, config: config(undefined), embed: true }), 'off')
  assert.equal(p2pDecision({ user: { p2pEnabled: true }, config: {}, param: '0' }), 'off')
  assert.equal(p2pDecision({ user: { p2pEnabled: true }, config: {}, localSwitch: 'off' }), 'off')
})

test('quality menu: Auto then the renditions from the highest', () => {
  const q = qualities([{ height: 240 }, { height: 720 }, { height: 360 }], 'Auto')
  assert.deepEqual(q.map(x => [x.id, x.label]), [[-1, 'Auto'], [1, '720p'], [2, '360p'], [0, '240p']])
  assert.equal(nextVideo([{ uuid: 'a' }, { uuid: 'b' }], 'a').uuid, 'b')
  assert.equal(nextVideo([{ uuid: 'a' }], 'a'), null)
})
