// The widget as a newcomer meets it, in each of the eight languages, in real Chromium with the real Web Chat
// through the local Direct Line: the first message and the menu in the page's language, a panel that fits a
// phone and a desktop, and one language switch for widget and bot. Screenshots go to test-output/widget/.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { LOCALES } from '../../locales';
import { loadWebStrings } from '../../bot/web';
import { botMessages, chat, launchBrowser, openGreeted, staffSeesUnanswered } from '../helpers/browser';
import { startBot, type RunningBot } from '../helpers/http';
import { sharedKnowledgeBase, sharedI18n } from '../helpers/fixtures';

jest.setTimeout(120_000);

const OUT = path.join(__dirname, '..', '..', 'test-output', 'widget');
const i18n = sharedI18n();
const kb = sharedKnowledgeBase();
let browser: BrowserContext;
let bot: RunningBot;
const STAFF_TOKEN = 'staff-token-for-language-tests-0123456789';

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  bot = await startBot({ STAFF_TOKEN });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

/** The start of a translated string as Web Chat shows it (markdown bold removed). */
const start = (text: string) => text.replace(/\*\*/g, '').slice(0, 24);

// Every language at both phone sizes, where long words and scripts can overflow; on a desktop the panel has room, so
// one language of each direction.
describe.each([[360, 640, LOCALES], [390, 800, LOCALES], [1280, 800, ['nl', 'ar']]] as const)('at %i × %i', (width, height, locales) => {
  test.each(locales.map((l) => [l]))('%s: greeted and offered the menu in that language; the panel fits the screen', async (locale) => {
    const page = await browser.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(`${bot.url}/?lang=${locale}`);
    const frame = chat(page);
    const t = i18n.getFixedT(locale);
    const greeting = botMessages(frame).first();
    await greeting.waitFor({ timeout: 20_000 });
    expect(await greeting.textContent()).toContain(start(t('welcome.text')));
    // The menu's buttons are in that language too (the first is the intake, "What applies to me?").
    const buttons = frame.locator('.webchat__suggested-actions button');
    await buttons.first().waitFor();
    const labels = (await buttons.allTextContents()).map((s) => s.trim());
    expect(labels.some((l) => l.includes(t('guides.intake')))).toBe(true);

    const panel = await page.locator('.wegwijzer-panel').boundingBox();
    expect(panel).not.toBeNull();
    expect(panel!.x).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(width + 0.5);
    expect(panel!.y + panel!.height).toBeLessThanOrEqual(height + 0.5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await frame.locator('html').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: path.join(OUT, `${locale}-${width}.png`) });

    // After a question, the answer's heading is on screen without scrolling back, and no follow-up is cut off.
    const title = kb.get('exam-costs')!.text[locale]!.title;
    const box = frame.getByRole('textbox');
    await box.fill(title);
    await box.press('Enter');
    const answer = botMessages(frame).filter({ hasText: title }).last();
    await answer.waitFor({ timeout: 20_000 });
    await frame.locator('.webchat__suggested-actions button').filter({ hasText: t('feedback.no') }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    const heading = await answer.locator('strong').first().boundingBox();
    expect(heading).not.toBeNull();
    expect(heading!.y).toBeGreaterThanOrEqual(0);
    expect(heading!.y + heading!.height).toBeLessThanOrEqual(height);
    const cut = await frame.locator('.webchat__suggested-action__text').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    expect(cut).toBe(0);
    await page.screenshot({ path: path.join(OUT, `${locale}-${width}-answer.png`) });
    await page.close();
  });
});

