// The player's controls, for the watch and embed pages. Built on media-chrome: web components that
// wrap our own <video> (which hls.js and the P2P loader keep driving, see player.js) with
// accessible, keyboard-ready controls and nothing else to carry: small next to video.js, no framework,
// and French labels of its own. Around them, ours: the settings panel (quality from hls.js's levels,
// speed, stats for nerds), theater mode, PeerTube's shortcuts, resume, the next video, captions,
// and whether P2P runs at all (lib/p2p-policy.js).
// Only the elements used, not the whole library: less for every viewer to download.
import 'media-chrome/media-controller'
import 'media-chrome/media-control-bar'
import 'media-chrome/media-play-button'
import 'media-chrome/media-seek-backward-button'
import 'media-chrome/media-seek-forward-button'
import 'media-chrome/media-mute-button'
import 'media-chrome/media-volume-range'
import 'media-chrome/media-time-display'
import 'media-chrome/media-time-range'
import 'media-chrome/media-captions-button'
import 'media-chrome/media-pip-button'
import 'media-chrome/media-fullscreen-button'
import 'media-chrome/media-loading-indicator'
import 'media-chrome/lang/fr'
import { setLanguage } from 'media-chrome/utils/i18n'
import { startPlayer } from './player.js'
import { api } from './lib/api.js'
import { serverConfig } from './lib/server-config.js'
import { h, replace } from './lib/dom.js'
import { t, locale } from './lib/i18n.js'
import { shortcutFor, stepRate, clampTime, RATES } from './lib/shortcuts.js'
import { resumeTime, parseStart, RESUME_PREFIX } from './lib/resume.js'
import { p2pDecision, CONSENT_KEY, LOCAL_SWITCH_KEY } from './lib/p2p-policy.js'
import { qualities, nextVideo } from './lib/quality.js'

setLanguage(locale)

const THEATER_KEY = 'tandem-theater'
const NEXT_COUNTDOWN_S = 8

/** localStorage that a private window or a blocked storage never turns into an exception. */
const store = {
  get: (/** @type {string} */ k) => { try { return localStorage.getItem(k) } catch { return null } },
  set: (/** @type {string} */ k, /** @type {string} */ v) => { try { localStorage.setItem(k, v) } catch { /* not remembered */ } },
  remove: (/** @type {string} */ k) => { try { localStorage.removeItem(k) } catch { /* nothing to forget */ } }
}

/**
 * @typedef {{ playback: import('./player.js').Playback, setQuality: (id: number) => void }} MountedPlayer
 */

/**
 * Wraps `video` (inside `container`) in the controls and starts playing `v`.
 * @param {{ container: HTMLElement, video: HTMLVideoElement, overlay: HTMLElement, v: any, user: any,
 *   embed?: boolean, params?: URLSearchParams, below?: HTMLElement | null,
 *   playback?: import('./player.js').Playback, onStarted?: () => void, upNext?: boolean }} options
 *   `below`: where the P2P line and prompts go (the watch page); `playback`: an object to fill (the embed API reads it);
 *   `upNext`: false where something else decides what follows (a playlist)
 * @returns {Promise<MountedPlayer>}
 */
export async function mountPlayer ({ container, video, overlay, v, user, embed = false, params = new URLSearchParams(), below = null, playback: shared, onStarted, upNext = true }) {
  /** @type {any} */
  const debug = /** @type {any} */ (window).tandemPlayer = { hls: null, fullscreenRequests: 0, p2p: null }
  const controller = buildControls(container, video, overlay, embed)
  addCaptions(video, v)

  const config = await serverConfig()
  let decision = p2pDecision({
    user, config, embed, consent: store.get(CONSENT_KEY), localSwitch: store.get(LOCAL_SWITCH_KEY), param: params.get('p2p')
  })
  if (decision === 'ask') {
    askConsent(below ?? container)
    decision = 'off'
  }
  debug.p2p = decision

  const startParam = parseStart(params.get('start') ?? params.get('t'))
  const startAt = startParam ?? resumeTime({
    historyTime: user ? v.userHistory?.currentTime : null, storedTime: Number(store.get(RESUME_PREFIX + v.uuid)), duration: v.duration
  })
  if (params.get('muted') === '1') video.muted = true
  const autoplay = embed ? params.get('autoplay') === '1' : params.get('autoplay') !== '0'
  const playback = await startPlayer(video, v, overlay, { autoplay, p2p: decision === 'on', startAt })
  if (shared) Object.assign(shared, playback)
  debug.hls = playback.hls
  debug.stats = playback.stats

  const setQuality = (/** @type {number} */ id) => {
    if (!playback.hls) return
    playback.hls.currentLevel = id
    const select = /** @type {HTMLSelectElement | null} */ (container.querySelector('#quality'))
    if (select) select.value = String(id)
  }
  wireSettings(container, video, overlay, playback, setQuality)
  wireShortcuts(video, controller, debug)
  rememberPosition(video, v)
  if (!embed) {
    if (below) showP2pLine(below, decision === 'on', user)
    if (upNext) offerNext(controller, video, v, user)
  }
  onStarted?.()
  return { playback, setQuality }
}

