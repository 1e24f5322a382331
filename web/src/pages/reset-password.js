// Password reset, at PeerTube's /reset-password: without a link's parameters it asks for the
// account's e-mail (the answer is the same whether the address is known or not); with them it sets
// the new password, which signs the user out everywhere.
import { api } from '../lib/api.js'
import { h, replace, notice } from '../lib/dom.js'
import { t } from '../lib/i18n.js'
import { resetParams } from '../lib/account-forms.js'

/** @param {HTMLElement} main */
export async function render (main) {
  const link = resetParams(location.search)
  document.title = `${t('Reset your password')} - Tandem`
  const error = h('div')
  if (!link) {
    const form = h('form', { class: 'form', id: 'ask-reset-form' },
      h('p', {}, t('Give the e-mail address of your account: we will send you a link to choose a new password.')),
      h('label', {}, t('E-mail'), h('input', { name: 'email', type: 'email', required: true, autocomplete: 'email' })),
      error,
      h('button', { type: 'submit' }, t('Send me a link')))
    form.addEventListener('submit', async e => {
      e.preventDefault()
      notice(error, null)
      try {
        await api('/users/ask-reset-password', { method: 'POST', json: { email: new FormData(form).get('email') }, anonymous: true })
        replace(form, h('p', { class: 'notice success', role: 'status', id: 'reset-asked' },
          t('If an account uses this address, an e-mail with a link is on its way. The link works for one hour.')))
      } catch (err) { notice(error, err.message) }
    })
    replace(main, h('h1', {}, t('Reset your password')), form)
    return
  }
  const form = h('form', { class: 'form', id: 'reset-form' },
    h('label', {}, t('New password'), h('input', { name: 'password', type: 'password', required: true, minlength: 6, maxlength: 72, autocomplete: 'new-password' })),
    h('label', {}, t('Confirm the new password'), h('input', { name: 'confirm', type: 'password', required: true, minlength: 6, maxlength: 72, autocomplete: 'new-password' })),
    error,
    h('button', { type: 'submit' }, t('Set my new password')))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    notice(error, null)
    const f = new FormData(form)
    if (f.get('password') !== f.get('confirm')) return notice(error, t('The two passwords differ.'))
    try {
      await api(`/users/${link.userId}/reset-password`, { method: 'POST', json: { verificationString: link.verificationString, password: f.get('password') }, anonymous: true })
      replace(form, h('p', { class: 'notice success', role: 'status', id: 'reset-done' }, t('Your password is changed.'), ' ',
        h('a', { href: '/login' }, t('Log in'))))
    } catch (err) { notice(error, err.message) }
  })
  replace(main, h('h1', {}, t('Choose a new password')), form)
}
