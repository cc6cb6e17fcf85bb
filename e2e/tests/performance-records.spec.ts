// Issue 17 (HR pages), F7.5: performance management records are seen by
// the manager who ran the procedure, the person, and HR. An HR
// administrator finds them listed, opens one and reads it; nobody else is
// offered the list.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, personAt, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

test('HR finds a performance management record in their list and reads it', async ({ page, browser, viewport }) => {
  const story = `Agreed the improvement plan for visit notes ${Date.now()}`;
  // Priya, Tom's line manager, records the meeting.
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'Performance management supervision' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  const recordPath = await saveRecordFrom(page);

  // Daniel, HR, from his navigation.
  const daniel = await personAt(browser, '/', 'Daniel Okoro', viewport);
  await daniel.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Performance records' }).click();
  await expect(daniel.getByRole('heading', { level: 1, name: 'Performance management records' })).toBeVisible();
  const link = daniel.locator(`a[href="${recordPath}"]`);
  await expect(link).toContainText('Tom Reed: Performance management supervision');
  // The list is outlines: what was said is not on it.
  await expect(daniel.getByText(story)).toHaveCount(0);
  await link.click();
  await expect(daniel.getByText(story)).toBeVisible();

  // Tom is the person, not HR: the list is not for him.
  const tom = await personAt(browser, '/performance-records', 'Tom Reed', viewport);
  await expect(tom.getByText('This page is not available to you.')).toBeVisible();
  await expect(tom.locator(`a[href="${recordPath}"]`)).toHaveCount(0);
});
