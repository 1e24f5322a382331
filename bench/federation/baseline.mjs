// PeerTube's broadcast model for bench/fanout.sh, on PeerTube's own runtime (Node, whose RSA is OpenSSL's:
// about 4x faster at signing than the JDK's on our machines, so a Java sender would flatter Tandem).
// One attempt per inbox, PARALLEL requests in flight (PeerTube's activitypub-http-broadcast: 30), each
// request signed (draft-cavage, RSA-2048, SHA-256 Digest) just before it is sent, as PeerTube does, each
// on a new connection (every inbox is on its own host). Same inboxes, key and body as FanoutSink's Java
// baseline. Requests carry X-Bench-Run: <label> so the sink tells runs apart.
// Usage: node baseline.mjs <sink port> <actors> <parallel> <label> <workdir> <body file>
// Prints one JSON line: label, startMs (wall clock, ms), senderSeconds, senderCpuS (whole process), statuses, bodyBytes.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [port, actors, parallel, label, workdir, bodyFile] = process.argv.slice(2);
if (!bodyFile) {
  console.error('usage: node baseline.mjs <sink port> <actors> <parallel> <label> <workdir> <body file>');
  process.exit(2);
}
const key = createPrivateKey({ key: Buffer.from(readFileSync(`${workdir}/key.pk8`, 'utf8'), 'base64'), format: 'der', type: 'pkcs8' });
const keyId = `http://127.0.0.1:${port}/origin#main-key`;
const body = readFileSync(bodyFile);
const hostOf = (i) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
const digest = 'SHA-256=' + createHash('sha256').update(body).digest('base64');

function post(i) {
  const host = `${hostOf(i)}:${port}`;
  const date = new Date().toUTCString();
  const signed = `(request-target): post /inbox\nhost: ${host}\ndate: ${date}\ndigest: ${digest}`;
  const signature = sign('sha256', Buffer.from(signed), key).toString('base64');
  return new Promise((resolve) => {
    const req = http.request({
      host: hostOf(i), port: Number(port), path: '/inbox', method: 'POST', agent: false, timeout: 7000,
      headers: {
        Host: host, Date: date, Digest: digest, 'Content-Type': 'application/activity+json',
        Accept: 'application/activity+json, application/ld+json', 'Content-Length': body.length, 'X-Bench-Run': label,
        Signature: `keyId="${keyId}",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="${signature}"`,
      },
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve('io'));
    req.end(body);
  });
}

const statuses = {};
let next = 0;
const startMs = performance.timeOrigin + performance.now();
const t0 = performance.now();
await Promise.all(Array.from({ length: Number(parallel) }, async () => {
  for (let i; (i = next++) < Number(actors);) {
    const s = await post(i);
    statuses[s] = (statuses[s] || 0) + 1;
  }
}));
const cpu = process.cpuUsage();
console.log(JSON.stringify({ label, startMs, senderSeconds: (performance.now() - t0) / 1000, senderCpuS: (cpu.user + cpu.system) / 1e6, statuses, bodyBytes: body.length, runtime: `node ${process.version}` }));
