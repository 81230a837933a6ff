// What a browser harness's run is, apart from its checks: its command line, its JSON summary,
// its named steps, its overall time limit, Chromium and the demo pages it opens. Imported by
// browser-e2e.mjs and browser-recovery.mjs; the Java tests (BrowserEndToEndTest,
// BrowserRecoveryTest) read the summary line this writes last on stdout.

import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {chromium} from 'playwright-core';
import {CHROMIUM_ARGS, join, press} from './demo-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** @typedef {import('playwright-core').Page} Page */

/**
 * @typedef {object} RunSpec
 * @property {string} name the harness's name, prefixing its progress lines on stderr
 * @property {string} roomPrefix the default room is this, a dash and the start time in base 36
 * @property {string} timeout the default of --timeout (ms), for the whole run
 * @property {Record<string, import('node:util').ParseArgsOptionConfig>} [options] the harness's
 *     own options, beside --url, --room, --out, --timeout, --step-timeout and --chromium
 * @property {(options: Record<string, string>) => void} validate throws an Error that says
 *     which options are missing or wrong
 * @property {Record<string, unknown>} [summary] the harness's own summary fields, with their
 *     initial values (they come after `checks`)
 * @property {(page: Page) => Promise<object>} describe what a page
 *     shows, for the summary of a failed run
 * @property {boolean} [failureScreenshot] a failed run screenshots its last page to
 *     <out>/failure.png
 * @property {boolean} [consoleErrors] the pages' console errors go to `pageErrors` too, beside
 *     their uncaught exceptions
 */

/**
 * One run of a browser harness, created once at its start; it lives on Node's one thread.
 * It owns the parsed options, the summary it prints when the run ends (exactly one JSON line
 * on stdout; exit code 0 when ok, 1 when a check failed, 2 on bad arguments), the browser and
 * the pages. The harness adds its results to `summary.checks` and whatever else it reports.
 */
export class BrowserRun {
  /** @param {RunSpec} spec */
  constructor(spec) {
    this.spec = spec;
    this.started = Date.now();
    /** @type {Record<string, string>} */
    this.options = parseOptions(spec);
    this.stepTimeout = Number(this.options['step-timeout']);
    this.summary = {ok: false, url: this.options.url, room: this.options.room, chromium: null,
      clients: {}, steps: [], checks: {}, ...spec.summary, pageErrors: []};
    /** @type {import('playwright-core').Browser|null} */
    this.browser = null;
    /** @type {Array<{name: string, page: Page}>} */
    this.pages = [];
    /** @type {Array<() => Promise<unknown>>} what else finish() closes (another browser) */
    this.closers = [];
    this.currentStep = 'launch';
    const overall = setTimeout(() => {
      this.finish(false, `the whole test took more than ${this.options.timeout} ms`);
    }, Number(this.options.timeout));
    overall.unref();
  }

  /** Writes a progress line on stderr, with the seconds since the start. */
  progress = (text) => {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    process.stderr.write(`[${this.spec.name} +${seconds}s] ${text}\n`);
  };

  /**
   * Runs one named step; a failure names the last step started, and its duration lands in
   * the summary.
   * @template T
   * @param {string} name
   * @param {() => Promise<T>} action
   * @returns {Promise<T>}
   */
  step = async (name, action) => {
    this.currentStep = name;
    const t0 = Date.now();
    this.progress(name);
    const result = await action();
    this.summary.steps.push({name, ms: Date.now() - t0});
    return result;
  };

  /**
   * Runs the harness's checks and ends the process with the summary: ok when `checks`
   * resolves, failed with its error's message when it rejects.
   * @param {() => Promise<void>} checks
   */
  async run(checks) {
    try {
      await checks();
      await this.finish(true);
    } catch (e) {
      await this.finish(false, e?.message ?? String(e));
    }
  }

