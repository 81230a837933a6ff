// Debian's Firefox ESR for the browser harnesses: launched by puppeteer-core over WebDriver BiDi
// (no downloaded browser), with a fresh profile, fake camera and microphone, and nothing that
// reaches out to the internet. Imported by browser-firefox.mjs.

import {rmSync} from 'node:fs';
import puppeteer from 'puppeteer-core';

// Preferences beside puppeteer's own test profile (which already turns off updates, safe
// browsing, data reporting and extension updates, pointing their servers at dummy.test).
export const FIREFOX_PREFS = {
  // getUserMedia gives a synthetic camera (moving pattern, 640x480) and microphone (a tone),
  // without a permission prompt.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  // No background traffic: telemetry, captive portal and connectivity probes, DNS over HTTPS,
  // prefetching, push, region lookups, OpenH264 and Widevine downloads.
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'app.update.auto': false,
  'app.update.disabledForTesting': true,
  'app.normandy.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'dom.push.connection.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'media.gmp-manager.url': '',
  'media.gmp-manager.updateEnabled': false,
  'extensions.blocklist.enabled': false,
  'services.settings.server': '',
};

/**
 * Launches /usr/bin/firefox-esr (or `executablePath`) headless on a fresh profile in
 * `profileDir` (removed first).
 * @returns {Promise<import('puppeteer-core').Browser>}
 */
export async function launchFirefox(executablePath, profileDir, timeout) {
  rmSync(profileDir, {recursive: true, force: true});
  return puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath,
    headless: true,
    userDataDir: profileDir,
    extraPrefsFirefox: FIREFOX_PREFS,
    timeout,
  });
}
