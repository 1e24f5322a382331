// A grid of video cards linking to their watch pages.
import { h, duration, ago } from './dom.js'

export function videoCard (v) {
  return h('a', { class: 'card', href: `/w/${v.shortUUID ?? v.uuid}` },
    h('span', { class: 'thumb' },
      h('img', { src: v.thumbnailPath ?? '', alt: '', loading: 'lazy' }),
      v.duration ? h('span', { class: 'duration' }, duration(v.duration)) : null),
    h('span', { class: 'card-text' },
      h('strong', {}, v.name),
      h('small', {}, `${v.channel?.displayName ?? ''} · ${v.views ?? 0} views · ${v.publishedAt ? ago(v.publishedAt) : ''}`)))
}

export function videoGrid (videos, empty = 'No videos yet.') {
  return videos.length ? h('div', { class: 'grid' }, videos.map(videoCard)) : h('p', { class: 'empty' }, empty)
}
