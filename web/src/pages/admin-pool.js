// Administration, pool: what this instance pledges to carry for others (storage, egress, costs),
// the members of the pool with their pledges and how loaded they are, and each mirror the planner
// chose, with its reason in plain words. Hosts and names come from other servers: text nodes only.
import { api } from '../lib/api.js'
import { h, replace, bytes, notice } from '../lib/dom.js'
import { panel } from '../lib/panel.js'
import { tableOr } from '../lib/table.js'

export async function pool (section) {
  const members = membersPanel()
  const decisions = decisionsPanel()
  replace(section, await pledgeForm(() => Promise.all([members.reload(), decisions.reload()])), members.el, decisions.el)
  await Promise.all([members.reload(), decisions.reload()])
}

const FIELDS = [
  ['storageGB', 'Storage offered for other instances’ videos (GB)'],
  ['egressGBPerMonth', 'Traffic offered to other instances per month (GB)'],
  ['egressCapacityGBPerMonth', 'This instance’s own monthly traffic capacity (GB, 0 if unknown)']
]
const COSTS = [
  ['currency', 'Currency (e.g. EUR)', 'text'],
  ['perGBEgress', 'Cost per GB of traffic', 'number'],
  ['perGBMonthStorage', 'Cost per GB stored for a month', 'number']
]

/** The pledge, editable: PUT /server/pledge; costs are sent only when a currency is given. */
async function pledgeForm (changed) {
  const current = await api('/server/pledge').catch(() => null)
  const input = (name, label, type, value) => h('label', {}, label,
    h('input', { name, type, value: value ?? '', min: type === 'number' ? '0' : null, step: type === 'number' ? 'any' : null, required: type === 'number' && !COSTS.some(c => c[0] === name) }))
  const status = h('div', { id: 'pledge-status' })
  const form = h('form', { class: 'form', id: 'pledge-form' },
    FIELDS.map(([name, label]) => input(name, label, 'number', current?.[name])),
    h('fieldset', {}, h('legend', {}, 'Costs (optional: shown in money in the ledger)'),
      COSTS.map(([name, label, type]) => input(name, label, type, current?.costs?.[name]))),
    h('button', { type: 'submit' }, 'Save the pledge'), status)
  form.addEventListener('submit', async e => {
    e.preventDefault()
    const v = name => form.elements[name].value.trim()
    const body = /** @type {Record<string, any>} */ (Object.fromEntries(FIELDS.map(([name]) => [name, Number(v(name))])))
    body.costs = v('currency') ? { currency: v('currency'), perGBEgress: Number(v('perGBEgress') || 0), perGBMonthStorage: Number(v('perGBMonthStorage') || 0) } : null
    try {
      await api('/server/pledge', { method: 'PUT', json: body })
      notice(status, 'Pledge saved and sent to the instances that follow this one.', 'success')
      await changed()
    } catch (err) { notice(status, err.message) }
  })
  return h('section', { class: 'panel', id: 'pool-pledge' }, h('h2', {}, 'What this instance pledges'),
    h('p', {}, 'Other members of the pool place copies of their busiest videos here, up to these amounts. A pledge of 0 still lets you receive help.'), form)
}

const percent = x => x == null ? 'unknown' : `${Math.round(100 * x)} %`
const pledgeText = p => p ? `${+(p.storageGB ?? 0)} GB stored, ${+(p.egressGBPerMonth ?? 0)} GB/month served` : 'none published (plain mirror peer)'

function membersPanel () {
  return panel({
    id: 'pool-members',
    title: 'Members of the pool',
    list: async () => {
      const { members } = await api('/server/pool')
      return tableOr('No other instance in the pool yet: follow instances to form one.', [
        ['Instance', m => m.host, { class: 'long' }],
        ['Pledge', m => [pledgeText(m.pledge), m.peertube ? ' · PeerTube' : '']],
        ['Use of its capacity', m => percent(m.capacityUse)],
        ['Its videos we carry', m => m.mirrorsWeHold],
        ['Our videos it carries', m => m.mirrorsTheyHold],
        ['', m => m.receivesHelpWithoutPledge ? h('span', { class: 'badge' }, 'helped without a pledge') : '']
      ], members, m => ({ 'data-host': m.host }))
    }
  })
}

const ACTIONS = { add: 'Added', keep: 'Kept', evict: 'Removed' }

function decisionsPanel () {
  return panel({
    id: 'pool-decisions',
    title: 'What the planner decided, and why',
    list: async () => {
      const { decisions, plannedAt } = await api('/server/pool')
      return [
        h('p', {}, plannedAt ? `Last planned ${new Date(plannedAt).toLocaleString()}.` : 'Not planned yet: the planner runs once a pledge is saved.'),
        tableOr('No mirror placed by the pool.', [
          ['', d => ACTIONS[d.action] ?? d.action],
          ['Video', d => h('a', { href: `/w/${d.videoUuid}` }, d.videoName ?? d.videoUuid), { class: 'long' }],
          ['Why', d => d.reason, { class: 'reason' }],
          ['Origin traffic saved', d => `${bytes(d.savedBytesPerHour ?? 0)}/h`]
        ], decisions, d => ({ 'data-uuid': d.videoUuid, 'data-action': d.action }))
      ]
    }
  })
}
