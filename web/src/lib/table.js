// Tables of records: each column is [heading, record => cell content, optional cell attributes].
// Cell content goes through h(), so text from other servers stays text.
import { h } from './dom.js'

/**
 * @param {Array<[string, (row: any) => any, Record<string, any>?]>} columns
 * @param {any[]} rows
 * @param {(row: any) => Record<string, any>} [rowAttrs]
 */
export function table (columns, rows, rowAttrs = () => ({})) {
  return h('table', { class: 'table' },
    h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', {}, heading)))),
    h('tbody', {}, rows.map(row => h('tr', rowAttrs(row), columns.map(([, cell, attrs]) => h('td', attrs ?? {}, cell(row)))))))
}

/** The table, or `empty` as a sentence when there are no rows. */
export function tableOr (empty, columns, rows, rowAttrs) {
  return rows.length ? table(columns, rows, rowAttrs) : h('p', { class: 'empty' }, empty)
}
