// In the real browser: what members of the public typed shows as text in the widget and on the staff
// dashboard, and never runs.
import type { BrowserContext } from 'playwright-core';
import { launchBrowser, staffSeesUnanswered } from '../helpers/browser';
import { startBot, type RunningBot } from '../helpers/http';

jest.setTimeout(90_000);
const TOKEN = 'staff-token-for-browser-tests-0123456789';
const XSS = '<img src=x onerror="window.__xss=1"> [klik](javascript:window.__xss=2)';

let browser: BrowserContext;
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ STAFF_TOKEN: TOKEN });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

test('the widget shows a typed script as text and does not run it', async () => {
  const page = await browser.newPage();
  await page.goto(`${bot.url}/widget?lang=nl`);
  await page.locator('.webchat__bubble__content').first().waitFor({ timeout: 20_000 });
  const box = page.getByRole('textbox');
  await box.fill(XSS);
  await box.press('Enter');
  const mine = page.locator('.webchat__bubble--from-user .webchat__bubble__content').last();
  await mine.waitFor({ timeout: 20_000 });
  await page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').nth(1).waitFor({ timeout: 20_000 });
  expect(await mine.textContent()).toContain('<img src=x');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('.webchat__bubble--from-user img').count()).toBe(0);
  await page.close();
});

test('the staff dashboard shows an unanswered question with markup as text and does not run it', async () => {
  const { page, cell } = await staffSeesUnanswered(browser, bot, TOKEN, { text: XSS, locale: 'nl', conversation: 'xss|x' });
  expect(await cell.textContent()).toBe(XSS);
  expect(await page.locator('#unanswered img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await page.close();
});
