// Headless Debian Chromium through playwright-core. A missing browser fails the test loudly; it never skips.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<BrowserContext> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  }
  return chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
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
