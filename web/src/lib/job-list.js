// Background jobs as the admin pages list them (PeerTube's job shape): one set of columns that each
// list picks from, so the Jobs tab and the failed federation deliveries render jobs the same way.
import { tableOr } from './table.js'

const when = t => t == null ? '' : new Date(t).toLocaleString()

/** The job's payload: PeerTube sends an object, our older job list a JSON string. */
function payload (job) {
  if (typeof job.data !== 'string') return job.data ?? {}
  try { return JSON.parse(job.data) } catch { return {} }
}

const COLUMNS = {
  id: ['#', j => String(j.id)],
  type: ['Type', j => j.type],
  state: ['State', j => j.state],
  attempts: ['Attempts', j => `${j.attempts}/${j.maxAttempts}`],
  created: ['Created', j => when(j.createdAt)],
  failed: ['When', j => when(j.failedOn ?? j.finishedOn ?? j.processedOn ?? j.createdAt)],
  inbox: ['Inbox', j => payload(j).inbox ?? '', { class: 'long' }],
  activity: ['Activity', j => payload(j).activityType ?? ''],
  error: ['Error', j => j.error ?? '', { class: 'bad long' }]
}

/** `jobs` as a table with the named columns, or the `empty` sentence. */
export function jobList (jobs, columns, empty) {
  return tableOr(empty, columns.map(c => COLUMNS[c]), jobs)
}
