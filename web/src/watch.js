// Watch page: the player, then the video's title, channel, likes and comments.
import { startPlayer } from './player.js'
import { renderHeader } from './lib/header.js'
import { api } from './lib/api.js'
import { h, replace, ago, handleOf } from './lib/dom.js'
import { renderComments } from './lib/comments.js'
import { renderRating } from './lib/rating.js'

const id = location.pathname.split('/').pop()
const userReady = renderHeader()
let v
try {
  v = await api(`/videos/${id}`)
} catch (e) {
  document.getElementById('title').textContent = e.status === 404 ? 'Video not found' : e.message
  throw e
}
document.title = `${v.name} - Tandem`
startPlayer(document.getElementById('video'), v, document.getElementById('p2p'))

document.getElementById('title').textContent = v.name
replace(document.getElementById('meta'),
  h('a', { href: `/c/${handleOf(v.channel)}` }, v.channel.displayName), ` · ${v.views} views · ${ago(v.publishedAt)}`)
document.getElementById('description').textContent = v.description ?? ''
const user = await userReady
renderRating(document.getElementById('rating'), v, user)
renderComments(document.getElementById('comments'), v, user)
