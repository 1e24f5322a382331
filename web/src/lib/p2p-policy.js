// Whether this viewer's player joins the P2P swarm, which shows their IP address to other viewers.
// Decided from (1) the signed-in user's own `p2pEnabled`, else (2) the instance's default: Tandem's
// `tandem.p2p` ({ anonymous, users }: 'on' | 'off' | 'ask') over PeerTube's
// `defaults.p2p.webapp.enabled` (or `.embed.`). 'ask' stays off until the viewer agrees once.
// An embed's `?p2p=0` always turns it off. Pure: the player passes what it read.

export const CONSENT_KEY = 'tandem-p2p-consent'
/** A switch in localStorage a viewer (or a test) can set to 'off' to never use P2P in this browser. */
export const LOCAL_SWITCH_KEY = 'tandem-p2p'

/**
 * @param {{ user?: { p2pEnabled?: boolean } | null, config?: any, consent?: string | null,
 *   localSwitch?: string | null, param?: string | null, embed?: boolean }} input
 * @returns {'on' | 'off' | 'ask'}
 */
export function p2pDecision ({ user, config, consent, localSwitch, param, embed = false }) {
  if (param === '0' || param === 'false') return 'off'
  if (localSwitch === 'off') return 'off'
  if (user && typeof user.p2pEnabled === 'boolean') return user.p2pEnabled ? 'on' : 'off'
  const peertubeDefault = config?.defaults?.p2p?.[embed ? 'embed' : 'webapp']?.enabled
  const ours = config?.tandem?.p2p?.[user ? 'users' : 'anonymous']
  const policy = ['on', 'off', 'ask'].includes(ours) ? ours : peertubeDefault === false ? 'off' : 'on'
  if (policy !== 'ask') return policy
  if (consent === 'yes') return 'on'
  if (consent === 'no') return 'off'
  return 'ask'
}