test('a language chosen in the chat ("taal", then a language) turns the widget\'s menu and direction too', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${bot.url}/?lang=nl`);
  const frame = chat(page);
  await botMessages(frame).first().waitFor({ timeout: 20_000 });
  const box = frame.getByRole('textbox');
  await box.fill('taal');
  await box.press('Enter');
  await frame.locator('.webchat__suggested-actions button').filter({ hasText: 'العربية' }).click({ timeout: 20_000 });
  const ar = i18n.getFixedT('ar');
  await botMessages(frame).filter({ hasText: start(ar('language.chosen')) }).waitFor({ timeout: 20_000 });
  await frame.locator('html[dir="rtl"]').waitFor({ timeout: 10_000 });
  expect(await frame.locator('#language').inputValue()).toBe('ar');
  expect(await frame.locator('html').getAttribute('lang')).toBe('ar');
  expect(await frame.locator('#language-label').textContent()).toBe(loadWebStrings().ar!.language);
  // The whole panel follows, the part of the embedding page included.
  await page.locator('.wegwijzer-panel[dir="rtl"][lang="ar"]').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(OUT, 'taal-ar-390.png') });
  await page.close();
});

test('a language chosen in the widget\'s menu is confirmed by the bot in that language, and a reload does not greet again', async () => {
  const { page, frame } = await openGreeted(browser, `${bot.url}/?lang=nl`);
  await frame.locator('#language').selectOption('ti');
  const ti = i18n.getFixedT('ti');
  await botMessages(frame).filter({ hasText: start(ti('language.chosen')) }).waitFor({ timeout: 20_000 });
  await page.reload();
  const again = chat(page);
  await botMessages(again).filter({ hasText: start(ti('language.chosen')) }).waitFor({ timeout: 20_000 });
  const nl = i18n.getFixedT('nl');
  expect(await botMessages(again).filter({ hasText: start(nl('welcome.text')) }).count()).toBe(1);
  await page.close();
});

describe('read aloud', () => {
  /**
   * Headless Chromium has no voices: a stand-in speechSynthesis with voices for these languages
   * records what it is asked.
   */
  const withVoices = async (langs: string[]) => {
    const page = await browser.newPage();
    await page.addInitScript((voiceLangs: string[]) => {
      const w = window as unknown as Record<string, unknown>;
      const spoken: { text: string; lang: string }[] = [];
      let cancelled = 0;
      w.__speech = { spoken, cancelled: () => cancelled };
      Object.defineProperty(window, 'speechSynthesis', {
        configurable: true,
        value: {
          getVoices: () => voiceLangs.map((lang) => ({ lang, name: `voice ${lang}`, default: false, localService: true, voiceURI: lang })),
          speak: (u: SpeechSynthesisUtterance) => { spoken.push({ text: u.text, lang: u.lang }); },
          cancel: () => { cancelled++; },
          speaking: false, pending: false, paused: false,
          addEventListener: () => undefined, removeEventListener: () => undefined,
        },
      });
    }, langs);
    return page;
  };
  test('with a voice for the language, an answer gets a labelled control that reads its title and text, and stops when pressed again', async () => {
    const page = await withVoices(['nl-NL', 'en-GB']);
    await page.goto(`${bot.url}/?lang=nl`);
    const frame = chat(page);
    await botMessages(frame).first().waitFor({ timeout: 20_000 });
    // The greeting is no answer: nothing to read aloud yet.
    expect(await frame.locator('.wegwijzer-read').count()).toBe(0);
    const title = kb.get('exam-costs')!.text.nl!.title;
    const box = frame.getByRole('textbox');
    await box.fill(title);
    await box.press('Enter');
    const control = frame.getByRole('button', { name: 'Voorlezen' });
    await control.waitFor({ timeout: 20_000 });
    expect(await control.getAttribute('aria-pressed')).toBe('false');
    await control.focus();
    await page.keyboard.press('Enter');
    const stop = frame.getByRole('button', { name: 'Stop met voorlezen' });
    await stop.waitFor();
    const after = await frame.locator('body').evaluate(() => (window as unknown as { __speech: { spoken: { text: string; lang: string }[] } }).__speech.spoken);
    expect(after).toHaveLength(1);
    expect(after[0]!.lang).toBe('nl-NL');
    expect(after[0]!.text.startsWith(title)).toBe(true);
    expect(after[0]!.text).not.toMatch(/Bron:|gecontroleerd|\*\*|https?:/);
    await stop.click();
    await control.waitFor();
    expect(await control.getAttribute('aria-pressed')).toBe('false');
    // Axe finds nothing serious with the control there.
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    // Reading stops when a new answer arrives.
    await control.click();
    await frame.getByRole('button', { name: 'Stop met voorlezen' }).waitFor();
    await box.fill(kb.get('exam-registration')!.text.nl!.title);
    await box.press('Enter');
    await frame.getByRole('button', { name: 'Stop met voorlezen' }).waitFor({ state: 'detached', timeout: 20_000 });
    expect(await frame.locator('body').evaluate(() => (window as unknown as { __speech: { cancelled: () => number } }).__speech.cancelled())).toBeGreaterThan(0);
    await page.close();
  });

  test('without a voice for the language there is no control (no silent button)', async () => {
    const page = await withVoices(['nl-NL']);
    await page.goto(`${bot.url}/?lang=ti`);
    const frame = chat(page);
    await botMessages(frame).first().waitFor({ timeout: 20_000 });
    const title = kb.get('exam-costs')!.text.ti!.title;
    const box = frame.getByRole('textbox');
    await box.fill(title);
    await box.press('Enter');
    await botMessages(frame).filter({ hasText: title }).last().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    expect(await frame.locator('.wegwijzer-read').count()).toBe(0);
    await page.close();
  });
});

test.each([['nl'], ['ar']])('%s: with a phone keyboard open (half the screen) the send box stays visible', async (locale) => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${bot.url}/?lang=${locale}`);
  const frame = chat(page);
  await botMessages(frame).first().waitFor({ timeout: 20_000 });
  // A virtual keyboard resizes the content (the pages ask for interactive-widget=resizes-content): as a smaller screen.
  await page.setViewportSize({ width: 390, height: 420 });
  let send = await frame.getByRole('textbox').boundingBox();
  for (let tries = 0; tries < 30 && send && send.y + send.height > 420; tries++) {
    await page.waitForTimeout(100); // the frame's layout follows the new size
    send = await frame.getByRole('textbox').boundingBox();
  }
  expect(send).not.toBeNull();
  expect(send!.y).toBeGreaterThanOrEqual(0);
  expect(send!.y + send!.height).toBeLessThanOrEqual(420);
  await page.close();
});

