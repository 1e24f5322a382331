// The ledger pages' months and sentences, in node (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { monthOf, shiftMonth, money, gigabytes, carriedSentence } from '../src/lib/ledger-format.js'

test('months are UTC and shift across years', () => {
  assert.equal(monthOf(new Date('2026-12-31T23:30:00Z')), '2026-12')
  assert.equal(shiftMonth('2026-12', 1), '2027-01')
  assert.equal(shiftMonth('2026-01', -1), '2025-12')
  assert.equal(shiftMonth('2026-03', -14), '2025-01')
})

test('money shows a dash when no cost was declared', () => {
  assert.equal(money(null, 'EUR'), '—')
  assert.equal(money(12.5, 'EUR'), '12.50 EUR')
  assert.equal(money(0.004, null), '0.00')
})

test('the public sentence counts hosts and decimal gigabytes', () => {
  assert.equal(gigabytes(120_400_000_000), '120 GB')
  assert.equal(gigabytes(1_250_000_000), '1.3 GB')
  assert.equal(carriedSentence({ servedForOthersBytes: 120e9, hostsHelped: 4 }), 'This month we carried 120 GB for 4 other hosts.')
  assert.equal(carriedSentence({ servedForOthersBytes: 3e8, hostsHelped: 1 }), 'This month we carried 0.3 GB for 1 other host.')
  assert.equal(carriedSentence({ servedForOthersBytes: 0, hostsHelped: 0 }), 'This month we have not carried videos for other hosts yet.')
})
