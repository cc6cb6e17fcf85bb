// F3.10: saving is idempotent. When the record reaches the server but the
// answer is lost, the form stays with a message to try again, and saving
// again (with the same submission key) gives the record made the first time,
// never a second one.
import { test, expect, type Route } from '@playwright/test';
import { chooseMode, ownRecordsWith, pickSupervisee, signInAt } from './helpers';

test('saving again after a lost connection stores the record once', async ({ page, browser, viewport }) => {
  const story = `Caseload pressures before the connection dropped ${Date.now()}`;

  await signInAt(page, '/record', 'Priya Shah');
  await expect(page.getByRole('heading', { level: 1, name: 'Record supervision' })).toBeVisible();
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await page.getByLabel('Experience').fill(story);
  await page.getByRole('checkbox', { name: 'Supportive' }).check();

  // The first save reaches the server and is stored, but the browser sees
  // the connection drop before the answer arrives.
  let firstId: string | undefined;
  const loseTheAnswer = async (route: Route) => {
    const body = route.request().postData() ?? '';
    if (firstId === undefined && body.includes('recordSupervision')) {
      const response = await route.fetch();
      firstId = (await response.json()).data.recordSupervision.id;
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  };
  await page.route('**/graphql', loseTheAnswer);
  await chooseMode(page);
  await page.getByRole('button', { name: 'Save record' }).click();

  await expect(
    page.getByRole('alert').filter({ hasText: 'We could not reach the server. Your record is kept on this device; press Save record again to send it.' }),
  ).toBeVisible();
  expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page).toHaveURL(/\/record$/);
  await expect(page.getByLabel('Experience')).toHaveValue(story);

  // The connection is back; saving again gives the record already stored.
  await page.unroute('**/graphql', loseTheAnswer);
  await chooseMode(page);
  await page.getByRole('button', { name: 'Save record' }).click();
  await expect(page).toHaveURL(new RegExp(`/supervisions/${firstId}\\?saved=1$`));
  await expect(page.getByText(story)).toBeVisible();

  // Tom has exactly one record with that story.
  expect(await ownRecordsWith(browser, 'Tom Reed', story, viewport)).toEqual([firstId]);
});
