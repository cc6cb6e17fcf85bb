// F9.2: help and frequently asked questions in the product, reachable from
// every page, searchable, and open to someone not yet signed in (the first
// question is how to sign in).
import { test, expect } from '@playwright/test';
import { expectAccessible, expectLoaded } from './axe';
import { signInAt } from './helpers';

test('help is open to anyone, searchable, and linked from every page', async ({ page }) => {
  // Signed out: the page itself, not a trip to sign in.
  await page.goto('/help');
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Help and frequently asked questions' })).toBeVisible();
  await expect(page).toHaveTitle('Help and frequently asked questions – Supervision records');
  const signIn = page.locator('details').filter({ hasText: 'How do I sign in?' });
  await signIn.getByText('How do I sign in?').click();
  await expect(signIn).toContainText('there is no separate password');
  await expectAccessible(page, 'help, signed out');

  // The search narrows the questions and opens what it finds.
  const search = page.getByRole('searchbox', { name: 'Search the help' });
  await search.fill('group SESSION');
  await expect(page.getByRole('main').getByRole('status')).toHaveText(/^\d+ questions? match(es)? your search\.$/);
  const group = page.locator('details').filter({ hasText: 'How do I record a group session?' });
  await expect(group).toHaveAttribute('open', '');
  await expect(group.getByText('as you would add people to an email')).toBeVisible();
  await expect(page.locator('details').filter({ hasText: 'Can I have a copy of my records?' })).toHaveCount(0);
  await search.fill('teleporter');
  await expect(page.getByRole('main').getByRole('status')).toHaveText('No questions match your search. Try fewer or other words.');
  await expect(page.locator('details')).toHaveCount(0);

  // What counts is the product's own rule, in words.
  await search.fill('');
  const formal = page.locator('details').filter({ hasText: 'What counts as formal supervision?' });
  await formal.getByText('What counts as formal supervision?').click();
  await expect(formal).toContainText('do not count: Personal reflection');

  // Signed in, every page's footer leads here.
  await signInAt(page, '/actions', 'Priya Shah');
  await expectLoaded(page);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Help and frequently asked questions' }).click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Help and frequently asked questions' })).toBeVisible();
});
