// JavaScript Standard Style (the style the code was written in), as a flat config.
import neostandard from 'neostandard'

export default [
  ...neostandard({ ts: false, env: ['browser'] }),
  // Short ternaries that build DOM read better on one line.
  { rules: { '@stylistic/multiline-ternary': 'off' } },
  { ignores: ['node_modules/**', 'webrtc-shim/**'] }
]
