// Another instance's video whose origin is down still plays, from a mirror: pages say so plainly
// rather than let the viewer wonder why the origin's name is on a page that works.
import { hostOf } from './sources.js'

/** The sentence for the video details' `originStatus`, or null while the origin answers. */
export function originOutage (status) {
  if (status?.reachable !== false) return null
  const since = status.unreachableSince ? new Date(status.unreachableSince).toLocaleString() : 'a moment ago'
  // playingFrom is the mirror's host; a URL is shortened to its host too.
  const mirror = status.playingFrom?.includes('://') ? hostOf(status.playingFrom) : status.playingFrom
  return `Origin unreachable since ${since}, ${mirror ? `playing from mirror ${mirror}` : 'playing from its mirrors'}`
}
