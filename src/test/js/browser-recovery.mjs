#!/usr/bin/env node
// Browser test of the SDK's recovery (docs/protocol.md), in Debian's headless
// Chromium driven by playwright-core, through the demo page. Run by BrowserRecoveryTest, which
// owns two SFU nodes, `first` and `second`, and performs what this harness asks for:
//
//   node browser-recovery.mjs --url http://127.0.0.1:8080/ --second-url http://127.0.0.1:8081/
//                             [--room r] [--out dir] [--timeout 150000] [--step-timeout 30000]
//
// Two pages load the demo from the first node, with both nodes' signaling URLs (the demo's
// `urls`), join one room there, publish their (fake) cameras and decode each other's video.
// Then, three times, the harness asks the test to break the session and both pages must come
// back by themselves, without a click: each must decode frames of the other's SAME camera track
// (same track id, so republished, not re-captured) on a receiver created after the break, and
// its receiver's framesDecoded must grow. The breaks:
//   move:     the test calls moveRoom(room) on the first node: both pages get `room_moved` and
//             rejoin on their socket;
//   close:    the test calls closeConnections() on the first node: both sockets close with 1012
//             and the pages reconnect, after the backoff's first delay (250 ms ±20%), to the
//             next URL: the second node;
//   failover: the test stops the (idle) first node, then the second one, which the pages are
//             on; once both pages have failed a reconnection attempt, it starts the first node
//             again on its port, and the pages must end up there by themselves.
// Before the breaks page 1 mutes its microphone; after the move and after the close its sender
// must still carry no track, and page 2 must show it muted on page 1's new tile.
//
// Talking with the test, one JSON object per line: this harness writes {"request": <moveRoom,
// closeConnections, stopNode or startNode>, "node": <first or second>} on stdout and waits for
// {"done": <request>, "at": <epoch ms when the test triggered it>} on stdin. The last stdout
// line is the summary ({"ok": true, ...} or {"ok": false, "step", "reason"}); progress goes to
// stderr. Exit code 0 on success, 1 when a check failed, 2 on bad arguments.

import readline from 'node:readline';
import {BrowserRun} from './browser-run.mjs';
import {press} from './demo-page.mjs';

/** Frames a new receiver must present before a page counts as recovered. */
const FRAMES_AFTER = 10;

const run = new BrowserRun({
  name: 'browser-recovery',
  roomPrefix: 'recovery',
  timeout: '150000',
  options: {'second-url': {type: 'string'}},
  validate(options) {
    if (!options.url || !options['second-url']) {
      throw new Error('--url and --second-url are required (e.g. http://127.0.0.1:8080/ and '
          + 'http://127.0.0.1:8081/)');
    }
  },
  describe: async (page) => page.evaluate(() => ({
    status: document.getElementById('status')?.textContent,
    probe: window.probe,
    log: [...document.querySelectorAll('#log li')].slice(0, 30).map((li) => li.textContent),
  })),
});
const {options, summary, pages, step, progress} = run;
const testLines = readline.createInterface({input: process.stdin})[Symbol.asyncIterator]();

/** Asks the test to do something to an SFU node and waits until it is done. */
async function askTest(request, node) {
  process.stdout.write(`${JSON.stringify({request, node})}\n`);
  const {value, done} = await testLines.next();
  if (done) {
    throw new Error(`the test closed stdin instead of answering ${request}`);
  }
  const reply = JSON.parse(value);
  if (reply.done !== request) {
    throw new Error(`${request} failed: ${value}`);
  }
  return reply;
}

/** @param {string} httpUrl a node's demo page URL @returns {string} its signaling URL */
function signalingUrl(httpUrl) {
  const url = new URL('ws', httpUrl);
  url.protocol = 'ws:';
  return url.href;
}

/** Asks the test for `request` as a step. @returns {Promise<number>} when it was triggered */
async function ask(request, node) {
  const {at} = await step(`the test calls ${request} on the ${node} node`,
      () => askTest(request, node));
  return at;
}

/** Opens a page that knows both nodes' signaling URLs, with the recovery probe installed. */
async function openPage(name) {
  const page = await run.openPage(name,
      {urls: [options.url, options['second-url']].map(signalingUrl).join(',')});
  await page.evaluate(installProbe);
  return page;
}

