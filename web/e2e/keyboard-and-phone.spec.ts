import { expect, type Page, test } from '@playwright/test';
import { accessible, step, watchConsole } from './steps';

test('the search-to-detail journey works with the keyboard alone', async ({ page }, info) => {
  const problems = watchConsole(page);
  await page.goto('/');
  // The app renders once its configuration and languages are loaded: Tab before that would land nowhere.
  await expect(page.getByLabel('What are you looking for?')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  // From the main content: the first stop is the search field.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('What are you looking for?')).toBeFocused();
  await page.keyboard.type('ramen');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?q=ramen/);
  const first = page.locator('.place-open').first();
  await expect(first).toBeVisible();

  // Tab through the filters to the first result; focusing it highlights its marker.
  for (let i = 0; i < 10 && !(await first.evaluate((element) => element === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(first).toBeFocused();
  await expect(page.locator('.leaflet-marker-icon.pin-active')).toHaveCount(1);
  await step(page, info, 'keyboard-result-focused');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/restaurants\//);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(problems).toEqual([]);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the map sits above the list and nothing overflows sideways', async ({ page }, info) => {
    await page.goto('/?q=sushi');
    await expect(page.locator('.place').first()).toBeVisible();
    const map = await page.locator('.map').boundingBox();
    const list = await page.locator('.result-list').boundingBox();
    expect(map!.y).toBeLessThan(list!.y);
    // The header takes two rows at most: the results start in the first screen.
    expect((await page.locator('header.top').boundingBox())!.height).toBeLessThanOrEqual(110);
    expect(await overflowing(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await accessible(page);
    await step(page, info, 'phone-search');
    await page.locator('.place-open').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await overflowing(page)).toEqual([]);
    await accessible(page);
    await step(page, info, 'phone-detail');
  });
});

/** Elements that reach past the right edge of the viewport (a page that scrolls sideways on a phone). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && element.offsetParent !== null)
      .filter((element) => !element.closest('.leaflet-pane, .skip'))
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`)
      .slice(0, 10);
  });
}
