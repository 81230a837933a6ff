#!/usr/bin/env node
// Browser test of simulcast and adaptive stream (docs/protocol.md section 17), in Debian's
// headless Chromium driven by playwright-core through the SDK (sfu-client.js) on a bare page
// (simulcast-page.html, put at the SFU's origin). Run by BrowserSimulcastTest:
//
//   node browser-simulcast.mjs --url http://127.0.0.1:8080/ [--room r] [--out dir]
//                              [--timeout 120000] [--step-timeout 30000]
//
// A page publishes its fake camera at 1280x720 with the SDK's default simulcast (three rid
// encodings, q/h/f). Another page holds three subscribing SfuClients, each showing the camera in
// a video element given to attachVideo, so that the SDK sends track_settings by itself:
//   big:    1280x720 CSS pixels, in view   -> must get the top layer (spatial 2) and decode its size
//   small:   160x90, in view               -> must get the lowest layer (spatial 0), <= 320 wide
//   hidden:  640x360, out of the viewport  -> must be paused: told spatial -1, or told nothing
//                                             when paused before its first packet; its
//                                             packetsReceived does not grow
// Then the small element grows to 640x360 (the SDK must ask for the middle layer, spatial 1) and
// the hidden one comes into view (it must get a layer again and decode). `tiles` in the summary
// gives what each received.
//
// The last stdout line is the summary ({"ok": true, ...} or {"ok": false, "step", "reason"});
// progress goes to stderr. Exit code 0 on success, 1 when a check failed, 2 on bad arguments.

import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {BrowserRun} from './browser-run.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PAGE = readFileSync(path.join(here, 'simulcast-page.html'), 'utf8');
/** How long a paused track is watched for packets that should not come. */
const QUIET_MS = 2000;

const BOXES = {
  big: {left: 0, top: 0, width: 1280, height: 720},
  small: {left: 0, top: 730, width: 160, height: 90},
  hidden: {left: -4000, top: 0, width: 640, height: 360},
};

const run = new BrowserRun({
  name: 'browser-simulcast',
  roomPrefix: 'simulcast',
  timeout: '120000',
  validate(options) {
    if (!options.url) {
      throw new Error('--url is required (e.g. http://127.0.0.1:8080/)');
    }
  },
  summary: {tiles: {}, publisher: null},
  describe: async (page) => page.evaluate(async () => ({
    watchers: await window.sim.state(),
    sent: window.sim.publisher ? await window.sim.sent() : null,
  })),
});
const {options, summary, step, progress} = run;

/**
 * Opens the bare page at the SFU's origin: a document the SFU served (its /health) is replaced
 * by simulcast-page.html (a page fulfilled by page.route would fail Chromium's local network
 * access checks, see browser-turn.mjs).
 */
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

/**
 * Polls the watchers' state until `ready(state)` holds, for at most `ms` (default: the step
 * timeout).
 */
