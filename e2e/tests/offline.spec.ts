// Issue 13: an app that installs and opens offline. Signed in once, with
// the network switched off the page still opens (from the service worker's
// copy of the app's shell, never from a copy of anything the API said),
// says plainly that the device is offline, and recovers by itself when the
// signal returns.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, continueToCheck, expectStep, ownRecordsWith, pickSupervisee, signInAt } from './helpers';

test.use({ serviceWorkers: 'allow' });

test('the app opens with the network off, says it is offline, and recovers when the signal returns', async ({ page, context }) => {
  await signInAt(page, '/', 'Tom Reed');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Installable: the page names its manifest, which names the app and its icons.
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest.name).toBe('Supervision records');
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  // The worker is active and has kept the shell: the page and its files only.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const kept = await page.evaluate(async () => {
    const names = await caches.keys();
    const paths: string[] = [];
    for (const name of names) {
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
  // The shell as built, never `/`: the server draws the signed-in person's
  // waiting records into that (backend/src/web/first_page.rs).
  expect(kept).toContain('/index.html');
  expect(kept).not.toContain('/');
  expect(kept.some((p) => p.endsWith('.wasm'))).toBe(true);
  expect(kept.filter((p) => p.startsWith('/graphql') || p.startsWith('/auth') || p.startsWith('/export'))).toEqual([]);

  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await expect(page.locator('.brand')).toHaveText('Supervision records');
  const notice = page.getByRole('status').filter({ hasText: 'You are offline.' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('What you type on the record form is kept on this device');

  await context.setOffline(false);
  await expect(notice).toHaveCount(0);
  await expect(page.locator('.signed-in-name')).toContainText('Tom Reed');
});

test('a record saved with no signal is sent by itself when the signal returns, and stored once', async ({ page, context, browser, viewport }) => {
  const story = `Typed on a visit with no signal ${Date.now()}`;
  await signInAt(page, '/record', 'Priya Shah');
  await expectStep(page, 'Who and how');
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'About the session');
  await page.getByRole('checkbox', { name: 'Supportive' }).check();
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  await continueTo(page, 'Analysis and plan');
  await continueToCheck(page, 'Analysis and plan');

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Save record', exact: true }).click();
  await expect(page.locator('.error-summary')).toContainText('will be sent as soon as the signal returns');
  await expect(page).toHaveURL(/\/record\?step=check$/);

  await context.setOffline(false);
  await expect(page).toHaveURL(/\/supervisions\/[0-9a-f-]{36}\?saved=1$/);
  await expect(page.getByText(story)).toBeVisible();

  const savedId = page.url().match(/\/supervisions\/([0-9a-f-]{36})/)?.[1];

  // Exactly once: Tom has one record with that story, the one just shown.
  expect(await ownRecordsWith(browser, 'Tom Reed', story, viewport)).toEqual([savedId]);
});
