// F6.2: a line manager records a supervisee's extended absence on their
// history page (York renews the supervision agreement after one); a short
// one is refused by field; the person sees it but does not record it; one
// recorded in error is removed. At the narrowest phone (360 px) and on a
// desktop, one supervisee each, as both run against the same server.
import { test, expect } from '@playwright/test';
import { dateBox, dateGroup, fillDate, longDate, organisationDay, personAt, signInAt } from './helpers';

test('a line manager records an extended absence, the person sees it, and one recorded in error is removed', async ({ page, browser, viewport }, testInfo) => {
  const phone = testInfo.project.name === 'phone';
  const report = phone ? 'Tom Reed' : 'Aisha Khan';
  const size = phone ? { width: 360, height: 780 } : viewport;
  if (size) await page.setViewportSize(size);
  await signInAt(page, '/supervisees', 'Priya Shah');
  await page.getByRole('link', { name: `Supervision history of ${report}` }).first().click();
  const section = page.getByRole('region', { name: 'Extended absences' });
  await expect(section).toContainText('None recorded.');

  // Two weeks is not an extended absence: the summary says so and leads to the field.
  const away = organisationDay(-70);
  const back = organisationDay(-14);
  const firstDayBack = dateGroup(section, 'First day back');
  await fillDate(dateGroup(section, 'First day away'), away);
  await fillDate(firstDayBack, organisationDay(-56));
  await section.getByRole('button', { name: 'Record the absence' }).click();
  const summary = page.locator('#absence-errors');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Only absences of four weeks or more are recorded here.');
  await expect(dateBox(firstDayBack, 'Day')).toHaveAttribute('aria-invalid', 'true');

  await fillDate(firstDayBack, back);
  await section.getByRole('button', { name: 'Record the absence' }).click();
  await expect(page.locator('#absences-status')).toContainText(`The absence is recorded: away from ${longDate(away)}, back on ${longDate(back)}.`);
  const item = section.getByRole('listitem').filter({ hasText: `Away from ${longDate(away)}, back on ${longDate(back)}` });
  await expect(item).toContainText('Recorded by Priya Shah');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size?.width ?? 1280);
  const history = page.url();

  // The person sees it, without the form or the removal.
  const them = await personAt(browser, history, report, size);
  const theirs = them.getByRole('region', { name: 'Extended absences' });
  await expect(theirs).toContainText(`Away from ${longDate(away)}, back on ${longDate(back)}`);
  await expect(theirs.getByRole('button', { name: /Record the absence|Remove/ })).toHaveCount(0);

  // Recorded in error: removed after a second, explicit answer.
  await item.getByRole('button', { name: /^Remove/ }).click();
  await page.getByRole('button', { name: 'Yes, remove it' }).click();
  await expect(page.locator('#absences-status')).toContainText('The absence is removed.');
  await expect(section).toContainText('None recorded.');
});
