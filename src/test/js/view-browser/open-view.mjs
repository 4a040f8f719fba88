// Opens a HealthWallet viewer link (https://<relay>/view#shlink:/…) in headless Chromium with
// playwright-core (pinned in package-lock.json) as a doctor does: a wrong passcode first, then the
// right one. Run by ViewPageBrowserTest. With VIEW_SCREENSHOT=FILE.png it also saves what the page
// showed once the records were open.
//
//   VIEW_LINK=… VIEW_RECIPIENT=… VIEW_PASSCODE=… VIEW_WRONG_PASSCODE=… CHROMIUM=/usr/bin/chromium node open-view.mjs
//
// The link (it holds the key) and the passcodes come from the environment, never the command line.
// Prints one JSON object: the label and expiry the page showed, its message for the wrong passcode,
// the page's visible text once the records are shown (files embedded in the manifest, then once more
// with every file fetched by location), its message for a malformed link, every
// request the browser sent (address without the fragment, method, headers, body) and the console
// errors it logged (Content-Security-Policy violations among them).
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = process.env;
for (const name of ['VIEW_LINK', 'VIEW_RECIPIENT', 'VIEW_PASSCODE', 'VIEW_WRONG_PASSCODE', 'CHROMIUM']) {
  if (!env[name]) {
    console.error('missing ' + name + '; usage: VIEW_LINK=… VIEW_RECIPIENT=… VIEW_PASSCODE=… VIEW_WRONG_PASSCODE=… CHROMIUM=… node open-view.mjs');
    process.exit(2);
  }
}
const TIMEOUT = 60_000;
const profile = await mkdtemp(join(tmpdir(), 'hw-view-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: env.CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'], // containers' /dev/shm is often too small for Chromium
  timeout: TIMEOUT,
});
const requests = [];
const consoleErrors = [];

function watch(page) {
  page.on('request', (r) => {
    const url = new URL(r.url());
    url.hash = ''; // the fragment is never sent on the wire; Chromium reports it with the navigation
    requests.push({ method: r.method(), url: url.href, headers: r.headers(), body: r.postData() ?? '' });
  });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push('page error: ' + e.message));
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

const text = (page, selector) => page.locator(selector).innerText();
const statusShown = () => { const s = document.getElementById('status'); return !s.hidden && s.classList.contains('error'); };

const result = {};
try {
  const page = watch(context.pages()[0] ?? await context.newPage());
  await page.goto(env.VIEW_LINK);
  await page.waitForSelector('#access:not([hidden]), #status:not([hidden])');
  result.label = await text(page, '#label');
  result.expiry = await text(page, '#expiry');
  result.passcodeAsked = await page.locator('#passcode').isVisible();

  await page.fill('#recipient', env.VIEW_RECIPIENT);
  await page.fill('#passcode', env.VIEW_WRONG_PASSCODE);
  await page.click('#open');
  await page.waitForFunction(statusShown);
  result.wrongPasscode = await text(page, '#status');

  await page.fill('#passcode', env.VIEW_PASSCODE);
  await page.click('#open');
  await page.waitForFunction(() => !document.getElementById('records').hidden
    || document.getElementById('status').classList.contains('error') && !document.getElementById('open').disabled);
  result.error = await page.locator('#status').isVisible() ? await text(page, '#status') : null;
  result.text = await page.locator('body').innerText();
  if (env.VIEW_SCREENSHOT) { // what the doctor saw, for the record (optional)
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.screenshot({ path: env.VIEW_SCREENSHOT });
  }

  // The same link again, as a viewer that asks for every file by location (embeddedLengthMax 0):
  // the page then fetches each file from the address the manifest names.
  const byLocation = watch(await context.newPage());
  await byLocation.route('**/shl/*', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    const body = JSON.parse(request.postData());
    body.embeddedLengthMax = 0;
    return route.continue({ postData: JSON.stringify(body) });
  });
  await byLocation.goto(env.VIEW_LINK);
  await byLocation.waitForSelector('#access:not([hidden])');
  await byLocation.fill('#recipient', env.VIEW_RECIPIENT);
  await byLocation.fill('#passcode', env.VIEW_PASSCODE);
  await byLocation.click('#open');
  await byLocation.waitForFunction(() => !document.getElementById('records').hidden
    || document.getElementById('status').classList.contains('error') && !document.getElementById('open').disabled);
  result.byLocation = {
    error: await byLocation.locator('#status').isVisible() ? await text(byLocation, '#status') : null,
    text: await byLocation.locator('body').innerText(),
  };

  const bad = watch(await context.newPage());
  await bad.goto(new URL(env.VIEW_LINK).origin + '/view#shlink:/eyJ1cmwiOiJ');
  await bad.waitForFunction(statusShown);
  result.badLink = await text(bad, '#status');
} catch (e) {
  result.failure = String(e && e.stack || e);
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
result.requests = requests;
result.consoleErrors = consoleErrors;
console.log(JSON.stringify(result));
