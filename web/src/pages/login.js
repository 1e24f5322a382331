// Log in with the instance's local OAuth client, then go back where the visitor came from.
import { h, replace, notice } from '../lib/dom.js'
import { session } from '../lib/session.js'
import { safeNext } from '../lib/safe-next.js'
import { t } from '../lib/i18n.js'

export async function render (main) {
  document.title = 'Log in - Tandem'
  // A crafted ?next= must not send people elsewhere.
  const target = safeNext(new URLSearchParams(location.search).get('next'), location.origin)
  const error = h('div')
  const form = h('form', { class: 'form', id: 'login-form' },
    h('label', {}, 'Username or email', h('input', { name: 'username', autocomplete: 'username', required: true })),
    h('label', {}, 'Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    error,
    h('button', { type: 'submit' }, 'Log in'))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    notice(error, null)
    const data = new FormData(form)
    try {
      await session.login(data.get('username'), data.get('password'))
      location.href = target
    } catch (err) {
      notice(error, err.message)
      // PeerTube's refusal while the address waits for verification: offer a new link.
      if (/not verified/.test(err.message)) {
        error.append(h('p', {}, h('a', { href: '/verify-account/ask-send-email', id: 'ask-verify-link' }, t('Send me a new verification link'))))
      }
    }
  })
  replace(main, h('h1', {}, 'Log in'), form,
    h('p', { class: 'login-links' }, h('a', { href: '/reset-password', id: 'forgot-password' }, t('Forgot your password?')), ' · ',
      h('a', { href: '/signup', id: 'signup-link' }, t('Create an account'))))
}
