// One part of an admin tab: a heading, an optional one-field form, and a list that reloads after
// each action. Errors from the server are shown in the panel, never thrown at the page.
import { h, replace, notice } from './dom.js'

/**
 * One part of the tab: a heading, an optional one-field form, and a list that `list(act)` builds.
 * `act(f)` makes a handler that runs f, then reloads the list, or shows the server's refusal.
 * The section is aria-busy while its list loads.
 * @param {{ id: string, title: string, form?: { id: string, label: string, placeholder?: string, button: string, submit: (value: string) => Promise<unknown> }, list: (act: (f: () => Promise<unknown>) => () => Promise<void>) => Promise<Node | Node[] | string> }} spec
 */
export function panel ({ id, title, form, list }) {
  const error = h('div')
  const body = h('div')
  const el = h('section', { id, class: 'panel', 'aria-busy': 'true' }, h('h2', {}, title), error)
  const reload = async () => {
    el.setAttribute('aria-busy', 'true')
    try { replace(body, await list(act)) } catch (e) { notice(error, e.message) }
    el.removeAttribute('aria-busy')
  }
  const act = f => async () => {
    try { await f(); notice(error, null); await reload() } catch (e) { notice(error, e.message) }
  }
  if (form) el.append(oneFieldForm(form, act))
  el.append(body)
  return { el, reload }
}

/**
 * @param {{ id: string, label: string, placeholder?: string, button: string, submit: (value: string) => Promise<unknown> }} spec
 * @param {(f: () => Promise<unknown>) => () => Promise<void>} act
 */
function oneFieldForm ({ id, label, placeholder, button, submit }, act) {
  const input = h('input', { name: 'target', placeholder, required: true, 'aria-label': label, autocapitalize: 'off', spellcheck: 'false' })
  const form = h('form', { class: 'form inline', id }, input, h('button', { type: 'submit' }, button))
  form.addEventListener('submit', e => {
    e.preventDefault()
    return act(async () => { await submit(input.value.trim()); input.value = '' })()
  })
  return form
}
