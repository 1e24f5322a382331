// The instance's public config (GET /api/v1/config), fetched once per page: the header, the player
// and the pages all read it, and it does not change while a page is open.
import { api } from './api.js'

/** @type {Promise<any> | null} */
let pending = null

/** @returns {Promise<any>} the config, or null when the server did not answer */
export function serverConfig () {
  pending ??= api('/config', { anonymous: true }).catch(() => null)
  return pending
}
