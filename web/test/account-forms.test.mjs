// The sign-up, reset and settings pages' decisions, in node (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { signupMode, signupBody, resetParams, verifyParams, p2pChoice, settingsBody, themeAttribute } from '../src/lib/account-forms.js'

test('the sign-up mode follows the public config', () => {
  assert.deepEqual(signupMode({ signup: { allowed: false } }), { mode: 'closed', minimumAge: 16, verify: false })
  assert.deepEqual(signupMode({ signup: { allowed: true, requiresApproval: true, minimumAge: 18 } }), { mode: 'approval', minimumAge: 18, verify: false })
  assert.equal(signupMode({ signup: { allowed: true, requiresEmailVerification: true } }).verify, true)
  assert.equal(signupMode({ signup: { allowed: true, requiresApproval: false } }).mode, 'open')
  assert.equal(signupMode({}).mode, 'closed')
})

test('a sign-up body leaves empty optional fields out and carries the reason only on approval', () => {
  const f = { username: ' ann ', email: 'ann@example.org', password: 'secret1', displayName: '', channelName: '', channelDisplayName: '', registrationReason: ' choir ' }
  assert.deepEqual(signupBody(f, 'open'), { username: 'ann', email: 'ann@example.org', password: 'secret1' })
  assert.deepEqual(signupBody({ ...f, channelName: 'ann_videos' }, 'approval'),
    { username: 'ann', email: 'ann@example.org', password: 'secret1', channel: { name: 'ann_videos', displayName: 'ann_videos' }, registrationReason: 'choir' })
})

test('reset links need a user id and a hex secret', () => {
  assert.deepEqual(resetParams('?userId=4&verificationString=abcdef0123456789'), { userId: 4, verificationString: 'abcdef0123456789' })
  assert.equal(resetParams(''), null)
  assert.equal(resetParams('?userId=x&verificationString=abcdef0123456789'), null)
  assert.equal(resetParams('?userId=4&verificationString=<script>'), null)
})

test('verification links name a user (maybe a new address) or a registration, with a hex secret', () => {
  assert.deepEqual(verifyParams('?userId=4&verificationString=abcdef0123456789'), { userId: 4, verificationString: 'abcdef0123456789', isPendingEmail: false })
  assert.deepEqual(verifyParams('?userId=4&verificationString=abcdef0123456789&isPendingEmail=true'),
    { userId: 4, verificationString: 'abcdef0123456789', isPendingEmail: true })
  assert.deepEqual(verifyParams('?registrationId=7&verificationString=abcdef0123456789'),
    { registrationId: 7, verificationString: 'abcdef0123456789', isPendingEmail: false })
  assert.equal(verifyParams(''), null)
  assert.equal(verifyParams('?verificationString=abcdef0123456789'), null)
  assert.equal(verifyParams('?userId=0&verificationString=abcdef0123456789'), null)
  assert.equal(verifyParams('?userId=4&verificationString=<script>'), null)
})

test('settings: P2P has three states and "ask" is not sent', () => {
  assert.equal(p2pChoice(true), 'on')
  assert.equal(p2pChoice(false), 'off')
  assert.equal(p2pChoice(null), 'ask')
  const body = settingsBody({ nsfwPolicy: 'blur', autoPlayVideo: true, autoPlayNextVideo: false, p2p: 'ask', videoLanguages: 'FR, en,', language: 'fr', theme: 'dark' })
  assert.deepEqual(body, { nsfwPolicy: 'blur', autoPlayVideo: true, autoPlayNextVideo: false, videoLanguages: ['fr', 'en'], language: 'fr', theme: 'dark' })
  assert.equal(settingsBody({ p2p: 'off' }).p2pEnabled, false)
})

test('the system theme sets no attribute', () => {
  assert.equal(themeAttribute('system'), null)
  assert.equal(themeAttribute('dark'), 'dark')
  assert.equal(themeAttribute(undefined), null)
})
