#!/usr/bin/env node
// A Chromium subscriber for the shaped-link test (ShapedChromiumTest, issue 13). The Java test
// runs this script INSIDE the test's network namespace (`ip netns exec <ns> node ...`), so the
// Chromium it launches is inside too: its media and its page come from the SFU through the
// shaped veth, while the DevTools pipe between this script and Chromium stays in the namespace.
//
//   node shaped-chromium.mjs --url http://10.77.N.1:PORT/ --room r --profile dir
//                            [--chromium /usr/bin/chromium] [--interval 250] [--timeout 300000]
//
// Chromium runs headless with a profile of its own (--profile, made by the test under target/,
// which deletes it). The page is simulcast-page.html put at the SFU's origin; one SfuClient
// (the SDK) subscribes to everything and shows the camera in a 1280x720 video element given to
// attachVideo, so the SDK asks for the top layer by itself (track_settings). What the SFU
// allows on top of that is its bandwidth allocation's choice.
//
// Output, one JSON object per stdout line, each with `t` (epoch ms, the same clock as the JVM's
// System.currentTimeMillis):
//   {"event":"joined","clientId":...}            once the SDK joined
//   {"event":"layer","spatial":..,"rid":..,"width":..,"height":..}   each SDK `layerchange`,
//                                                 with the page's time of it
//   {"event":"sample", video inbound-rtp: frameWidth, frameHeight, framesDecoded, bytesReceived,
//    packetsReceived, packetsLost, freezeCount, totalFreezesDuration; audio inbound-rtp:
//    audioPacketsReceived, audioPacketsLost}      every --interval ms
//   {"event":"error","message":...}              then exit 1
// It stops (closing Chromium, exit 0) when its stdin closes, or after --timeout ms. Progress
// goes to stderr.

import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {chromium} from 'playwright-core';
import {CHROMIUM_ARGS} from './demo-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PAGE = readFileSync(path.join(here, 'simulcast-page.html'), 'utf8');
const BOX = {left: 0, top: 0, width: 1280, height: 720};
const NAME = 'chromium';

const {values: options} = parseArgs({options: {
  'url': {type: 'string'},
  'room': {type: 'string'},
  'profile': {type: 'string'},
  'chromium': {type: 'string', default: '/usr/bin/chromium'},
  'interval': {type: 'string', default: '250'},
  'timeout': {type: 'string', default: '300000'},
}});

const started = Date.now();
/** @type {import('playwright-core').BrowserContext|null} */
let context = null;
let stopping = false;

function emit(event, fields = {}) {
  process.stdout.write(`${JSON.stringify({event, t: Date.now(), ...fields})}\n`);
}

function progress(text) {
  process.stderr.write(`[shaped-chromium +${((Date.now() - started) / 1000).toFixed(1)}s] ${text}\n`);
}

async function stop(code) {
  if (stopping) {
    return;
  }
  stopping = true;
  await context?.close().catch(() => {});
  process.exit(code);
}

/** The subscriber's inbound streams as the page's getStats gives them. */
function sample() {
  const w = window.sim.watchers.get('chromium');
  const pick = (report, kind) => {
    let best = null;
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === kind
          && (!best || (s.packetsReceived ?? 0) > (best.packetsReceived ?? 0))) {
        best = s;
      }
    });
    return best;
  };
  return Promise.all([w.receiver ? w.receiver.getStats() : null, w.client.pc?.getStats()])
      .then(([receiverReport, pcReport]) => {
        const video = receiverReport ? pick(receiverReport, 'video') : null;
        const audio = pcReport ? pick(pcReport, 'audio') : null;
        return {frameWidth: video?.frameWidth ?? 0, frameHeight: video?.frameHeight ?? 0,
          framesDecoded: video?.framesDecoded ?? 0, bytesReceived: video?.bytesReceived ?? 0,
          packetsReceived: video?.packetsReceived ?? 0, packetsLost: video?.packetsLost ?? 0,
          freezeCount: video?.freezeCount ?? 0,
          totalFreezesDuration: video?.totalFreezesDuration ?? 0,
          audioPacketsReceived: audio?.packetsReceived ?? 0,
          audioPacketsLost: audio?.packetsLost ?? 0,
          layers: w.layers.length};
      });
}

async function main() {
  if (!options.url || !options.room || !options.profile) {
    throw new Error('--url, --room and --profile are required');
  }
  progress(`launching ${options.chromium} with profile ${options.profile}`);
  context = await chromium.launchPersistentContext(options.profile, {
    executablePath: options.chromium, headless: true, args: CHROMIUM_ARGS,
    viewport: {width: 1400, height: 900}});
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(60000);
  page.on('pageerror', (e) => emit('error', {message: `page: ${e.message}`}));
  // a document the SFU served, replaced by the bare page (see browser-simulcast.mjs)
  await page.goto(new URL('health', options.url).href);
  await page.setContent(PAGE);
  await page.waitForFunction(() => window.simReady === true);
  const timeOrigin = await page.evaluate(() => performance.timeOrigin);
  progress(`joining ${options.room} at ${options.url}`);
  await page.evaluate(([r, n, b]) => window.sim.watch(r, n, b), [options.room, NAME, BOX]);
  emit('joined', {clientId: await page.evaluate(
      (n) => window.sim.watchers.get(n).client.clientId, NAME)});

  let layersSeen = 0;
  const interval = Number(options.interval);
  while (!stopping) {
    const state = await page.evaluate(sample);
    if (state.layers > layersSeen) {
      const layers = await page.evaluate((n) => window.sim.watchers.get(n).layers, NAME);
      for (const layer of layers.slice(layersSeen)) {
        emit('layer', {spatial: layer.spatial, rid: layer.rid ?? null, width: layer.width ?? 0,
          height: layer.height ?? 0, t: Math.round(timeOrigin + layer.at)});
      }
      layersSeen = layers.length;
    }
    delete state.layers;
    emit('sample', state);
    const errors = await page.evaluate((n) => window.sim.watchers.get(n).errors, NAME);
    if (errors.length > 0) {
      throw new Error(`SDK errors: ${errors.join('; ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

process.stdin.on('end', () => {
  progress('stdin closed: stopping');
  stop(0);
});
process.stdin.resume();
setTimeout(() => {
  emit('error', {message: `ran longer than ${options.timeout} ms`});
  stop(1);
}, Number(options.timeout)).unref();

main().catch((e) => {
  if (!stopping) {
    emit('error', {message: e?.message ?? String(e)});
    stop(1);
  }
});
