// Stacked hourly bars: bytes viewers exchanged over P2P on top of bytes the server sent over HTTP.
const SVG = 'http://www.w3.org/2000/svg'

function el (tag, attrs, text) {
  const e = document.createElementNS(SVG, tag)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v)
  if (text != null) e.textContent = text
  return e
}

export function p2pChart (hours, { width = 720, height = 200 } = {}) {
  const max = Math.max(1, ...hours.map(x => x.p2pBytes + x.httpBytes))
  const bar = width / Math.max(1, hours.length)
  const svg = el('svg', { viewBox: `0 0 ${width} ${height + 20}`, class: 'chart', role: 'img', id: 'p2p-chart',
    'aria-label': 'Bytes per hour: P2P (green) and HTTP (grey)' })
  hours.forEach((x, i) => {
    const http = height * x.httpBytes / max
    const p2p = height * x.p2pBytes / max
    const title = `${new Date(x.hour).toLocaleString()}: ${x.p2pBytes} bytes P2P, ${x.httpBytes} bytes HTTP`
    const g = el('g', {})
    g.append(el('title', {}, title),
      el('rect', { x: i * bar + 1, y: height - http, width: Math.max(1, bar - 2), height: http, class: 'http' }),
      el('rect', { x: i * bar + 1, y: height - http - p2p, width: Math.max(1, bar - 2), height: p2p, class: 'p2p' }))
    svg.append(g)
    if (i % 6 === 0) svg.append(el('text', { x: i * bar, y: height + 15, class: 'axis' }, new Date(x.hour).getHours() + 'h'))
  })
  return svg
}
