// Administration: users and their quotas, background jobs, how much of the video traffic viewers
// carried between themselves (P2P) rather than the server (HTTP), federation (admin-federation.js)
// and mirrors (admin-mirrors.js).
import { api } from '../lib/api.js'
import { h, replace, notice, bytes } from '../lib/dom.js'
import { p2pChart } from '../lib/p2p-chart.js'
import { jobList } from '../lib/job-list.js'
import { federation } from './admin-federation.js'
import { mirrors } from './admin-mirrors.js'
import { pool } from './admin-pool.js'
import { ledger } from './admin-ledger.js'
import { config } from './admin-config.js'
import { registrations } from './admin-registrations.js'
import { moderation } from './admin-moderation.js'
import { t } from '../lib/i18n.js'

const TABS = { users: 'Users', jobs: 'Jobs', p2p: 'P2P statistics', federation: 'Federation', mirrors: 'Mirrors', pool: 'Pool', ledger: 'Ledger', moderation: t('Moderation'), registrations: t('Registrations'), config: t('Settings') }
/** Tabs whose page has PeerTube's own URL rather than /admin/{tab}. */
const PATHS = { config: '/admin/config/edit-custom', registrations: '/admin/moderation/registrations/list', moderation: '/admin/moderation/abuses/list' }

export async function render (main, { user, tab, sub }) {
  document.title = `${TABS[tab]} - Administration - Tandem`
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  if (user.role.id > 1) return replace(main, h('h1', {}, 'Administration'), h('p', { class: 'notice error' }, 'Only administrators and moderators can see this page.'))
  if (tab === 'config' && user.role.id !== 0) return replace(main, h('h1', {}, 'Administration'), h('p', { class: 'notice error' }, t('Only administrators can change the instance settings.')))
  const tabs = h('nav', { class: 'tabs' }, Object.entries(TABS).filter(([key]) => key !== 'config' || user.role.id === 0).map(([key, label]) =>
    h('a', { href: PATHS[key] ?? `/admin/${key}`, 'aria-current': key === tab ? 'page' : null }, label)))
  const body = h('section', { id: `admin-${tab}` })
  replace(main, h('h1', {}, 'Administration'), tabs, body)
  await ({ users, jobs, p2p, federation, mirrors, pool, ledger, registrations, config, moderation: (/** @type {HTMLElement} */ b) => moderation(b, sub) })[tab](body)
}

const QUOTA_CHOICES = [[-1, 'Unlimited'], [1e9, '1 GB'], [5e9, '5 GB'], [10e9, '10 GB'], [50e9, '50 GB'], [100e9, '100 GB']]

async function users (section) {
  const error = h('div')
  const { data, total } = await api('/users?count=100&sort=username')
  const create = h('form', { class: 'form inline', id: 'create-user' },
    h('input', { name: 'username', placeholder: 'username', required: true, 'aria-label': 'Username' }),
    h('input', { name: 'email', type: 'email', placeholder: 'email', required: true, 'aria-label': 'Email' }),
    h('input', { name: 'password', type: 'password', placeholder: 'password', required: true, minlength: 6, 'aria-label': 'Password' }),
    h('button', { type: 'submit' }, 'Create user'))
  create.addEventListener('submit', async e => {
    e.preventDefault()
    const f = new FormData(create)
    try {
      await api('/users', { method: 'POST', json: { username: f.get('username'), email: f.get('email'), password: f.get('password'), role: 2 } })
      await users(section)
    } catch (err) { notice(error, err.message) }
  })
  replace(section, h('p', {}, `${total} users`), error,
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['User', 'Role', 'Used', 'Quota', 'Daily quota', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, data.map(u => userRow(u, error, () => users(section))))),
    h('h2', {}, 'New user'), create)
}

function userRow (u, error, reload) {
  const act = (f) => async () => {
    try { await f(); await reload() } catch (e) { notice(error, e.message) }
  }
  const quota = (field) => {
    const select = h('select', { 'aria-label': `${field} of ${u.username}` },
      withCurrent(QUOTA_CHOICES, u[field]).map(([v, label]) => h('option', { value: v, selected: v === u[field] }, label)))
    select.addEventListener('change', act(() => api(`/users/${u.id}`, { method: 'PUT', json: { [field]: Number(select.value) } })))
    return select
  }
  return h('tr', { 'data-username': u.username },
    h('td', {}, h('a', { href: `/a/${u.username}` }, u.username), h('small', { class: 'muted' }, ` ${u.email ?? ''}`),
      u.blocked ? h('span', { class: 'bad' }, ' blocked') : null),
    h('td', {}, u.role.label),
    h('td', {}, bytes(u.videoQuotaUsed ?? 0)),
    h('td', {}, quota('videoQuota')),
    h('td', {}, quota('videoQuotaDaily')),
    h('td', {}, u.role.id === 0 ? null : [
      h('button', { type: 'button', onclick: act(() => api(`/users/${u.id}/${u.blocked ? 'unblock' : 'block'}`, { method: 'POST', json: {} })) },
        u.blocked ? 'Unblock' : 'Block'),
      h('button', { type: 'button', class: 'danger', onclick: act(() => confirm(`Delete ${u.username} and all their videos?`) && api(`/users/${u.id}`, { method: 'DELETE' })) }, 'Delete')
    ]))
}

function withCurrent (choices, current) {
  return choices.some(([v]) => v === current) ? choices : [...choices, [current, bytes(current)]]
}

const JOB_STATES = ['active', 'waiting', 'failed', 'completed']

async function jobs (section, state = 'active') {
  const filter = h('select', { id: 'job-state', 'aria-label': 'Job state' }, JOB_STATES.map(s => h('option', { value: s, selected: s === state }, s)))
  filter.addEventListener('change', () => jobs(section, filter.value))
  const { data } = await api(`/jobs/${state}?count=50`)
  replace(section, h('p', {}, filter), jobList(data, ['id', 'type', 'state', 'attempts', 'created', 'error'], `No ${state} jobs.`))
}

async function p2p (section) {
  const stats = await api('/server/p2p-stats?hours=48')
  const t = stats.totals
  replace(section,
    h('p', { id: 'p2p-summary' }, `Last 48 hours: ${bytes(t.p2pBytes)} between viewers, ${bytes(t.httpBytes)} from this server — `,
      h('strong', {}, `${Math.round(100 * stats.p2pRatio)}% P2P`)),
    p2pChart(stats.hours),
    h('h2', {}, 'Videos with the most traffic'),
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['Video', 'P2P', 'HTTP', 'P2P share'].map(x => h('th', {}, x)))),
      h('tbody', {}, stats.topVideos.map(v => h('tr', {},
        h('td', {}, h('a', { href: `/videos/watch/${v.uuid}` }, v.name)),
        h('td', {}, bytes(v.p2pBytes)), h('td', {}, bytes(v.httpBytes)),
        h('td', {}, `${Math.round(100 * v.p2pBytes / Math.max(1, v.p2pBytes + v.httpBytes))}%`))))))
}
