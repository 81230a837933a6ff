#!/usr/bin/env node
// Firefox and Chromium in one room through the demo page: the second browser engine of the
// suite, against a node on its default media settings.
//
//   node browser-firefox.mjs --url http://127.0.0.1:8080/ [--room ff-1] [--out ../../../target/browser]
//                            [--firefox /usr/bin/firefox-esr] [--chromium /usr/bin/chromium]
//                            [--timeout 180000] [--step-timeout 30000]
//
// Debian's Firefox ESR (puppeteer-core over WebDriver BiDi, firefox.mjs) and Debian's Chromium
// (playwright-core, browser-run.mjs) each open the demo page, join one room and publish their
// fake camera and microphone. Each must then, by its RTCPeerConnection's getStats(), decode the
// other's video (inbound-rtp framesDecoded rising, at the size the publisher sends: its camera's
// 640x480, or the smaller one its encoder chose at the moment, by its outbound-rtp) and receive
// its audio (inbound-rtp packetsReceived rising, audio energy above zero). Firefox pairs its
// host candidates only with the SFU's non-loopback ones, so this fails on a node that announces
// 127.0.0.1 alone. Screenshots of both pages go to <out>/firefox-chromium-*.png.
//
// stdout carries exactly one line, a JSON summary ({"ok": true, ...} or {"ok": false,
// "step": ..., "reason": ...}); progress goes to stderr. Exit code 0 on success, 1 when a check
// failed, 2 on bad arguments.

import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {BrowserRun} from './browser-run.mjs';
import {launchFirefox} from './firefox.mjs';

/** How many more frames a decoder must show after its first, and audio packets (20 ms each). */
const FRAMES_RISE = 30;
const PACKETS_RISE = 50;
const POLL_MS = 200;

const run = new BrowserRun({
  name: 'browser-firefox',
  roomPrefix: 'firefox',
  timeout: '180000',
  options: {firefox: {type: 'string', default: '/usr/bin/firefox-esr'}},
  validate(options) {
    if (!options.url) {
      throw new Error('--url is required (the SFU\'s demo page, e.g. http://127.0.0.1:8080/)');
    }
  },
  summary: {firefox: null, screenshots: []},
  describe,
  failureScreenshot: true,
  consoleErrors: false,
});
const {options, summary, step} = run;

/** What a page shows, for a failure report (the same call in both engines). */
async function describe(page) {
  return page.evaluate(async () => {
    const pc = window.sfuDemo?.client.pc;
    const stats = [];
    if (pc) {
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' || s.type === 'candidate-pair' || s.type === 'outbound-rtp') {
          stats.push({type: s.type, kind: s.kind, state: s.state, packets: s.packetsReceived
            ?? s.packetsSent, framesDecoded: s.framesDecoded});
        }
      });
    }
    return {
      status: document.getElementById('status')?.textContent,
      peer: document.getElementById('peer-state')?.textContent,
      sfu: document.getElementById('sfu-state')?.textContent,
      iceConnectionState: pc?.iceConnectionState,
      stats,
      log: [...document.querySelectorAll('#log li')].slice(0, 20).map((li) => li.textContent),
    };
  });
}

/**
 * Polls `read` in the page every POLL_MS until `done` holds for its value, for at most the step
 * timeout; a timeout names `what` and the last value read.
 */
