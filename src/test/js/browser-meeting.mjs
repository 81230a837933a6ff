#!/usr/bin/env node
// Browser test of the demo page as a meeting (issue 17), in Debian's headless Chromium driven
// by playwright-core.
//
//   node browser-meeting.mjs --url http://127.0.0.1:8080/ [--room meet-1] [--out ../../../target/browser]
//
// Pages alice and bob join one room and turn camera and microphone on. Each shows the other's
// name on the other's tile and its own typed name on its own tile. Bob mutes his microphone:
// the speaking ring is alice's on both pages (Chromium's fake microphone beeps) and bob is
// never ranked; then they swap and the ring moves to bob. Alice mutes her camera: bob's page
// shows her placeholder within a second, with no new SFU offer and the same m-line; she
// unmutes and bob's receiver decodes frames again. Alice sends a chat message: bob gets it,
// and carol, joining late in a phone-sized window, gets it as history. Alice shares her
// (fake) screen: bob's and carol's pages switch to the presenter layout. Screenshots go to
// <out>/meeting-*.png. Dave joins from Firefox ESR (puppeteer-core): he sees alice's name and
// the chat history, and his camera's mute shows his placeholder on bob's page. stdout carries one JSON summary line, as browser-e2e.mjs.

import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {BrowserRun} from './browser-run.mjs';
import {launchFirefox} from './firefox.mjs';
import {join, press} from './demo-page.mjs';

const run = new BrowserRun({
  name: 'browser-meeting',
  roomPrefix: 'meet',
  timeout: '240000',
  validate(options) {
    if (!options.url) {
      throw new Error('--url is required (the SFU\'s demo page, e.g. http://127.0.0.1:8080/)');
    }
  },
  options: {firefox: {type: 'string', default: '/usr/bin/firefox-esr'}},
  summary: {screenshots: [], firefox: null},
  describe,
  failureScreenshot: true,
  consoleErrors: true,
});
const {options, summary, step} = run;

async function describe(page) {
  return page.evaluate(() => ({
    status: document.getElementById('status')?.textContent,
    layout: document.getElementById('meeting')?.dataset.layout,
    participants: [...document.querySelectorAll('.participant')].map((p) => ({...p.dataset})),
    speakers: window.sfuDemo?.client.speakers,
    chat: [...document.querySelectorAll('#chat-messages li')].map((li) => li.textContent),
    log: [...document.querySelectorAll('#log li')].slice(0, 30).map((li) => li.textContent),
  }));
}

/** The participant tile of `clientId` on `page` (its dataset and shown name). */
function participant(page, clientId) {
  return page.$eval(`.participant[data-client-id="${clientId}"]`, (p) => ({...p.dataset,
    shown: p.querySelector('.name').textContent,
    avatarVisible: getComputedStyle(p.querySelector('.avatar')).display !== 'none',
    avatar: p.querySelector('.avatar').textContent}));
}

/** Waits until `page` rings `speaker` and not `silent`, and its SDK ranks not `silent`. */
async function expectRing(page, speaker, silent) {
  await page.waitForFunction(([s, q]) => {
    const ring = (id) => document.querySelector(`.participant[data-client-id="${id}"]`)
        ?.dataset.speaking;
    return ring(s) === 'true' && ring(q) === 'false';
  }, [speaker, silent]);
  const speakers = await page.evaluate(() => window.sfuDemo.client.speakers);
  if (speakers.some((s) => s.clientId === silent)) {
    throw new Error(`the muted ${silent} is ranked: ${JSON.stringify(speakers)}`);
  }
  return speakers;
}

/** In the page: framesDecoded and the mid of the remote camera of `clientId`. */
function cameraReceiver(page, clientId) {
  return page.evaluate(async (id) => {
    const client = window.sfuDemo.client;
    const remote = client.remoteTracks.find((r) => r.info.clientId === id
        && r.info.kind === 'video' && r.info.source === 'media');
    let framesDecoded = 0;
    (await remote.receiver.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp') {
        framesDecoded = Math.max(framesDecoded, s.framesDecoded ?? 0);
      }
    });
    return {mid: remote.mid, framesDecoded, sfuSdp: client.pc.remoteDescription.sdp,
      transceivers: client.pc.getTransceivers().length};
  }, clientId);
}

/** How many more frames a receiver must decode to count as playing again. */
const FRAMES_RISE = 20;
const POLL_MS = 200;

/**
 * Polls the page's receiver of `clientId`'s camera (getStats on the page cannot be awaited by
 * waitForFunction) until it decoded `frames` frames; fails after the step timeout.
 */
async function framesRise(page, clientId, frames) {
  const deadline = Date.now() + run.stepTimeout;
  for (;;) {
    const now = await cameraReceiver(page, clientId);
    if (now.framesDecoded >= frames) {
      return now;
    }
    if (Date.now() > deadline) {
      throw new Error(`framesDecoded stays at ${now.framesDecoded}, below ${frames}`);
    }
    await page.waitForTimeout(POLL_MS);
  }
}

