// The public summary of the ledger (/about/ledger): what this instance carried for other hosts this
// month and what they carried for it, in one sentence a member can link from its website.
import { api } from '../lib/api.js'
import { h, replace } from '../lib/dom.js'
import { carriedSentence, gigabytes } from '../lib/ledger-format.js'

export async function render (main) {
  const s = await api('/server/ledger/summary')
  document.title = `Solidarity - ${s.host} - Tandem`
  const helped = s.hostsThatHelpedUs === 1 ? '1 other host' : `${s.hostsThatHelpedUs} other hosts`
  replace(main,
    h('h1', {}, `Solidarity at ${s.host}`),
    h('p', { class: 'big-figure', id: 'ledger-summary' }, carriedSentence(s)),
    h('p', { id: 'ledger-helped' }, s.hostsThatHelpedUs
      ? `In return, ${helped} carried ${gigabytes(s.servedByOthersBytes)} of our videos.`
      : 'No other host carried our videos this month.'),
    h('p', {}, `Month ${s.month}. Instances of this pool share the cost of hosting video: each carries copies of the others’ busiest videos, and every byte is counted on both sides.`))
}
