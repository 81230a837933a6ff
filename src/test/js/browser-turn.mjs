#!/usr/bin/env node
// Browser test of TURN (docs/turn.md), in Debian's headless Chromium driven by playwright-core
// through the SDK (sfu-client.js) on a bare page (turn-page.html, put at the SFU's origin).
// Run by BrowserTurnTest, which starts coturn and an SFU node whose `joined.iceServers` name it:
//
//   node browser-turn.mjs --url http://127.0.0.1:8080/ [--room r] [--out dir]
//                         [--timeout 120000] [--step-timeout 30000]
//
// Twice, in a room of its own: a page publishes its fake camera and another page subscribes,
// each with the ICE servers from its `joined`:
//   udp:   iceTransportPolicy 'all': the pages reach the SFU's host candidate directly;
//   relay: iceTransportPolicy 'relay': only through coturn, with the TURN credentials.
// Each time both pages' selected candidate pair must have a local candidate of the expected
// type (host, relay), the subscriber's framesDecoded must rise, and the time from the
// subscriber's join() to its peer connection's `connected` and to its first decoded frame is
// reported (`joinToConnectedMs`, `joinToFirstFrameMs`).
// Then a fresh peer connection with the subscriber's TURN credentials must gather relay
// candidates, and with a wrong credential none (coturn answers 401).
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
/** How long a fresh peer connection may gather its relay candidates. */
const GATHER_MS = 10000;

const run = new BrowserRun({
  name: 'browser-turn',
  roomPrefix: 'turn',
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

/** One publisher and one subscriber with `policy`; checks the path and the decoding. */
async function call(mode, policy, expectedType) {
  const room = `${options.room}-${mode}`;
  const publisher = await step(`${mode}: open publisher`, () => openPage(`${mode}-publisher`));
  const subscriber = await step(`${mode}: open subscriber`, () => openPage(`${mode}-subscriber`));
  await step(`${mode}: publish camera`, () => publisher.evaluate(
      ([r, p]) => window.turn.publish(r, p), [room, policy]));
  await step(`${mode}: subscribe`, () => subscriber.evaluate(
      ([r, p]) => window.turn.subscribe(r, p), [room, policy]));
  const first = await step(`${mode}: first decoded frame`, () => until(subscriber,
      (s) => s.error !== null || s.framesDecoded > 0, 'a decoded frame'));
  if (first.error) {
    throw new Error(`${mode}: the subscriber's join failed: ${first.error}`);
  }
  const later = await step(`${mode}: frames keep coming`, () => until(subscriber,
      (s) => s.framesDecoded >= first.framesDecoded + FRAMES_AFTER, 'more decoded frames'));
  const sent = await publisher.evaluate(() => window.turn.state());
  const result = {
    policy,
    iceServerUrls: later.iceServers.flatMap((s) => [s.urls].flat()),
    publisherCandidateType: sent.localCandidateType,
    subscriberCandidateType: later.localCandidateType,
    framesDecoded: later.framesDecoded,
    joinToConnectedMs: Math.round(later.joinToConnectedMs),
    joinToFirstFrameMs: Math.round(later.joinToFirstFrameMs),
  };
  summary.modes[mode] = result;
  progress(`${mode}: ${JSON.stringify(result)}`);
  for (const [who, type] of [['publisher', sent.localCandidateType],
    ['subscriber', later.localCandidateType]]) {
    if (type !== expectedType) {
      throw new Error(`${mode}: the ${who}'s selected pair has a ${type} local candidate, `
          + `not ${expectedType}`);
    }
  }
  return {subscriber, iceServers: later.iceServers};
}

run.run(async () => {
  await run.launch();
  await call('udp', 'all', 'host');
  const {subscriber, iceServers} = await call('relay', 'relay', 'relay');
  const turn = iceServers.find((s) => s.username);
  if (!turn) {
    throw new Error(`joined carried no TURN server: ${JSON.stringify(iceServers)}`);
  }
  const good = await step('gather with the credential from joined', () => subscriber.evaluate(
      ([servers, ms]) => window.turn.relayCandidates(servers, ms), [[turn], GATHER_MS]));
  const wrong = await step('gather with a wrong credential', () => subscriber.evaluate(
      ([servers, ms]) => window.turn.relayCandidates(servers, ms),
      [[{...turn, credential: 'not-the-credential'}], GATHER_MS]));
  summary.checks.relayCandidates = {withJoinedCredential: good, withWrongCredential: wrong};
  if (good.relays === 0) {
    throw new Error(`no relay candidate with the credential from joined: ${JSON.stringify(good)}`);
  }
  if (wrong.relays !== 0) {
    throw new Error(`relay candidates with a wrong credential: ${JSON.stringify(wrong)}`);
  }
});
