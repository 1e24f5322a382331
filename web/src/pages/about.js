// About this instance (/about/instance; /about leads here): its name and descriptions, its rules,
// how to reach the administrators, a few figures, and a link to the public ledger.
import { api } from '../lib/api.js'
import { h, replace, bytes } from '../lib/dom.js'
import { t, tn } from '../lib/i18n.js'
import { renderMarkdown } from '../lib/markdown-view.js'

/**
 * Text the administrator wrote, as safe markdown (links, emphasis, lists; no raw HTML).
 * @param {string} text
 */
function prose (text) {
  const el = h('div')
  renderMarkdown(el, text)
  return el
}

/**
 * @param {HTMLElement} main
 */
export async function render (main) {
  if (location.pathname !== '/about/instance') history.replaceState(null, '', '/about/instance')
  const [about, stats] = await Promise.all([
    api('/config/about', { anonymous: true }),
    api('/server/stats', { anonymous: true }).catch(() => null)
  ])
  const i = about.instance
  document.title = `${t('About')} - ${i.name}`
  const email = about.contact?.email
  replace(main,
    h('h1', { id: 'about-name' }, i.name),
    i.shortDescription ? h('p', { class: 'lead', id: 'about-short' }, i.shortDescription) : null,
    i.description ? h('section', { id: 'about-description', class: 'prose' }, prose(i.description)) : null,
    stats
      ? h('section', { id: 'about-stats', 'aria-labelledby': 'about-stats-title' },
        h('h2', { id: 'about-stats-title' }, t('In figures')),
        h('ul', { class: 'figures' },
          h('li', {}, tn(stats.totalUsers, '{n} user', '{n} users')),
          h('li', {}, tn(stats.totalLocalVideos, '{n} video', '{n} videos')),
          h('li', {}, tn(stats.totalLocalVideoViews ?? 0, '{n} view', '{n} views')),
          h('li', {}, t('{amount} shared between viewers (P2P)', { amount: bytes(stats.totalP2PBytes ?? 0) }))))
      : null,
    h('section', { id: 'about-terms', class: 'prose' }, h('h2', {}, t('Rules')),
      i.terms ? prose(i.terms) : h('p', { class: 'muted' }, t('The administrators have not written rules yet.'))),
    h('section', { id: 'about-contact' }, h('h2', {}, t('Contact')),
      email
        ? h('p', {}, t('Write to the administrators: '), h('a', { href: `mailto:${email}` }, email))
        : h('p', { class: 'muted' }, t('The administrators have not given a contact address.'))),
    h('p', {}, h('a', { href: '/about/ledger', id: 'about-ledger' }, t('How this instance shares the cost of video with others (public ledger)'))))
}
