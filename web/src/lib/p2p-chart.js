// Stacked hourly bars: bytes viewers exchanged over P2P on top of bytes the server sent over HTTP.
import { stackedBars } from './bar-chart.js'

export function p2pChart (hours, size = {}) {
  return stackedBars(hours, {
    ...size,
    id: 'p2p-chart',
    ariaLabel: 'Bytes per hour: P2P (green) and HTTP (grey)',
    series: [{ key: 'httpBytes', class: 'http' }, { key: 'p2pBytes', class: 'p2p' }],
    title: x => `${new Date(x.hour).toLocaleString()}: ${x.p2pBytes} bytes P2P, ${x.httpBytes} bytes HTTP`,
    label: (x, i) => i % 6 === 0 ? new Date(x.hour).getHours() + 'h' : null
  })
}
