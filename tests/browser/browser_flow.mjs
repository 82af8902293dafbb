// A person's view of oauthsim in a real browser: headless Chromium (Debian's chromium) driven by
// playwright-core against `oauthsim serve`, and the HTML report of a catalog run opened from disk.
//
//   node browser_flow.mjs --oauthsim BIN --out DIR [--catalog DIR] [--docs DIR]
//
// Covers: the vendor app's /connect leads to the mock SR sign-in page, marked as a mock and
// styled (not the browser's default serif); a wrong password shows the error; the right one
// leads to the consent page naming the app and each scope with its description; Allow lands on
// "Connected as Alice Liddell". In a fresh browser context the user gets to Deny with the
// keyboard alone (Tab, Enter) and lands on the denial page. At phone width the sign-in page
// needs no horizontal scrolling. The report of a catalog run (plus one scenario made to fail)
// opens offline without a single request leaving the file, shows every scenario folded except
// the failing one, whose failing arrows are drawn, and a folded one opens on a click.
// Screenshots go to DIR; with --docs, the consent page and the report also go there for the
// README. Exit status 0 when every expectation holds; a failure names what it expected.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, watch, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = await import(join(here, 'node_modules', 'playwright-core', 'index.mjs')).catch(
  () => {
    console.error('browser test: playwright-core is not installed in tests/browser: run scripts/bootstrap');
    process.exit(1);
  });

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at > 0 && at + 1 < process.argv.length) return process.argv[at + 1];
  if (fallback === undefined) {
    console.error(`browser test: --${name} is required`);
    process.exit(2);
  }
  return fallback;
}

const oauthsim = resolve(option('oauthsim'));
const out = resolve(option('out'));
const catalog = resolve(option('catalog', join(here, '..', '..', 'scenarios', 'catalog')));
const docs = option('docs', '');
const chromiumPath = process.env.OAUTHSIM_CHROMIUM || '/usr/bin/chromium';
// Generous: the sanitized build on a loaded 2-core machine is many times slower than a plain one.
const TIMEOUT_MS = 180_000;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
if (!existsSync(chromiumPath)) {
  console.error(`browser test: no Chromium at ${chromiumPath}: run scripts/bootstrap (Debian's chromium)`);
  process.exit(1);
}

// Resolves once `file` exists (written atomically by serve), without polling.
function appears(file, timeoutMs) {
  return new Promise((resolveAppeared, reject) => {
    const watcher = watch(dirname(file), () => {
      if (existsSync(file)) done();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`${file} did not appear within ${timeoutMs} ms`));
    }, timeoutMs);
    function done() {
      clearTimeout(timer);
      watcher.close();
      resolveAppeared();
    }
    if (existsSync(file)) done();
  });
}

async function startServe() {
  const ready = join(out, 'ready.json');
  const child = spawn(oauthsim, ['serve', '--authz-port', '0', '--api-port', '0', '--client-port', '0',
                                 '--ready-file', ready], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));
  const started = appears(ready, TIMEOUT_MS);
  const early = exited.then(({ code }) => { throw new Error(`oauthsim serve exited (${code}):\n${log}`); });
  early.catch(() => {});
  try {
    await Promise.race([started, early]);
  } catch (e) {
    child.kill('SIGTERM');
    throw e;
  }
  return { urls: JSON.parse(readFileSync(ready, 'utf8')), child, exited, log: () => log };
}

