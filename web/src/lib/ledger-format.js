// Months and money as the ledger pages show them. Pure: node's tests use it too.

/** "2026-12" for a date, in UTC like the ledger's months. */
export function monthOf (date) {
  return date.toISOString().slice(0, 7)
}

/** The month `n` months after "YYYY-MM" (n may be negative). */
export function shiftMonth (month, n) {
  const [y, m] = month.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 + n, 1))
  return monthOf(d)
}

/** "12.50 EUR", or "—" when no cost was declared. */
export function money (amount, currency) {
  if (amount == null || !Number.isFinite(amount)) return '—'
  return `${amount.toFixed(2)}${currency ? ` ${currency}` : ''}`
}

/** "120 GB" in decimal units, as hosting bills count. */
export function gigabytes (n) {
  const gb = n / 1e9
  return `${gb >= 10 ? Math.round(gb) : +gb.toFixed(gb >= 1 ? 1 : 2)} GB`
}

/** The public page's sentence: "This month we carried 120 GB for 4 other hosts". */
export function carriedSentence (s) {
  const hosts = s.hostsHelped === 1 ? '1 other host' : `${s.hostsHelped} other hosts`
  return s.hostsHelped ? `This month we carried ${gigabytes(s.servedForOthersBytes)} for ${hosts}.` : 'This month we have not carried videos for other hosts yet.'
}
