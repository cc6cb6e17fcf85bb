// F2.2 and provisioning: a system administrator's Roles page. A token for
// the identity provider is shown once, copied, works at /scim/v2 until it
// is revoked, and is never shown again; a role is granted (with the
// server's refusal of a second identical grant beside its field) and
// ended; the last system administrator's role cannot be ended. Anyone
// else is told the page is not for them.
//
// A BI token is made for a unit with a last day, shown once, reads
// compliance at /bi/graphql and nothing else, and stops when revoked.
//
// Each project (phone, desktop) runs against the same server: tokens are
// told apart by their names, and the role granted is ended again.
import { test, expect, type Page } from '@playwright/test';
import { dateGroup, fillDate, organisationDay, personAt, signInAt } from './helpers';
import { expectAccessible } from './axe';

async function openRoles(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roles', exact: true }).click();
  await expect(page).toHaveURL(/\/roles$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
}

/** Nothing on the page is wider than the screen (WCAG 1.4.10, reflow). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 0,
  );
}

/** Calls the SCIM endpoint as the identity provider would. */
async function scimStatus(page: Page, token: string): Promise<number> {
  const response = await page.request.get('/scim/v2/ServiceProviderConfig', {
    headers: { Authorization: `Bearer ${token}` },
  });
  return response.status();
}

test('a provisioning token is shown once, copied, works, and stops working when revoked', async ({ browser, viewport, baseURL }, testInfo) => {
  const name = `Entra ID (${testInfo.project.name} ${Date.now()})`;
  const ruth = await personAt(browser, '/', 'Ruth Adeyemi', viewport);
  await ruth.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await openRoles(ruth);
  const section = ruth.getByRole('region', { name: 'Provisioning (SCIM)' });

  // A token needs a name.
  await section.getByRole('button', { name: 'Make a token' }).click();
  await expect(ruth.locator('#token-errors')).toBeFocused();
  await expect(ruth.locator('#token-errors')).toContainText('Name the token');

  await section.getByLabel('Name of the token').fill(name);
  await section.getByRole('button', { name: 'Make a token' }).click();
  const made = section.locator('.new-token');
  await expect(made.getByRole('heading', { level: 3, name: `Token made: ${name}` })).toBeFocused();
  const origin = new URL(baseURL ?? '').origin;
  await expect(made).toContainText(
    `Paste this into your identity provider as the secret token, with the tenant URL ${origin}/scim/v2. It will not be shown again.`,
  );
  const field = made.getByLabel('Secret token');
  await expect(field).toHaveAttribute('readonly', '');
  const token = await field.inputValue();
  expect(token).toMatch(/^scim_[A-Za-z0-9_-]{40,}$/);

  // Copy puts it on the clipboard, and says so.
  await made.getByRole('button', { name: 'Copy' }).click();
  await expect(made.getByRole('status')).toHaveText('Copied. Paste it into your identity provider now.');
  expect(await ruth.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await expectNoSidewaysScroll(ruth);

  // The identity provider is let in with it.
  expect(await scimStatus(ruth, token)).toBe(200);

  // Listed by name, used now, and the secret is never shown again.
  await ruth.reload();
  const card = section.getByRole('listitem').filter({ has: ruth.getByRole('heading', { level: 3, name, exact: true }) });
  await expect(card).toContainText('In use');
  await expect(card.locator('.record-facts > div', { hasText: 'Last used' }).locator('dd')).toHaveText(
    /^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}$/,
  );
  await expect(section.locator('.new-token')).toHaveCount(0);
  expect(await ruth.content()).not.toContain(token);

  // Revoked, after asking: the list says so and the endpoint refuses it.
  await card.getByRole('button', { name: `Revoke ${name}` }).click();
  await card.getByRole('button', { name: 'Yes, revoke it' }).click();
  const status = ruth.locator('#provisioning-status');
  await expect(status).toHaveText(`${name} has been revoked: the identity provider can no longer use it.`);
  await expect(status).toBeFocused();
  await expect(card).toContainText(/Revoked on \d{1,2} [A-Z][a-z]+ \d{4}/);
  await expect(card.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0);
  expect(await scimStatus(ruth, token)).toBe(401);
});

test('a BI token reaches a unit, is shown once, reads compliance only, and stops when revoked', async ({ browser, viewport, baseURL }, testInfo) => {
  const name = `Power BI (${testInfo.project.name} ${Date.now()})`;
  const ruth = await personAt(browser, '/', 'Ruth Adeyemi', viewport);
  await openRoles(ruth);
  const section = ruth.getByRole('region', { name: 'BI access' });
  const lastDay = dateGroup(section, 'Last day of use');

  // A name, a unit and a last day within a year, each said beside its field.
  await section.getByLabel('BI client').fill(' ');
  await fillDate(lastDay, organisationDay(400));
  await section.getByRole('button', { name: 'Make a BI token' }).click();
  const summary = ruth.locator('#bi-token-errors');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Name the BI client it is for');
  await expect(summary).toContainText('Choose the units it may read');
  await expect(summary).toContainText('A token lasts at most 366 days');
  await expectAccessible(ruth, 'roles, BI token form with errors');

  await section.getByLabel('BI client').fill(name);
  await section.getByLabel('Unit').selectOption({ index: 1 });
  await fillDate(lastDay, organisationDay(90));
  await section.getByRole('button', { name: 'Make a BI token' }).click();
  const made = section.locator('.new-token');
  await expect(made.getByRole('heading', { level: 3, name: `Token made: ${name}` })).toBeFocused();
  const origin = new URL(baseURL ?? '').origin;
  await expect(made).toContainText(`${origin}/bi/graphql`);
  await expect(made).toContainText('It will not be shown again.');
  const token = await made.getByLabel('Secret token').inputValue();
  expect(token).toMatch(/^bi_[A-Za-z0-9_-]{40,}$/);
  await expectNoSidewaysScroll(ruth);

  // The BI tool reads people's compliance with it, and no record.
  const ask = (query: string) => ruth.request.post('/bi/graphql', {
    headers: { Authorization: `Bearer ${token}` },
    data: { query },
  });
  const page = await ask('{ compliance(first: 5) { hasNextPage people { employeeNumber kinds { kind status } } } }');
  expect(page.status()).toBe(200);
  const people = (await page.json()).data.compliance.people;
  expect(people.length).toBeGreaterThan(0);
  expect(people[0].kinds.map((k: { kind: string }) => k.kind)).toEqual(['CLINICAL', 'MANAGEMENT', 'CASE']);
  const content = await (await ask('{ mySupervisions(first: 1) { edges { node { experience } } } }')).json();
  expect(content.data).toBeNull();

  // Listed with what it reaches and its last day, never its secret.
  await ruth.reload();
  const card = section.getByRole('listitem').filter({ has: ruth.getByRole('heading', { level: 3, name, exact: true }) });
  await expect(card).toContainText('In use');
  await expect(card).toContainText('and every unit below');
  await expect(card.locator('.record-facts > div', { hasText: 'Last used' }).locator('dd')).toHaveText(
    /^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}$/,
  );
  expect(await ruth.content()).not.toContain(token);
  await expectAccessible(ruth, 'roles, BI tokens listed');

  // Revoked, after asking: refused from then on.
  await card.getByRole('button', { name: `Revoke ${name}` }).click();
  await card.getByRole('button', { name: 'Yes, revoke it' }).click();
  const status = ruth.locator('#bi-access-status');
  await expect(status).toHaveText(`${name} has been revoked: the BI tool can no longer use it.`);
  await expect(status).toBeFocused();
  await expect(card).toContainText(/Revoked on \d{1,2} [A-Z][a-z]+ \d{4}/);
  expect((await ask('{ unitCompliance { asAt } }')).status()).toBe(401);
});

