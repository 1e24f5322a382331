// E-mail verification at PeerTube's URLs: /verify-account/email follows the link from the mail (a new
// user's address, a changed address, or a registration request's) and says plainly whether it worked;
// a wrong or expired link, and /verify-account/ask-send-email, offer a form that mails a new link
// (the answer is the same whether the address is known or not).
import { api } from '../lib/api.js'
import { h, replace, notice } from '../lib/dom.js'
import { t } from '../lib/i18n.js'
import { verifyParams } from '../lib/account-forms.js'

/** @param {HTMLElement} main @param {{ step: 'email' | 'ask' }} params */
export async function render (main, { step }) {
  document.title = `${t('Verify your e-mail address')} - Tandem`
  if (step === 'ask') {
    replace(main, h('h1', {}, t('Verify your e-mail address')), askForm())
    return
  }
  const link = verifyParams(location.search)
  if (!link) {
    replace(main, h('h1', {}, t('Verify your e-mail address')),
      h('p', { class: 'notice error', role: 'alert', id: 'verify-failed' }, t('This link is not a verification link: ask for a new one below.')), askForm())
    return
  }
  replace(main, h('h1', {}, t('Verify your e-mail address')), h('p', { class: 'muted' }, t('Checking the link…')))
  try {
    if (link.registrationId) {
      await api(`/users/registrations/${link.registrationId}/verify-email`, { method: 'POST', json: { verificationString: link.verificationString }, anonymous: true })
      replace(main, h('h1', {}, t('E-mail address verified')),
        h('p', { class: 'notice success', role: 'status', id: 'verify-done' },
          t('Your e-mail address is verified. A moderator will now review your registration request; you will get an e-mail with the answer.')))
      return
    }
    await api(`/users/${link.userId}/verify-email`, {
      method: 'POST', json: { verificationString: link.verificationString, isPendingEmail: link.isPendingEmail }, anonymous: true
    })
    replace(main, h('h1', {}, t('E-mail address verified')),
      h('p', { class: 'notice success', role: 'status', id: 'verify-done' },
        link.isPendingEmail ? t('Your new e-mail address is verified: it is now the address of your account.') : t('Your e-mail address is verified: you can now log in.'),
        ' ', h('a', { href: '/login' }, t('Log in'))))
  } catch (err) {
    replace(main, h('h1', {}, t('Verify your e-mail address')),
      h('p', { class: 'notice error', role: 'alert', id: 'verify-failed' },
        t('This link is wrong, already used or expired (a link works for one hour): ask for a new one below.'), ' ', h('small', {}, err.message)),
      askForm())
  }
}

/** The form that mails a new verification link; it answers the same whether the address is known or not. */
function askForm () {
  const error = h('div')
  const form = h('form', { class: 'form', id: 'ask-verify-form' },
    h('p', {}, t('Give the e-mail address you signed up with: we will send you a new verification link.')),
    h('label', {}, t('E-mail'), h('input', { name: 'email', type: 'email', required: true, autocomplete: 'email' })),
    error,
    h('button', { type: 'submit' }, t('Send me a link')))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    notice(error, null)
    try {
      await api('/users/ask-send-verify-email', { method: 'POST', json: { email: new FormData(form).get('email') }, anonymous: true })
      replace(form, h('p', { class: 'notice success', role: 'status', id: 'verify-asked' },
        t('If this address waits for verification, an e-mail with a new link is on its way. The link works for one hour.')))
    } catch (err) { notice(error, err.message) }
  })
  return form
}