/** media-chrome's controller around the video, its control bar, our settings panel and the stats overlay. */
function buildControls (container, video, overlay, embed) {
  const controller = /** @type {HTMLElement} */ (h('media-controller', { id: 'player', nohotkeys: true, class: 'media' }))
  video.slot = 'media'
  video.removeAttribute('controls')
  container.prepend(controller)
  controller.append(video)
  overlay.hidden = true
  overlay.setAttribute('slot', 'top-chrome')
  overlay.setAttribute('noautohide', '')
  overlay.setAttribute('role', 'status')
  overlay.classList.add('stats')
  controller.append(overlay)

  const settings = h('div', { id: 'player-settings', class: 'player-settings', hidden: true, role: 'group', 'aria-label': t('Player settings') },
    h('label', {}, t('Quality'), h('select', { id: 'quality' }, h('option', { value: '-1' }, t('Auto')))),
    h('label', {}, t('Speed'), h('select', { id: 'speed' }, RATES.map(r => h('option', { value: String(r), selected: r === 1 }, r === 1 ? t('Normal') : `${r}×`)))),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'stats-toggle' }), t('Stats for nerds')))
  const settingsButton = h('button', {
    type: 'button',
    id: 'settings-button',
    class: 'player-button',
    'aria-expanded': 'false',
    'aria-controls': 'player-settings',
    title: t('Settings'),
    onclick: () => toggle(settings, settingsButton)
  }, h('span', { 'aria-hidden': 'true' }, '⚙'), h('span', { class: 'visually-hidden' }, t('Settings')))
  const theater = embed ? null : h('button', {
    type: 'button',
    id: 'theater-button',
    class: 'player-button',
    'aria-pressed': String(document.body.classList.contains('theater')),
    title: t('Theater mode'),
    onclick: () => setTheater(!document.body.classList.contains('theater'))
  }, h('span', { 'aria-hidden': 'true' }, '▭'), h('span', { class: 'visually-hidden' }, t('Theater mode')))
  if (!embed) setTheater(store.get(THEATER_KEY) === '1')
  controller.append(
    h('media-loading-indicator', { slot: 'centered-chrome', noautohide: true }),
    settings,
    h('media-control-bar', {},
      h('media-play-button'),
      h('media-seek-backward-button', { seekoffset: '10' }),
      h('media-seek-forward-button', { seekoffset: '10' }),
      h('media-mute-button'),
      h('media-volume-range'),
      h('media-time-display', { showduration: true }),
      h('media-time-range'),
      settingsButton,
      theater,
      h('media-pip-button'),
      h('media-fullscreen-button')))
  return controller
}

function toggle (panel, button) {
  panel.hidden = !panel.hidden
  button.setAttribute('aria-expanded', String(!panel.hidden))
}

/** Theater mode: the player spans the page's width; remembered for the next videos. */
function setTheater (on) {
  document.body.classList.toggle('theater', on)
  document.getElementById('theater-button')?.setAttribute('aria-pressed', String(on))
  if (on) store.set(THEATER_KEY, '1')
  else store.remove(THEATER_KEY)
}

/**
 * The video's captions as <track>s: media-chrome's captions button and the browser show them. The
 * button appears only when there is something to show (a button that does nothing is noise).
 */
async function addCaptions (video, v) {
  const list = await api(`/videos/${v.uuid}/captions`, { anonymous: true }).catch(() => null)
  const captions = list?.data ?? []
  for (const c of captions) {
    video.append(h('track', { kind: 'subtitles', src: c.captionPath ?? c.fileUrl, srclang: c.language?.id, label: c.language?.label ?? c.language?.id }))
  }
  if (captions.length) video.closest('media-controller')?.querySelector('#settings-button')?.before(h('media-captions-button'))
}

function wireSettings (container, video, overlay, playback, setQuality) {
  const quality = /** @type {HTMLSelectElement} */ (container.querySelector('#quality'))
  const speed = /** @type {HTMLSelectElement} */ (container.querySelector('#speed'))
  const statsToggle = /** @type {HTMLInputElement} */ (container.querySelector('#stats-toggle'))
  const hls = playback.hls
  const fill = () => {
    replace(quality, ...qualities(hls.levels, t('Auto')).map(q => h('option', { value: String(q.id) }, q.label)))
    quality.value = String(hls.manualLevel)
  }
  if (hls) {
    hls.on('hlsManifestParsed', fill)
    if (hls.levels?.length) fill()
  } else {
    quality.disabled = true
  }
  quality.addEventListener('change', () => setQuality(Number(quality.value)))
  speed.addEventListener('change', () => { video.playbackRate = Number(speed.value) })
  video.addEventListener('ratechange', () => { speed.value = String(video.playbackRate) })
  statsToggle.addEventListener('change', () => { overlay.hidden = !statsToggle.checked })
}

