// What the browser harnesses share: Chromium's flags and the demo page's controls
// (src/main/resources/webroot/demo.js). Imported by browser-e2e.mjs and browser-recovery.mjs.

// Chromium flags. The fake-media pair also serves getDisplayMedia in headless Chromium: with
// --use-fake-ui-for-media-stream the picker is skipped and --use-fake-device-for-media-stream
// supplies a synthetic 1280x720 "monitor" surface (without the latter: NotReadableError;
// without the former: the call never settles). --allow-loopback-in-peer-connection lets
// Chromium gather and reach 127.0.0.1 candidates (MEDIA-NOTES.md).
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

/** Clicks Join and waits for the outcome. @returns {Promise<string>} the client id */
export async function join(page) {
  await page.click('#join');
  await page.waitForSelector('#status[data-state="joined"], #status[data-state="error"]');
  const state = await page.getAttribute('#status', 'data-state');
  if (state !== 'joined') {
    throw new Error(`join failed: ${await page.textContent('#status')}`);
  }
  return (await page.textContent('#client-id')).trim();
}

/** Clicks a publishing button and waits until it is on (`pressed`) or off. */
export async function press(page, button, pressed = true) {
  await page.click(`#${button}`);
  await page.waitForSelector(`#${button}[aria-pressed="${pressed}"]:not([disabled]), `
      + '#status[data-state="error"]');
  if (await page.getAttribute('#status', 'data-state') === 'error') {
    throw new Error(`${button} failed: ${await page.textContent('#status')}`);
  }
}
