import { expect, test } from '@playwright/test';
import { accessible, step, watchConsole } from './steps';

/**
 * Other visitors from the browser's address spending the gateway's anonymous budget (100 a minute): a few loops of
 * requests, as fast as the gateway answers, until stopped. `refused` settles once the gateway refuses one.
 */
function crowdFromTheSameAddress(baseURL: string) {
  let running = true;
  let sawRefusal = () => {};
  const refused = new Promise<void>((resolve) => (sawRefusal = resolve));
  const loop = async () => {
    while (running) {
      const response = await fetch(new URL('/api/v1/restaurants/00000000-0000-4000-8000-000000000000', baseURL));
      await response.arrayBuffer();
      if (response.status === 429) sawRefusal();
    }
  };
  const loops = Array.from({ length: 6 }, loop);
  return {
    refused,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/**
 * The same gateway over the IPv6 loopback when it listens there (the end-to-end platform's does): to the gateway a
 * client address of its own, so the crowd below spends a budget no other test (all on 127.0.0.1) needs afterwards.
 */
async function addressOfItsOwn(baseURL: string) {
  const url = new URL(baseURL);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') return url.origin;
  url.hostname = '[::1]';
  try {
    await fetch(new URL('/app-config.json', url));
    return url.origin;
  } catch {
    return new URL(baseURL).origin; // IPv4 only (./tabelogo up's default): the shared budget, then
  }
}

test('a rate-limited search says when it tries again, and does so by itself', async ({ page, baseURL }, info) => {
  const gateway = await addressOfItsOwn(baseURL!);
  const problems = watchConsole(page);
  const retryAfter: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 429) retryAfter.push(response.headers()['retry-after']);
  });
  await page.goto(gateway + '/');
  const query = page.getByLabel('What are you looking for?');
  await expect(query).toBeVisible();

  const crowd = crowdFromTheSameAddress(gateway);
  try {
    await crowd.refused;
    const notice = page.getByRole('alert').filter({ hasText: /Trying again in \d+ s/ });
    const results = page.locator('.place');
    // The crowd takes each token as it comes back; should the search slip through between two, it searches again.
    for (const words of ['ramen', 'sushi', 'soba']) {
      await query.fill(words);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      // Either answer will do; both show at once when the notice arrives above the last search's results.
      await expect(notice.or(results.first()).first()).toBeVisible();
      if (await notice.isVisible()) break;
    }
    await expect(notice).toBeVisible();
    expect(retryAfter.length).toBeGreaterThan(0);
    await expect(notice).toContainText(`Trying again in ${retryAfter.at(-1)} s`);
    await accessible(page);
    await step(page, info, 'rate-limited-search');
  } finally {
    await crowd.stop();
  }
  // The budget refills: the app's own retry brings the results, and the notice goes.
  await expect(page.locator('.place').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await step(page, info, 'rate-limited-search-retried');
  expect(problems).toEqual([]);
});

// The end-to-end module stops map-service for these, after storing a restaurant and ageing it past the freshness
// window (WebAppBrowserEndToEndTest); by hand they are skipped.
const aged = { id: process.env.TABELOGO_AGED_RESTAURANT_ID, name: process.env.TABELOGO_AGED_RESTAURANT_NAME };

test.describe('with map-service stopped @map-down', () => {
  test.skip(!aged.id, 'needs map-service stopped and an aged restaurant: the end-to-end module provides both');

  test('a stored restaurant past its freshness window still opens, marked as saved data', async ({ page }, info) => {
    const problems = watchConsole(page);
    await page.goto(`/restaurants/${aged.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(aged.name!);
    // Quick search could not refresh it from the map: the stored copy, with its age (10 days).
    await expect(page.getByRole('status').filter({ hasText: 'Saved data from 10 days ago' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await accessible(page);
    await step(page, info, 'map-down-saved-data');
    expect(problems).toEqual([]);
  });

  test('a search says the place search is down, and the rest of the app still works', async ({ page }, info) => {
    const problems = watchConsole(page);
    await page.goto('/');
    await page.getByLabel('What are you looking for?').fill('ramen');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('Place search is not available right now');
    // The gateway's own words, naming the service.
    await expect(page.getByRole('alert')).toContainText('map service is unavailable');
    await accessible(page);
    await step(page, info, 'map-down-search');

    // The rest: favourites and account pages answer, a stored restaurant opens.
    await page.getByRole('link', { name: 'Favourites' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Favourites');
    await page.goto(`/restaurants/${aged.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(aged.name!);
    await step(page, info, 'map-down-rest-still-works');
    expect(problems).toEqual([]);
  });
});