/**
 * Runs in the page: records the SDK's recovery events and, for every remote video track, the
 * frames its tile's <video> presents (requestVideoFrameCallback) and its receiver. `arm()`
 * starts a new record; only tracks that arrive after it count.
 */
function installProbe() {
  const client = window.sfuDemo.client;
  /** @type {RTCRtpReceiver[]} by the index of the record in probe.remotes */
  const receivers = [];
  window.probeReceivers = receivers;
  window.arm = () => {
    receivers.length = 0;
    window.probe = {armedAt: Date.now(), events: [], remotes: []};
  };
  window.arm();
  for (const type of ['moved', 'reconnecting', 'rejoined', 'disconnected']) {
    client.addEventListener(type, (e) => {
      const detail = {...e.detail, error: e.detail.error?.message ?? null, url: client.url};
      window.probe.events.push({type, at: Date.now(), detail});
    });
  }
  client.addEventListener('trackremoved', (e) => {
    const {info, reason} = e.detail;
    window.probe.events.push({type: 'trackremoved', at: Date.now(),
      detail: {clientId: info.clientId, trackId: info.trackId, kind: info.kind, reason}});
  });
  // demo.js listened first: the tile of this track is in the page already
  client.addEventListener('remotetrack', (e) => {
    const {track, info, receiver} = e.detail;
    if (track.kind !== 'video') {
      return;
    }
    const record = {clientId: info.clientId, trackId: info.trackId, at: Date.now(), frames: 0,
      firstFrameAt: null};
    window.probe.remotes.push(record);
    receivers.push(receiver);
    const tile = [...document.querySelectorAll('.tile.remote.video')]
        .find((t) => t.dataset.clientId === info.clientId && t.dataset.trackId === info.trackId);
    const video = tile?.querySelector('video');
    const onFrame = () => {
      record.frames++;
      record.firstFrameAt ??= Date.now();
      video.requestVideoFrameCallback(onFrame);
    };
    video?.requestVideoFrameCallback(onFrame);
  });
}

/**
 * Waits until the page presents FRAMES_AFTER frames of `trackId` on a receiver that arrived
 * after the probe was armed, then until that receiver's framesDecoded grows.
 */
async function expectDecoding(page, trackId) {
  const handle = await page.waitForFunction(([id, n]) => {
    const index = window.probe.remotes.findIndex((r) => r.trackId === id && r.frames >= n);
    return index < 0 ? null : {...window.probe.remotes[index], index};
  }, [trackId, FRAMES_AFTER]);
  const remote = await handle.jsonValue();
  const framesDecoded = (index) => window.probeReceivers[index].getStats().then((report) => {
    let decoded = 0;
    report.forEach((s) => {
      if (s.type === 'inbound-rtp') {
        decoded = Math.max(decoded, s.framesDecoded ?? 0);
      }
    });
    return decoded;
  });
  const first = await page.evaluate(`(${framesDecoded})(${remote.index})`);
  await page.waitForFunction(`(${framesDecoded})(${remote.index}).then((n) => n > ${first})`,
      undefined, {polling: 100});
  return {...remote, framesDecodedGrewFrom: first};
}

/** The camera track id of the other page, as this page's tile of it says. */
async function remoteCameraTrackId(page, clientId) {
  return page.$eval(`.tile.remote.video[data-client-id="${clientId}"][data-source="media"]`,
      (tile) => tile.dataset.trackId);
}

/**
 * Page 1's muted microphone after a recovery: its sender carries no track (nothing goes out)
 * and page 2 shows it muted on page 1's new participant tile.
 * @returns {Promise<{senderTrack: string|null, micOnOtherPage: string}>}
 */
async function muteKept(mutedPage, otherPage, newClientId) {
  const senderTrack = await mutedPage.evaluate(() => {
    const microphone = window.sfuDemo.client.pc.getTransceivers().find(
        (t) => t.direction === 'sendonly' && t.receiver.track.kind === 'audio');
    return !microphone ? 'no microphone transceiver'
      : microphone.sender.track ? microphone.sender.track.readyState : null;
  });
  await otherPage.waitForSelector(
      `.participant[data-client-id="${newClientId}"][data-mic="muted"]`);
  return {senderTrack, micOnOtherPage: 'muted'};
}

