// Where to go after logging in: a page of this instance, or home. `?next=` comes from a link anyone
// can craft, and string checks miss what the URL parser does ("/\evil.example" and "/<tab>/evil.example"
// name another host: a backslash counts as a slash, tabs vanish), so parse it as the browser will
// and compare origins. Pure, with the origin given, so Node can test it on hostile values.
export function safeNext (next, origin) {
  if (typeof next !== 'string' || next === '') return '/'
  let url
  try {
    url = new URL(next, origin)
  } catch {
    return '/'
  }
  if (url.origin !== origin) return '/'
  const path = url.pathname + url.search + url.hash
  // "/.//evil.example" is same-origin, but once "." is resolved its path alone reads "//evil.example".
  return path.startsWith('//') ? '/' : path
}
