// The signed-in user's OAuth tokens, kept in localStorage as PeerTube's web client does,
// obtained with the instance's local OAuth client (password grant).
const KEY = 'tandem-session'

function load () {
  try { return JSON.parse(localStorage.getItem(KEY)) } catch { return null }
}

function save (tokens) {
  if (tokens) localStorage.setItem(KEY, JSON.stringify(tokens))
  else localStorage.removeItem(KEY)
  me = null
}

let me = null

async function client () {
  const res = await fetch('/api/v1/oauth-clients/local')
  if (!res.ok) throw new Error('This instance does not accept logins right now')
  return res.json()
}

async function token (form) {
  const { client_id: id, client_secret: secret } = await client()
  const res = await fetch('/api/v1/users/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: id, client_secret: secret, ...form })
  })
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(body.detail || body.error || `Login failed (${res.status})`)
  return body
}

export const session = {
  token: () => load()?.access_token ?? null,
  /** The Authorization header for the signed-in user, or none. */
  authHeader: () => session.token() ? { Authorization: `Bearer ${session.token()}` } : {},
  loggedIn: () => load() !== null,

  async login (username, password) {
    save(await token({ grant_type: 'password', username, password }))
  },

  /** Trades the refresh token for a new access token; false when the session is over. */
  async refresh () {
    const refresh = load()?.refresh_token
    if (!refresh) return false
    try {
      save(await token({ grant_type: 'refresh_token', refresh_token: refresh }))
      return true
    } catch {
      save(null)
      return false
    }
  },

  async logout () {
    const access = session.token()
    save(null)
    if (access) await fetch('/api/v1/users/revoke-token', { method: 'POST', headers: { Authorization: `Bearer ${access}` } }).catch(() => {})
  },

  /** The signed-in user (GET /users/me), or null for a visitor. */
  async user () {
    if (!session.loggedIn()) return null
    // api.js refreshes an expired token once; it imports this module, hence the dynamic import.
    if (!me) me = import('./api.js').then(({ api }) => api('/users/me')).catch(() => null)
    return me
  }
}