async function poll(page, what, read, arg, done) {
  const deadline = Date.now() + run.stepTimeout;
  let last;
  for (;;) {
    last = await page.evaluate(read, arg);
    if (done(last)) {
      return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${run.stepTimeout} ms; last seen ${JSON.stringify(last)}`);
    }
    await delay(POLL_MS);
  }
}

/** In the page: the inbound-rtp stream of `kind` that received most, from getStats(). */
async function inbound(kind) {
  const report = await window.sfuDemo.client.pc.getStats();
  let best = null;
  report.forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === kind
        && (best === null || (s.packetsReceived ?? 0) > (best.packetsReceived ?? 0))) {
      best = s;
    }
  });
  if (best === null) {
    return null;
  }
  const video = [...document.querySelectorAll('.tile.remote.video video')]
      .find((v) => v.videoWidth > 0);
  return {packetsReceived: best.packetsReceived ?? 0, framesDecoded: best.framesDecoded ?? 0,
    frameWidth: best.frameWidth, frameHeight: best.frameHeight,
    audioLevel: best.audioLevel, totalAudioEnergy: best.totalAudioEnergy,
    codec: report.get(best.codecId)?.mimeType,
    videoWidth: video?.videoWidth, videoHeight: video?.videoHeight};
}

/** In the page: the size its camera captures, and the SFU address its ICE pair uses. */
async function local() {
  const camera = window.sfuDemo.client.localTracks.find((t) => t.track.kind === 'video');
  const settings = camera?.track.getSettings() ?? {};
  const report = await window.sfuDemo.client.pc.getStats();
  let pair = null;
  report.forEach((s) => {
    if (s.type === 'candidate-pair' && s.state === 'succeeded' && (s.selected || s.nominated)) {
      const remote = report.get(s.remoteCandidateId);
      pair = `${remote?.address ?? remote?.ip}:${remote?.port}`;
    }
  });
  return {width: settings.width, height: settings.height, sfuCandidate: pair};
}

/** Opens the demo page in Firefox, recording its errors, and waits until the demo is ready. */
async function openFirefoxPage(browser, name) {
  const page = await browser.newPage();
  page.setDefaultTimeout(run.stepTimeout);
  page.on('pageerror', (e) => summary.pageErrors.push(`${name}: ${e.message}`));
  run.pages.push({name, page});
  await page.goto(demoUrl(name));
  await waitForDemo(page);
  return page;
}

function demoUrl(name) {
  const url = new URL(options.url);
  url.searchParams.set('room', options.room);
  url.searchParams.set('name', name);
  return url.href;
}

async function waitForDemo(page) {
  await poll(page, 'the demo page loads', () => window.sfuDemo !== undefined, null, Boolean);
}

/** Clicks Join and waits for the outcome. @returns {Promise<string>} the client id */
async function join(page) {
  await page.click('#join');
  const state = await poll(page, 'join', () => ({
    state: document.getElementById('status').dataset.state,
    text: document.getElementById('status').textContent,
    clientId: document.getElementById('client-id').textContent.trim(),
  }), null, (s) => s.state === 'joined' || s.state === 'error');
  if (state.state !== 'joined') {
    throw new Error(`join failed: ${state.text}`);
  }
  return state.clientId;
}

/** Clicks a publishing button and waits until it is on. */
async function press(page, button) {
  await page.click(`#${button}`);
  const state = await poll(page, `${button} on`, (id) => ({
    pressed: document.getElementById(id).getAttribute('aria-pressed') === 'true'
        && !document.getElementById(id).disabled,
    error: document.getElementById('status').dataset.state === 'error',
    text: document.getElementById('status').textContent,
  }), button, (s) => s.pressed || s.error);
  if (state.error) {
    throw new Error(`${button} failed: ${state.text}`);
  }
}

/** In the page: the size its video encoder sends now (outbound-rtp), from getStats(). */
async function sent() {
  const report = await window.sfuDemo.client.pc.getStats();
  const sizes = [];
  report.forEach((s) => {
    if (s.type === 'outbound-rtp' && s.kind === 'video' && s.frameWidth) {
      sizes.push({width: s.frameWidth, height: s.frameHeight});
    }
  });
  return sizes;
}

/**
 * Waits until `page` decodes video frames, then until framesDecoded rose by FRAMES_RISE and
 * the decoded size (getStats and the video element) is a size the publisher sends: its
 * camera's, or the smaller one its encoder chose (it starts low and steps up with the estimated
 * bandwidth, and steps down when the CPU is busy). The SDK publishes with simulcast and asks for
 * the encoding that fills the tile, so that may be any of its encodings (one outbound-rtp each).
 */
async function expectVideo(page, who, publisher, capture) {
  const first = await poll(page, `${who} decodes a video frame`, inbound, 'video',
      (s) => s !== null && s.framesDecoded > 0 && s.videoWidth > 0);
  const deadline = Date.now() + run.stepTimeout;
  for (;;) {
    const received = await page.evaluate(inbound, 'video');
    const sending = await publisher.evaluate(sent);
    const width = received.frameWidth ?? received.videoWidth;
    const height = received.frameHeight ?? received.videoHeight;
    const rightSize = (size) => size !== null && width === size.width && height === size.height
        && received.videoWidth === size.width && received.videoHeight === size.height;
    if (received.framesDecoded >= first.framesDecoded + FRAMES_RISE
        && (rightSize(capture) || sending.some(rightSize))) {
      return {...received, firstFramesDecoded: first.framesDecoded, capture, sent: sending};
    }
    if (Date.now() > deadline) {
      throw new Error(`${who} decodes ${width}x${height} (element ${received.videoWidth}x`
          + `${received.videoHeight}, framesDecoded ${first.framesDecoded} then `
          + `${received.framesDecoded}); the publisher captures ${capture.width}x`
          + `${capture.height} and sends ${JSON.stringify(sending)}`);
    }
    await delay(POLL_MS);
  }
}

/** Waits until `page` receives audio packets, more of them, and audio energy above zero. */
async function expectAudio(page, who) {
  const first = await poll(page, `${who} receives audio`, inbound, 'audio',
      (s) => s !== null && s.packetsReceived > 0);
  const later = await poll(page, `${who}'s audio packetsReceived rises and carries sound`,
      inbound, 'audio', (s) => s.packetsReceived >= first.packetsReceived + PACKETS_RISE
        && (s.totalAudioEnergy > 0 || s.audioLevel > 0));
  return {packetsReceived: later.packetsReceived, firstPacketsReceived: first.packetsReceived,
    audioLevel: later.audioLevel, totalAudioEnergy: later.totalAudioEnergy, codec: later.codec};
}

await run.run(async () => {
  await run.launch();
  const firefox = await step('launch firefox', () => launchFirefox(options.firefox,
      path.join(options.out, 'firefox-profile'), run.stepTimeout * 3));
  run.closers.push(() => firefox.close());
  summary.firefox = await firefox.version();

  const fox = await step('open the Firefox page', () => openFirefoxPage(firefox, 'firefox'));
  const chrome = await step('open the Chromium page', () => run.openPage('chromium'));
  const foxId = await step('Firefox joins', () => join(fox));
  await step('Firefox publishes camera', () => press(fox, 'camera'));
  await step('Firefox publishes microphone', () => press(fox, 'microphone'));
  const chromeId = await step('Chromium joins', () => join(chrome));
  await step('Chromium publishes camera', () => press(chrome, 'camera'));
  await step('Chromium publishes microphone', () => press(chrome, 'microphone'));
  summary.clients = {firefox: foxId, chromium: chromeId};

  const foxCamera = await fox.evaluate(local);
  const chromeCamera = await chrome.evaluate(local);
  summary.checks.chromiumSeesFirefox = await step('Chromium decodes Firefox\'s video',
      () => expectVideo(chrome, 'Chromium', fox, foxCamera));
  summary.checks.chromiumHearsFirefox = await step('Chromium receives Firefox\'s audio',
      () => expectAudio(chrome, 'Chromium'));
  summary.checks.firefoxSeesChromium = await step('Firefox decodes Chromium\'s video',
      () => expectVideo(fox, 'Firefox', chrome, chromeCamera));
  summary.checks.firefoxHearsChromium = await step('Firefox receives Chromium\'s audio',
      () => expectAudio(fox, 'Firefox'));
  summary.checks.firefoxPair = await fox.evaluate(local);
  summary.checks.chromiumPair = await chrome.evaluate(local);

  for (const [name, p] of [['firefox', fox], ['chromium', chrome]]) {
    const file = path.join(options.out, `firefox-chromium-${name}.png`);
    await step(`screenshot of the ${name} page`, () => p.screenshot({path: file, fullPage: true}));
    summary.screenshots.push(file);
  }
});