/** PeerTube's keyboard shortcuts, anywhere on the page except while typing in a field. */
function wireShortcuts (video, controller, debug) {
  document.addEventListener('keydown', event => {
    const target = /** @type {HTMLElement} */ (event.target)
    const typing = !!target?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"]')
    // Space on a focused button presses that button.
    if (event.key === ' ' && target?.closest?.('button, [role=button], media-control-bar')) return
    const action = shortcutFor(event, typing)
    if (!action) return
    event.preventDefault()
    switch (action.type) {
      case 'toggle': video.paused ? video.play().catch(() => {}) : video.pause(); break
      case 'seekBy': video.currentTime = clampTime(video.currentTime + action.seconds, video.duration); break
      case 'seekTo': if (Number.isFinite(video.duration)) video.currentTime = action.fraction * video.duration; break
      case 'volumeBy': video.muted = false; video.volume = Math.min(1, Math.max(0, video.volume + action.delta)); break
      case 'mute': video.muted = !video.muted; break
      case 'rateBy': video.playbackRate = stepRate(video.playbackRate, action.delta); break
      case 'fullscreen':
        debug.fullscreenRequests++
        if (document.fullscreenElement) document.exitFullscreen().catch(() => {})
        else controller.requestFullscreen?.().catch(() => {})
        break
    }
  })
}

/** This browser's position in the video, for resuming; forgotten once the video ends. */
function rememberPosition (video, v) {
  const key = RESUME_PREFIX + v.uuid
  let last = 0
  video.addEventListener('timeupdate', () => {
    if (Math.abs(video.currentTime - last) < 2) return
    last = video.currentTime
    store.set(key, String(Math.floor(video.currentTime)))
  })
  video.addEventListener('ended', () => store.remove(key))
}

/** Under the player, in plain words: whether other viewers can see this viewer's IP address. */
function showP2pLine (below, on, user) {
  const settings = user ? '/my-account/settings' : '/my-account/settings?p2p=off'
  below.append(on
    ? h('p', { id: 'p2p-line', class: 'p2p-line' }, t('P2P is on: other viewers can see your IP address.'), ' ',
      h('a', { href: settings }, t('Turn P2P off in your settings')))
    : h('p', { id: 'p2p-line', class: 'p2p-line muted' }, t('P2P is off: this video comes from the server only.')))
}

/** The instance asks before P2P: a prompt, remembered; P2P stays off until the viewer agrees. */
function askConsent (where) {
  const prompt = h('div', { id: 'p2p-consent', class: 'notice p2p-consent', role: 'region', 'aria-label': t('Peer-to-peer sharing') },
    h('p', {}, t('This video can also come from other viewers (peer-to-peer). It eases the load on the server, but other viewers then see your IP address.')),
    h('button', { type: 'button', id: 'p2p-accept', onclick: () => answer('yes') }, t('Use P2P')),
    ' ',
    h('button', { type: 'button', id: 'p2p-refuse', class: 'secondary', onclick: () => answer('no') }, t('No, thanks')))
  function answer (choice) {
    store.set(CONSENT_KEY, choice)
    prompt.remove()
    // The player starts again with P2P; resume brings the viewer back where they were.
    if (choice === 'yes') location.reload()
  }
  where.append(prompt)
}

/** At the end: the next video (the newest other one), played after a countdown if the user wants it, with a cancel button. */
function offerNext (controller, video, v, user) {
  video.addEventListener('ended', async () => {
    const list = await api('/videos?sort=-publishedAt&count=5', { anonymous: true }).catch(() => null)
    /** @type {any} */
    const next = nextVideo(list?.data ?? [], v.uuid)
    if (!next) return
    const href = `/w/${next.shortUUID ?? next.uuid}`
    const auto = user?.autoPlayNextVideo === true
    let left = NEXT_COUNTDOWN_S
    const counter = h('span', { class: 'next-count' }, auto ? t('Playing in {n} s', { n: left }) : '')
    const box = h('div', { id: 'next-video', class: 'next-video', slot: 'centered-chrome', noautohide: true, role: 'region', 'aria-label': t('Next video') },
      h('p', {}, t('Up next'), ': ', h('strong', {}, next.name)), counter,
      h('div', { class: 'next-actions' },
        h('a', { href, id: 'next-play', class: 'button' }, t('Play now')),
        h('button', { type: 'button', id: 'next-cancel', class: 'secondary', onclick: () => { clearInterval(timer); box.remove() } }, t('Cancel'))))
    controller.append(box)
    const timer = auto
      ? setInterval(() => {
        left--
        counter.textContent = t('Playing in {n} s', { n: left })
        if (left <= 0) { clearInterval(timer); location.href = href }
      }, 1000)
      : undefined
    video.addEventListener('play', () => { clearInterval(timer); box.remove() }, { once: true })
  })
}
