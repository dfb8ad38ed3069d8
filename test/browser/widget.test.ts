// The real Web Chat in real Chromium against the bot's own Direct Line: greeting, answer with authority card,
// suggested actions, right-to-left languages, resuming after a reload, and embedding from other origins.
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { ask, botMessages, chat, launchBrowser, openGreeted } from '../helpers/browser';
import { startBot, type RunningBot } from '../helpers/http';

jest.setTimeout(90_000);

let browser: BrowserContext;
let bot: RunningBot;
let allowedHost: { server: Server; url: string };
let refusedHost: { server: Server; url: string };

/** A site of another origin that embeds the widget with one script tag. */
async function hostPage(html: () => string): Promise<{ server: Server; url: string }> {
  const server = http.createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(html()); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const embedding = () => `<!doctype html><html lang="nl"><head><title>Andere site</title></head><body><h1>Andere site</h1>
  <script src="${bot.url}/widget.js" data-lang="nl" data-open="true" data-title="Vragen over inburgering"></script></body></html>`;

beforeAll(async () => {
  allowedHost = await hostPage(embedding);
  refusedHost = await hostPage(embedding);
  bot = await startBot({ ALLOWED_ORIGINS: allowedHost.url, MUNICIPALITY_NAME: 'Utrecht' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
  for (const host of [allowedHost, refusedHost]) {
    host?.server.closeAllConnections();
    host?.server.close();
  }
});

test('the demo page greets in the widget, answers a question with an authority card, and a suggested action works', async () => {
  const page = await browser.newPage();
  await page.goto(`${bot.url}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Utrecht');
  const frame = chat(page);
  await botMessages(frame).filter({ hasText: 'Wegwijzer' }).first().waitFor({ timeout: 20_000 });

  await ask(frame, 'Wat kost het inburgeringsexamen?');
  const card = frame.locator('.ac-adaptiveCard').filter({ hasText: 'DUO' }).last();
  await card.waitFor({ timeout: 20_000 });
  expect(await card.textContent()).toContain('050 599 96 00');

  const actions = frame.locator('.webchat__suggested-actions button');
  await actions.first().waitFor();
  const count = await botMessages(frame).count();
  const label = (await actions.first().textContent())?.trim() ?? '';
  await actions.first().click();
  await frame.locator('.webchat__bubble--from-user').filter({ hasText: label }).waitFor();
  // The follow-up is answered: a new bot message whose title is the clicked question.
  await botMessages(frame).nth(count).filter({ hasText: label }).waitFor({ timeout: 20_000 });
  await page.close();
});

test('the conversation survives a page reload', async () => {
  const { page, frame } = await openGreeted(browser, `${bot.url}/?lang=nl`);
  await ask(frame, 'Hoe kan ik DUO bellen?');
  await frame.locator('.webchat__bubble--from-user').filter({ hasText: 'Hoe kan ik DUO bellen?' }).waitFor();
  await frame.locator('.ac-adaptiveCard').first().waitFor({ timeout: 20_000 });
  await page.reload();
  const again = chat(page);
  await again.locator('.webchat__bubble--from-user').filter({ hasText: 'Hoe kan ik DUO bellen?' }).waitFor({ timeout: 20_000 });
  // Resumed, not restarted: the greeting is there once, not twice.
  expect(await botMessages(again).filter({ hasText: 'Hallo, ik ben' }).count()).toBe(1);
  await page.close();
});

test.each(['ar', 'fa'])('/?lang=%s opens page and widget right to left', async (lang) => {
  const page = await browser.newPage();
  await page.goto(`${bot.url}/?lang=${lang}`);
  expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  const frame = chat(page);
  await botMessages(frame).first().waitFor({ timeout: 20_000 });
  expect(await frame.locator('html').getAttribute('dir')).toBe('rtl');
  const direction = await frame.locator('.webchat__basic-transcript').evaluate((el) => getComputedStyle(el).direction);
  expect(direction).toBe('rtl');
  await page.close();
});

test('at 360 px wide the panel fills the screen, suggested actions flow and wrap and the send box is visible', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto(`${bot.url}/`);
  const panel = page.locator('.wegwijzer-panel');
  await panel.waitFor();
  const box = await panel.boundingBox();
  expect(box?.width).toBe(360);
  const frame = chat(page);
  await botMessages(frame).first().waitFor({ timeout: 20_000 });
  const send = frame.getByRole('textbox');
  expect(await send.isVisible()).toBe(true);
  const sendBox = await send.boundingBox();
  expect((sendBox?.y ?? 9999) + (sendBox?.height ?? 0)).toBeLessThanOrEqual(640);
  const buttons = frame.locator('.webchat__suggested-actions button');
  await buttons.nth(1).waitFor();
  // Every button fits the width, its text wrapped rather than cut off.
  for (const b of await buttons.all()) {
    const r = await b.boundingBox();
    expect(r!.x).toBeGreaterThanOrEqual(0);
    expect(r!.x + r!.width).toBeLessThanOrEqual(360);
  }
  expect(await frame.locator('.webchat__suggested-action__text').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length)).toBe(0);
  expect(await frame.locator('.webchat__upload-button').count()).toBe(0);
  await page.close();
});

test('the embed script works on another origin that is allowed', async () => {
  const page = await browser.newPage();
  await page.goto(allowedHost.url);
  const frame = chat(page);
  await botMessages(frame).first().waitFor({ timeout: 20_000 });
  expect(await page.locator('.wegwijzer-panel h2').textContent()).toBe('Vragen over inburgering');
  await page.close();
});

test('the widget frame is refused on an origin that is not allowed', async () => {
  const page = await browser.newPage();
  const blocked = page.waitForEvent('console', { predicate: (m) => /frame-ancestors/.test(m.text()), timeout: 20_000 });
  await page.goto(refusedHost.url);
  await blocked;
  expect(await chat(page).locator('#webchat').count()).toBe(0);
  await page.close();
});

test('keyboard only: the launcher opens the chat and focus lands in the panel; Escape closes it', async () => {
  const page = await browser.newPage();
  await page.goto(`${bot.url}/`);
  await page.locator('.wegwijzer-close').click();
  await page.locator('.wegwijzer-launcher').focus();
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('wegwijzer-close');
  await page.keyboard.press('Escape');
  expect(await page.locator('.wegwijzer-panel').isHidden()).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('wegwijzer-launcher');
  await page.close();
});

test.each(['nl', 'ar', 'fa'])('axe finds no serious or critical accessibility violation on / (%s) with the widget open', async (lang) => {
  const page = await browser.newPage();
  await page.goto(`${bot.url}/?lang=${lang}`);
  await botMessages(chat(page)).first().waitFor({ timeout: 20_000 });
  await chat(page).locator('.webchat__suggested-actions button').first().waitFor();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(serious).toEqual([]);
  await page.close();
});

test('the language switch in the widget changes the language of the next answer; new messages go to a live region', async () => {
  const { page, frame } = await openGreeted(browser, `${bot.url}/?lang=nl`);
  expect(await frame.locator('[aria-live]').count()).toBeGreaterThan(0);
  await frame.locator('#language').selectOption('en');
  await frame.getByRole('textbox').waitFor();
  await ask(frame, 'How much does the integration exam cost?');
  await botMessages(frame).filter({ hasText: 'Each part of the exam costs' }).waitFor({ timeout: 20_000 });
  await page.close();
});
