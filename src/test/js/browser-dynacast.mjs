#!/usr/bin/env node
// Browser test of dynacast (docs/protocol.md section 20), in Debian's headless Chromium driven by
// playwright-core through the SDK (sfu-client.js) on simulcast-page.html. Run by
// BrowserDynacastTest:
//
//   node browser-dynacast.mjs --url http://127.0.0.1:8080/ [--room r] [--out dir]
//                             [--timeout 200000] [--step-timeout 30000]
//
// A page publishes its fake camera at 1280x720 with the SDK's default simulcast (q/h/f) and
// dynacast (default on). Another page shows it in one element given to attachVideo (the SDK asks
// for the layer that fills it). Checks:
//   0. at 1280x720 the element gets the top layer (so `f` sends);
//   1. shrunk to 160x90: the publisher gets `layerswanted` without `f`, and its sender's
//      encoding `f` turns inactive (getParameters);
//   2. the outbound-rtp stream of rid `f` sends nothing for QUIET_MS (bytesSent flat, not 0);
//   3. grown to 1280x720 again: `layerswanted` names `f` again, the encoding is active, its
//      bytesSent grows, and the watcher is told of the top layer again and decodes its size.
// The summary gives the times (ms after the step began) and the counters.
//
// The last stdout line is the summary ({"ok": true, ...} or {"ok": false, "step", "reason"});
// progress goes to stderr. Exit code 0 on success, 1 when a check failed, 2 on bad arguments.

import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {BrowserRun} from './browser-run.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PAGE = readFileSync(path.join(here, 'simulcast-page.html'), 'utf8');
/** How long the paused encoding is watched for bytes that should not be sent. */
const QUIET_MS = 2000;

const run = new BrowserRun({
  name: 'browser-dynacast',
  roomPrefix: 'dynacast',
  timeout: '200000',
  validate(options) {
    if (!options.url) {
      throw new Error('--url is required (e.g. http://127.0.0.1:8080/)');
    }
  },
  summary: {stopped: null, quiet: null, resumed: null, wanted: []},
  describe: async (page) => page.evaluate(async () => ({
    watchers: await window.sim.state(),
    sent: window.sim.publisher ? await window.sim.sent() : null,
  })),
});
const {options, summary, step, progress} = run;

/** Opens simulcast-page.html at the SFU's origin (see browser-simulcast.mjs). */
async function openPage(name) {
  const context = await run.browser.newContext({viewport: {width: 1400, height: 900}});
  const page = await context.newPage();
  page.setDefaultTimeout(run.stepTimeout);
  page.on('pageerror', (e) => summary.pageErrors.push(`${name}: ${e.message}`));
  run.pages.push({name, page});
  await page.goto(new URL('health', options.url).href);
  await page.setContent(PAGE);
  await page.waitForFunction(() => window.simReady === true);
  return page;
}

