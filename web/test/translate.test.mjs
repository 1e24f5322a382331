// Translation and plurals (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { translator, pickLocale, fill } from '../src/lib/translate.js'

const fr = translator('fr', {
  'Log in': 'Se connecter',
  '{n} views': { one: '{n} vue', other: '{n} vues' },
  'Hello {name}': 'Bonjour {name}'
})
const en = translator('en', {})

test('English text is the key and stays when no translation exists', () => {
  assert.equal(fr.t('Log in'), 'Se connecter')
  assert.equal(fr.t('Upload'), 'Upload')
  assert.equal(en.t('Log in'), 'Log in')
})

test('placeholders are filled, numbers in the locale\'s way', () => {
  assert.equal(fr.t('Hello {name}', { name: 'Zoé' }), 'Bonjour Zoé')
  assert.equal(fill('{n} bytes', { n: 1234567 }, 'fr'), '1\u202f234\u202f567 bytes')
  assert.equal(fill('{missing} stays', {}, 'en'), '{missing} stays')
})

test('plurals follow each language: French 0 and 1 are singular, English 0 is plural', () => {
  assert.equal(fr.tn(0, '{n} view', '{n} views'), '0 vue')
  assert.equal(fr.tn(1, '{n} view', '{n} views'), '1 vue')
  assert.equal(fr.tn(2, '{n} view', '{n} views'), '2 vues')
  assert.equal(en.tn(0, '{n} view', '{n} views'), '0 views')
  assert.equal(en.tn(1, '{n} view', '{n} views'), '1 view')
  assert.equal(en.tn(1500, '{n} view', '{n} views'), '1,500 views')
})

test('the user\'s choice wins over the browser, which wins over English', () => {
  assert.equal(pickLocale('fr', ['en-US'], ['en', 'fr']), 'fr')
  assert.equal(pickLocale(null, ['fr-FR', 'en'], ['en', 'fr']), 'fr')
  assert.equal(pickLocale(null, ['de-DE', 'fr'], ['en', 'fr']), 'fr')
  assert.equal(pickLocale(null, ['de-DE'], ['en', 'fr']), 'en')
})
