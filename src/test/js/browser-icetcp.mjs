#!/usr/bin/env node
// Browser test of ICE-TCP (RFC 6544 passive candidates on the node's media.tcp-port), in
// Debian's headless Chromium driven by playwright-core through the SDK (sfu-client.js) on the
// bare page of the TURN test (turn-page.html, put at the SFU's origin). Run by
// BrowserIceTcpTest, which starts an SFU node with media.tcp-port set:
//
//   node browser-icetcp.mjs --url http://127.0.0.1:8080/ [--room r] [--out dir]
//                           [--timeout 120000] [--step-timeout 30000]
//
// Twice, in a room of its own: a page publishes its fake camera and another page subscribes:
//   udp: the pages take the SFU's best candidates, its UDP host ones;
//   tcp: the pages drop every UDP candidate of the SFU's descriptions (a page option, as a
//        network that blocks UDP would leave them unreachable), so they connect to the
//        passive TCP candidates.
// Each time both pages' selected candidate pair must have a local candidate of the expected
// protocol, the subscriber's framesDecoded must rise, and the time from the subscriber's
// join() to its peer connection's `connected` and to its first decoded frame is reported.
//
// The last stdout line is the summary ({"ok": true, ...} or {"ok": false, "step", "reason"});
// progress goes to stderr. Exit code 0 on success, 1 when a check failed, 2 on bad arguments.

import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {BrowserRun} from './browser-run.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PAGE = readFileSync(path.join(here, 'turn-page.html'), 'utf8');
/** Frames the subscriber must decode after its first one. */
const FRAMES_AFTER = 15;

const run = new BrowserRun({
  name: 'browser-icetcp',
  roomPrefix: 'icetcp',
  timeout: '120000',
  validate(options) {
    if (!options.url) {
      throw new Error('--url is required (e.g. http://127.0.0.1:8080/)');
    }
  },
  summary: {modes: {}},
  describe: async (page) => page.evaluate(() => window.turn?.state() ?? null),
});
const {options, summary, step, progress} = run;

/**
 * Opens the bare page at the SFU's origin, in a context of its own: a document the SFU served
 * (its /health) is replaced by turn-page.html. The page must come from the SFU: Chromium's
 * local network access checks refuse a WebSocket to 127.0.0.1 from a page of unknown address
 * (one fulfilled by page.route).
 */
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

/** Polls `probe` until `ready(state)` holds, for at most the step timeout. */
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

/** One publisher and one subscriber; checks the path's protocol and the decoding. */
async function call(mode, tcpOnly, expectedProtocol) {
  const room = `${options.room}-${mode}`;
  const publisher = await step(`${mode}: open publisher`, () => openPage(`${mode}-publisher`));
  const subscriber = await step(`${mode}: open subscriber`, () => openPage(`${mode}-subscriber`));
  if (tcpOnly) {
    await publisher.evaluate(() => window.turn.tcpOnly());
    await subscriber.evaluate(() => window.turn.tcpOnly());
  }
  await step(`${mode}: publish camera`, () => publisher.evaluate(
      (r) => window.turn.publish(r, 'all'), room));
  await step(`${mode}: subscribe`, () => subscriber.evaluate(
      (r) => window.turn.subscribe(r, 'all'), room));
  const first = await step(`${mode}: first decoded frame`, () => until(subscriber,
      (s) => s.error !== null || s.framesDecoded > 0, 'a decoded frame'));
  if (first.error) {
    throw new Error(`${mode}: the subscriber's join failed: ${first.error}`);
  }
  const later = await step(`${mode}: frames keep coming`, () => until(subscriber,
      (s) => s.framesDecoded >= first.framesDecoded + FRAMES_AFTER, 'more decoded frames'));
  const sent = await publisher.evaluate(() => window.turn.state());
  const result = {
    publisherCandidateProtocol: sent.localCandidateProtocol,
    subscriberCandidateProtocol: later.localCandidateProtocol,
    subscriberCandidateType: later.localCandidateType,
    framesDecoded: later.framesDecoded,
    joinToConnectedMs: Math.round(later.joinToConnectedMs),
    joinToFirstFrameMs: Math.round(later.joinToFirstFrameMs),
  };
  summary.modes[mode] = result;
  progress(`${mode}: ${JSON.stringify(result)}`);
  for (const [who, protocol] of [['publisher', sent.localCandidateProtocol],
    ['subscriber', later.localCandidateProtocol]]) {
    if (protocol !== expectedProtocol) {
      throw new Error(`${mode}: the ${who}'s selected pair has a ${protocol} local candidate, `
          + `not ${expectedProtocol}`);
    }
  }
}

run.run(async () => {
  await run.launch();
  await call('udp', false, 'udp');
  await call('tcp', true, 'tcp');
});
