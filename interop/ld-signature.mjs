// Checks a linked-data signature (RsaSignature2017) the way PeerTube and Mastodon do, with jsonld.js
// (the JSON-LD library PeerTube runs): URDNA2015 in safe mode (a term the contexts do not define is
// an error, not silently dropped), SHA-256 hex of the options then of the document, RSA-SHA256.
// The contexts are read from <contexts dir>, the very files Tandem signs with; nothing is fetched.
// Usage: node ld-signature.mjs <contexts dir> < {"document": {...signed...}, "publicKeyPem": "..."}
// Prints one JSON line: canonicalDocument, canonicalOptions, verified (or error).
import { createHash, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import jsonld from 'jsonld'

const [dir] = process.argv.slice(2)
const CONTEXTS = {
  'https://www.w3.org/ns/activitystreams': 'activitystreams.jsonld',
  'https://w3id.org/security/v1': 'security-v1.jsonld'
}
const documentLoader = async url => {
  if (!CONTEXTS[url]) throw new Error(`context ${url} is not bundled`)
  return { contextUrl: null, documentUrl: url, document: JSON.parse(readFileSync(`${dir}/${CONTEXTS[url]}`, 'utf8')) }
}
const canonize = doc => jsonld.canonize(doc, { algorithm: 'URDNA2015', format: 'application/n-quads', documentLoader, safe: true })
const sha256 = text => createHash('sha256').update(text, 'utf8').digest('hex')

const input = JSON.parse(readFileSync(0, 'utf8'))
try {
  const { signature, ...document } = input.document
  const options = { '@context': 'https://w3id.org/security/v1', creator: signature.creator, created: signature.created }
  const canonicalOptions = await canonize(options)
  const canonicalDocument = await canonize(document)
  const verified = verify('RSA-SHA256', Buffer.from(sha256(canonicalOptions) + sha256(canonicalDocument), 'utf8'),
    input.publicKeyPem, Buffer.from(signature.signatureValue, 'base64'))
  console.log(JSON.stringify({ canonicalDocument, canonicalOptions, verified }))
} catch (e) {
  console.log(JSON.stringify({ error: e.message, details: e.details ? JSON.stringify(e.details).slice(0, 500) : undefined }))
}
