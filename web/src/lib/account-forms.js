// Pure decisions of the sign-up, password-reset and settings pages (no DOM, tested in node).

/**
 * How this instance takes sign-ups, from PeerTube's `/api/v1/config`.
 * @param {{ signup?: { allowed?: boolean, requiresApproval?: boolean, minimumAge?: number, requiresEmailVerification?: boolean } }} config
 * @returns {{ mode: 'closed' | 'open' | 'approval', minimumAge: number, verify: boolean }} verify: the address must be verified by a mailed link
 */
export function signupMode (config) {
  const s = config?.signup ?? {}
  const mode = !s.allowed ? 'closed' : s.requiresApproval ? 'approval' : 'open'
  return { mode, minimumAge: s.minimumAge ?? 16, verify: s.requiresEmailVerification === true }
}

/**
 * The body of a sign-up (`/users/register` or `/users/registrations/request`) from the form's fields;
 * empty optional fields are left out, so the server applies its defaults.
 * @param {Record<string, string>} f username, email, password, displayName, channelName, channelDisplayName, registrationReason
 * @param {'open' | 'approval'} mode
 */
export function signupBody (f, mode) {
  /** @type {Record<string, unknown>} */
  const body = { username: f.username.trim(), email: f.email.trim(), password: f.password }
  if (f.displayName?.trim()) body.displayName = f.displayName.trim()
  if (f.channelName?.trim()) {
    body.channel = { name: f.channelName.trim(), displayName: f.channelDisplayName?.trim() || f.channelName.trim() }
  }
  if (mode === 'approval') body.registrationReason = (f.registrationReason ?? '').trim()
  return body
}

/**
 * The reset link's parameters, or null when the page was opened without them (then it asks for an address).
 * @param {string} search location.search
 * @returns {{ userId: number, verificationString: string } | null}
 */
export function resetParams (search) {
  const q = new URLSearchParams(search)
  const userId = Number(q.get('userId'))
  const verificationString = q.get('verificationString') ?? ''
  return Number.isInteger(userId) && userId > 0 && /^[0-9a-f]{16,128}$/.test(verificationString) ? { userId, verificationString } : null
}

/**
 * What an e-mail verification link (`/verify-account/email`) carries: a user's id (with `isPendingEmail`
 * for a changed address) or a registration request's, and the hex secret; null when it is malformed.
 * @param {string} search location.search
 * @returns {{ userId?: number, registrationId?: number, verificationString: string, isPendingEmail: boolean } | null}
 */
export function verifyParams (search) {
  const q = new URLSearchParams(search)
  const verificationString = q.get('verificationString') ?? ''
  if (!/^[0-9a-f]{16,128}$/.test(verificationString)) return null
  const isPendingEmail = q.get('isPendingEmail') === 'true'
  const userId = Number(q.get('userId'))
  if (q.has('userId') && Number.isInteger(userId) && userId > 0) return { userId, verificationString, isPendingEmail }
  const registrationId = Number(q.get('registrationId'))
  if (q.has('registrationId') && Number.isInteger(registrationId) && registrationId > 0) return { registrationId, verificationString, isPendingEmail: false }
  return null
}

/**
 * The P2P select's value for the user's setting: null means "not decided yet".
 * @param {boolean | null | undefined} enabled
 */
export function p2pChoice (enabled) {
  return enabled === true ? 'on' : enabled === false ? 'off' : 'ask'
}

/**
 * `PUT /users/me` from the settings form; P2P "ask" is not sent (once decided it stays decided).
 * @param {Record<string, string | boolean>} f nsfwPolicy, autoPlayVideo, autoPlayNextVideo, p2p, videoLanguages ("fr, en"), language, theme
 */
export function settingsBody (f) {
  /** @type {Record<string, unknown>} */
  const body = {
    nsfwPolicy: f.nsfwPolicy,
    autoPlayVideo: !!f.autoPlayVideo,
    autoPlayNextVideo: !!f.autoPlayNextVideo,
    videoLanguages: String(f.videoLanguages ?? '').split(',').map(l => l.trim().toLowerCase()).filter(Boolean),
    language: f.language ?? '',
    theme: f.theme
  }
  if (f.p2p === 'on' || f.p2p === 'off') body.p2pEnabled = f.p2p === 'on'
  return body
}

/**
 * What the page root's `data-theme` becomes: nothing for "system" (the CSS follows the system then).
 * @param {string | null | undefined} theme
 * @returns {'light' | 'dark' | null}
 */
export function themeAttribute (theme) {
  return theme === 'light' || theme === 'dark' ? theme : null
}
