// mediasoup as a bench target: a worker per core, a router per room and worker, WebRtcTransports
// for the harness's synthetic peers, driven over a small HTTP/JSON API (see README.md here).
//
//   node bench/mediasoup/server.mjs --port 4443 [--workers 2] [--rtc-min-port 40000]
//        [--rtc-max-port 49999] [--spread-after 32]
//
// mediasoup comes from $MEDIASOUP_DIR/node_modules (built by ../shared/mediasoup/install.sh on
// the development machine) or from bench/mediasoup/node_modules (plain `npm install`).
//
// Placement follows mediasoup's scalability guide: a room's producers live on its home router;
// a subscriber's transport goes to the home router until that router holds --spread-after
// transports, then to the room's router on the least loaded worker, and producers reach other
// routers through pipeToRouter (once per producer and router). Rooms of four stay on one
// router; rooms are spread round-robin over the workers.
import { createRequire } from 'node:module';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

function loadMediasoup() {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const bases = [process.env.MEDIASOUP_DIR, here].filter(Boolean);
  for (const base of bases) {
    const pkg = path.join(base, 'node_modules', 'mediasoup', 'package.json');
    if (fs.existsSync(pkg)) {
      return createRequire(pkg)('mediasoup');
    }
  }
  throw new Error(`mediasoup not found under ${bases.join(' or ')} (set MEDIASOUP_DIR)`);
}

function options(argv) {
  const o = { port: 4443, workers: os.cpus().length, rtcMinPort: 40000, rtcMaxPort: 49999,
    spreadAfter: 32 };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in o)) throw new Error(`unknown option ${argv[i]}`);
    o[key] = Number(argv[i + 1]);
  }
  return o;
}

const mediasoup = loadMediasoup();
const opts = options(process.argv);
const mediaCodecs = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];

const workers = [];
const span = Math.floor((opts.rtcMaxPort - opts.rtcMinPort + 1) / opts.workers);
for (let i = 0; i < opts.workers; i++) {
  const worker = await mediasoup.createWorker({
    // MEDIASOUP_LOG_LEVEL=debug MEDIASOUP_LOG_TAGS=dtls,ice DEBUG='mediasoup*' to see the worker
    logLevel: process.env.MEDIASOUP_LOG_LEVEL ?? 'warn',
    logTags: (process.env.MEDIASOUP_LOG_TAGS ?? '').split(',').filter(Boolean),
    rtcMinPort: opts.rtcMinPort + i * span,
    rtcMaxPort: opts.rtcMinPort + (i + 1) * span - 1,
  });
  worker.on('died', () => {
    console.error(`worker ${worker.pid} died`);
    process.exit(1);
  });
  workers.push({ worker, transports: 0 });
}

/** room name -> { home: index of its home worker, routers: Map(worker index -> router),
 *  transports: Map(worker index -> count), pipes: Set("producerId/workerIndex") } */
const rooms = new Map();
const transports = new Map(); // id -> { transport, room, workerIndex }
const producers = new Map(); // id -> { producer, room, workerIndex }
let nextHome = 0;

async function room(name) {
  let r = rooms.get(name);
  if (!r) {
    r = { home: nextHome++ % workers.length, routers: new Map(), transports: new Map(),
      pipes: new Map() };
    rooms.set(name, r);
  }
  return r;
}

async function router(r, index) {
  let router = r.routers.get(index);
  if (!router) {
    router = workers[index].worker.createRouter({ mediaCodecs });
    r.routers.set(index, router);
  }
  return router;
}

function placeSubscriber(r) {
  if ((r.transports.get(r.home) ?? 0) < opts.spreadAfter) return r.home;
  let best = 0;
  for (let i = 1; i < workers.length; i++) {
    if (workers[i].transports < workers[best].transports) best = i;
  }
  return best;
}

async function createTransport({ room: name, role }) {
  const r = await room(name);
  const index = role === 'publisher' ? r.home : placeSubscriber(r);
  const rt = await router(r, index);
  const transport = await rt.createWebRtcTransport({
    listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }],
  });
  r.transports.set(index, (r.transports.get(index) ?? 0) + 1);
  workers[index].transports++;
  transports.set(transport.id, { transport, room: name, workerIndex: index });
  return {
    id: transport.id,
    worker: index,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates,
    dtlsParameters: transport.dtlsParameters,
  };
}

