// Calls Tandem's REST API with the session's bearer token; refreshes an expired token once.
import { session } from './session.js'

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {any} problem the problem+json body, if any
   */
  constructor (status, problem) {
    super(problem?.detail || problem?.error || problem?.title || `HTTP ${status}`)
    this.status = status
    this.problem = problem
  }
}

/**
 * @typedef {object} ApiOptions
 * @property {string} [method]
 * @property {unknown} [json] a body sent as JSON
 * @property {BodyInit} [body] a body sent as it is (a FormData, a Blob)
 * @property {Record<string, string>} [headers]
 * @property {boolean} [anonymous] without the session's token
 */

/**
 * @param {string} path under /api/v1, or an absolute /api/ or /services/ path
 * @param {ApiOptions} [options]
 * @returns {Promise<any>} the parsed JSON, the text, or null for 204
 */
export async function api (path, { method = 'GET', json, body, headers = {}, anonymous = false } = {}) {
  // API paths are relative to /api/v1; other absolute paths (/services/oembed…) are used as they are.
  const url = path.startsWith('/api/') || path.startsWith('/services/') ? path : `/api/v1${path}`
  const send = () => fetch(url, {
    method,
    headers: {
      ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(anonymous ? {} : session.authHeader()),
      ...headers
    },
    body: json !== undefined ? JSON.stringify(json) : body
  })
  let res = await send()
  if (res.status === 401 && !anonymous && session.token() && await session.refresh()) res = await send()
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null))
  if (res.status === 204) return null
  const type = res.headers.get('Content-Type') ?? ''
  return type.includes('json') ? res.json() : res.text()
}