/**
 * Breaks the session through the test, then checks that both pages come back by themselves.
 * @param {string} label
 * @param {() => Promise<number>} trigger breaks it; resolves with the time it did
 * @param {{alice: string, bob: string}} cameras
 */
async function breakAndRecover(label, trigger, cameras) {
  await Promise.all(pages.map(({page}) => page.evaluate(() => window.arm())));
  const at = await trigger();
  const result = {triggeredAt: at};
  for (const {name, page} of pages) {
    const other = name === 'alice' ? 'bob' : 'alice';
    const remote = await step(`${name} decodes ${other}'s camera again after ${label}`,
        () => expectDecoding(page, cameras[other]));
    await page.waitForSelector('#status[data-state="joined"]');
    const probe = await page.evaluate(() => window.probe);
    result[name] = {
      triggerToFirstFrameMs: remote.firstFrameAt - at,
      triggerToRemoteTrackMs: remote.at - at,
      framesSeen: remote.frames,
      framesDecodedGrewFrom: remote.framesDecodedGrewFrom,
      trackId: remote.trackId,
      newClientIdOfOther: remote.clientId,
      events: probe.events.filter((e) => e.type !== 'trackremoved')
          .map((e) => ({type: e.type, ms: e.at - at, ...e.detail})),
      removedReasons: [...new Set(probe.events.filter((e) => e.type === 'trackremoved')
          .map((e) => e.detail.reason))],
    };
    progress(`${name}: first frame ${result[name].triggerToFirstFrameMs} ms after ${label}`);
  }
  return result;
}

await run.run(async () => {
  await run.launch();
  const {page1: alicePage, page2: bobPage, alice, bob} = await run.twoPagesPublishCameras(openPage);
  summary.clients = {alice, bob};

  // each page's camera track id, as the other page receives it: it must stay the same
  await step('page 1 decodes page 2\'s camera', () => alicePage.waitForSelector(
      `.tile.remote.video[data-client-id="${bob}"] video`));
  await step('page 2 decodes page 1\'s camera', () => bobPage.waitForSelector(
      `.tile.remote.video[data-client-id="${alice}"] video`));
  const cameras = {alice: await remoteCameraTrackId(bobPage, alice),
    bob: await remoteCameraTrackId(alicePage, bob)};
  summary.cameras = cameras;
  summary.checks.before = {
    alice: await step('page 1 plays page 2 before', () => expectDecoding(alicePage, cameras.bob)),
    bob: await step('page 2 plays page 1 before', () => expectDecoding(bobPage, cameras.alice)),
  };

  // a muted microphone must stay muted through every recovery: silent on the wire, and
  // shown muted to the others, in rooms that never heard of the mute
  await step('page 1 turns its microphone on and mutes it', async () => {
    await press(alicePage, 'microphone');
    await press(alicePage, 'microphone', false);
  });
  await step('page 2 shows page 1\'s microphone muted', () => bobPage.waitForSelector(
      `.participant[data-client-id="${alice}"][data-mic="muted"]`));

  summary.checks.move = await breakAndRecover('the room moved',
      () => ask('moveRoom', 'first'), cameras);
  summary.checks.move.muteKept = await step('page 1\'s microphone is still muted after the move',
      () => muteKept(alicePage, bobPage, summary.checks.move.bob.newClientIdOfOther));
  summary.checks.close = await breakAndRecover('the sockets closed',
      () => ask('closeConnections', 'first'), cameras);
  summary.checks.close.muteKept = await step(
      'page 1\'s microphone is still muted after the sockets closed',
      () => muteKept(alicePage, bobPage, summary.checks.close.bob.newClientIdOfOther));
  await ask('stopNode', 'first');
  summary.checks.failover = await breakAndRecover('the node died', async () => {
    const at = await ask('stopNode', 'second');
    await step('both pages fail to reconnect at least once', () => Promise.all(pages.map(
        ({page}) => page.waitForFunction(() => window.probe.events.some(
            (e) => e.type === 'reconnecting' && e.detail.attempt >= 2)))));
    await ask('startNode', 'first');
    return at;
  }, cameras);
});
