#!/usr/bin/env node
// Browser test of the SDK's ICE restart (sfu-client.js, docs/protocol.md section 18), in
// Debian's headless Chromium driven by playwright-core on the bare page of the TURN test
// (turn-page.html, put at the SFU's origin). Run by BrowserIceRestartTest against an SFU node:
//
//   node browser-icerestart.mjs --url http://127.0.0.1:8080/ [--room r] [--out dir]
//                               [--runs 2] [--timeout 150000] [--step-timeout 40000]
//
// A page publishes its fake camera; another subscribes through a UDP relay this script runs in
// front of the room's port (the page names the relay instead of the SFU's candidates). Then,
// `--runs` times: the relay is closed (the subscriber's path is gone, as after a network change:
// its checks meet a closed port) and another one opens on a new port, which the page's next
// descriptions name. Chromium goes `disconnected`, the SDK restarts ICE by itself (an offer with
// new ICE credentials) and video decodes again through the new relay, with the same clientId and
// no rejoin. Each run reports the time from the break to the restart and from the restart (and
// the break) to the first newly decoded frame.
//
// The last stdout line is the summary ({"ok": true, ...} or {"ok": false, "step", "reason"});
// progress goes to stderr. Exit code 0 on success, 1 when a check failed, 2 on bad arguments.

import dgram from 'node:dgram';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {BrowserRun} from './browser-run.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PAGE = readFileSync(path.join(here, 'turn-page.html'), 'utf8');
/** Frames the subscriber must decode after it resumed. */
const FRAMES_AFTER = 15;

const run = new BrowserRun({
  name: 'browser-icerestart',
  roomPrefix: 'icerestart',
  timeout: '150000',
  options: {runs: {type: 'string', default: '2'}},
  validate(options) {
    if (!options.url) {
      throw new Error('--url is required (e.g. http://127.0.0.1:8080/)');
    }
  },
  summary: {runs: []},
  describe: async (page) => page.evaluate(() => window.turn?.state() ?? null),
});
const {options, summary, step, progress} = run;

/**
 * A UDP relay on 127.0.0.1: what a client sends to its port goes to the SFU's `sfuPort` from a
 * socket of the relay's own per client address, and what comes back goes to the client.
 */
async function openRelay(sfuPort) {
  const front = dgram.createSocket('udp4');
  const backs = new Map();
  const relay = {port: 0, fromSfu: 0, closed: false};
  front.on('message', (message, client) => {
    const key = `${client.address}:${client.port}`;
    let back = backs.get(key);
    if (!back) {
      back = dgram.createSocket('udp4');
      back.on('message', (reply) => {
        relay.fromSfu++;
        if (!relay.closed) {
          front.send(reply, client.port, client.address);
        }
      });
      back.bind(0, '127.0.0.1');
      backs.set(key, back);
    }
    back.send(message, sfuPort, '127.0.0.1');
  });
  await new Promise((resolve) => front.bind(0, '127.0.0.1', resolve));
  relay.port = front.address().port;
  relay.close = () => {
    relay.closed = true;
    front.close();
    backs.forEach((back) => back.close());
  };
  return relay;
}

async function openPage(name) {
  const context = await run.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(run.stepTimeout);
  page.on('pageerror', (e) => summary.pageErrors.push(`${name}: ${e.message}`));
  run.pages.push({name, page});
  await page.goto(new URL('health', options.url).href);
  await page.setContent(PAGE);
  await page.waitForFunction(() => window.turnReady === true);
  return page;
}

async function until(page, ready, what) {
  const deadline = Date.now() + run.stepTimeout;
  let state;
  while (Date.now() < deadline) {
    state = await page.evaluate(() => window.turn.state());
    if (ready(state)) {
      return state;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not reached within ${run.stepTimeout} ms: ${JSON.stringify(state)}`);
}

run.run(async () => {
  await run.launch();
  const room = options.room;
  const publisher = await step('open publisher', () => openPage('publisher'));
  const subscriber = await step('open subscriber', () => openPage('subscriber'));
  await step('publish camera', () => publisher.evaluate((r) => window.turn.publish(r, 'all'),
      room));
  const sfuPort = await publisher.evaluate(() => {
    const line = window.turn.client.pc.remoteDescription.sdp.match(/^a=candidate:\S+ 1 udp \S+ \S+ (\d+)/im);
    return Number(line[1]);
  });
  let relay = await openRelay(sfuPort);
  const relays = [relay];
  await subscriber.evaluate((port) => window.turn.relay(port), relay.port);
  await step('subscribe through the relay', () => subscriber.evaluate(
      (r) => window.turn.subscribe(r, 'all'), room));
  await subscriber.evaluate(() => window.turn.watchRecovery());
  const first = await step('first decoded frame', () => until(subscriber,
      (s) => s.error !== null || s.framesDecoded > 0, 'a decoded frame'));
  if (first.error) {
    throw new Error(`the subscriber's join failed: ${first.error}`);
  }
  if (relay.fromSfu === 0) {
    throw new Error('the subscriber\'s media did not go through the relay');
  }
  const clientId = first.clientId;
  for (let n = 1; n <= Number(options.runs); n++) {
    const before = await subscriber.evaluate(() => window.turn.state());
    const next = await openRelay(sfuPort);
    relays.push(next);
    const breakAt = Date.now();
    relay.close();
    relay = next;
    await subscriber.evaluate((port) => window.turn.relay(port), next.port);
    const restarted = await step(`run ${n}: ICE restart`, () => until(subscriber,
        (s) => s.iceRestarts.length > before.iceRestarts.length, 'an icerestart event'));
    const restartAt = restarted.iceRestarts[before.iceRestarts.length];
    const frames = restarted.framesDecoded;
    await subscriber.evaluate((f) => window.turn.mark(f), frames);
    const resumed = await step(`run ${n}: video again`, () => until(subscriber,
        (s) => s.resumedAt !== null, 'a newly decoded frame'));
    await step(`run ${n}: frames keep coming`, () => until(subscriber,
        (s) => s.framesDecoded >= resumed.framesDecoded + FRAMES_AFTER, 'more decoded frames'));
    const result = {
      run: n,
      breakToRestartMs: restartAt - breakAt,
      restartToFirstFrameMs: resumed.resumedAt - restartAt,
      breakToFirstFrameMs: resumed.resumedAt - breakAt,
      relayPort: next.port,
      datagramsFromSfuThroughNewRelay: next.fromSfu,
      connectionState: resumed.connectionState,
    };
    summary.runs.push(result);
    progress(`run ${n}: ${JSON.stringify(result)}`);
    if (next.fromSfu === 0) {
      throw new Error(`run ${n}: nothing from the SFU came through the new relay`);
    }
    if (resumed.clientId !== clientId || resumed.rejoins !== 0) {
      throw new Error(`run ${n}: the subscriber rejoined (${clientId} -> ${resumed.clientId})`);
    }
  }
  summary.checks.sameClient = true;
  relays.forEach((r) => r.closed || r.close());
});
