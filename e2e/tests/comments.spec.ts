// F4.2: "Supervisees can add their own comments to any of their records."
// A supervisee adds one on the record's page (an empty one is refused with
// the error pattern), the recorder reads it, and a senior manager who sees
// only that the session took place does not.
import { test, expect } from '@playwright/test';
import { expectAccessible } from './axe';
import { chooseMode, continueTo, personAt, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

test('a supervisee comments on their record and the recorder reads it', async ({ page, browser, viewport }) => {
  const stamp = Date.now();
  const said = `Thank you: I would add that the visit ran late ${stamp}`;

  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(`A visit to talk about ${stamp}`);
  const recordPath = await saveRecordFrom(page);
  // The recorder may read comments but not add them.
  await expect(page.getByLabel('Add a comment')).toHaveCount(0);

  const tom = await personAt(browser, recordPath, 'Tom Reed', viewport);
  const comments = tom.getByRole('region', { name: 'Comments' });
  await expect(comments).toContainText('No one has commented on this record.');
  // Nothing written: refused, with the error summary and the field's message.
  await comments.getByRole('button', { name: 'Add comment' }).click();
  const summary = tom.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toContainText('Write your comment.');
  await expect(comments.getByLabel('Add a comment')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(tom, 'record page, comment with errors');
  // Its link takes focus to the box.
  await summary.getByRole('link', { name: 'Write your comment.' }).click();
  await expect(comments.getByLabel('Add a comment')).toBeFocused();

  await comments.getByLabel('Add a comment').fill(said);
  await comments.getByRole('button', { name: 'Add comment' }).click();
  await expect(tom.getByRole('status').filter({ hasText: 'Your comment has been added to the record.' })).toBeVisible();
  const added = tom.getByRole('region', { name: 'Comments' }).getByRole('listitem').filter({ hasText: said });
  await expect(added).toContainText('Tom Reed');
  await expect(tom.getByRole('region', { name: 'Comments' })).not.toContainText('No one has commented');
  await expect(tom.getByRole('region', { name: 'Comments' }).getByLabel('Add a comment')).toHaveValue('');

  // The recorder reads it with the record.
  await page.goto(recordPath);
  await expect(page.getByRole('region', { name: 'Comments' }).getByRole('listitem').filter({ hasText: said })).toContainText('Tom Reed');

  // A senior manager who sees only the outline sees no comments.
  const helen = await personAt(browser, recordPath, 'Helen Carter', viewport);
  await expect(helen.getByText('You can see that this session took place, but not what was discussed.')).toBeVisible();
  await expect(helen.getByRole('region', { name: 'Comments' })).toHaveCount(0);
  await expect(helen.getByText(said)).toHaveCount(0);
});
