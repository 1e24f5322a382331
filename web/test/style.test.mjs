// The stylesheet's blocks are closed where they should be: one missing brace swallows every later
// rule into an @media query, and the browser shows no error (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'

test('every block of style.css closes, and no @media opens inside another block', () => {
  const css = readFileSync(new URL('../public/style.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
  let depth = 0
  css.split('\n').forEach((line, i) => {
    if (/^\s*@media/.test(line)) assert.equal(depth, 0, `line ${i + 1}: @media inside an open block`)
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length
    assert.ok(depth >= 0, `line ${i + 1}: a brace closes nothing`)
  })
  assert.equal(depth, 0, 'a block is never closed')
})