/** Polls `read` in a (Firefox) page until `done` holds; fails after the step timeout. */
async function poll(page, what, read, arg, done) {
  const deadline = Date.now() + run.stepTimeout;
  for (;;) {
    const last = await page.evaluate(read, arg);
    if (done(last)) {
      return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${run.stepTimeout} ms; last seen ${JSON.stringify(last)}`);
    }
    await delay(POLL_MS);
  }
}

/** Clicks a button of a Firefox page and waits until its aria-pressed is `pressed`. */
async function foxPress(page, id, pressed) {
  await page.click(`#${id}`);
  await poll(page, `${id} ${pressed}`, (b) => document.getElementById(b).getAttribute('aria-pressed')
      + (document.getElementById(b).disabled ? '-busy' : ''), id, (s) => s === String(pressed));
}

async function shot(page, name) {
  const file = path.join(options.out, `meeting-${name}.png`);
  await page.screenshot({path: file, fullPage: true});
  summary.screenshots.push(file);
}

await run.run(async () => {
  await run.launch();
  const {page1: alicePage, page2: bobPage, alice, bob} = await run.twoPagesPublishCameras();
  summary.clients = {alice, bob};
  await step('alice turns her microphone on', () => press(alicePage, 'microphone'));
  await step('bob turns his microphone on', () => press(bobPage, 'microphone'));

  summary.checks.names = await step('names on the right tiles', async () => {
    await bobPage.waitForSelector(`.participant[data-client-id="${alice}"][data-camera="on"]`);
    await alicePage.waitForSelector(`.participant[data-client-id="${bob}"][data-camera="on"]`);
    const result = {
      bobSeesAlice: await participant(bobPage, alice),
      aliceSeesBob: await participant(alicePage, bob),
      aliceSelf: await participant(alicePage, alice),
    };
    if (result.bobSeesAlice.shown !== 'alice' || result.aliceSeesBob.shown !== 'bob'
        || result.aliceSelf.shown !== 'alice (you)' || result.aliceSelf.self !== 'true') {
      throw new Error(`wrong names: ${JSON.stringify(result)}`);
    }
    return result;
  });

  await step('bob mutes his microphone', () => press(bobPage, 'microphone', false));
  summary.checks.ringOnAlice = await step('the ring is alice\'s on both pages', async () => ({
    onBob: await expectRing(bobPage, alice, bob),
    onAlice: await expectRing(alicePage, alice, bob),
    bobMicOnAlicePage: (await participant(alicePage, bob)).mic,
  }));
  await step('bob unmutes, alice mutes her microphone', async () => {
    await press(bobPage, 'microphone');
    await press(alicePage, 'microphone', false);
  });
  summary.checks.ringOnBob = await step('the ring moves to bob', async () => ({
    onAlice: await expectRing(alicePage, bob, alice),
    onBob: await expectRing(bobPage, bob, alice),
  }));

  const before = await cameraReceiver(bobPage, alice);
  const aliceOffers = await alicePage.evaluate(() => window.sfuDemo.client.offersSent);
  summary.checks.cameraMuted = await step('alice mutes her camera: bob sees her placeholder',
      async () => {
        const t0 = Date.now();
        await alicePage.click('#camera');
        await bobPage.waitForSelector(
            `.participant[data-client-id="${alice}"][data-camera="muted"]`, {timeout: 1000});
        const ms = Date.now() - t0;
        const tile = await participant(bobPage, alice);
        if (!tile.avatarVisible || tile.avatar !== 'AL') {
          throw new Error(`no placeholder: ${JSON.stringify(tile)}`);
        }
        await shot(bobPage, 'muted-camera');
        return {ms, avatar: tile.avatar};
      });
  summary.checks.cameraUnmuted = await step('alice unmutes: the video comes back, no renegotiation',
      async () => {
        await press(alicePage, 'camera');
        await bobPage.waitForSelector(`.participant[data-client-id="${alice}"][data-camera="on"]`);
        const first = await cameraReceiver(bobPage, alice);
        const after = await framesRise(bobPage, alice, first.framesDecoded + FRAMES_RISE);
        const offersAfter = await alicePage.evaluate(() => window.sfuDemo.client.offersSent);
        const result = {sameMid: after.mid === before.mid, sameSfuDescription:
            after.sfuSdp === before.sfuSdp, transceivers: [before.transceivers, after.transceivers],
          aliceOffers: [aliceOffers, offersAfter],
          framesDecoded: [before.framesDecoded, first.framesDecoded, after.framesDecoded]};
        if (!result.sameMid || !result.sameSfuDescription || offersAfter !== aliceOffers) {
          throw new Error(`renegotiated: ${JSON.stringify(result)}`);
        }
        return result;
      });

  summary.checks.chat = await step('alice\'s chat message reaches bob', async () => {
    await alicePage.fill('#chat-input', 'hello from alice');
    await alicePage.click('#chat-send');
    await bobPage.waitForSelector(`#chat-messages li[data-from="${alice}"][data-history="false"]`);
    return bobPage.$eval(`#chat-messages li[data-from="${alice}"]`, (li) => ({
      from: li.querySelector('.from').textContent, text: li.querySelector('.text').textContent,
      time: li.querySelector('time').textContent}));
  });
  if (summary.checks.chat.from !== 'alice' || summary.checks.chat.text !== 'hello from alice') {
    throw new Error(`bob shows ${JSON.stringify(summary.checks.chat)}`);
  }

  const carolPage = await step('carol opens the page in a phone-sized window', async () => {
    const page = await run.openPage('carol');
    await page.setViewportSize({width: 390, height: 844});
    return page;
  });
  const carol = await step('carol joins late', () => join(carolPage));
  summary.clients.carol = carol;
  summary.checks.history = await step('carol gets the message as history', async () => {
    await carolPage.waitForSelector(`#chat-messages li[data-from="${alice}"][data-history="true"]`);
    return carolPage.$eval(`#chat-messages li[data-from="${alice}"]`, (li) => ({
      from: li.querySelector('.from').textContent, text: li.querySelector('.text').textContent,
      marked: li.querySelector('.earlier')?.textContent}));
  });
  summary.checks.shareLink = await carolPage.evaluate(() => location.search);

  await step('alice shares her screen', () => press(alicePage, 'screen'));
  summary.checks.presenter = await step('bob and carol switch to the presenter layout', async () => {
    const result = {};
    for (const [name, page] of [['bob', bobPage], ['carol', carolPage]]) {
      await page.waitForSelector('#meeting[data-layout="presenter"]');
      await page.waitForFunction((id) => {
        const video = document.querySelector(`#stage .tile.remote[data-client-id="${id}"]`
            + '[data-source="screen"] video');
        return video !== null && video.videoWidth > 0;
      }, alice);
      result[name] = await page.evaluate(() => {
        const stage = document.getElementById('stage').getBoundingClientRect();
        const tile = document.querySelector('.participant').getBoundingClientRect();
        return {stageWidth: Math.round(stage.width), tileWidth: Math.round(tile.width),
          screenLabel: document.querySelector('#stage .label').textContent};
      });
      if (result[name].stageWidth <= result[name].tileWidth) {
        throw new Error(`${name}'s stage is not larger than a tile: ${JSON.stringify(result[name])}`);
      }
    }
    return result;
  });
  summary.checks.quality = await step('quality marks from getStats', async () => {
    await bobPage.waitForFunction((id) => document.querySelector(
        `.participant[data-client-id="${id}"]`)?.dataset.quality !== 'unknown', alice);
    return (await participant(bobPage, alice)).quality;
  });
  const firefox = await step('launch firefox', () => launchFirefox(options.firefox,
      path.join(options.out, 'meeting-firefox-profile'), run.stepTimeout * 3));
  run.closers.push(() => firefox.close());
  summary.firefox = await firefox.version();
  summary.checks.firefox = await step('dave joins from Firefox and mutes his camera', async () => {
    const fox = await firefox.newPage();
    fox.setDefaultTimeout(run.stepTimeout);
    fox.on('pageerror', (e) => summary.pageErrors.push(`dave: ${e.message}`));
    run.pages.push({name: 'dave', page: fox});
    const url = new URL(options.url);
    url.searchParams.set('room', options.room);
    url.searchParams.set('name', 'dave');
    await fox.goto(url.href);
    await poll(fox, 'the demo page loads', () => window.sfuDemo !== undefined, null, Boolean);
    await fox.click('#join');
    const dave = await poll(fox, 'dave joins', () => document.getElementById('status').dataset
        .state === 'joined' ? document.getElementById('client-id').textContent.trim() : null,
    null, Boolean);
    summary.clients.dave = dave;
    await foxPress(fox, 'camera', true);
    await bobPage.waitForSelector(`.participant[data-client-id="${dave}"][data-camera="on"]`);
    const seen = await poll(fox, 'dave sees alice and the history', (id) => ({
      alice: document.querySelector(`.participant[data-client-id="${id}"] .name`)?.textContent,
      history: document.querySelector(`#chat-messages li[data-from="${id}"]`)?.dataset.history,
    }), alice, (s) => s.alice === 'alice' && s.history === 'true');
    const t0 = Date.now();
    await foxPress(fox, 'camera', false);
    await bobPage.waitForSelector(`.participant[data-client-id="${dave}"][data-camera="muted"]`);
    const muteMs = Date.now() - t0;
    const onBob = await participant(bobPage, dave);
    if (onBob.shown !== 'dave' || !onBob.avatarVisible || onBob.avatar !== 'DA') {
      throw new Error(`bob shows dave as ${JSON.stringify(onBob)}`);
    }
    return {...seen, muteMs, daveOnBob: onBob.shown, avatar: onBob.avatar};
  });

  await step('screenshots', async () => {
    await shot(bobPage, 'presenter');
    await shot(carolPage, 'narrow');
    await alicePage.click('#screen');
    await bobPage.waitForSelector('#meeting[data-layout="grid"]');
    await shot(bobPage, 'grid');
  });
});
