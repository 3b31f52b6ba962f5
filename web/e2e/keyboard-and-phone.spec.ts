import { expect, type Locator, type Page, test } from '@playwright/test';
import { accessible, step, uniqueEmail, watchConsole } from './steps';

test('the whole journey works with the keyboard alone', async ({ page }, info) => {
  const problems = watchConsole(page);
  await page.goto('/');
  // The app renders once its configuration and languages are loaded: Tab before that would land nowhere.
  await expect(page.getByLabel('What are you looking for?')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

  // An account, from the header's "Sign in".
  await tabTo(page, page.getByRole('navigation').getByRole('link', { name: 'Sign in' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'No account yet? Create one' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(uniqueEmail());
  await tabTo(page, page.getByLabel('Name'));
  await page.keyboard.type('Keyboard User');
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.type('a-Long-enough-passw0rd');
  await page.keyboard.press('Enter');
  // Other tests of this platform may have used this address's login budget: the form then retries by itself.
  await expect(page.getByRole('link', { name: 'Keyboard User' })).toBeVisible({ timeout: 75_000 });

  // Search from the skip link: the first stop in the main content is the search field.
  await tabTo(page, page.getByLabel('What are you looking for?'));
  await page.keyboard.type('ramen');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?q=ramen/);
  const first = page.locator('.place-open').first();
  await expect(first).toBeVisible();
  // Focusing a result highlights its marker.
  await tabTo(page, first);
  await expect(page.locator('.leaflet-marker-icon.pin-active')).toHaveCount(1);
  await step(page, info, 'keyboard-result-focused');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/restaurants\//);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // The Tabelog rating, fetched live.
  await tabTo(page, page.getByRole('button', { name: 'Get Tabelog rating' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tabelog-rating')).toContainText('★', { timeout: 60_000 });

  // A favourite: added here, edited and removed from the list.
  await tabTo(page, page.getByLabel('Notes'));
  await page.keyboard.type('Counter seats');
  await tabTo(page, page.getByRole('button', { name: 'Add to favourites' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your favourite' })).toBeVisible();
  await tabTo(page, page.getByRole('navigation').getByRole('link', { name: 'Favourites' }));
  await page.keyboard.press('Enter');
  const entry = page.locator('.favorite-list > li').first();
  await expect(entry).toContainText('Counter seats');
  await tabTo(page, entry.getByRole('button', { name: 'Edit' }));
  await page.keyboard.press('Enter');
  await tabTo(page, entry.getByLabel('Notes'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Table seats');
  await tabTo(page, entry.getByRole('button', { name: 'Save' }));
  await page.keyboard.press('Enter');
  await expect(entry).toContainText('Table seats');
  await tabTo(page, entry.getByRole('button', { name: 'Remove' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.favorite-list > li')).toHaveCount(0);

  // The sessions, then signing out.
  await tabTo(page, page.getByRole('link', { name: 'Keyboard User' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session').filter({ hasText: 'this device' })).toHaveCount(1);
  await tabTo(page, page.getByRole('button', { name: 'Sign out' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await step(page, info, 'keyboard-signed-out');
  expect(problems).toEqual([]);
});

/** Tab (forward only, as a keyboard user would) until the element has the focus; fails if it never gets it. */
async function tabTo(page: Page, target: Locator, most = 80) {
  await expect(target).toBeVisible();
  for (let presses = 0; presses < most; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

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
