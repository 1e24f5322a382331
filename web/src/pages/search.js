// Search (`/search`): videos by full text over titles and tags, narrowed by published date, duration,
// category, language and where they come from, in the chosen order; channels by name, or a remote channel
// by its handle (name@host, found on its instance for signed-in users), and the accounts that own them.
// `/search?tagsOneOf=x` is the tag page.
import { api } from '../lib/api.js'
import { h, replace, handleOf } from '../lib/dom.js'
import { t, tn } from '../lib/i18n.js'
import { moreButton, videoGrid } from '../lib/video-grid.js'
import { searchQuery, listTitle, DATE_RANGES, DURATIONS, SEARCH_SORTS } from '../lib/discovery.js'
import { loadChoices, selectField, categoryField, languageField, scopeField } from '../lib/filter-fields.js'

const PAGE = 24
const FILTERS = ['date', 'duration', 'categoryOneOf', 'languageOneOf', 'scope', 'sort', 'tagsOneOf']

/**
 * @param {URLSearchParams} params
 * @param {{ categories: Record<string, string>, languages: Record<string, string> }} choices
 */
function filtersForm (params, { categories, languages }) {
  /** @type {Record<string, string>} */
  const dates = { today: t('Today'), week: t('This week'), month: t('This month'), year: t('This year') }
  /** @type {Record<string, string>} */
  const durations = { short: t('Short (under 4 min)'), medium: t('Medium (4 to 10 min)'), long: t('Long (over 10 min)') }
  /** @type {Record<string, string>} */
  const sorts = { relevance: t('Relevance'), date: t('Publication date'), views: t('Views'), likes: t('Likes') }
  const form = h('form', { class: 'filters', action: '/search', id: 'search-filters', role: 'search' },
    h('div', { class: 'field field-wide' },
      h('label', { for: 'search-text' }, t('Search for')),
      h('input', { type: 'search', id: 'search-text', name: 'search', value: params.get('search') ?? '' })),
    selectField('date', t('Published'), [['', t('Any time')], ...DATE_RANGES.map(d => /** @type {[string, string]} */ ([d, dates[d]]))], params.get('date') ?? ''),
    selectField('duration', t('Duration'), [['', t('Any duration')], ...Object.keys(DURATIONS).map(d => /** @type {[string, string]} */ ([d, durations[d]]))], params.get('duration') ?? ''),
    categoryField(categories, params.get('categoryOneOf') ?? ''),
    languageField(languages, params.get('languageOneOf') ?? ''),
    scopeField(params.get('scope') ?? ''),
    selectField('sort', t('Sort by'), Object.keys(SEARCH_SORTS).map(s => /** @type {[string, string]} */ ([s, sorts[s]])), params.get('sort') ?? 'relevance'),
    params.getAll('tagsOneOf').map(tag => h('input', { type: 'hidden', name: 'tagsOneOf', value: tag })),
    h('button', { type: 'submit' }, t('Search')))
  form.addEventListener('change', e => { if (/** @type {HTMLElement} */ (e.target).tagName === 'SELECT') form.requestSubmit() })
  form.addEventListener('submit', e => {
    e.preventDefault()
    const chosen = new URLSearchParams()
    for (const [k, v] of new FormData(form)) {
      if (v && !(k === 'scope' && v === 'all') && !(k === 'sort' && v === 'relevance')) chosen.append(k, String(v))
    }
    location.href = `/search?${chosen}`
  })
  return form
}

/**
 * The channels found by name, and the accounts that own them (PeerTube has no account search: the
 * channels' owners are the accounts we can show at no extra cost).
 * @param {any[]} channels
 */
function actorResults (channels) {
  if (!channels.length) return null
  /** @type {Map<string, any>} */
  const owners = new Map()
  for (const c of channels) if (c.ownerAccount) owners.set(handleOf(c.ownerAccount), c.ownerAccount)
  return [
    h('section', { id: 'channel-results' }, h('h2', {}, t('Channels')),
      h('ul', { class: 'channels' }, channels.map(c =>
        h('li', {}, h('a', { href: `/c/${handleOf(c)}` }, c.displayName),
          ` · ${handleOf(c)} · ${tn(c.followersCount ?? 0, '{n} subscriber', '{n} subscribers')}`)))),
    owners.size
      ? h('section', { id: 'account-results' }, h('h2', {}, t('Accounts')),
        h('ul', { class: 'channels' }, [...owners.entries()].map(([handle, a]) =>
          h('li', {}, h('a', { href: `/a/${handle}` }, a.displayName ?? a.name), ` · ${handle}`))))
      : null
  ]
}

/**
 * @param {HTMLElement} main
 */
export async function render (main) {
  const params = new URLSearchParams(location.search)
  const q = params.get('search')?.trim() ?? ''
  const choices = await loadChoices()
  const tagPage = !q && params.getAll('tagsOneOf').length > 0
  const title = tagPage ? listTitle(params, choices.categories, t) : q || t('Search')
  document.title = `${title} - Tandem`
  const filtered = FILTERS.some(f => params.get(f))
  if (!q && !filtered) {
    return replace(main, h('h1', {}, t('Search')), filtersForm(params, choices),
      h('p', {}, t('Type something in the search box, or a channel handle like name@host.')))
  }
  const query = searchQuery(params, new Date())
  const [channels, videos] = await Promise.all([
    q ? api(`/search/video-channels?search=${encodeURIComponent(q)}`) : { total: 0, data: [] },
    api(`/search/videos?count=${PAGE}&${query}`)
  ])
  const heading = tagPage
    ? title
    : q ? tn(videos.total, '{n} result for “{q}”', '{n} results for “{q}”', { q }) : tn(videos.total, '{n} result', '{n} results')
  const grid = videoGrid(videos.data, t('Nothing matches.'))
  const more = moreButton(grid, videos.data.length, videos.total, start => api(`/search/videos?count=${PAGE}&start=${start}&${query}`))
  replace(main,
    filtersForm(params, choices),
    actorResults(channels.data),
    h('h1', { id: 'search-title' }, heading),
    tagPage ? h('p', { class: 'result-count', role: 'status' }, tn(videos.total, '{n} video', '{n} videos')) : null,
    grid, more)
}