/** Polls `probe()` until `ready(value)` holds, for at most `ms`; returns the value. */
async function until(probe, ready, what, ms = run.stepTimeout) {
  const deadline = Date.now() + ms;
  let value;
  while (Date.now() < deadline) {
    value = await probe();
    if (ready(value)) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} not reached within ${ms} ms: ${JSON.stringify(value)}`);
}

/** The publisher's encoding `rid` (getParameters) and its outbound-rtp stream (getStats). */
function encoding(sent, rid) {
  return {active: sent.encodings.find((e) => e.rid === rid)?.active ?? null,
    bytesSent: sent.streams.find((s) => s.rid === rid)?.bytesSent ?? 0};
}

/** Whether a watcher is told of the top layer and decodes frames of its size. */
function decodesTop(w) {
  return w?.layer?.spatial === 2 && w.stats?.framesDecoded > 0
      && w.stats.frameWidth === w.layer.width && w.stats.frameHeight === w.layer.height;
}

/** Whether the last `layerswanted` names `rid`; null before the first. */
function wants(sent, rid) {
  const last = sent.wanted.at(-1);
  return last ? last.rids.includes(rid) : null;
}

run.run(async () => {
  await run.launch();
  const room = options.room;
  const publisher = await step('open publisher', () => openPage('publisher'));
  const watchers = await step('open watcher', () => openPage('watchers'));
  await step('publish the 1280x720 camera with simulcast',
      () => publisher.evaluate((r) => window.sim.publish(r), room));
  const sent = () => publisher.evaluate(() => window.sim.sent());
  const rids = (await sent()).encodings.map((e) => e.rid).join(',');
  if (rids !== 'q,h,f') {
    throw new Error(`the publisher's encodings are ${rids}`);
  }
  await step('a 1280x720 tile joins', () => watchers.evaluate(([r, b]) => window.sim.watch(r,
      'tile', b), [room, {left: 0, top: 0, width: 1280, height: 720}]));
  const state = () => watchers.evaluate(() => window.sim.state());
  // Chromium adds f once its estimate of the uplink allows (tens of seconds on a loaded
  // machine): the quiet check below must see an encoding stop, not one that never started
  const big = await step('the tile gets the top layer',
      () => until(state, (s) => decodesTop(s.tile), 'the top layer decoded', 90000));
  summary.firstTop = {decoded: `${big.tile.stats.frameWidth}x${big.tile.stats.frameHeight}`,
    f: encoding(await sent(), 'f')};
  await step('the tile shrinks to 160x90', () => watchers.evaluate(() => {
    Object.assign(document.querySelector('video').style, {width: '160px', height: '90px'});
  }));

  const stopStart = Date.now();
  const stopped = await step('the publisher is told f is not wanted and pauses it',
      () => until(sent, (s) => wants(s, 'f') === false && encoding(s, 'f').active === false,
          'f paused', 30000));
  summary.stopped = {ms: Date.now() - stopStart, wanted: stopped.wanted.at(-1)};

  summary.quiet = await step('the f stream sends nothing while paused', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500)); // packets already queued
    const before = encoding(await sent(), 'f').bytesSent;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const after = encoding(await sent(), 'f').bytesSent;
    return {before, after, quietMs: QUIET_MS};
  });
  if (summary.quiet.after !== summary.quiet.before || summary.quiet.before === 0) {
    throw new Error(`f sent while paused, or never: ${JSON.stringify(summary.quiet)}`);
  }

  await step('the tile grows to 1280x720 again', () => watchers.evaluate(() => {
    Object.assign(document.querySelector('video').style, {width: '1280px', height: '720px'});
  }));
  const growStart = Date.now();
  const resumed = await step('f is wanted again, active, and sends',
      () => until(sent, (s) => wants(s, 'f') === true && encoding(s, 'f').active === true
          && encoding(s, 'f').bytesSent > summary.quiet.after, 'f resumed', 30000));
  const resumedMs = Date.now() - growStart;
  const decoded = await step('the tile gets the top layer again',
      () => until(state, (s) => decodesTop(s.tile) && s.tile.layers.length > big.tile.layers.length,
          'the top layer decoded again', 60000));
  summary.resumed = {ms: resumedMs, decodedMs: Date.now() - growStart,
    bytesSent: encoding(resumed, 'f').bytesSent, wanted: resumed.wanted.at(-1),
    decoded: `${decoded.tile.stats.frameWidth}x${decoded.tile.stats.frameHeight}`};
  summary.wanted = (await sent()).wanted;
  summary.layersTold = decoded.tile.layers.map((l) => l.rid ?? l.spatial);
  summary.checks.errors = decoded.tile.errors;
  progress(`dynacast: ${JSON.stringify({stopped: summary.stopped, quiet: summary.quiet,
    resumed: summary.resumed})}`);
  if (decoded.tile.errors.length > 0) {
    throw new Error(`SDK errors: ${JSON.stringify(decoded.tile.errors)}`);
  }
});