describe('Tigrinya\'s Ge\'ez letters', () => {
  const GEEZ = /[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]/gu;
  /**
   * How many glyphs of the first node matching `selector` Chromium drew with a web font, and how many Ge'ez letters
   * the node has; `frame`: the node is inside the widget's frame.
   */
  const drawn = async (page: Page, selector: string, frame = false) => {
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      type Node = { nodeId: number; nodeName: string; contentDocument?: Node; children?: Node[] };
      const find = (node: Node): Node | undefined => node.nodeName === 'IFRAME' && node.contentDocument
        ? node.contentDocument : node.children?.map(find).find((n) => n !== undefined);
      const scope = frame ? find(root as Node)! : root;
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: scope.nodeId, selector });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
      const text = outerHTML.replace(/<[^>]*>/g, '');
      return { web: fonts.filter((f) => f.isCustomFont).reduce((n, f) => n + f.glyphCount, 0), geez: text.match(GEEZ)?.length ?? 0 };
    } finally {
      await cdp.detach();
    }
  };

  // A system font that claims Ge'ez letters it cannot draw showed the title as boxes: every Ge'ez letter is drawn
  // with the page's Ethiopic web font, in the title (bold), the greeting and the launcher.
  test('are drawn with the Ethiopic web font in the panel title, the greeting and the launcher', async () => {
    const { page } = await openGreeted(browser, `${bot.url}/?lang=ti`);
    for (const [selector, frame] of [['.wegwijzer-head h2', false], ['.webchat__bubble__content p', true]] as const) {
      const { web, geez } = await drawn(page, selector, frame);
      expect([selector, geez > 5]).toEqual([selector, true]);
      expect([selector, web]).toEqual([selector, geez]);
    }
    await page.locator('.wegwijzer-close').click();
    await page.locator('.wegwijzer-launcher').waitFor();
    const launcher = await drawn(page, '.wegwijzer-launcher');
    expect(launcher.geez).toBeGreaterThan(0);
    expect(launcher.web).toBe(launcher.geez);
    await page.screenshot({ path: path.join(OUT, 'ti-geez-launcher.png') });
    await page.close();
  });

  // Staff read the newcomers' own words on the dashboard: a Tigrinya question without an answer is drawn there with
  // the same web font (the pages share one font list, web/fonts.css).
  test('are drawn with the Ethiopic web font on the staff dashboard', async () => {
    const { page, selector } = await staffSeesUnanswered(browser, bot, STAFF_TOKEN, { text: 'ሎሚ ኣብ ኣምስተርዳም ኣየር ከመይ ኣሎ', locale: 'ti', conversation: 'geez|staff' });
    const { web, geez } = await drawn(page, selector);
    expect(geez).toBeGreaterThan(5);
    expect(web).toBe(geez);
    await page.close();
  });
});
