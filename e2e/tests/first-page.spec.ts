// Issue 13: the first page on a slow phone. The server draws the home
// page's waiting records and the header's navigation into the page it
// sends, so they can be read, and followed, before the app's files have
// arrived; once the app runs it keeps that page on screen (one heading, one
// list, no jump) and takes over.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, personAt, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

test('the home page shows what waits for me before the app has loaded, and its links work', async ({ page, browser }) => {
  const phone = { width: 375, height: 812 };
  await page.setViewportSize(phone);
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Aisha', 'Aisha Khan');
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(`Drawn by the server ${Date.now()}`);
  const path = await saveRecordFrom(page);

  const aisha = await personAt(browser, '/', 'Aisha Khan', phone);
  // The app's own files never arrive: what shows is the server's page alone.
  const appFiles = /\/(boot|app|__wasm_split)-[0-9a-f]+\.js$|\.wasm$/;
  await aisha.context().route(appFiles, (route) => route.abort());
  await aisha.goto('/');
  await expect(aisha).toHaveTitle('My own supervisions – Supervision records');
  await expect(aisha.getByRole('heading', { level: 1, name: 'My own supervisions' })).toBeVisible();
  const waiting = aisha.getByRole('region', { name: /^Waiting for you to agree or disagree \(\d+\)$/ });
  await expect(waiting).toBeVisible();
  const row = waiting.locator('.action-row').filter({ has: aisha.locator(`a[href="${path}"]`) });
  await expect(row).toContainText('Recorded by Priya Shah');
  const nav = aisha.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My supervisions' })).toHaveAttribute('aria-current', 'page');
  await expect(nav).toContainText('Aisha Khan');
  // Aisha is supervised: when her next supervision of each kind is due.
  const standings = aisha.getByRole('region', { name: 'When my next supervision is due' });
  await expect(standings.getByRole('heading', { level: 3 })).toHaveText(['Clinical', 'Line management', 'Case']);
  const drawnStandings = await standings.innerText();
  const drawnBox = await standings.boundingBox();

  // The link is a real one: followed (the app allowed again), the record opens.
  await aisha.context().unroute(appFiles);
  await row.getByRole('link').click();
  await expect(aisha).toHaveURL(path);
  await expect(aisha.getByRole('region', { name: 'Agree or disagree with this record' })).toBeVisible();

  // With the app: the same page, drawn once.
  await aisha.goto('/');
  await expect(aisha.locator('.signed-in-name')).toContainText('Aisha Khan');
  await expect(waiting.locator(`a[href="${path}"]`)).toBeVisible();
  await expect(aisha.locator('h1')).toHaveCount(1);
  await expect(aisha.getByRole('region', { name: /^Waiting for you/ })).toHaveCount(1);
  await expect(aisha.getByRole('navigation', { name: 'Main' })).toHaveCount(1);
  // The app's standings read as the server's did, where the server's were.
  await expect(standings).toHaveCount(1);
  await expect(aisha.locator('#first-view, .first-view')).toHaveCount(0);
  expect(await standings.innerText()).toBe(drawnStandings);
  expect(await standings.boundingBox()).toEqual(drawnBox);
  // The app's own header: signing out works.
  await aisha.getByRole('button', { name: 'Sign out' }).click();
  await expect(aisha).toHaveURL(/\/signin/);
});
