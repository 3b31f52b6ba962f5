import { expect, type Page, test } from '@playwright/test';
import { accessible, step, uniqueEmail, watchConsole } from './steps';

test('a visitor registers, searches, opens a restaurant, gets its Tabelog rating live and signs out', async ({
  page,
}, info) => {
  const problems = watchConsole(page);
  const tokens: string[] = [];
  page.on('request', (request) => {
    const header = request.headers()['authorization'];
    if (header?.startsWith('Bearer ')) tokens.push(header.slice(7));
  });

  // Register: the server's validation message appears at its field.
  await page.goto('/account');
  // The build's version and commit, the same as every service's /info, at the foot of every page.
  await expect(page.locator('footer.build')).toHaveText(
    `Tabelogo ${process.env.TABELOGO_EXPECTED_VERSION ?? 'dev'} (${process.env.TABELOGO_EXPECTED_COMMIT ?? 'unknown'})`,
  );
  await page.getByRole('button', { name: 'No account yet? Create one' }).click();
  const email = uniqueEmail();
  const password = 'a-Long-enough-passw0rd';
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name').fill('Browser Tester');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#password-problem')).toContainText('8');
  await accessible(page);
  await step(page, info, '1-register-field-error');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  // Other tests of this platform may have used this address's login budget: the form then retries by itself.
  await expect(page).toHaveURL(/\/$/, { timeout: 75_000 });
  await expect(page.getByRole('link', { name: 'Browser Tester' })).toBeVisible();

  // Search: the URL holds it; list and markers in step.
  await page.getByLabel('What are you looking for?').fill('ramen');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/\?q=ramen&bbox=/);
  const results = page.locator('.place');
  await expect(results.first()).toBeVisible();
  const count = await results.count();
  await expect(page.locator('.leaflet-marker-icon')).toHaveCount(count);
  await expect(page.getByRole('status').filter({ hasText: 'cannot be loaded' })).toBeVisible(); // offline tiles
  await results.nth(1).hover();
  await expect(page.locator('.leaflet-marker-icon.pin-active')).toHaveCount(1);
  await page.locator('.leaflet-marker-icon').first().hover();
  await expect(page.locator('.place.place-active')).toHaveCount(1);
  await accessible(page);
  await step(page, info, '2-search-list-and-map');

  // Back and forward restore the search.
  const searched = page.url();
  await page.getByLabel('What are you looking for?').fill('sushi');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/q=sushi/);
  await page.goBack();
  await expect(page).toHaveURL(searched);
  await expect(page.getByLabel('What are you looking for?')).toHaveValue('ramen');
  await expect(results.first()).toContainText(/ramen/i);
  const name = (await results.first().locator('.place-name').textContent())!;

  // Moving the map offers "Search this area", which searches the area now in view.
  await expect(page.getByRole('button', { name: 'Search this area' })).toHaveCount(0);
  const map = page.locator('.map');
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 60, { steps: 8 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'Search this area' }).click();
  await expect(page).not.toHaveURL(searched);
  await expect(page).toHaveURL(/\?q=ramen&bbox=/);
  await expect(page.getByRole('button', { name: 'Search this area' })).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(searched);
  await expect(results.first().locator('.place-name')).toHaveText(name);

  // Detail, deep-linkable.
  await results.first().getByRole('button').click();
  await expect(page).toHaveURL(/\/restaurants\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.locator('.hours tr.today')).toHaveCount(1);
  const detail = page.url();
  // A reload keeps the visitor signed in: the access token was in memory only, the refresh cookie brings it back.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.getByRole('link', { name: 'Browser Tester' })).toBeVisible();
  await accessible(page);
  await step(page, info, '3-detail');

  // The Tabelog rating, fetched live: progress, then the rating.
  await page.getByRole('button', { name: 'Get Tabelog rating' }).click();
  await expect(page.locator('.progress')).toBeVisible();
  await step(page, info, '4-tabelog-progress');
  await expect(page.getByTestId('tabelog-rating')).toContainText('★', { timeout: 60_000 });
  await expect(page.getByTestId('tabelog-rating').getByRole('link', { name: 'See it on Tabelog' })).toBeVisible();
  await step(page, info, '5-tabelog-rating');

  // Favourites: added on the detail page, edited and removed from the list.
  await page.getByLabel('Notes').fill('Go before noon');
  await page.getByLabel('Tags').fill('lunch, ramen, Lunch');
  await page.getByRole('button', { name: 'Add to favourites' }).click();
  await expect(page.getByRole('heading', { name: 'Your favourite' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText(['lunch', 'ramen']);
  await step(page, info, '6-favourite-added');
  await page.getByRole('link', { name: 'Favourites' }).click();
  const entry = page.locator('.favorite-list > li').filter({ hasText: name });
  await expect(entry.getByRole('link', { name })).toHaveAttribute('href', new URL(detail).pathname);
  await expect(entry).toContainText('Go before noon');
  await entry.getByRole('button', { name: 'Edit' }).click();
  await entry.getByLabel('Notes').fill('Go before 11');
  await entry.getByRole('button', { name: 'Save' }).click();
  await expect(entry).toContainText('Go before 11');
  await accessible(page);
  await step(page, info, '7-favourites');
  await entry.getByRole('button', { name: 'Remove' }).click();
  await expect(page.locator('.favorite-list > li').filter({ hasText: name })).toHaveCount(0);

  // The account: this device among the open sessions.
  await page.getByRole('link', { name: 'Browser Tester' }).click();
  await expect(page.getByTestId('session').filter({ hasText: 'this device' })).toHaveCount(1);
  // Named as a person would (from the User-Agent), not the raw header.
  await expect(page.getByTestId('session').filter({ hasText: 'this device' })).toContainText('Chrome on Linux');
  await accessible(page);
  await step(page, info, '8-account-sessions');

  // Sign out: the session ends on the server, so the old token is refused, and the cookie is gone.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  const token = tokens.at(-1)!;
  const refused = await page.request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect((await page.context().cookies()).filter((cookie) => cookie.name === 'tabelogo_refresh')).toEqual([]);
  await accessible(page);
  await step(page, info, '9-signed-out');

  // A restaurant's page is a link anyone can open.
  await page.goto(detail);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.getByTestId('tabelog-rating')).toBeVisible();

  // Signing in again, kept signed in: the refresh cookie lasts 30 days instead of 24 hours.
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Keep me signed in').check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Browser Tester' })).toBeVisible({ timeout: 75_000 });
  const refreshCookie = (await page.context().cookies()).find((cookie) => cookie.name === 'tabelogo_refresh')!;
  expect(refreshCookie.httpOnly).toBe(true);
  expect(refreshCookie.expires * 1000 - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);

  // Another device of the same person, signed out from this one: its token is refused from then on.
  const phone = await politeLogin(page, { email, password });
  await page.getByRole('link', { name: 'Browser Tester' }).click();
  const otherDevice = page.getByTestId('session').filter({ hasText: 'Safari on iOS' });
  await expect(otherDevice).toHaveCount(1);
  await step(page, info, '10-two-devices');
  await otherDevice.getByRole('button', { name: 'Sign out that device' }).click();
  await expect(otherDevice).toHaveCount(0);
  await expect(page.getByTestId('session')).toHaveCount(1);
  const phoneRefused = await page.request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${phone}` } });
  expect(phoneRefused.status()).toBe(401);
  expect(problems).toEqual([]);
});

/**
 * A login from "a phone" (its own User-Agent) outside the browser: its access token. Waits out a 429 as the app does:
 * logins from this address share a budget with the platform's other tests.
 */
async function politeLogin(page: Page, credentials: { email: string; password: string }): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const answer = await page.request.post('/api/v1/auth/login', {
      data: credentials,
      headers: {
        'User-Agent':
          'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      },
    });
    if (answer.status() !== 429 || attempt === 10) {
      expect(answer.status()).toBe(200);
      return (await answer.json()).access_token;
    }
    await new Promise((resolve) => setTimeout(resolve, Number(answer.headers()['retry-after'] ?? '6') * 1000));
  }
}
