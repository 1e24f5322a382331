// The instance settings screen's logic without DOM: PeerTube's CustomConfig object ↔ the form's
// values, quotas in human units, the sign-up policy as one choice. Tested in web/test/instance-settings.test.mjs.

/** Heights an administrator may pick, as the server lists them (PeerTube's ladder). */
export const RESOLUTIONS = [144, 240, 360, 480, 720, 1080, 1440, 2160]

/** Units for quotas, powers of 1024 as PeerTube's own quota choices use. */
export const QUOTA_UNITS = /** @type {const} */ ([['MB', 1024 ** 2], ['GB', 1024 ** 3], ['TB', 1024 ** 4]])

/**
 * @typedef {object} SettingsForm
 * @property {string} name
 * @property {string} shortDescription
 * @property {string} description
 * @property {string} terms
 * @property {string} email
 * @property {'closed' | 'open' | 'approval'} signup
 * @property {number} signupLimit -1 for no limit
 * @property {number} minimumAge
 * @property {boolean} requiresEmailVerification new users must follow a mailed link before they log in
 * @property {Quota} videoQuota
 * @property {Quota} videoQuotaDaily
 * @property {number[]} resolutions
 * @property {string} nsfwPolicy
 * @property {'on' | 'off' | 'ask'} p2pAnonymous
 * @property {'on' | 'off' | 'ask'} p2pUsers
 */

/** @typedef {{ unlimited: boolean, amount: number, unit: string }} Quota */

/**
 * A quota in bytes as the form shows it: unlimited, or an amount in the largest unit that keeps it whole
 * to one decimal.
 * @param {number} bytes -1 for no limit
 * @returns {Quota}
 */
export function quotaToForm (bytes) {
  if (bytes < 0) return { unlimited: true, amount: 10, unit: 'GB' }
  for (const [unit, size] of [...QUOTA_UNITS].reverse()) {
    if (bytes >= size) return { unlimited: false, amount: Math.round(bytes / size * 10) / 10, unit }
  }
  return { unlimited: false, amount: Math.round(bytes / QUOTA_UNITS[0][1] * 10) / 10, unit: 'MB' }
}

/**
 * The bytes a quota stands for; -1 when unlimited.
 * @param {Quota} q
 */
export function quotaToBytes (q) {
  if (q.unlimited) return -1
  const size = QUOTA_UNITS.find(([unit]) => unit === q.unit)?.[1] ?? 1024 ** 3
  return Math.round(Number(q.amount) * size)
}

/**
 * The sign-up policy as one choice.
 * @param {{ enabled?: boolean, requiresApproval?: boolean }} signup
 * @returns {'closed' | 'open' | 'approval'}
 */
export function signupPolicy (signup) {
  if (!signup?.enabled) return 'closed'
  return signup.requiresApproval ? 'approval' : 'open'
}

/**
 * The form's values from PeerTube's CustomConfig as GET /config/custom returns it.
 * @param {any} c
 * @returns {SettingsForm}
 */
export function toForm (c) {
  return {
    name: c.instance?.name ?? '',
    shortDescription: c.instance?.shortDescription ?? '',
    description: c.instance?.description ?? '',
    terms: c.instance?.terms ?? '',
    email: c.admin?.email ?? '',
    signup: signupPolicy(c.signup),
    signupLimit: c.signup?.limit ?? -1,
    minimumAge: c.signup?.minimumAge ?? 16,
    requiresEmailVerification: c.signup?.requiresEmailVerification === true,
    videoQuota: quotaToForm(c.user?.videoQuota ?? -1),
    videoQuotaDaily: quotaToForm(c.user?.videoQuotaDaily ?? -1),
    resolutions: RESOLUTIONS.filter(r => c.transcoding?.resolutions?.[`${r}p`]),
    nsfwPolicy: c.instance?.defaultNSFWPolicy ?? 'display',
    p2pAnonymous: c.tandem?.p2p?.anonymous ?? 'on',
    p2pUsers: c.tandem?.p2p?.users ?? 'on'
  }
}

/**
 * The PUT /config/custom body for the form's values: only the settings this screen edits, in
 * PeerTube's shape (the server keeps every other one).
 * @param {SettingsForm} f
 */
export function toCustomConfig (f) {
  return {
    instance: {
      name: f.name,
      shortDescription: f.shortDescription,
      description: f.description,
      terms: f.terms,
      defaultNSFWPolicy: f.nsfwPolicy
    },
    admin: { email: f.email.trim() },
    signup: {
      enabled: f.signup !== 'closed',
      requiresApproval: f.signup === 'approval',
      limit: Number(f.signupLimit),
      minimumAge: Number(f.minimumAge),
      requiresEmailVerification: f.requiresEmailVerification
    },
    user: { videoQuota: quotaToBytes(f.videoQuota), videoQuotaDaily: quotaToBytes(f.videoQuotaDaily) },
    transcoding: { resolutions: Object.fromEntries(RESOLUTIONS.map(r => [`${r}p`, f.resolutions.includes(r)])) },
    tandem: { p2p: { anonymous: f.p2pAnonymous, users: f.p2pUsers } }
  }
}

/**
 * Which form field a server error belongs to: the CustomConfig path the server names (in its
 * per-field errors or, failing those, at the start of its message) mapped to the form's field.
 * @param {any} problem the problem+json body
 * @returns {string | null} a SettingsForm key
 */
export function fieldOfError (problem) {
  const paths = Object.keys(problem?.['invalid-params'] ?? {})
  const detail = String(problem?.detail ?? '')
  const path = paths[0] ?? detail.match(/^[\w.]+/)?.[0] ?? ''
  const byPath = /** @type {[string, string][]} */ ([
    ['instance.name', 'name'], ['instance.shortDescription', 'shortDescription'], ['instance.description', 'description'],
    ['instance.terms', 'terms'], ['instance.defaultNSFWPolicy', 'nsfwPolicy'], ['admin.email', 'email'],
    ['signup.limit', 'signupLimit'], ['signup.minimumAge', 'minimumAge'], ['signup', 'signup'],
    ['user.videoQuotaDaily', 'videoQuotaDaily'], ['user.videoQuota', 'videoQuota'], ['transcoding', 'resolutions'],
    ['tandem.p2p.users', 'p2pUsers'], ['tandem.p2p', 'p2pAnonymous']
  ])
  return byPath.find(([prefix]) => path.startsWith(prefix))?.[1] ?? null
}
