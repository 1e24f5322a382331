// The discovery pages' rules: search and browse queries and titles (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { searchQuery, browseQuery, listTitle, startDateFor } from '../src/lib/discovery.js'
import { translator } from '../src/lib/translate.js'

const now = new Date('2026-12-07T15:30:00Z')
const en = translator('en', {})
const fr = translator('fr', {
  'Category: {name}': 'Catégorie : {name}',
  Music: 'Musique'
})

test('the search page\'s choices become PeerTube\'s parameters', () => {
  const q = searchQuery(new URLSearchParams('search=%20jazz%20&date=week&duration=short&categoryOneOf=1&languageOneOf=fr&scope=local&sort=views'), now)
  assert.equal(q.get('search'), 'jazz')
  assert.equal(q.get('startDate'), '2026-11-30T15:30:00.000Z')
  assert.equal(q.get('durationMax'), '239')
  assert.equal(q.get('durationMin'), null)
  assert.equal(q.get('categoryOneOf'), '1')
  assert.equal(q.get('languageOneOf'), 'fr')
  assert.equal(q.get('isLocal'), 'true')
  assert.equal(q.get('sort'), '-views')
})

test('long and medium durations, federated scope, relevance by default', () => {
  const long = searchQuery(new URLSearchParams('search=x&duration=long&scope=federated'), now)
  assert.equal(long.get('durationMin'), '601')
  assert.equal(long.get('durationMax'), null)
  assert.equal(long.get('isLocal'), 'false')
  assert.equal(long.get('sort'), '-match')
  const medium = searchQuery(new URLSearchParams('duration=medium&sort=%3Bdrop'), now)
  assert.equal(medium.get('durationMin'), '240')
  assert.equal(medium.get('durationMax'), '600')
  assert.equal(medium.get('sort'), '-match', 'an odd sort falls back to relevance')
})

test('PeerTube\'s own parameters pass through, tags included', () => {
  const q = searchQuery(new URLSearchParams('tagsOneOf=jazz&tagsOneOf[]=blues&isLocal=true&startDate=2020-01-01&durationMin=5'), now)
  assert.deepEqual(q.getAll('tagsOneOf'), ['jazz', 'blues'])
  assert.equal(q.get('isLocal'), 'true')
  assert.equal(q.get('startDate'), '2020-01-01')
  assert.equal(q.get('durationMin'), '5')
})

test('today starts at midnight, any time has no start', () => {
  const today = new Date(/** @type {string} */ (startDateFor('today', now)))
  assert.equal(today.getHours(), 0)
  assert.ok(today <= now && now.getTime() - today.getTime() < 86400000)
  assert.equal(startDateFor('', now), null)
  assert.equal(startDateFor('year', now), '2025-12-07T15:30:00.000Z')
})

test('browse asks the list, or the subscriptions feed', () => {
  const local = browseQuery(new URLSearchParams('sort=-trending&scope=local&categoryOneOf=10'))
  assert.equal(local.path, '/videos')
  assert.equal(local.query.toString(), 'sort=-trending&categoryOneOf=10&isLocal=true')
  const subs = browseQuery(new URLSearchParams('scope=subscriptions'))
  assert.equal(subs.path, '/users/me/subscriptions/videos')
  assert.equal(subs.query.get('sort'), '-publishedAt')
})

test('titles say the tag, the category or the sort, in the reader\'s language', () => {
  const cats = { 1: 'Music' }
  assert.equal(listTitle(new URLSearchParams('tagsOneOf=jazz'), cats, en.t), 'Videos tagged jazz')
  assert.equal(listTitle(new URLSearchParams('categoryOneOf=1'), cats, en.t), 'Category: Music')
  assert.equal(listTitle(new URLSearchParams('categoryOneOf=1'), cats, fr.t), 'Catégorie : Musique')
  assert.equal(listTitle(new URLSearchParams('sort=-trending'), cats, en.t), 'Trending')
  assert.equal(listTitle(new URLSearchParams('scope=local'), cats, en.t), 'Local videos')
  assert.equal(listTitle(new URLSearchParams(''), cats, en.t), 'Recent videos')
})

test('the French catalog of these pages says 0 vue, 1 vue, 2 vues and knows every plural it uses', async () => {
  const { readFile } = await import('node:fs/promises')
  const catalog = JSON.parse(await readFile(new URL('../src/locales/fr/discovery.json', import.meta.url), 'utf8'))
  const t = translator('fr', catalog)
  assert.equal(t.tn(0, '{n} view', '{n} views'), '0 vue')
  assert.equal(t.tn(1, '{n} view', '{n} views'), '1 vue')
  assert.equal(t.tn(2, '{n} view', '{n} views'), '2 vues')
  assert.equal(t.tn(2, '{n} result for “{q}”', '{n} results for “{q}”', { q: 'jazz' }), '2 résultats pour «\u00a0jazz\u00a0»')
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'object') assert.ok(value.one && value.other, key)
  }
})