async function shot(page, name) {
  const file = join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const steps = [];
async function step(name, fn) {
  await fn();
  steps.push(name);
  console.log(`ok  ${name}`);
}

// The stylesheet applied: a sans-serif system stack, not the browser's default serif.
async function assertStyled(page) {
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.match(font, /system-ui/, `page font is ${font}: the inline stylesheet did not apply`);
}

async function signIn(page, connectUrl, password) {
  await page.goto(connectUrl);
  await page.waitForSelector('form#login');
  await page.getByLabel('E-mail').fill('alice@example.com');
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
}

const serve = await startServe();
const browser = await chromium.launch({
  executablePath: chromiumPath,
  // Root in a container has no user namespace for Chromium's sandbox.
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
  timeout: TIMEOUT_MS,
});
let failed = null;
try {
  const connect = `${serve.urls.client}/connect`;

  await step('allow: wrong password, then sign in, consent, Allow, connected', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 860 } });
    context.setDefaultTimeout(TIMEOUT_MS);
    const page = await context.newPage();
    await page.goto(connect);
    await page.waitForSelector('form#login');
    assert.equal(new URL(page.url()).origin, new URL(serve.urls.authorization_server).origin,
                 'the vendor app sends the user to the authorization server');
    await assertStyled(page);
    assert.match(await page.locator('.mock-banner').innerText(), /MOCK[\s\S]*Never enter a real/);
    assert.match(await page.title(), /mock/i);
    await shot(page, 'login');

    await signIn(page, connect, 'not-the-password');
    await page.waitForSelector('.error[role=alert]');
    assert.equal(await page.locator('.error[role=alert]').innerText(), 'Invalid e-mail or password');
    assert.equal(await page.getByLabel('E-mail').inputValue(), 'alice@example.com',
                 'the e-mail is kept after a failed attempt');
    await shot(page, 'login-wrong-password');

    await page.getByLabel('Password').fill('wonderland');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('form#consent');
    await assertStyled(page);
    assert.match(await page.locator('h1').innerText(), /^Allow .+ access\?$/);
    const scopes = page.locator('#scopes li');
    assert.ok(await scopes.count() > 0, 'the consent page lists the requested scopes');
    for (const item of await scopes.all()) {
      const name = await item.getAttribute('data-scope');
      assert.ok((await item.locator('code').innerText()) === name, `scope ${name} is named`);
      assert.ok((await item.locator('.desc').innerText()).length > 3, `scope ${name} is described`);
    }
    const file = await shot(page, 'consent');
    if (docs) copyFileSync(file, join(docs, 'consent.png'));

    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForSelector('#result');
    assert.equal(await page.locator('#result').innerText(), 'Connected as Alice Liddell');
    assert.equal(new URL(page.url()).origin, new URL(serve.urls.client).origin);
    await assertStyled(page);
    await shot(page, 'connected');
    await context.close();
  });

  await step('deny with the keyboard alone in a fresh context, land on the denial page', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 860 } });
    context.setDefaultTimeout(TIMEOUT_MS);
    const page = await context.newPage();
    await page.goto(connect);
    await page.waitForSelector('form#login');
    assert.equal(await page.locator('.error').count(), 0, 'a fresh context starts without an error');
    // The e-mail field has the focus on arrival; Tab moves to the password, Enter signs in.
    await page.keyboard.type('alice@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('wonderland');
    await page.keyboard.press('Enter');
    await page.waitForSelector('form#consent');
    let focused = '';
    for (let i = 0; i < 20 && focused !== 'deny'; ++i) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('value') ?? '');
    }
    assert.equal(focused, 'deny', 'Tab reaches the Deny button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#result');
    assert.match(await page.locator('#result').innerText(), /^Access was denied/);
    assert.equal(await page.locator('h1').innerText(), 'Access denied');
    await shot(page, 'denied');
    await context.close();
  });

  await step('phone width: the sign-in page fits without horizontal scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true,
                                               hasTouch: true, deviceScaleFactor: 2 });
    context.setDefaultTimeout(TIMEOUT_MS);
    const page = await context.newPage();
    await page.goto(connect);
    await page.waitForSelector('form#login');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
    const button = await page.getByRole('button', { name: 'Sign in' }).boundingBox();
    const form = await page.locator('form#login').boundingBox();
    assert.ok(button.width >= form.width - 2,
              `at phone width the Sign in button spans the form (${button.width} of ${form.width} px)`);
    await shot(page, 'login-phone');
    await context.close();
  });

  await step('the HTML report of a catalog run opens offline and unfolds', async () => {
    const report = join(out, 'report.html');
    const run = spawnSync(oauthsim, ['run', '--html', report, catalog, join(here, 'made_to_fail.json')],
                          { encoding: 'utf8', timeout: 20 * 60_000 });
    assert.equal(run.status, 1, `oauthsim run exits 1 when a scenario fails:\n${run.stderr}`);
    const expected = Number(/oauthsim: (\d+) scenario/.exec(run.stdout)[1]);

    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(TIMEOUT_MS);
    const requests = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(pathToFileURL(report).href);
    await page.waitForSelector('details.scenario');
    await assertStyled(page);
    assert.deepEqual(requests, [], 'the report requests nothing outside the file');

    assert.equal(await page.locator('details.scenario').count(), expected);
    assert.equal(await page.locator('[data-count=failed]').innerText(), '1');
    assert.equal(await page.locator('[data-count=passed]').innerText(), String(expected - 1));
    assert.equal(await page.locator('details.scenario[open]').count(), 1, 'only the failing one is open');
    const failing = page.locator('details.scenario.fail');
    assert.equal(await failing.getAttribute('data-scenario'), 'made_to_fail');
    assert.ok(await failing.locator('svg.sequence .arrow.failing').first().isVisible());
    assert.ok(await failing.locator('aside.failures').isVisible());
    assert.match(await failing.locator('aside.failures').innerText(), /StepOutcomeMatchesScenario/);
    await page.screenshot({ path: join(out, 'report-top.png') });
    await failing.screenshot({ path: join(out, 'report-failing.png') });
    if (docs) copyFileSync(join(out, 'report-failing.png'), join(docs, 'report.png'));

    const allow = page.locator('details.scenario[data-scenario=allow]');
    assert.equal(await allow.locator('svg.sequence').isVisible(), false, 'a passing scenario is folded');
    await allow.locator('summary').click();
    await allow.locator('svg.sequence').waitFor({ state: 'visible' });
    for (const group of ['1', '2', '3', '4', '5', '6', '7-8', '9-10']) {
      assert.ok(await allow.locator(`svg.sequence .arrow[data-step="${group}"]`).first().isVisible(),
                `the allow flow draws an exchange of step ${group}`);
    }
    assert.equal(await allow.locator('tr.step').count(), 10);
    await allow.screenshot({ path: join(out, 'report-allow.png') });
    if (docs) copyFileSync(join(out, 'report-top.png'), join(docs, 'report-summary.png'));
    await context.close();
  });
} catch (e) {
  failed = e;
} finally {
  await browser.close();
  serve.child.kill('SIGTERM');
  const { code } = await serve.exited;
  if (!failed && code !== 0) failed = new Error(`oauthsim serve exited ${code} on SIGTERM:\n${serve.log()}`);
}
if (failed) {
  console.error(`FAILED after: ${steps.join('; ') || 'nothing'}\n${failed.stack || failed}`);
  console.error(`screenshots so far: ${out}`);
  process.exit(1);
}
console.log(`browser test: ${steps.length} passed, 0 failed (screenshots in ${out})`);
