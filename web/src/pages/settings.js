// The signed-in user's settings at PeerTube's /my-account/settings: what videos show (NSFW,
// languages), autoplay, peer-to-peer sharing, the interface's language and theme, then the e-mail
// address and the password, each behind the current password.
import { api } from '../lib/api.js'
import { h, replace, notice } from '../lib/dom.js'
import { t, rememberLocale } from '../lib/i18n.js'
import { p2pChoice, settingsBody, themeAttribute } from '../lib/account-forms.js'
import { avatar, imagePicker } from '../lib/avatar.js'

const THEME_KEY = 'tandem-theme'

/** @param {HTMLElement} main @param {{ user: any }} params */
export async function render (main, { user }) {
  document.title = `${t('My settings')} - Tandem`
  if (!user) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`
    return
  }
  replace(main, h('h1', {}, t('My settings')), avatarSection(user), preferences(user), email(user), password())
}

/** The account's avatar (PeerTube's /users/me/avatar/pick), also shown at once in the header. @param {any} user */
function avatarSection (user) {
  const account = { ...user.account, displayName: user.account?.displayName || user.username }
  const preview = h('div', { id: 'my-avatar' }, avatar(account, 96))
  const onChange = (/** @type {any[]} */ images) => {
    account.avatars = images
    user.account = { ...user.account, avatars: images }
    replace(preview, avatar(account, 96))
    const menu = document.getElementById('whoami')
    menu?.querySelector('.avatar')?.replaceWith(avatar(account, 24))
  }
  return h('section', { class: 'form avatar-settings' },
    h('h2', {}, t('Avatar')),
    preview,
    imagePicker({ kind: 'avatar', base: '/users/me', label: t('Change my avatar'), id: 'avatar-file', current: account.avatars ?? [], onChange }))
}

/** @param {string} label @param {string} name @param {string[][]} options [value, text] pairs @param {string} value */
function select (label, name, options, value) {
  return h('label', {}, label, h('select', { name, id: `setting-${name}` },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))))
}

/** @param {string} label @param {string} name @param {boolean} checked */
function check (label, name, checked) {
  return h('label', { class: 'check' }, h('input', { type: 'checkbox', name, id: `setting-${name}`, checked }), ' ', label)
}

function preferences (user) {
  const status = h('div')
  const form = h('form', { class: 'form', id: 'settings-form' },
    h('h2', {}, t('Videos')),
    select(t('Sensitive content'), 'nsfwPolicy', [['display', t('Show it')], ['blur', t('Blur the thumbnails')], ['do_not_list', t('Hide it')]], user.nsfwPolicy),
    h('label', {}, t('Video languages'), h('input', { name: 'videoLanguages', id: 'setting-videoLanguages', value: (user.videoLanguages ?? []).join(', '), placeholder: 'fr, en' }),
      h('small', { class: 'muted' }, t('Language codes separated by commas; empty shows every language.'))),
    check(t('Play videos automatically'), 'autoPlayVideo', user.autoPlayVideo),
    check(t('Play the next video automatically'), 'autoPlayNextVideo', user.autoPlayNextVideo),
    select(t('Peer-to-peer'), 'p2p', [
      ...(user.p2pEnabled == null ? [['ask', t('Not decided yet')]] : []),
      ['on', t('On: help share the videos I watch')],
      ['off', t('Off: the server sends me everything')]
    ], p2pChoice(user.p2pEnabled)),
    h('p', { class: 'muted' }, t('With peer-to-peer on, other viewers of the same video can see your IP address.')),
    h('h2', {}, t('Interface')),
    select(t('Language'), 'language', [['', t('The browser\'s language')], ['en', 'English'], ['fr', 'Français']], user.language ?? ''),
    select(t('Theme'), 'theme', [['system', t('Like the system')], ['light', t('Light')], ['dark', t('Dark')]], user.theme ?? 'system'),
    status,
    h('button', { type: 'submit' }, t('Save my settings')))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    notice(status, null)
    const data = new FormData(form)
    const f = { ...Object.fromEntries(data), autoPlayVideo: data.has('autoPlayVideo'), autoPlayNextVideo: data.has('autoPlayNextVideo') }
    const body = settingsBody(/** @type {Record<string, string | boolean>} */ (f))
    try {
      await api('/users/me', { method: 'PUT', json: body })
      applyTheme(/** @type {string} */ (body.theme))
      const languageChanged = (body.language || null) !== (user.language ?? null)
      rememberLocale(/** @type {string} */ (body.language) || null)
      user.language = body.language || null
      if (languageChanged) location.reload()
      else notice(status, t('Your settings are saved.'), 'success')
    } catch (err) { notice(status, err.message) }
  })
  return form
}

/** Shows the chosen theme now and on the next pages (the CSS reads `[data-theme]`). */
function applyTheme (theme) {
  const attr = themeAttribute(theme)
  if (attr) document.documentElement.dataset.theme = attr
  else delete document.documentElement.dataset.theme
  try {
    if (attr) localStorage.setItem(THEME_KEY, attr)
    else localStorage.removeItem(THEME_KEY)
  } catch { /* private mode: this page only */ }
}

function email (user) {
  const status = h('div')
  const form = h('form', { class: 'form', id: 'email-form' },
    h('h2', {}, t('E-mail')),
    user.pendingEmail
      ? h('p', { class: 'notice', id: 'pending-email' }, t('{email} waits for you to follow the link we mailed to it.', { email: user.pendingEmail }))
      : null,
    h('label', {}, t('E-mail'), h('input', { name: 'email', type: 'email', required: true, value: user.email ?? '', autocomplete: 'email' })),
    h('label', {}, t('Current password'), h('input', { name: 'currentPassword', type: 'password', required: true, autocomplete: 'current-password' })),
    status,
    h('button', { type: 'submit' }, t('Change my e-mail')))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    const f = new FormData(form)
    try {
      await api('/users/me', { method: 'PUT', json: { email: f.get('email'), currentPassword: f.get('currentPassword') } })
      // With verification required, the new address waits for the link mailed to it (pendingEmail).
      const me = await api('/users/me')
      notice(status, me.pendingEmail
        ? t('We sent a link to {email}: your address changes once you follow it.', { email: me.pendingEmail })
        : t('Your e-mail is changed.'), 'success')
    } catch (err) { notice(status, err.message) }
  })
  return form
}

function password () {
  const status = h('div')
  const form = h('form', { class: 'form', id: 'password-form' },
    h('h2', {}, t('Password')),
    h('label', {}, t('Current password'), h('input', { name: 'currentPassword', type: 'password', required: true, autocomplete: 'current-password' })),
    h('label', {}, t('New password'), h('input', { name: 'password', type: 'password', required: true, minlength: 6, maxlength: 72, autocomplete: 'new-password' })),
    status,
    h('button', { type: 'submit' }, t('Change my password')))
  form.addEventListener('submit', async e => {
    e.preventDefault()
    const f = new FormData(form)
    try {
      await api('/users/me', { method: 'PUT', json: { currentPassword: f.get('currentPassword'), password: f.get('password') } })
      form.reset()
      notice(status, t('Your password is changed; your other sessions are closed.'), 'success')
    } catch (err) { notice(status, err.message) }
  })
  return form
}
