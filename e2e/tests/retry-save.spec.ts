// F3.10: saving is idempotent. When the record reaches the server but the
// answer is lost, the form stays with a message to try again, and saving
// again (with the same submission key) gives the record made the first time,
// never a second one.
import { test, expect, type Route } from '@playwright/test';
import {
  checkAnswer, chooseMode, continueTo, continueToCheck, expectStep, ownRecordsWith, pickSupervisee, saveRecord, signInAt,
} from './helpers';

test('saving again after a lost connection stores the record once', async ({ page, browser, viewport }) => {
  const story = `Caseload pressures before the connection dropped ${Date.now()}`;

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
  await page.getByRole('button', { name: 'Save record', exact: true }).click();

  // The form stays on the check page, the record with it.
  await expect(
    page.getByRole('alert').filter({ hasText: 'We could not reach the server. Your record is kept on this device; press Save record again to send it.' }),
  ).toBeVisible();
  expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page).toHaveURL(/\/record\?step=check$/);
  await expectStep(page, 'Check your answers');
  await expect(checkAnswer(page, 'Experience')).toContainText(story);

  // The connection is back; saving again gives the record already stored.
  await page.unroute('**/graphql', loseTheAnswer);
  expect(await saveRecord(page)).toBe(`/supervisions/${firstId}`);
  await expect(page.getByText(story)).toBeVisible();

  // Tom has exactly one record with that story.
  expect(await ownRecordsWith(browser, 'Tom Reed', story, viewport)).toEqual([firstId]);
});
