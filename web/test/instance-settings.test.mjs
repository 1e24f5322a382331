// The instance settings screen's logic (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { quotaToForm, quotaToBytes, signupPolicy, toForm, toCustomConfig, fieldOfError } from '../src/lib/instance-settings.js'

test('quotas read in human units and come back to the same bytes', () => {
  assert.deepEqual(quotaToForm(-1).unlimited, true)
  assert.deepEqual(quotaToForm(5 * 1024 ** 3), { unlimited: false, amount: 5, unit: 'GB' })
  assert.deepEqual(quotaToForm(100 * 1024 ** 2), { unlimited: false, amount: 100, unit: 'MB' })
  assert.deepEqual(quotaToForm(1.5 * 1024 ** 4), { unlimited: false, amount: 1.5, unit: 'TB' })
  assert.equal(quotaToBytes({ unlimited: false, amount: 2.5, unit: 'GB' }), 2.5 * 1024 ** 3)
  assert.equal(quotaToBytes({ unlimited: true, amount: 3, unit: 'GB' }), -1)
})

test('the sign-up policy is one of three choices', () => {
  assert.equal(signupPolicy({ enabled: false, requiresApproval: true }), 'closed')
  assert.equal(signupPolicy({ enabled: true, requiresApproval: false }), 'open')
  assert.equal(signupPolicy({ enabled: true, requiresApproval: true }), 'approval')
  assert.equal(signupPolicy(undefined), 'closed')
})

test('a CustomConfig becomes the form and the form a PUT body with the same settings', () => {
  const custom = {
    instance: { name: 'Asso', shortDescription: 'Nos vidéos', description: '# Hi', terms: 'Be kind', defaultNSFWPolicy: 'blur' },
    admin: { email: 'contact@asso.example' },
    signup: { enabled: true, requiresApproval: true, limit: 50, minimumAge: 18, requiresEmailVerification: true },
    user: { videoQuota: 10 * 1024 ** 3, videoQuotaDaily: -1 },
    transcoding: { resolutions: { '0p': false, '240p': true, '360p': false, '720p': true } },
    tandem: { p2p: { anonymous: 'ask', users: 'off' } }
  }
  const form = toForm(custom)
  assert.deepEqual(form.resolutions, [240, 720])
  assert.equal(form.signup, 'approval')
  const body = toCustomConfig(form)
  assert.deepEqual(body.instance, custom.instance)
  assert.deepEqual(body.signup, custom.signup)
  assert.deepEqual(body.user, custom.user)
  assert.equal(body.transcoding.resolutions['720p'], true)
  assert.equal(body.transcoding.resolutions['1080p'], false)
  assert.deepEqual(body.tandem, custom.tandem)
})

test('a server error lands on the field it names', () => {
  assert.equal(fieldOfError({ detail: 'x', 'invalid-params': { 'admin.email': {} } }), 'email')
  assert.equal(fieldOfError({ detail: 'user.videoQuotaDaily must be -1 (no limit) or a number of bytes' }), 'videoQuotaDaily')
  assert.equal(fieldOfError({ detail: 'transcoding.resolutions: keep at least one resolution' }), 'resolutions')
  assert.equal(fieldOfError({ detail: 'tandem.p2p.users must be on, off or ask' }), 'p2pUsers')
  assert.equal(fieldOfError({ detail: 'Something else' }), null)
})
