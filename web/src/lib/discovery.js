// Pure rules of the discovery pages (home, browse, search): which API query a page's address asks
// for, and what its title says. No DOM, so node tests cover it.

/** @typedef {(text: string, vars?: Record<string, unknown>) => string} T */

/** The published-date choices of the search: how far back each reaches. */
export const DATE_RANGES = /** @type {const} */ (['today', 'week', 'month', 'year'])

/**
 * Duration choices in seconds, as PeerTube's search: short under 4 minutes, long over 10.
 * @type {Record<string, { durationMin?: number, durationMax?: number }>}
 */
export const DURATIONS = {
  short: { durationMax: 239 },
  medium: { durationMin: 240, durationMax: 600 },
  long: { durationMin: 601 }
}

/** The search's sorts (the page's word → PeerTube's sort). */
export const SEARCH_SORTS = { relevance: '-match', date: '-publishedAt', views: '-views', likes: '-likes' }

/** The browse page's sorts. */
export const BROWSE_SORTS = ['-publishedAt', '-trending', '-views', '-likes', 'name']

/** The scopes of the lists: everything we know, this instance's videos, or the others'. */
export const SCOPES = ['all', 'local', 'federated']

/**
 * The first moment of a published-date range: today from midnight (the viewer's time), the week,
 * month or year as the last 7, 30 or 365 days.
 * @param {string} range one of DATE_RANGES
 * @param {Date} now
 * @returns {string | null} an ISO instant, or null for "any time"
 */
export function startDateFor (range, now) {
  const d = new Date(now.getTime())
  if (range === 'today') {
    d.setHours(0, 0, 0, 0)
    return d.toISOString()
  }
  const days = { week: 7, month: 30, year: 365 }[range]
  if (!days) return null
  return new Date(now.getTime() - days * 86400000).toISOString()
}

/**
 * @param {URLSearchParams} params
 * @param {string} name
 */
function all (params, name) {
  return [...params.getAll(name), ...params.getAll(`${name}[]`)].filter(v => v !== '')
}

/**
 * The API query of the search page's address (`/search?search=…&date=week&duration=short…`), for
 * `/api/v1/search/videos`. PeerTube's own parameters (startDate, durationMin…) pass through.
 * @param {URLSearchParams} params the page's query string
 * @param {Date} now
 */
export function searchQuery (params, now) {
  const q = new URLSearchParams()
  const text = params.get('search')?.trim()
  if (text) q.set('search', text)
  for (const name of ['tagsOneOf', 'categoryOneOf', 'languageOneOf']) for (const v of all(params, name)) q.append(name, v)
  const start = params.get('startDate') || startDateFor(params.get('date') ?? '', now)
  if (start) q.set('startDate', start)
  for (const name of ['endDate', 'originallyPublishedStartDate', 'originallyPublishedEndDate']) {
    const v = params.get(name)
    if (v) q.set(name, v)
  }
  const duration = DURATIONS[params.get('duration') ?? '']
  if (duration) for (const [k, v] of Object.entries(duration)) q.set(k, String(v))
  for (const name of ['durationMin', 'durationMax']) if (params.get(name)) q.set(name, /** @type {string} */ (params.get(name)))
  scope(params, q)
  const sort = params.get('sort') ?? ''
  q.set('sort', SEARCH_SORTS[/** @type {keyof typeof SEARCH_SORTS} */ (sort)] ?? (sort.match(/^-?\w+$/) ? sort : '-match'))
  return q
}

/**
 * `scope` (local/federated) or PeerTube's `isLocal`, as `isLocal`.
 * @param {URLSearchParams} params
 * @param {URLSearchParams} q
 */
function scope (params, q) {
  const s = params.get('scope') ?? (params.get('isLocal') === 'true' ? 'local' : params.get('isLocal') === 'false' ? 'federated' : '')
  if (s === 'local') q.set('isLocal', 'true')
  if (s === 'federated') q.set('isLocal', 'false')
}

/**
 * The browse page's list (`/videos/browse?sort=-trending&scope=local&categoryOneOf=1`), for
 * `/api/v1/videos`, or for the subscriptions feed with `scope=subscriptions`.
 * @param {URLSearchParams} params
 * @returns {{ path: string, query: URLSearchParams }}
 */
export function browseQuery (params) {
  const q = new URLSearchParams()
  const sort = params.get('sort') ?? '-publishedAt'
  q.set('sort', BROWSE_SORTS.includes(sort) || sort.match(/^-?\w+$/) ? sort : '-publishedAt')
  for (const name of ['categoryOneOf', 'languageOneOf', 'tagsOneOf']) for (const v of all(params, name)) q.append(name, v)
  if (params.get('scope') === 'subscriptions') return { path: '/users/me/subscriptions/videos', query: q }
  scope(params, q)
  return { path: '/videos', query: q }
}

/** The browse addresses PeerTube 5 had, as browse settings. */
export const BROWSE_PRESETS = {
  'recently-added': { sort: '-publishedAt' },
  trending: { sort: '-trending' },
  local: { sort: '-publishedAt', scope: 'local' }
}

/**
 * The title of a list page: a tag, a category, the subscriptions, or the sort.
 * @param {URLSearchParams} params
 * @param {Record<string, string>} categories id → English name
 * @param {T} t
 */
export function listTitle (params, categories, t) {
  const tags = all(params, 'tagsOneOf')
  if (tags.length && !params.get('search')) return t('Videos tagged {tag}', { tag: tags.join(', ') })
  const cats = all(params, 'categoryOneOf')
  if (cats.length === 1) return t('Category: {name}', { name: t(categories[cats[0]] ?? cats[0]) })
  if (params.get('scope') === 'subscriptions') return t('Videos from your subscriptions')
  const sort = params.get('sort') ?? '-publishedAt'
  const local = params.get('scope') === 'local'
  if (sort === '-trending' || sort === '-hot') return local ? t('Trending on this instance') : t('Trending')
  if (sort === '-views') return t('Most viewed')
  if (sort === '-likes') return t('Most liked')
  return local ? t('Local videos') : t('Recent videos')
}
