// Sign-up at PeerTube's /signup: open (the account exists at once, the visitor is signed in) or on
// approval (a request with a reason, that a moderator accepts or rejects; the answer comes by e-mail).
import { api } from '../lib/api.js'
import { h, replace, notice } from '../lib/dom.js'
import { session } from '../lib/session.js'
import { t } from '../lib/i18n.js'
import { signupMode, signupBody } from '../lib/account-forms.js'

/** @param {HTMLElement} main @param {{ user: object | null }} params */
export async function render (main, { user }) {
  document.title = `${t('Create an account')} - Tandem`
  if (user) {
    replace(main, h('h1', {}, t('Create an account')), h('p', {}, t('You are already signed in.')), h('a', { href: '/' }, t('Back to the home page')))
    return
  }
  const [config, about] = await Promise.all([api('/config', { anonymous: true }), api('/config/about', { anonymous: true })])
  const { mode, minimumAge, verify } = signupMode(config)
  if (mode === 'closed') {
    replace(main, h('h1', {}, t('Create an account')),
      h('p', { class: 'notice error', id: 'signup-closed' }, t('This instance does not accept new accounts at the moment.')))
    return
  }
  const field = (label, attrs, hint) => h('label', {}, label, h('input', attrs), hint ? h('small', { class: 'muted' }, hint) : null)
  const error = h('div')
  const terms = about?.instance?.terms
  const form = h('form', { class: 'form', id: 'signup-form' },
    mode === 'approval' ? h('p', { class: 'notice' }, t('A moderator reviews each request: you will get an e-mail when yours is accepted.')) : null,
    field(t('Username'), { name: 'username', required: true, maxlength: 50, pattern: '[a-z0-9._]+', autocomplete: 'username' },
      t('1 to 50 characters: lower-case letters, digits, dots and underscores.')),
    field(t('Display name'), { name: 'displayName', maxlength: 120, autocomplete: 'name' }),
    field(t('E-mail'), { name: 'email', type: 'email', required: true, autocomplete: 'email' }),
    field(t('Password'), { name: 'password', type: 'password', required: true, minlength: 6, maxlength: 72, autocomplete: 'new-password' },
      t('At least 6 characters.')),
    h('fieldset', {}, h('legend', {}, t('Your first channel (optional)')),
      field(t('Channel name'), { name: 'channelName', maxlength: 50, pattern: '[a-zA-Z0-9_.\\-:]+' }, t('It must differ from your username.')),
      field(t('Channel display name'), { name: 'channelDisplayName', maxlength: 120 })),
    mode === 'approval'
      ? h('label', {}, t('Why do you want to join?'), h('textarea', { name: 'registrationReason', required: true, maxlength: 3000, rows: 3 }))
      : null,
    terms ? h('details', { class: 'terms' }, h('summary', {}, t('Terms of this instance')), h('p', { class: 'pre' }, terms)) : null,
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'terms', required: true, id: 'signup-terms' }),
      ' ', t('I am at least {age} years old and I accept the terms of this instance.', { age: minimumAge })),
    error,
    h('button', { type: 'submit' }, mode === 'approval' ? t('Send my request') : t('Create my account')))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    notice(error, null)
    const f = /** @type {Record<string, string>} */ (Object.fromEntries(new FormData(form)))
    try {
      if (mode === 'approval') {
        await api('/users/registrations/request', { method: 'POST', json: signupBody(f, mode), anonymous: true })
        replace(main, h('h1', {}, t('Request sent')),
          h('p', { class: 'notice success', role: 'status', id: 'signup-sent' }, verify
            ? t('Thank you! Check your mail at {email} and follow the link in it to verify your address; a moderator will then review your request.', { email: f.email })
            : t('Thank you! A moderator will review your request; you will get an e-mail at {email}.', { email: f.email })))
      } else if (verify) {
        // The account exists but cannot log in before its address is verified.
        await api('/users/register', { method: 'POST', json: signupBody(f, mode), anonymous: true })
        replace(main, h('h1', {}, t('Check your mail')),
          h('p', { class: 'notice success', role: 'status', id: 'signup-verify' },
            t('Your account is created. We sent an e-mail to {email}: follow the link in it to verify your address, then log in.', { email: f.email })),
          h('p', {}, h('a', { href: '/verify-account/ask-send-email' }, t('No e-mail? Ask for a new link'))))
      } else {
        await api('/users/register', { method: 'POST', json: signupBody(f, mode), anonymous: true })
        await session.login(f.username, f.password)
        location.href = '/'
      }
    } catch (err) {
      notice(error, err.message)
    }
  })
  replace(main, h('h1', {}, t('Create an account')), form, h('p', {}, t('Already have an account?'), ' ', h('a', { href: '/login' }, t('Log in'))))
}
