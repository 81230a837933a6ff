#!/usr/bin/env node
// Browser end-to-end test of the SFU through its demo page, in Debian's headless Chromium
// driven by playwright-core (no downloaded browser).
//
//   node browser-e2e.mjs --url http://127.0.0.1:8080/ [--room e2e-1] [--out ../../../target/browser]
//                        [--timeout 120000] [--step-timeout 30000]
//
// Two pages join one room and publish their (fake) cameras; each must play the other's video
// (videoWidth > 0, currentTime advancing, a measured bitrate). Page 1 publishes its microphone:
// page 2 must receive packets on an audio tile. Page 1 shares its (fake) screen: page 2 must show
// a tile labelled `screen` that plays. Page 1 stops sharing (the tile must go) and shares again
// (a new screen tile must play; the SFU usually puts it on the m-line the first one freed, which
// is where a receiver keeps its first track object). Page 1 leaves: page 2's tiles of it must
// disappear. A screenshot of page 2 with both parties goes to <out>/two-party.png.
// The status line must be live: each page counts one other while both are in, page 2 counts
// none once page 1 left, and page 1 says it left with its peer and SFU states closed. A third
// page whose signaling URL has nothing listening must show the error banner when it joins.
//
// stdout carries exactly one line, a JSON summary ({"ok": true, ...} or {"ok": false,
// "step": ..., "reason": ...}); progress goes to stderr. Exit code 0 on success, 1 when a check
// failed, 2 on bad arguments.

import net from 'node:net';
import path from 'node:path';
import {BrowserRun} from './browser-run.mjs';
import {press} from './demo-page.mjs';

const run = new BrowserRun({
  name: 'browser-e2e',
  roomPrefix: 'e2e',
  timeout: '120000',
  validate(options) {
    if (!options.url) {
      throw new Error('--url is required (the SFU\'s demo page, e.g. http://127.0.0.1:8080/)');
    }
  },
  summary: {screenshot: null},
  describe,
  failureScreenshot: true,
  consoleErrors: true,
});
const {options, summary, step} = run;

/** What a page shows, for a failure report. */
async function describe(page) {
  return page.evaluate(() => ({
    status: document.getElementById('status')?.textContent,
    clientId: document.getElementById('client-id')?.textContent,
    peer: document.getElementById('peer-state')?.textContent,
    sfu: document.getElementById('sfu-state')?.textContent,
    tiles: [...document.querySelectorAll('.tile')].map((t) => ({
      class: t.className, clientId: t.dataset.clientId, source: t.dataset.source,
      label: t.querySelector('.label')?.textContent, stats: t.querySelector('.stats')?.textContent,
      videoWidth: t.querySelector('video')?.videoWidth,
      currentTime: t.querySelector('video')?.currentTime,
    })),
    log: [...document.querySelectorAll('#log li')].slice(0, 30).map((li) => li.textContent),
  }));
}

/** Waits until the page's remote audio tile of `clientId` receives packets. */
async function expectAudio(page, clientId) {
  const selector = `.tile.remote.audio[data-client-id="${clientId}"]`;
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.dataset.packets) > 0,
      selector);
  const first = Number(await page.getAttribute(selector, 'data-packets'));
  await page.waitForFunction(([sel, n]) =>
    Number(document.querySelector(sel)?.dataset.packets) > n, [selector, first]);
  return page.$eval(selector, (tile) => ({label: tile.querySelector('.label').textContent,
    stats: tile.querySelector('.stats').textContent, packets: Number(tile.dataset.packets),
    kbps: Number(tile.dataset.kbps)}));
}

/**
 * Waits until the page's status line counts `others` other clients in the room.
 * @returns {Promise<{others: number, text: string}>}
 */
async function expectMembers(page, others) {
  await page.waitForFunction((n) => {
    const status = document.getElementById('status');
    return status.dataset.state === 'joined' && status.dataset.others === String(n);
  }, others);
  const text = (await page.textContent('#status')).trim();
  if (!text.includes(`with ${others} other`)) {
    throw new Error(`the status counts ${others} others but says "${text}"`);
  }
  return {others, text};
}

/** A port of 127.0.0.1 where nothing listens (bound, then freed). */
function deadPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Waits until no remote tile of `clientId` with `source` is left. */
async function expectGone(page, clientId, source) {
  const selector = `.tile.remote[data-client-id="${clientId}"]${source ? `[data-source="${source}"]` : ''}`;
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, selector);
}

/**
 * Waits until the page plays a remote video tile of `clientId` with `source`: frames decoded
 * (videoWidth > 0) and currentTime advancing by at least 0.5 s.
 */
