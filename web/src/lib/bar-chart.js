// Stacked bars in SVG, one bar per point, one layer per series (bottom first): the admin's charts.
// Labels and titles are text nodes, so names from other servers stay text.
const SVG = 'http://www.w3.org/2000/svg'

function el (tag, attrs, text) {
  const e = document.createElementNS(SVG, tag)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v)
  if (text != null) e.textContent = text
  return e
}

/**
 * points: the bars' data; series: [{ key, class }] stacked bottom-up; title(point) a bar's tooltip;
 * label(point, i) the axis text under the bar, or null for none.
 */
export function stackedBars (points, { series, title, label, id, ariaLabel, width = 720, height = 200 }) {
  const total = p => series.reduce((n, s) => n + (p[s.key] ?? 0), 0)
  const max = Math.max(1, ...points.map(total))
  const bar = width / Math.max(1, points.length)
  const svg = el('svg', { viewBox: `0 0 ${width} ${height + 20}`, class: 'chart', role: 'img', id, 'aria-label': ariaLabel })
  points.forEach((p, i) => {
    const g = el('g', {})
    g.append(el('title', {}, title(p)))
    let top = height
    for (const s of series) {
      const h = height * (p[s.key] ?? 0) / max
      top -= h
      g.append(el('rect', { x: i * bar + 1, y: top, width: Math.max(1, bar - 2), height: h, class: s.class }))
    }
    svg.append(g)
    const text = label(p, i)
    if (text != null) svg.append(el('text', { x: i * bar, y: height + 15, class: 'axis' }, text))
  })
  return svg
}
