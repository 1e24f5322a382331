// Administration, ledger: per month, what this instance served for each peer and what each peer
// served for it (bytes, storage, money at each side's declared cost), day by day, the reports
// flagged, and each member's fair share of the pool's cost. The same figures as CSV for a spreadsheet.
import { api } from '../lib/api.js'
import { h, replace, bytes } from '../lib/dom.js'
import { tableOr } from '../lib/table.js'
import { stackedBars } from '../lib/bar-chart.js'
import { money, monthOf, shiftMonth } from '../lib/ledger-format.js'

export async function ledger (section, month = monthOf(new Date())) {
  const l = await api(`/server/ledger?month=${encodeURIComponent(month)}`)
  const nav = h('nav', { class: 'month-nav', 'aria-label': 'Month' },
    h('button', { type: 'button', id: 'ledger-previous', onclick: () => ledger(section, shiftMonth(l.month, -1)) }, '← Previous month'),
    h('strong', { id: 'ledger-month' }, l.month),
    h('button', { type: 'button', id: 'ledger-next', onclick: () => ledger(section, shiftMonth(l.month, 1)) }, 'Next month →'),
    h('button', { type: 'button', id: 'ledger-csv', onclick: () => downloadCsv(l.month) }, 'Download as CSV'))
  replace(section, nav,
    h('h2', {}, 'Per instance'),
    tableOr('No traffic with other instances this month.', [
      ['Instance', p => p.host, { class: 'long' }],
      ['We served for them', p => bytes(p.servedForThemBytes)],
      ['They served for us', p => bytes(p.servedByThemBytes)],
      ['We store for them', p => bytes(p.storageHeldForThemBytes)],
      ['They store for us', p => bytes(p.storageHeldByThemBytes)],
      ['Balance', p => `${p.balanceBytes >= 0 ? '+' : '−'}${bytes(Math.abs(p.balanceBytes))}`],
      ['In money (ours / theirs)', p => `${money(p.money?.forThem, p.money?.currency)} / ${money(p.money?.byThem, p.money?.currency)}`],
      ['Reports', p => [`${p.reports?.agreed ?? 0} agreed`, p.reports?.flagged ? h('span', { class: 'flag' }, ` · ${p.reports.flagged} flagged`) : '']]
    ], l.peers, p => ({ 'data-host': p.host })),
    peerChart(l.peers),
    h('h2', {}, 'Day by day'),
    h('p', { class: 'legend' }, h('span', {}, h('span', { class: 'swatch for-them' }), 'we served for others'), h('span', {}, h('span', { class: 'swatch by-them' }), 'others served for us')),
    dailyChart(l.days),
    h('h2', {}, 'Fair share of the pool’s cost'),
    h('p', {}, l.pool?.totalCost != null
      ? `The pool spent ${money(l.pool.totalCost, l.pool.currency)} carrying videos this month (as far as this instance knows). Each member’s fair share is in proportion to how much of its own videos was delivered.`
      : 'Costs are shown once members declare them with their pledge.'),
    tableOr('No delivery this month.', [
      ['Instance', f => f.host, { class: 'long' }],
      ['Its videos delivered', f => bytes(f.ownDeliveryBytes)],
      ['Share', f => `${(100 * (f.share ?? 0)).toFixed(1)} %`],
      ['Fair share', f => money(f.fairShareCost, l.pool?.currency)],
      ['Carried', f => money(f.carriedCost, l.pool?.currency)],
      ['Balance', f => money(f.balance, l.pool?.currency)]
    ], l.fairShare ?? [], f => ({ 'data-host': f.host })))
}

/** The API needs the admin's token, which a plain link would not send: fetch it, then save it. */
async function downloadCsv (month) {
  const csv = await api(`/server/ledger?month=${encodeURIComponent(month)}&format=csv`)
  const a = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: `ledger-${month}.csv` })
  a.click()
  URL.revokeObjectURL(a.href)
}

/** One bar per peer: what we carried for it under what it carried for us. */
function peerChart (peers) {
  if (!peers.length) return null
  return stackedBars(peers, {
    id: 'ledger-peers-chart',
    ariaLabel: 'Bytes per instance this month: served for it (blue) and by it for us (orange)',
    series: [{ key: 'servedForThemBytes', class: 'for-them' }, { key: 'servedByThemBytes', class: 'by-them' }],
    title: p => `${p.host}: ${bytes(p.servedForThemBytes)} for it, ${bytes(p.servedByThemBytes)} by it`,
    label: p => p.host
  })
}

/** One bar per day, summed over peers: what we carried for others under what others carried for us. */
function dailyChart (days) {
  const byDay = new Map()
  for (const d of days) {
    const x = byDay.get(d.day) ?? { day: d.day, servedForThemBytes: 0, servedByThemBytes: 0 }
    x.servedForThemBytes += d.servedForThemBytes
    x.servedByThemBytes += d.servedByThemBytes
    byDay.set(d.day, x)
  }
  const points = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day))
  if (!points.length) return h('p', { class: 'empty' }, 'Nothing to chart yet.')
  return stackedBars(points, {
    id: 'ledger-chart',
    ariaLabel: 'Bytes per day: served for others (blue) and by others for us (orange)',
    series: [{ key: 'servedForThemBytes', class: 'for-them' }, { key: 'servedByThemBytes', class: 'by-them' }],
    title: p => `${p.day}: ${bytes(p.servedForThemBytes)} for others, ${bytes(p.servedByThemBytes)} by others`,
    label: p => p.day.slice(8)
  })
}
