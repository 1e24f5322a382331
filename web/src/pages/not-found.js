// The page for an address we do not know (the server answers it with status 404): a search box and
// the way home.
import { h, replace } from '../lib/dom.js'
import { t } from '../lib/i18n.js'

/** @param {HTMLElement} main */
export async function render (main) {
  document.title = `${t('Page not found')} - Tandem`
  replace(main, h('section', { class: 'not-found' },
    h('h1', {}, t('Page not found')),
    h('p', {}, t('This page does not exist, or it has moved.')),
    h('form', { action: '/search', role: 'search', class: 'not-found-search' },
      h('label', { for: 'not-found-q' }, t('Search for videos')),
      h('input', { type: 'search', id: 'not-found-q', name: 'search' }),
      h('button', { type: 'submit' }, t('Search'))),
    h('p', {}, h('a', { href: '/', id: 'home-link' }, t('Back to the home page')))))
}
