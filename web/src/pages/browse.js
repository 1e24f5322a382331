// Browse (`/videos/browse`, PeerTube 6's default route; `/videos/trending`, `/videos/recently-added`,
// `/videos/local` are presets of it): every video, sorted and filtered by scope, category and language.
import { api } from '../lib/api.js'
import { h, replace } from '../lib/dom.js'
import { t, tn } from '../lib/i18n.js'
import { moreButton, videoGrid } from '../lib/video-grid.js'
import { browseQuery, listTitle, BROWSE_PRESETS } from '../lib/discovery.js'
import { loadChoices, selectField, categoryField, languageField, scopeField } from '../lib/filter-fields.js'

const PAGE = 24

/**
 * @param {HTMLElement} main
 * @param {{ user?: any, preset?: string }} options
 */
export async function render (main, { user, preset }) {
  const params = new URLSearchParams(location.search)
  const presetParams = BROWSE_PRESETS[/** @type {keyof typeof BROWSE_PRESETS} */ (preset ?? '')] ?? {}
  for (const [k, v] of Object.entries(presetParams)) if (!params.has(k)) params.set(k, v)
  const { categories, languages } = await loadChoices()
  const title = listTitle(params, categories, t)
  document.title = `${title} - Tandem`
  const { path, query } = browseQuery(params)
  const first = await api(`${path}?count=${PAGE}&${query}`)

  /** @type {Array<[string, string]>} */
  const sorts = [['-publishedAt', t('Most recent')], ['-trending', t('Trending')], ['-views', t('Most viewed')],
    ['-likes', t('Most liked')], ['name', t('Name')]]
  const form = h('form', { class: 'filters', action: '/videos/browse', id: 'browse-filters' },
    selectField('sort', t('Sort by'), sorts, query.get('sort') ?? '-publishedAt'),
    scopeField(params.get('scope') ?? '', Boolean(user)),
    categoryField(categories, params.get('categoryOneOf') ?? ''),
    languageField(languages, params.get('languageOneOf') ?? ''),
    h('button', { type: 'submit' }, t('Apply filters')))
  // A changed filter applies at once; the button stays for keyboards and screen readers.
  form.addEventListener('change', () => form.requestSubmit())
  form.addEventListener('submit', e => {
    e.preventDefault()
    const chosen = new URLSearchParams()
    for (const [k, v] of new FormData(form)) if (v && !(k === 'scope' && v === 'all')) chosen.append(k, String(v))
    location.href = `/videos/browse?${chosen}`
  })

  const grid = videoGrid(first.data, t('No videos match these filters.'))
  const count = h('p', { class: 'result-count', role: 'status' }, tn(first.total, '{n} video', '{n} videos'))
  const more = moreButton(grid, first.data.length, first.total, start => api(`${path}?count=${PAGE}&start=${start}&${query}`))
  replace(main, h('h1', {}, title), form, count, grid, more)
}