async function expectPlaying(page, clientId, source) {
  const selector = `.tile.remote.video[data-client-id="${clientId}"][data-source="${source}"] video`;
  await page.waitForFunction((sel) => {
    const video = document.querySelector(sel);
    return video !== null && video.videoWidth > 0;
  }, selector);
  const t0 = await page.$eval(selector, (v) => v.currentTime);
  await page.waitForFunction(([sel, start]) => {
    const video = document.querySelector(sel);
    return video !== null && video.currentTime >= start + 0.5;
  }, [selector, t0]);
  // The stats line refreshes every second from getStats: wait for a bitrate and a resolution.
  await page.waitForFunction((sel) => {
    const tile = document.querySelector(sel)?.closest('.tile');
    return tile?.dataset.resolution && Number(tile.dataset.kbps) > 0;
  }, selector);
  return page.$eval(selector, (v, start) => {
    const tile = v.closest('.tile');
    return {trackId: tile.dataset.trackId, mid: tile.dataset.mid,
      videoWidth: v.videoWidth, videoHeight: v.videoHeight,
      currentTimeAdvanced: Number((v.currentTime - start).toFixed(3)),
      label: tile.querySelector('.label').textContent, stats: tile.querySelector('.stats').textContent,
      kbps: Number(tile.dataset.kbps), packetsLost: Number(tile.dataset.packetsLost)};
  }, t0);
}

await run.run(async () => {
  await run.launch();
  const {page1, page2, alice, bob} = await run.twoPagesPublishCameras();
  summary.clients = {page1: alice, page2: bob};
  summary.checks.membersWhileBothIn = {
    page1: await step('page 1 counts one other', () => expectMembers(page1, 1)),
    page2: await step('page 2 counts one other', () => expectMembers(page2, 1)),
  };
  summary.checks.trackCodecs = await step('the SDK gives each available track its codec',
      () => page2.evaluate(() => window.sfuDemo.client.availableTracks.map((t) => t.codec)));

  summary.checks.page1SeesPage2 = await step('page 1 plays page 2\'s camera',
      () => expectPlaying(page1, bob, 'media'));
  summary.checks.page2SeesPage1 = await step('page 2 plays page 1\'s camera',
      () => expectPlaying(page2, alice, 'media'));

  await step('page 1 publishes microphone', () => press(page1, 'microphone'));
  summary.checks.page2HearsPage1 = await step('page 2 receives page 1\'s audio',
      () => expectAudio(page2, alice));

  await step('page 1 shares its screen', () => press(page1, 'screen'));
  const screen = await step('page 2 plays page 1\'s screen tile',
      () => expectPlaying(page2, alice, 'screen'));
  if (!/\bscreen\b/.test(screen.label)) {
    throw new Error(`the screen tile is labelled "${screen.label}"`);
  }
  summary.checks.page2SeesScreen = screen;

  summary.screenshot = path.join(options.out, 'two-party.png');
  await step('screenshot', () => page2.screenshot({path: summary.screenshot, fullPage: true}));

  await step('page 1 stops sharing', () => press(page1, 'screen', false));
  await step('page 2 drops the screen tile', () => expectGone(page2, alice, 'screen'));
  await step('page 1 shares its screen again', () => press(page1, 'screen'));
  const again = await step('page 2 plays the new screen tile',
      () => expectPlaying(page2, alice, 'screen'));
  if (again.trackId === screen.trackId) {
    throw new Error(`the second screen share shows the first one's track id ${screen.trackId}`);
  }
  summary.checks.page2SeesScreenAgain = {...again, sameMidAsFirst: again.mid === screen.mid};

  summary.checks.afterLeave = await step('page 1 leaves and says so', async () => {
    await page1.click('#leave');
    await page1.waitForSelector('#status[data-state="left"]');
    await page1.waitForFunction(() => document.getElementById('peer-state').textContent === 'closed'
        && document.getElementById('sfu-state').textContent === 'closed');
    return page1.evaluate(() => ({status: document.getElementById('status').textContent,
      peer: document.getElementById('peer-state').textContent,
      sfu: document.getElementById('sfu-state').textContent}));
  });
  summary.checks.membersAfterLeave = await step('page 2 counts no other',
      () => expectMembers(page2, 0));
  summary.checks.page2TilesOfPage1Gone = await step('page 2 drops page 1\'s tiles', async () => {
    await expectGone(page2, alice);
    return page2.$$eval('.tile', (tiles) => tiles.map((t) => t.querySelector('.label').textContent));
  });

  summary.checks.connectionFailure = await step('a page that cannot connect shows the banner',
      async () => {
        const port = await deadPort();
        const page3 = await run.openPage('carol', {urls: `ws://127.0.0.1:${port}/ws`});
        await page3.click('#join');
        await page3.waitForSelector('#status[data-state="error"]');
        await page3.waitForSelector('#banner', {state: 'visible'});
        const banner = page3.locator('#banner');
        const box = await banner.boundingBox();
        await page3.screenshot({path: path.join(options.out, 'connection-failure.png')});
        return {visible: await banner.isVisible(), text: (await page3.textContent('#banner-text')).trim(),
          height: box?.height ?? 0, status: (await page3.textContent('#status')).trim()};
      });
});