function entry(map, id, what) {
  const e = map.get(id);
  if (!e) throw new Error(`no ${what} ${id}`);
  return e;
}

async function connect({ transportId, role, fingerprint }) {
  const t = entry(transports, transportId, 'transport');
  await t.transport.connect({
    dtlsParameters: { role, fingerprints: [{ algorithm: 'sha-256', value: fingerprint }] },
  });
  return {};
}

async function produce({ transportId, kind, ssrc, payloadType, cname }) {
  const t = entry(transports, transportId, 'transport');
  const codec = kind === 'video'
    ? { mimeType: 'video/VP8', payloadType, clockRate: 90000,
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' },
        { type: 'ccm', parameter: 'fir' }] }
    : { mimeType: 'audio/opus', payloadType, clockRate: 48000, channels: 2,
      parameters: { minptime: 10, useinbandfec: 1 } };
  const producer = await t.transport.produce({
    kind,
    rtpParameters: {
      codecs: [codec],
      headerExtensions: [],
      encodings: [{ ssrc }],
      rtcp: { cname, reducedSize: true },
    },
  });
  producers.set(producer.id, { producer, room: t.room, workerIndex: t.workerIndex });
  return { id: producer.id };
}

/** What a synthetic subscriber can receive: VP8 with NACK and PLI, Opus; no extensions. */
const subscriberCapabilities = {
  codecs: [
    { kind: 'video', mimeType: 'video/VP8', preferredPayloadType: 96, clockRate: 90000,
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }] },
    { kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: 111, clockRate: 48000,
      channels: 2 },
  ],
  headerExtensions: [],
};

async function consume({ transportId, producerId }) {
  const t = entry(transports, transportId, 'transport');
  const p = entry(producers, producerId, 'producer');
  const r = rooms.get(t.room);
  if (p.workerIndex !== t.workerIndex) {
    const key = `${producerId}/${t.workerIndex}`;
    if (!r.pipes.has(key)) {
      r.pipes.set(key, (async () => {
        const from = await router(r, p.workerIndex);
        const to = await router(r, t.workerIndex);
        await from.pipeToRouter({ producerId, router: to });
        console.log(`pipeToRouter: producer ${producerId} of room ${t.room} from worker `
          + `${p.workerIndex} to worker ${t.workerIndex}`);
      })());
    }
    await r.pipes.get(key);
  }
  const consumer = await t.transport.consume({
    producerId,
    rtpCapabilities: subscriberCapabilities,
    paused: false,
  });
  return { id: consumer.id, kind: consumer.kind, rtpParameters: consumer.rtpParameters };
}

async function closeAll() {
  if (transports.size > 0) {
    console.log(`close-all: transports per worker ${workers.map((w) => w.transports).join(' ')}`);
  }
  for (const { transport } of transports.values()) transport.close();
  transports.clear();
  producers.clear();
  for (const r of rooms.values()) for (const rt of r.routers.values()) (await rt).close();
  rooms.clear();
  for (const w of workers) w.transports = 0;
  return {};
}

const routes = {
  '/transport': createTransport,
  '/connect': connect,
  '/produce': produce,
  '/consume': consume,
  '/close-all': closeAll,
  '/info': async () => ({ version: mediasoup.version, workers: workers.map((w) => w.worker.pid) }),
};

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', async () => {
    const route = routes[req.url];
    try {
      if (!route) throw new Error(`no route ${req.url}`);
      const reply = await route(body ? JSON.parse(body) : {});
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    } catch (e) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(e && e.message || e) }));
    }
  });
});
server.listen(opts.port, '127.0.0.1', () => {
  console.log(`mediasoup ${mediasoup.version} bench server on 127.0.0.1:${opts.port}, `
    + `${workers.length} workers (pids ${workers.map((w) => w.worker.pid).join(' ')})`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    for (const w of workers) w.worker.close();
    process.exit(0);
  });
}
