// Everything under the player: title, views and date, channel and subscribe, actions (like, share,
// download, report), description, facts, comments and related videos. Loaded after the player
// has started, so markdown-it and the rest never delay the first frame.
import { replace } from '../lib/dom.js'
import { renderComments } from '../lib/comments.js'
import { renderRating } from '../lib/rating.js'
import { renderMarkdown } from '../lib/markdown-view.js'
import { viewsAndDate, videoFacts } from './details.js'
import { renderChannel } from './channel.js'
import { shareButton } from './share.js'
import { downloadMenu } from './download.js'
import { reportButton } from './report.js'
import { renderRelated } from './related.js'

/**
 * @param {any} v the video (VideoDetails)
 * @param {HTMLVideoElement} video the player's element
 * @param {Promise<any>} userReady the signed-in user, or null
 */
export async function renderWatchPage (v, video, userReady) {
  /** @param {number} seconds */
  const seek = seconds => {
    video.currentTime = seconds
    video.play().catch(() => {})
    document.querySelector('.player')?.scrollIntoView({ behavior: 'smooth', block: 'start' })
  }
  const byId = (/** @type {string} */ id) => document.getElementById(id)
  byId('title').textContent = v.name
  replace(byId('meta'), viewsAndDate(v))
  renderMarkdown(byId('description'), v.description, { timestamps: true, onSeek: seek })
  replace(byId('facts'), videoFacts(v))
  renderRelated(byId('related'), v)
  const user = await userReady
  renderChannel(byId('channel'), v.channel, user)
  byId('actions').append(shareButton(v, () => video.currentTime), downloadMenu(v) ?? '', reportButton(v, user))
  renderRating(byId('rating'), v, user)
  await renderComments(byId('comments'), v, user, { onSeek: seek })
}