async function until(page, ready, what, ms = run.stepTimeout) {
  const deadline = Date.now() + ms;
  let state;
  while (Date.now() < deadline) {
    state = await page.evaluate(() => window.sim.state());
    if (ready(state)) {
      return state;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} not reached within ${ms} ms: ${JSON.stringify(state)}`);
}

/** Whether a watcher is told of layer `spatial` and decodes frames of that layer's size. */
function decodes(w, spatial) {
  return w?.layer?.spatial === spatial && w.stats !== null && w.stats.framesDecoded > 0
      && w.stats.frameWidth === w.layer.width && w.stats.frameHeight === w.layer.height;
}

/** Whether a watcher was attached and told of no layer, or of none (-1). */
function paused(w) {
  return w?.attached === true && (w.layer === null || w.layer.spatial === -1);
}

/**
 * What a watcher received, for the summary. `layersTold` lists the layers it was told of, with
 * the ms since `since` (its join) at which each came.
 */
function tile(w, since = 0) {
  return {box: `${w.box.width}x${w.box.height}`, spatial: w.layer?.spatial ?? null,
    rid: w.layer?.rid ?? null, layer: w.layer?.width ? `${w.layer.width}x${w.layer.height}` : null,
    decoded: w.stats ? `${w.stats.frameWidth}x${w.stats.frameHeight}` : null,
    framesDecoded: w.stats?.framesDecoded ?? 0, packetsReceived: w.stats?.packetsReceived ?? 0,
    layersTold: w.layers.map((l) => `${l.rid ?? l.spatial}@${l.at - since}ms`)};
}

run.run(async () => {
  await run.launch();
  const room = options.room;
  const publisher = await step('open publisher', () => openPage('publisher'));
  const watchers = await step('open watchers', () => openPage('watchers'));
  await step('publish the 1280x720 camera with simulcast',
      () => publisher.evaluate((r) => window.sim.publish(r), room));
  const joinedAt = await watchers.evaluate(() => Math.round(performance.now()));
  for (const [name, box] of Object.entries(BOXES)) {
    await step(`${name} joins`, () => watchers.evaluate(([r, n, b]) => window.sim.watch(r, n, b),
        [room, name, box]));
  }

  const first = await step('big gets the top layer, small the lowest, hidden none',
      () => until(watchers, (s) => decodes(s.big, 2) && decodes(s.small, 0)
          && s.small.stats.frameWidth <= 320 && paused(s.hidden),
      'the layers for the three tiles', 60000)); // Chromium sends `f` once its estimate allows
  summary.tiles.big = tile(first.big, joinedAt);
  summary.tiles.small = tile(first.small, joinedAt);

  const quiet = await step('the hidden tile gets no video packets', async () => {
    const before = (await watchers.evaluate(() => window.sim.state())).hidden;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const after = (await watchers.evaluate(() => window.sim.state())).hidden;
    return {before, after};
  });
  if (!paused(quiet.after)) {
    throw new Error(`the hidden tile is not paused: ${JSON.stringify(quiet.after)}`);
  }
  summary.tiles.hidden = {...tile(quiet.after, joinedAt),
    packetsReceivedBefore: quiet.before.stats?.packetsReceived ?? 0,
    packetsReceivedAfter: quiet.after.stats?.packetsReceived ?? 0, quietMs: QUIET_MS};
  if (summary.tiles.hidden.packetsReceivedAfter !== summary.tiles.hidden.packetsReceivedBefore) {
    throw new Error(`the hidden tile received packets while paused: ${JSON.stringify(quiet)}`);
  }

  summary.publisher = await step('the publisher sends three rid encodings',
      () => publisher.evaluate(() => window.sim.sent()));
  const rids = summary.publisher.encodings.map((e) => e.rid).join(',');
  if (rids !== 'q,h,f' || !summary.publisher.offerHasSimulcast) {
    throw new Error(`the publisher's encodings are ${rids}: ${JSON.stringify(summary.publisher)}`);
  }

  await step('the small tile grows to 640x360 and the hidden one comes into view',
      () => watchers.evaluate(() => {
        const videos = document.querySelectorAll('video');
        for (const video of videos) {
          if (video.dataset.name === 'small') {
            Object.assign(video.style, {width: '640px', height: '360px'});
          } else if (video.dataset.name === 'hidden') {
            Object.assign(video.style, {left: '660px', top: '730px'});
          }
        }
      }));
  const later = await step('the grown tile gets the middle layer, the shown one a layer again',
      () => until(watchers, (s) => decodes(s.small, 1) && s.hidden.layer?.spatial >= 0
          && s.hidden.stats?.framesDecoded > (quiet.after.stats?.framesDecoded ?? 0)
          && s.hidden.stats?.packetsReceived > (quiet.after.stats?.packetsReceived ?? 0),
      'the middle layer for the grown tile and a layer for the shown one'));
  summary.tiles.grown = tile(later.small, joinedAt);
  summary.tiles.shown = tile(later.hidden, joinedAt);
  summary.checks.errors = Object.fromEntries(Object.entries(later).map(([n, w]) => [n, w.errors]));
  progress(`tiles: ${JSON.stringify(summary.tiles)}`);
  if (Object.values(summary.checks.errors).some((e) => e.length > 0)) {
    throw new Error(`SDK errors: ${JSON.stringify(summary.checks.errors)}`);
  }
});