  /** Prints the summary (with what each page shows when failed), closes Chromium and exits. */
  async finish(ok, reason) {
    const summary = this.summary;
    summary.ok = ok;
    summary.durationMs = Date.now() - this.started;
    if (!ok) {
      summary.step = this.currentStep;
      summary.reason = reason;
      summary.pages = {};
      for (const {name, page} of this.pages) {
        summary.pages[name] = await this.spec.describe(page)
            .catch((e) => ({unavailable: String(e)}));
      }
      if (this.spec.failureScreenshot && this.pages.length > 0) {
        const file = path.join(this.options.out, 'failure.png');
        await this.pages.at(-1).page.screenshot({path: file, fullPage: true}).catch(() => {});
        summary.failureScreenshot = file;
      }
    }
    await this.browser?.close().catch(() => {});
    for (const close of this.closers) {
      await close().catch(() => {});
    }
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    process.exit(ok ? 0 : 1);
  }

  /** Creates the output directory and launches Debian's Chromium, as a step. */
  async launch() {
    mkdirSync(this.options.out, {recursive: true});
    this.browser = await this.step('launch chromium', () => chromium.launch({
      executablePath: this.options.chromium, headless: true, args: CHROMIUM_ARGS}));
    this.summary.chromium = this.browser.version();
  }

  /**
   * Opens the demo page of --url for --room as `name` in a context of its own, recording its
   * errors, and waits until the demo is ready.
   * @param {string} name the page's display name (and its key in the failure summary)
   * @param {Record<string, string>} [params] further query parameters of the demo page
   * @returns {Promise<Page>}
   */
  async openPage(name, params = {}) {
    const context = await this.browser.newContext({viewport: {width: 1280, height: 900}});
    const page = await context.newPage();
    page.setDefaultTimeout(this.stepTimeout);
    const pageErrors = this.summary.pageErrors;
    page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
    if (this.spec.consoleErrors) {
      page.on('console', (m) => {
        if (m.type() === 'error') {
          pageErrors.push(`${name} console: ${m.text()}`);
        }
      });
    }
    this.pages.push({name, page});
    const url = new URL(this.options.url);
    url.searchParams.set('room', this.options.room);
    url.searchParams.set('name', name);
    for (const [key, value] of Object.entries(params)) {
      url.searchParams.set(key, value);
    }
    await page.goto(url.href);
    await page.waitForFunction(() => window.sfuDemo !== undefined);
    return page;
  }

  /**
   * The opening both harnesses share, as steps: pages `alice` and `bob` open, and each joins
   * and publishes its camera in turn.
   * @param {(name: string) => Promise<Page>} [open] opens one page
   * @returns {Promise<{page1: Page, page2: Page, alice: string, bob: string}>} the pages (of
   *     alice and bob) and their client ids
   */
  async twoPagesPublishCameras(open = (name) => this.openPage(name)) {
    const page1 = await this.step('open page 1', () => open('alice'));
    const page2 = await this.step('open page 2', () => open('bob'));
    const alice = await this.step('page 1 joins', () => join(page1));
    await this.step('page 1 publishes camera', () => press(page1, 'camera'));
    const bob = await this.step('page 2 joins', () => join(page2));
    await this.step('page 2 publishes camera', () => press(page2, 'camera'));
    return {page1, page2, alice, bob};
  }
}

/**
 * Parses the command line; on bad arguments prints the failed summary and exits with 2.
 * @param {RunSpec} spec
 * @returns {Record<string, string>}
 */
function parseOptions(spec) {
  try {
    const {values} = parseArgs({
      options: {
        'url': {type: 'string'},
        ...spec.options,
        'room': {type: 'string', default: `${spec.roomPrefix}-${Date.now().toString(36)}`},
        'out': {type: 'string', default: path.resolve(here, '../../../target/browser')},
        'timeout': {type: 'string', default: spec.timeout},
        'step-timeout': {type: 'string', default: '30000'},
        'chromium': {type: 'string', default: '/usr/bin/chromium'},
      },
    });
    spec.validate(values);
    return values;
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ok: false, step: 'arguments', reason: e.message})}\n`);
    process.exit(2);
  }
}
