// Administration › Settings (/admin/config/edit-custom, PeerTube's URL): how the instance presents
// itself, who may sign up and with which quotas, which resolutions uploads are encoded to, how
// sensitive videos show, and the P2P defaults. Reads and writes PeerTube's /config/custom.
import { api, ApiError } from '../lib/api.js'
import { h, replace, notice } from '../lib/dom.js'
import { t } from '../lib/i18n.js'
import { RESOLUTIONS, QUOTA_UNITS, toForm, toCustomConfig, fieldOfError } from '../lib/instance-settings.js'

/** @typedef {import('../lib/instance-settings.js').SettingsForm} SettingsForm */

/**
 * Renders the settings form into the admin page's section.
 * @param {HTMLElement} section
 */
export async function config (section) {
  const form = toForm(await api('/config/custom'))
  /** @type {Record<string, HTMLElement>} */
  const errors = {}
  const status = h('div', { id: 'config-status', 'aria-live': 'polite' })

  /**
   * A labelled field with room for the server's error under it.
   * @param {string} key SettingsForm key, also the control's id suffix
   * @param {string} label
   * @param {HTMLElement} control
   * @param {string} [hint]
   */
  const field = (key, label, control, hint) => {
    control.id = `cfg-${key}`
    errors[key] = h('p', { class: 'field-error', id: `cfg-${key}-error`, role: 'alert' })
    control.setAttribute('aria-describedby', `cfg-${key}-error${hint ? ` cfg-${key}-hint` : ''}`)
    return h('div', { class: 'field' }, h('label', { for: control.id }, label), control,
      hint ? h('small', { class: 'muted', id: `cfg-${key}-hint` }, hint) : null, errors[key])
  }
  /**
   * A group of controls under one legend, with its error under them.
   * @param {string} key
   * @param {string} legend
   * @param {HTMLElement[]} controls
   * @param {string} [hint]
   */
  const group = (key, legend, controls, hint) => {
    errors[key] = h('p', { class: 'field-error', id: `cfg-${key}-error`, role: 'alert' })
    return h('fieldset', { class: 'choices', id: `cfg-${key}`, 'aria-describedby': `cfg-${key}-error` }, h('legend', {}, legend),
      hint ? h('p', { class: 'muted' }, hint) : null, controls, errors[key])
  }
  /**
   * @param {string} name
   * @param {string} value
   * @param {string} label
   * @param {boolean} checked
   */
  const radio = (name, value, label, checked) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name, value, checked }), ` ${label}`)

  const text = (/** @type {string} */ value, attrs = {}) => h('input', { type: 'text', value, ...attrs })
  const area = (/** @type {string} */ value) => h('textarea', { rows: 6 }, value)
  const select = (/** @type {[string, string][]} */ options, /** @type {string} */ value) =>
    h('select', {}, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)))

  /**
   * A quota: unlimited, or an amount in MB, GB or TB.
   * @param {'videoQuota' | 'videoQuotaDaily'} key
   * @param {string} label
   */
  const quota = (key, label) => {
    const q = form[key]
    const amount = h('input', { type: 'number', min: 0, step: 'any', value: String(q.amount), id: `cfg-${key}`, disabled: q.unlimited, 'aria-label': t('{label}: amount', { label }) })
    const unit = h('select', { id: `cfg-${key}-unit`, disabled: q.unlimited, 'aria-label': t('{label}: unit', { label }) },
      QUOTA_UNITS.map(([u]) => h('option', { value: u, selected: u === q.unit }, u)))
    const unlimited = h('input', { type: 'checkbox', id: `cfg-${key}-unlimited`, checked: q.unlimited })
    unlimited.addEventListener('change', () => { amount.disabled = unit.disabled = unlimited.checked })
    errors[key] = h('p', { class: 'field-error', id: `cfg-${key}-error`, role: 'alert' })
    return h('fieldset', { class: 'quota' }, h('legend', {}, label),
      h('div', { class: 'row' }, amount, unit, h('label', { class: 'choice' }, unlimited, ` ${t('No limit')}`)), errors[key])
  }

  const p2pChoices = /** @type {[string, string][]} */ ([['on', t('On')], ['ask', t('Ask the viewer first')], ['off', t('Off')]])
  const limit = h('input', { type: 'number', min: 1, step: 1, value: form.signupLimit < 0 ? '' : String(form.signupLimit), placeholder: t('No limit') })
  const el = h('form', { class: 'form settings', id: 'instance-settings', novalidate: true },
    h('fieldset', {}, h('legend', {}, t('Instance')),
      field('name', t('Name'), text(form.name, { required: true, maxlength: 120 })),
      field('shortDescription', t('Short description'), text(form.shortDescription, { maxlength: 250 }), t('One line, shown in lists of instances.')),
      field('description', t('Description'), area(form.description), t('Shown on the About page. Markdown: links, emphasis and lists.')),
      field('terms', t('Rules'), area(form.terms), t('What people agree to when they sign up.')),
      field('email', t('Contact e-mail'), h('input', { type: 'email', value: form.email }))),
    h('fieldset', {}, h('legend', {}, t('Sign-up')),
      group('signup', t('Who may create an account'), [
        radio('signup', 'closed', t('Nobody: sign-up is closed'), form.signup === 'closed'),
        radio('signup', 'open', t('Anyone'), form.signup === 'open'),
        radio('signup', 'approval', t('Anyone, once an administrator approves'), form.signup === 'approval')]),
      field('signupLimit', t('Most users by sign-up'), limit, t('Leave empty for no limit.')),
      field('minimumAge', t('Minimum age'), h('input', { type: 'number', min: 0, max: 120, step: 1, value: String(form.minimumAge) })),
      h('label', { class: 'choice' }, h('input', { type: 'checkbox', id: 'cfg-requiresEmailVerification', checked: form.requiresEmailVerification }),
        ` ${t('New users must verify their e-mail address before they log in')}`),
      quota('videoQuota', t('Default video quota')),
      quota('videoQuotaDaily', t('Default daily video quota'))),
    h('fieldset', {}, h('legend', {}, t('Transcoding')),
      group('resolutions', t('Resolutions new uploads are encoded to'), RESOLUTIONS.map(r =>
        h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: 'resolution', value: String(r), checked: form.resolutions.includes(r) }), ` ${r}p`)),
      t('Never above the uploaded video. More resolutions take more disk space and encoding time.'))),
    h('fieldset', {}, h('legend', {}, t('Viewing')),
      field('nsfwPolicy', t('Sensitive videos, for people who have not chosen'),
        select([['display', t('Show them')], ['blur', t('Blur their thumbnails')], ['do_not_list', t('Hide them')]], form.nsfwPolicy))),
    h('fieldset', {}, h('legend', {}, t('Peer-to-peer')),
      h('p', { id: 'p2p-explained' }, t('With P2P, viewers of a video send each other pieces of it, which spares this server, but each viewer\'s IP address is then seen by the other viewers.')),
      field('p2pAnonymous', t('For visitors who are not logged in'), select(p2pChoices, form.p2pAnonymous)),
      field('p2pUsers', t('For users (each can still turn it off)'), select(p2pChoices, form.p2pUsers))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save-settings' }, t('Save settings'))),
    status)

  el.addEventListener('submit', async e => {
    e.preventDefault()
    Object.values(errors).forEach(p => replace(p))
    notice(status, null)
    const value = (/** @type {string} */ key) => /** @type {HTMLInputElement} */ (el.querySelector(`#cfg-${key}`)).value
    const checked = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (el.querySelector(`#${id}`)).checked
    /** @type {SettingsForm} */
    const next = {
      name: value('name'),
      shortDescription: value('shortDescription'),
      description: value('description'),
      terms: value('terms'),
      email: value('email'),
      signup: /** @type {any} */ (/** @type {HTMLInputElement} */ (el.querySelector('input[name=signup]:checked'))?.value ?? 'closed'),
      signupLimit: limit.value.trim() === '' ? -1 : Number(limit.value),
      minimumAge: Number(value('minimumAge')),
      requiresEmailVerification: checked('cfg-requiresEmailVerification'),
      videoQuota: { unlimited: checked('cfg-videoQuota-unlimited'), amount: Number(value('videoQuota')), unit: value('videoQuota-unit') },
      videoQuotaDaily: { unlimited: checked('cfg-videoQuotaDaily-unlimited'), amount: Number(value('videoQuotaDaily')), unit: value('videoQuotaDaily-unit') },
      resolutions: [...el.querySelectorAll('input[name=resolution]:checked')].map(c => Number(/** @type {HTMLInputElement} */ (c).value)),
      nsfwPolicy: value('nsfwPolicy'),
      p2pAnonymous: /** @type {any} */ (value('p2pAnonymous')),
      p2pUsers: /** @type {any} */ (value('p2pUsers'))
    }
    const button = /** @type {HTMLButtonElement} */ (el.querySelector('#save-settings'))
    button.disabled = true
    try {
      await api('/config/custom', { method: 'PUT', json: toCustomConfig(next) })
      notice(status, t('Settings saved. They apply now.'), 'success')
    } catch (err) {
      const key = err instanceof ApiError ? fieldOfError(err.problem) : null
      const message = err instanceof Error ? err.message : String(err)
      if (key && errors[key]) {
        replace(errors[key], message)
        const bad = /** @type {HTMLElement | null} */ (el.querySelector(`#cfg-${key}`))
        bad?.focus()
        notice(status, t('Nothing was saved: check the field marked below.'))
      } else {
        notice(status, message)
      }
    } finally {
      button.disabled = false
    }
  })
  replace(section, el)
}