test('a system administrator grants a role and ends it; the last administrator stays', async ({ browser, viewport }) => {
  const ruth = await personAt(browser, '/', 'Ruth Adeyemi', viewport);
  await openRoles(ruth);
  const granted = ruth.getByRole('region', { name: 'Roles granted' });
  const joanne = granted.getByRole('listitem').filter({
    has: ruth.getByRole('heading', { level: 3, name: 'Joanne Fraser', exact: true }),
  });
  await expect(joanne).toContainText('Senior manager of Children and Families');
  await expect(joanne.locator('.grant-role', { hasText: /^Auditor$/ })).toHaveCount(0);

  // Nothing chosen: both missing answers, linked to their fields.
  const form = ruth.getByRole('form', { name: 'Grant a role' });
  await form.getByRole('button', { name: 'Grant role' }).click();
  const summary = ruth.locator('#grant-errors');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /Choose the person/ })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Choose the role to grant.' })).toBeVisible();

  // A senior manager needs a unit, chosen from the organisation's units.
  await form.getByLabel('Role', { exact: true }).selectOption({ label: 'Senior manager' });
  await expect(form.getByLabel('Unit', { exact: true })).toContainText('Community Services / Adult Community Nursing');

  // Auditor for Joanne Fraser.
  await form.getByRole('combobox', { name: 'Person' }).fill('Joanne');
  await ruth.getByRole('listbox', { name: 'Matching people' }).getByRole('option', { name: /Joanne Fraser/ }).click();
  await form.getByLabel('Role', { exact: true }).selectOption({ label: 'Auditor' });
  await expect(form.getByLabel('Unit', { exact: true })).toHaveCount(0);
  await form.getByRole('button', { name: 'Grant role' }).click();
  const status = ruth.locator('#grants-status');
  await expect(status).toHaveText('Joanne Fraser is now an auditor.');
  await expect(status).toBeFocused();
  const auditor = joanne.getByRole('listitem').filter({ has: ruth.locator('.grant-role', { hasText: /^Auditor$/ }) });
  await expect(auditor).toContainText(/Granted by Ruth Adeyemi on \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}/);
  await expectNoSidewaysScroll(ruth);

  // The same again: the server's refusal, beside the role.
  await form.getByRole('combobox', { name: 'Person' }).fill('Joanne');
  await ruth.getByRole('listbox', { name: 'Matching people' }).getByRole('option', { name: /Joanne Fraser/ }).click();
  await form.getByLabel('Role', { exact: true }).selectOption({ label: 'Auditor' });
  await form.getByRole('button', { name: 'Grant role' }).click();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('They already hold this role.');
  await expect(ruth.locator('#role-error')).toContainText('They already hold this role.');

  // Ended, after asking.
  await auditor.getByRole('button', { name: 'End Auditor for Joanne Fraser' }).click();
  await auditor.getByRole('button', { name: 'Yes, end it' }).click();
  await expect(status).toHaveText('Joanne Fraser is no longer an auditor.');
  await expect(status).toBeFocused();
  await expect(joanne.locator('.grant-role', { hasText: /^Auditor$/ })).toHaveCount(0);
  await expect(joanne).toContainText('Senior manager of Children and Families');

  // Ruth is the only system administrator: refused, with the reason.
  const ruthsCard = granted.getByRole('listitem').filter({
    has: ruth.getByRole('heading', { level: 3, name: 'Ruth Adeyemi', exact: true }),
  });
  const admin = ruthsCard.getByRole('listitem').filter({ hasText: 'System administrator' });
  await admin.getByRole('button', { name: 'End System administrator for Ruth Adeyemi' }).click();
  await admin.getByRole('button', { name: 'Yes, end it' }).click();
  await expect(admin.getByRole('alert')).toHaveText(
    'This is the last system administrator: grant the role to someone else first.',
  );
  await ruth.reload();
  await expect(ruthsCard.getByRole('listitem').filter({ hasText: 'System administrator' })).toHaveCount(1);
});

test('the page is for system administrators only', async ({ page }) => {
  await signInAt(page, '/roles', 'Daniel Okoro');
  await expect(page.getByText('This page is for system administrators')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roles', exact: true })).toHaveCount(0);
});
