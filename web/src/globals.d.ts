// Globals the pages share with the tests that drive them.
interface Window {
  /** The player's figures (P2P and HTTP bytes, peers, sources), read by the browser tests and the stats overlay. */
  tandemStats: any
}
