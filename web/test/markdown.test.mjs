// Markdown for descriptions and comments, fed hostile input (run by tandem.web.WebUnitTest).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { markdownTree, treeToHtml, safeHref, timestampSeconds } from '../src/lib/markdown.js'

const origin = 'https://videos.example'
const html = (text, opts = {}) => treeToHtml(markdownTree(text, { origin, ...opts }))

/** Every element and attribute in a tree, for checks that hold whatever the input. */
function walk (nodes, seen = { tags: new Set(), attrs: [] }) {
  for (const n of nodes) {
    if (typeof n === 'string') continue
    seen.tags.add(n.tag)
    for (const [k, v] of Object.entries(n.attrs)) seen.attrs.push([k, v])
    walk(n.children, seen)
  }
  return seen
}

const ALLOWED_TAGS = new Set(['p', 'em', 'strong', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'br', 'hr'])
const ALLOWED_ATTRS = new Set(['href', 'rel', 'target', 'start', 'data-seek', 'class'])
const HOSTILE = [
  '<script>window.pwned = 1</script>',
  '<img src=x onerror="window.pwned=1">',
  '<svg onload=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](  javascript:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;avascript&#58;alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](<java\nscript:alert(1)>)',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<javascript:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '![pic](https://tracker.example/pixel.png)',
  '![pic](javascript:alert(1))',
  '[[x](javascript:alert(1))](https://ok.example)',
  '[a [b [c](javascript:1)]](https://ok.example)',
  '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '<a href="javascript:alert(1)">click</a>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<<script>script>alert(1)<</script>/script>',
  '```html\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  '> <iframe src="https://evil.example"></iframe>',
  '[x](file:///etc/passwd)',
  '[x](https://user:pass@evil.example)',
  '<https://ok.example/"onmouseover="alert(1)>'
]

test('hostile input yields only allowed tags, allowed attributes and safe link targets', () => {
  for (const input of HOSTILE) {
    const tree = markdownTree(input, { origin, timestamps: true })
    const { tags, attrs } = walk(tree)
    for (const tag of tags) assert.ok(ALLOWED_TAGS.has(tag), `${tag} from ${input}`)
    for (const [k, v] of attrs) {
      assert.ok(ALLOWED_ATTRS.has(k), `attribute ${k} from ${input}`)
      if (k === 'href') assert.match(v, /^(https?:|mailto:)/, `href ${v} from ${input}`)
    }
    const out = treeToHtml(tree)
    assert.doesNotMatch(out, /<(script|img|svg|iframe)/i, input)
    assert.doesNotMatch(out, /<[^>]*\son\w+\s*=/i, input) // text is escaped: every < left is a real tag
    assert.doesNotMatch(out, /href="(javascript|data|vbscript|file):/i, input)
  }
})

test('raw HTML stays visible text, escaped', () => {
  assert.equal(html('<script>window.pwned = 1</script>'), '<p>&#60;script&#62;window.pwned = 1&#60;/script&#62;</p>')
  assert.equal(html('<img src=x onerror="alert(1)">'), '<p>&#60;img src=x onerror=&#34;alert(1)&#34;&#62;</p>')
})

test('javascript: links in any spelling, entity-encoded or autolinked, never become links', () => {
  for (const input of ['[x](JaVaScRiPt:alert(1))', '[x](&#106;avascript:alert(1))', '<javascript:alert(1)>', '[x](data:text/html,hi)']) {
    assert.equal(walk(markdownTree(input, { origin })).tags.has('a'), false, input)
  }
})

test('images are not loaded: the picture syntax shows no <img>', () => {
  const out = html('![pic](https://tracker.example/pixel.png)')
  assert.doesNotMatch(out, /<img/)
})

test('external links open in a new tab with rel noopener noreferrer nofollow; our own links do not', () => {
  assert.equal(html('[PeerTube](https://joinpeertube.org)'),
    '<p><a href="https://joinpeertube.org/" rel="noopener noreferrer nofollow" target="_blank">PeerTube</a></p>')
  assert.equal(html('see https://joinpeertube.org/faq'),
    '<p>see <a href="https://joinpeertube.org/faq" rel="noopener noreferrer nofollow" target="_blank">https://joinpeertube.org/faq</a></p>')
  assert.equal(html('[home](/videos/trending)'), `<p><a href="${origin}/videos/trending">home</a></p>`)
  assert.equal(html('<mailto:a@b.example>'), '<p><a href="mailto:a@b.example" rel="noopener noreferrer nofollow" target="_blank">mailto:a@b.example</a></p>')
})

test('nested brackets keep the safe outer link and drop the unsafe inner one', () => {
  const tree = markdownTree('[a [b](javascript:1)](https://ok.example)', { origin })
  const { attrs } = walk(tree)
  assert.deepEqual(attrs.filter(([k]) => k === 'href').map(([, v]) => v).filter(v => !v.startsWith('https://ok.example')), [])
})

test('emphasis, lists, code and quotes render', () => {
  assert.equal(html('*a* **b** ~~c~~ `d`'), '<p><em>a</em> <strong>b</strong> <s>c</s> <code>d</code></p>')
  assert.equal(html('- one\n- two'), '<ul><li>one</li><li>two</li></ul>')
  assert.equal(html('3. three\n4. four'), '<ol start="3"><li>three</li><li>four</li></ol>')
  assert.equal(html('> quoted'), '<blockquote><p>quoted</p></blockquote>')
  assert.equal(html('```\nx < y\n```'), '<pre><code>x &#60; y\n</code></pre>')
  assert.equal(html('line one\nline two'), '<p>line one<br>line two</p>')
})

test('timestamps in comments become seek links, not inside other links or code', () => {
  assert.equal(html('look at 1:23 and 1:02:03', { timestamps: true }),
    '<p>look at <a href="?start=83" data-seek="83" class="timestamp">1:23</a> and <a href="?start=3723" data-seek="3723" class="timestamp">1:02:03</a></p>')
  assert.equal(html('look at 1:23'), '<p>look at 1:23</p>')
  assert.equal(html('`1:23`', { timestamps: true }), '<p><code>1:23</code></p>')
  assert.equal(timestampSeconds('10:00'), 600)
})

test('safeHref accepts http(s) and mailto only, and says which are elsewhere', () => {
  assert.deepEqual(safeHref('/w/abc', origin), { href: `${origin}/w/abc`, external: false })
  assert.deepEqual(safeHref('https://other.example/', origin), { href: 'https://other.example/', external: true })
  assert.equal(safeHref(' JAVASCRIPT:alert(1)', origin), null)
  assert.equal(safeHref('java\tscript:alert(1)', origin), null)
  assert.equal(safeHref('data:text/html,x', origin), null)
  assert.equal(safeHref('http://[bad', origin), null)
})

test('empty and missing text give nothing', () => {
  assert.deepEqual(markdownTree('', { origin }), [])
  assert.deepEqual(markdownTree(null, { origin }), [])
})
