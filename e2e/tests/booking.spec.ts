// Issue 18 (F9.3): booking the next session. Priya Shah books one with Tom
// Reed from My supervisees on a phone (errors first), moves it, and Tom
// finds it on his home page, emailed with a calendar invitation; Priya
// calls it off for him and books another time. Each viewport books its
// own days, so the two runs never meet.
import { test, expect } from '@playwright/test';
import { dateGroup, fillDate, organisationDay, personAt } from './helpers';
import { expectAccessible } from './axe';
import { allMail } from './mail';

test('a session is booked, moved, seen by the supervisee and rearranged', async ({ browser, viewport }, testInfo) => {
  test.setTimeout(120_000);
  const offset = testInfo.project.name === 'phone' ? 0 : 1;
  const priya = await personAt(browser, '/supervisees', 'Priya Shah', viewport);
  await priya.getByRole('link', { name: 'Book the next session with Tom Reed' }).click();
  await expect(priya.getByRole('heading', { level: 1, name: 'Book the next session with Tom Reed' })).toBeVisible();

  // Nothing given: each problem at the top, nothing booked.
  await priya.getByRole('button', { name: 'Book it and send the invitations' }).click();
  const summary = priya.locator('#booking-errors');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Give the day as a date, for example 29 3 2027.',
    'Give the time it starts as hours and minutes, for example 14:30.',
    'Say where it will be held, or give a video link.',
  ]);
  await expectAccessible(priya, 'booking a session, errors shown');

  await fillDate(dateGroup(priya, 'Day'), organisationDay(10 + offset));
  await priya.getByLabel('Starts at').fill('10:00');
  await priya.getByLabel('Where').fill('Room 2, Riverside House');
  await priya.getByRole('button', { name: 'Book it and send the invitations' }).click();
  await expect(priya.locator('#session-status')).toContainText('Booked. Everyone on it has been emailed an invitation for their calendar.');
  await expect(priya.getByRole('heading', { level: 1, name: 'Supervision with Tom Reed' })).toBeVisible();
  await expect(priya.locator('.record-facts')).toContainText('10:00 to 11:00');
  await expect(priya.locator('.record-facts')).toContainText('Room 2, Riverside House');
  const first = priya.url();
  await expectAccessible(priya, 'a booked session');

  // Moved an hour and a half later.
  const move = priya.getByRole('region', { name: 'Move it' });
  await move.getByLabel('Starts at').fill('11:30');
  await move.getByRole('button', { name: 'Move it and send the new time' }).click();
  await expect(priya.locator('#session-status')).toContainText('Moved. Everyone on it has been sent the new time');
  await expect(priya.locator('.record-facts')).toContainText('11:30 to 12:30');

  // Tom is emailed each time, and finds it on his home page, to see only.
  await expect
    .poll(async () => (await allMail()).filter((m) => m.to.includes('tom.reed@northfield.example') && /^Supervision (booked|moved): /.test(m.subject)).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(2);
  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  const next = tom.getByRole('region', { name: 'Your next sessions' });
  await expect(next).toBeVisible();
  await next.locator('.action-row').filter({ hasText: '11:30 to 12:30' }).getByRole('link', { name: 'Supervision with Priya Shah' }).first().click();
  await expect(tom.getByRole('heading', { level: 1, name: 'Supervision with Priya Shah' })).toBeVisible();
  await expect(tom.getByRole('region', { name: 'Move it' })).toHaveCount(0);
  await expect(tom.getByRole('region', { name: 'Call it off' })).toHaveCount(0);
  await expectAccessible(tom, 'a session, as its supervisee');

  // Tom cannot make it: Priya calls it off for him and books another day.
  await priya.goto(first.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, ''));
  const callOff = priya.getByRole('region', { name: 'Call it off' });
  await callOff.getByRole('button', { name: 'Call it off and tell everyone' }).click();
  await expect(priya.locator('#call-off-errors')).toBeFocused();
  await expect(priya.locator('#call-off-errors').getByRole('link')).toHaveText(['Say who called it off.']);
  await callOff.getByLabel('The supervisee').check();
  await callOff.getByLabel('Book another time for the same people').check();
  await fillDate(dateGroup(callOff, 'Day'), organisationDay(17 + offset));
  await callOff.getByLabel('Starts at').fill('09:00');
  await expectAccessible(priya, 'calling a session off, rearranging it');
  await callOff.getByRole('button', { name: 'Rearrange it and tell everyone' }).click();
  await expect(priya.locator('#session-status')).toContainText('Rearranged. Everyone on it has been emailed an invitation for the new time.');
  await expect(priya.locator('.record-facts')).toContainText('09:00 to 10:00');
  await priya.goto(first.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, ''));
  await expect(priya.locator('.tag-line')).toContainText('Cancelled: called off by the supervisee');
  await expect(priya.getByRole('link', { name: 'Open the session booked in its place' })).toBeVisible();
});
