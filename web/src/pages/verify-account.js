// E-mail verification at PeerTube's /verify-account/email (the link mailed at sign-up: it verifies the
// address) and /verify-account/ask-send-email (a new link; the answer is the same whether the address
// is known or not).
import { api } from '../lib/api.js'
import { h, replace, notice } from '../lib/dom.js'
import { t } from '../lib/i18n.js'
import { resetParams } from '../lib/account-forms.js'

/** @param {HTMLElement} main */
export async function render (main) {
  document.title = `${t('Verify your e-mail address')} - Tandem`
  const link = location.pathname === '/verify-account/email' ? resetParams(location.search) : null
  if (!link) {
    replace(main, h('h1', {}, t('Verify your e-mail address')), askForm())
    return
  }
  try {
    await api(`/users/${link.userId}/verify-email`, { method: 'POST', json: { verificationString: link.verificationString }, anonymous: true })
    replace(main, h('h1', {}, t('Verify your e-mail address')),
      h('p', { class: 'notice success', role: 'status', id: 'verify-done' }, t('Your e-mail address is verified.'), ' ',
        h('a', { href: '/login' }, t('Log in'))))
  } catch (err) {
    replace(main, h('h1', {}, t('Verify your e-mail address')),
      h('p', { class: 'notice error', role: 'alert', id: 'verify-failed' },
        err.status === 403 ? t('This link is wrong, already used or expired: ask for a new one below.') : err.message),
      askForm())
  }
}

/** The form that mails a new link. */
function askForm () {
  const error = h('div')
  const form = h('form', { class: 'form', id: 'ask-verify-form' },
    h('p', {}, t('Give the e-mail address of your account: we will send you a new link to verify it.')),
    h('label', {}, t('E-mail'), h('input', { name: 'email', type: 'email', required: true, autocomplete: 'email' })),
    error,
    h('button', { type: 'submit' }, t('Send me a link')))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    notice(error, null)
    try {
      await api('/users/ask-send-verify-email', { method: 'POST', json: { email: new FormData(form).get('email') }, anonymous: true })
      replace(form, h('p', { class: 'notice success', role: 'status', id: 'verify-asked' },
        t('If this address waits for verification, an e-mail with a link is on its way. The link works for one hour.')))
    } catch (err) { notice(error, /** @type {Error} */ (err).message) }
  })
  return form
}
