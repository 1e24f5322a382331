// Administration, federation: the instances and channels this instance follows, who follows it, the
// instances and accounts it blocks, and the deliveries to remote inboxes that failed for good.
// Names and hosts come from other servers: they only ever become text nodes (h()).
import { api } from '../lib/api.js'
import { h, replace, ago } from '../lib/dom.js'
import { panel as basePanel } from '../lib/panel.js'
import { tableOr } from '../lib/table.js'
import { jobList } from '../lib/job-list.js'

export async function federation (section) {
  const panels = [following(), followers(), blockedServers(), blockedAccounts(), failedDeliveries()]
  replace(section, panels.map(p => p.el))
  await Promise.all(panels.map(p => p.reload()))
}

const panel = p => basePanel({ ...p, id: `federation-${p.id}` })
const handle = actor => `${actor.name}@${actor.host}`
// An instance follow is a follow of the remote instance's actor, which PeerTube names "peertube".
const followTarget = actor => actor.name === 'peertube' ? actor.host : handle(actor)
// One path segment: a host or name@host, with ':' and '@' left as they are (PeerTube's client sends them so).
const path = s => encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%40/g, '@')
const del = url => api(url, { method: 'DELETE' })
const post = (url, json) => api(url, { method: 'POST', json })
const button = (label, onclick, cls) => h('button', { type: 'button', class: cls, onclick }, label)
const state = ['State', f => f.state, { class: 'state' }]
const since = ['Since', x => ago(x.createdAt)]

// What "Follow" sends: a handle (channel at host) when there is an at sign, otherwise a host.
function followBody (target) {
  return target.includes('@') ? { handles: [target.replace(/^@/, '')] } : { hosts: [target] }
}

function following () {
  return panel({
    id: 'following',
    title: 'Following',
    form: { id: 'follow-form', label: 'Follow an instance', placeholder: 'video.example.org or channel@host', button: 'Follow', submit: t => post('/server/following', followBody(t)) },
    list: async act => tableOr('This instance follows no one.', [
      ['Instance or channel', f => followTarget(f.following), { class: 'long' }], state, since,
      ['', f => button('Unfollow', act(() => del(`/server/following/${path(followTarget(f.following))}`)), 'danger')]
    ], (await api('/server/following?start=0&count=100')).data, f => ({ 'data-target': followTarget(f.following) }))
  })
}

function followers () {
  const actions = (f, act) => f.state === 'pending'
    ? [button('Accept', act(() => post(`/server/followers/${path(handle(f.follower))}/accept`))),
        button('Reject', act(() => post(`/server/followers/${path(handle(f.follower))}/reject`)), 'danger')]
    : button('Remove', act(() => del(`/server/followers/${path(handle(f.follower))}`)), 'danger')
  return panel({
    id: 'followers',
    title: 'Followers',
    list: async act => tableOr('No one follows this instance.', [
      ['Follower', f => handle(f.follower), { class: 'long' }], state, since, ['', f => actions(f, act)]
    ], (await api('/server/followers?start=0&count=100')).data, f => ({ 'data-handle': handle(f.follower) }))
  })
}

/** One of the server's blocklists (/server/blocklist/servers or /accounts): block through the form, unblock per row. */
function blocklist ({ kind, title, heading, placeholder, empty, body, name, cell = name }) {
  const url = `/server/blocklist/${kind}`
  return panel({
    id: `blocked-${kind}`,
    title,
    form: { id: `block-${kind}-form`, label: `${heading} to block`, placeholder, button: 'Block', submit: v => post(url, body(v)) },
    list: async act => tableOr(empty, [
      [heading, cell, { class: 'long' }], since,
      ['', b => button('Unblock', act(() => del(`${url}/${path(name(b))}`)))]
    ], (await api(`${url}?start=0&count=100`)).data, b => ({ 'data-name': name(b) }))
  })
}

const blockedServers = () => blocklist({
  kind: 'servers',
  title: 'Blocked instances',
  heading: 'Instance',
  placeholder: 'video.example.org',
  empty: 'No instance is blocked.',
  body: host => ({ host }),
  name: b => b.blockedServer.host
})

const blockedAccounts = () => blocklist({
  kind: 'accounts',
  title: 'Blocked accounts',
  heading: 'Account',
  placeholder: 'name@host',
  empty: 'No account is blocked.',
  body: accountName => ({ accountName }),
  name: b => handle(b.blockedAccount),
  cell: b => [handle(b.blockedAccount), h('small', {}, ` ${b.blockedAccount.displayName ?? ''}`)]
})

function failedDeliveries () {
  return panel({
    id: 'failed-deliveries',
    title: 'Failed deliveries',
    list: async () => jobList((await api('/jobs/failed?jobType=activitypub-http-unicast&count=50')).data,
      ['failed', 'inbox', 'activity', 'error'], 'No delivery to another instance has failed.')
  })
}
