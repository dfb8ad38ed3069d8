// Headless Chromium through playwright-core; which Chromium is decided in ./chromium (CHROMIUM_PATH, a system
// Chromium, else the one inside @sparticuz/chromium). A missing browser fails the test loudly; it never skips.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { resolveChromium } from './chromium';
import { CaptureChannel, emulatorActivity, post, type RunningBot } from './http';

/**
 * Launches headless Chromium with a fresh profile, removed again when the context closes. The same flags for
 * every Chromium: @sparticuz/chromium's own list is made for AWS Lambda and turns off web security and site
 * isolation, which the tests of framing and output safety depend on; the bundled build runs without it.
 */
export async function launchBrowser(): Promise<BrowserContext> {
  const { executablePath, env } = await resolveChromium();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    env: { ...process.env, ...env },
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  // Only a temporary folder: failing to remove it must not fail the test that closed the browser.
  context.on('close', () => void fs.promises.rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined));
  return context;
}

/** The widget's frame on a page that embeds it. */
export const chat = (page: Page): FrameLocator => page.frameLocator('iframe.wegwijzer-frame');
/** The bot's message bubbles in the widget. */
export const botMessages = (frame: FrameLocator) => frame.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');

/** Types a message into the widget's send box and sends it. */
export async function ask(frame: FrameLocator, text: string): Promise<void> {
  const box = frame.getByRole('textbox');
  await box.fill(text);
  await box.press('Enter');
}

/** Opens a page with the widget and waits for the bot's first message; returns the page and the widget's frame. */
export async function openGreeted(browser: BrowserContext, url: string): Promise<{ page: Page; frame: FrameLocator }> {
  const page = await browser.newPage();
  await page.goto(url);
  const frame = chat(page);
  await botMessages(frame).first().waitFor({ timeout: 20_000 });
  return { page, frame };
}

/**
 * Sends `text` to the bot as a member of the public would (through the Emulator channel), then opens the staff
 * dashboard with `token` and waits for the question in its list of questions without a good answer. Returns the page,
 * the question's cell and a selector for that cell (rows are sorted by how often a question came).
 */
export async function staffSeesUnanswered(
  browser: BrowserContext, bot: RunningBot, token: string, message: { text: string; locale: string; conversation: string },
): Promise<{ page: Page; cell: Locator; selector: string }> {
  const channel = await new CaptureChannel().start();
  await post(bot, channel, emulatorActivity(channel, { conversation: { id: message.conversation }, text: message.text, locale: message.locale }));
  await channel.stop();
  const page = await browser.newPage();
  await page.goto(`${bot.url}/staff`);
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: 'Toon' }).click();
  const cell = page.locator('#unanswered tbody td', { hasText: message.text }).first();
  await cell.waitFor({ timeout: 20_000 });
  const row = await page.locator('#unanswered tbody tr').evaluateAll((rows, text) => rows.findIndex((r) => r.textContent?.includes(text)), message.text);
  return { page, cell, selector: `#unanswered tbody tr:nth-child(${row + 1}) td:first-child` };
}
