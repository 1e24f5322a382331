// In the browser WebRTC is built in: this stands in for the npm polyfill (whose native Node
// dependency cannot be built here and is never used by a page).
export const RTCPeerConnection = globalThis.RTCPeerConnection
export const RTCSessionDescription = globalThis.RTCSessionDescription
export const RTCIceCandidate = globalThis.RTCIceCandidate
export default { RTCPeerConnection, RTCSessionDescription, RTCIceCandidate }
