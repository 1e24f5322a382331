// Administration, mirrors (PeerTube's redundancy): which followed instances' videos we may copy,
// the copies we hold of other instances' videos (add one by video id, remove one), and the copies
// other instances hold of ours. Names and URLs come from other servers: text nodes only (h()).
import { api } from '../lib/api.js'
import { h, replace, bytes } from '../lib/dom.js'
import { panel } from '../lib/panel.js'
import { tableOr } from '../lib/table.js'
import { hostOf } from '../lib/sources.js'

export async function mirrors (section) {
  const panels = [policy(), allowedHosts(), ourCopies(), theirCopies()]
  replace(section, panels.map(p => p.el))
  await Promise.all(panels.map(p => p.reload()))
}

// One path segment: a host with its port's ':' left as it is.
const path = s => encodeURIComponent(s).replace(/%3A/gi, ':')
// PeerTube's admin API pages; 100 is its largest page.
const mirrored = async target => (await api(`/server/redundancy/videos?target=${target}&start=0&count=100`)).data
const playlistsOf = v => v.redundancies?.streamingPlaylists ?? []
const expiry = r => r.expiresOn ? `until ${new Date(r.expiresOn).toLocaleString()}` : 'kept until removed'

const PREFERENCES = {
  'prefer-mirrors': 'players use this instance only when no mirror is healthy',
  even: 'players spread requests evenly over this instance and its mirrors',
  'origin-first': 'players use mirrors only when this instance fails'
}
const ACCEPT = { anybody: 'any instance', followings: 'instances this one follows', nobody: 'no instance' }
// As tandem.conf writes them: budgets 1024-based, lifetimes in hours up to three days.
const duration = s => s % 86400 === 0 && s >= 3 * 86400 ? `${s / 86400} d` : s % 3600 === 0 ? `${s / 3600} h` : `${Math.round(s / 60)} min`
const budget = n => n >= 2 ** 30 ? `${+(n / 2 ** 30).toFixed(1)} GiB` : `${+(n / 2 ** 20).toFixed(1)} MiB`

/** What the configuration says (tandem.conf: read-only here). */
function policy () {
  return panel({
    id: 'mirrors-policy',
    title: 'Mirror policy (set in tandem.conf)',
    list: async () => {
      const p = await api('/server/redundancy/policy')
      return [
        tableOr('No automatic mirrors: only those added by hand below (mirror_strategies is empty).', [
          ['Strategy', s => s.strategy],
          ['Budget', s => budget(s.size)],
          ['Kept at least', s => duration(s.minLifetimeSeconds)],
          ['Minimum views', s => s.minViews ?? '']
        ], p.strategies),
        h('ul', {},
          h('li', {}, `Strategies run every ${duration(p.checkIntervalSeconds)}; copies download at most ${bytes(p.copyBytesPerSecond)}/s.`),
          h('li', {}, `Mirrors of our videos are accepted from ${ACCEPT[p.acceptFrom] ?? p.acceptFrom}, each checked every ${duration(p.recheckSeconds)}.`),
          h('li', {}, `Origin preference: ${p.originPreference} — ${PREFERENCES[p.originPreference] ?? ''}; a source silent for ${p.firstByteTimeoutMs} ms is skipped.`))
      ]
    }
  })
}

/** Instances we follow (instance follows only): may we copy their videos? */
function allowedHosts () {
  return panel({
    id: 'mirrors-hosts',
    title: 'Instances whose videos this instance may mirror',
    list: async act => {
      const instances = (await api('/server/following?start=0&count=100')).data.map(f => f.following).filter(a => a.name === 'peertube')
      return tableOr('This instance follows no instance.', [
        ['Instance', a => a.host, { class: 'long' }],
        ['Mirror their videos', a => {
          const box = h('input', { type: 'checkbox', checked: !!a.hostRedundancyAllowed, 'aria-label': `Mirror videos of ${a.host}` })
          box.addEventListener('change', act(() => api(`/server/redundancy/${path(a.host)}`, { method: 'PUT', json: { redundancyAllowed: box.checked } })))
          return box
        }]
      ], instances, a => ({ 'data-host': a.host }))
    }
  })
}

/** Our copies of other instances' videos, each removable; the form adds one by video id. */
function ourCopies () {
  return panel({
    id: 'mirrors-ours',
    title: "Other instances' videos mirrored here",
    form: {
      id: 'mirror-add-form',
      label: 'Video id to mirror',
      placeholder: 'video id',
      button: 'Mirror',
      submit: id => api('/server/redundancy/videos', { method: 'POST', json: { videoId: Number(id) || id } })
    },
    list: async act => tableOr('This instance mirrors no video.', [
      ['Video', v => h('a', { href: `/w/${v.uuid}` }, v.name), { class: 'long' }],
      ['Strategy', v => playlistsOf(v).map(r => r.strategy).join(', ')],
      ['Size', v => bytes(playlistsOf(v).reduce((n, r) => n + (r.size ?? 0), 0))],
      ['Expiry', v => playlistsOf(v).map(expiry).join(', ')],
      ['', v => playlistsOf(v).map(r => h('button', {
        type: 'button', class: 'danger', onclick: act(() => api(`/server/redundancy/videos/${r.id}`, { method: 'DELETE' }))
      }, 'Remove'))]
    ], await mirrored('remote-videos'), v => ({ 'data-uuid': v.uuid }))
  })
}

/** Other instances' copies of our videos, as their CacheFiles announced them. */
function theirCopies () {
  return panel({
    id: 'mirrors-theirs',
    title: 'Our videos mirrored by other instances',
    list: async () => tableOr('No other instance mirrors our videos.', [
      ['Video', v => h('a', { href: `/w/${v.uuid}` }, v.name), { class: 'long' }],
      ['Mirrored by', v => playlistsOf(v).map(r => hostOf(r.fileUrl)).join(', ')],
      ['Expiry', v => playlistsOf(v).map(expiry).join(', ')]
    ], await mirrored('my-videos'), v => ({ 'data-uuid': v.uuid }))
  })
}
