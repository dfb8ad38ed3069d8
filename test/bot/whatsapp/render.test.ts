// How replies look on WhatsApp: the Graph API bodies renderForWhatsApp makes from the bot's real activities
// (rendered for the 'whatsapp' channel), in Dutch, Arabic and Turkish.
import { RESOURCES, type Locale } from '../../../locales';
import {
  offeredValues, renderAnswer, renderAuthority, renderChoices, renderMenu, renderText, withOffers, type Offer, type RenderContext,
} from '../../../bot/cards/render';
import { formatText } from '../../../bot/channels/format';
import { internationalNumber, renderForWhatsApp, WHATSAPP_LIMITS, type WhatsAppOutgoing } from '../../../bot/whatsapp/render';
import { dialogKit } from '../../helpers/botkit';
import { sharedKnowledgeBase, sharedI18n } from '../../helpers/fixtures';

const kb = sharedKnowledgeBase();
const i18n = sharedI18n();
const ctx = (locale: Locale): RenderContext => ({ kb, locale, t: i18n.getFixedT(locale), channelId: 'whatsapp' });
const TO = '31612345678';
const render = (activity: Parameters<typeof renderForWhatsApp>[0], locale: Locale) => renderForWhatsApp(activity, { to: TO, locale });
const strings = (locale: Locale) => (RESOURCES[locale] as { whatsapp: { listButton: string; choose: string } }).whatsapp;

type Message = Record<string, any>;
/** Direction marks and isolates, which do not count as text a person reads. */
const unmarked = (text: string) => text.replace(/[\u200e\u200f\u061c\u2066-\u2069]/g, '');
/** Every piece of text a person sees in the messages. */
function visibleTexts(messages: WhatsAppOutgoing[]): string[] {
  return (messages as Message[]).flatMap((m) => m.type === 'text' ? [m.text.body] : [
    m.interactive.body.text,
    ...(m.interactive.action.buttons ?? []).map((b: Message) => b.reply.title),
    ...(m.interactive.action.button ? [m.interactive.action.button] : []),
    ...(m.interactive.action.sections ?? []).flatMap((s: Message) => s.rows.flatMap((r: Message) => [r.title, r.description ?? ''])),
  ]);
}
/** Markdown the bot writes (bold, links, escapes, headings) that must not reach WhatsApp. */
function expectNoMarkdown(messages: WhatsAppOutgoing[]): void {
  for (const text of visibleTexts(messages)) {
    expect([text, /\*\*|\]\(|\\[\\`*_{}[\]()#+\-.!|<>~]|^#+ /m.test(text)]).toEqual([text, false]);
  }
}
const rowsOf = (m: Message) => m.interactive.action.sections.flatMap((s: Message) => s.rows) as { id: string; title: string; description?: string }[];
/** A shortened title ends with "…" and is the start of the whole title, cut where a word ends. */
function expectCutAtWord(short: string, whole: string): void {
  const s = unmarked(short);
  const w = unmarked(whole).replace(/\s+/g, ' ').trim();
  if (s === w) return;
  expect(s.endsWith('…')).toBe(true);
  const kept = s.slice(0, -1).trimEnd();
  expect(w.startsWith(kept)).toBe(true);
  expect([whole, /[\s\p{P}]/u.test(w[kept.length] ?? ' ') || /[\p{P}]$/u.test(kept)]).toEqual([whole, true]);
}

describe.each<Locale>(['nl', 'ar', 'tr'])('%s', (locale) => {
  const c = ctx(locale);

  test('every message is a whole Graph body for the recipient; typing, events and traces send nothing', () => {
    const answer = renderAnswer(kb.get('exam-registration')!, c, { confidence: 0.9 });
    const messages = render(answer, locale) as Message[];
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      expect(m).toMatchObject({ messaging_product: 'whatsapp', recipient_type: 'individual', to: TO });
      expect(['text', 'interactive']).toContain(m.type);
    }
    for (const type of ['typing', 'event', 'trace', 'conversationUpdate']) expect(render({ type, text: 'x' }, locale)).toEqual([]);
  });

  test('an answer: WhatsApp formatting, no markdown, the organisation as text with a tappable number and its site', () => {
    const entry = kb.get('exam-registration')!;
    const answer = renderAnswer(entry, c, { confidence: 0.9 });
    const messages = render(answer, locale) as Message[];
    expectNoMarkdown(messages);
    const text = messages.map((m) => (m.type === 'text' ? m.text.body : m.interactive.body.text)).join('\n');
    // The title in WhatsApp bold, the source as a plain URL.
    expect(unmarked(text)).toContain(`*${kb.textOf(entry, locale).text.title}*`);
    expect(text).toContain(entry.sources[0]);
    // DUO's details: its number international (WhatsApp makes it tappable), its website.
    expect(unmarked(text)).toContain('+31 50 599 96 00');
    expect(unmarked(text)).not.toMatch(/(?<!\+31 )\b050 599 96 00/);
    expect(text).toContain('https://www.inburgeren.nl');
  });

  test('4 to 10 choices: a list message, one row per offer, its id the offered value, long titles whole in the description', () => {
    const answer = renderAnswer(kb.get('exam-registration')!, c, { confidence: 0.9 });
    const offered = offeredValues(answer)!;
    expect(offered.length).toBeGreaterThanOrEqual(4);
    expect(offered.length).toBeLessThanOrEqual(10);
    const list = render(answer, locale).at(-1) as Message;
    expect(list.type).toBe('interactive');
    expect(list.interactive.type).toBe('list');
    expect(unmarked(list.interactive.action.button)).toBe(strings(locale).listButton);
    expect(list.interactive.action.sections).toHaveLength(1);
    const rows = rowsOf(list);
    expect(rows.map((r) => r.id)).toEqual(offered);
    const titles = answer.suggestedActions!.actions.map((a) => String(a.title));
    rows.forEach((row, i) => {
      expect(row.title.length).toBeLessThanOrEqual(WHATSAPP_LIMITS.rowTitle);
      expectCutAtWord(row.title, titles[i]!);
      if (unmarked(row.title) !== titles[i]) {
        expect(row.description!.length).toBeLessThanOrEqual(WHATSAPP_LIMITS.rowDescription);
        expectCutAtWord(row.description!, titles[i]!);
      } else {
        expect(row.description).toBeUndefined();
      }
    });
    // At least one follow-up question is longer than a row title: the description shows it whole.
    expect(rows.some((r) => r.description && unmarked(r.description) === titles[rows.indexOf(r)])).toBe(true);
    expect(new Set(rows.map((r) => r.title)).size).toBe(rows.length);
  });

  test('up to 3 short choices: reply buttons whose ids are the offered values', () => {
    const offers: Offer[] = [{ title: c.t('prompt.yes') }, { title: c.t('prompt.no') }, { title: c.t('buttons.menu') }];
    const activity = withOffers(renderText(c.t('complaint.confirm')), offers, 'whatsapp');
    const messages = render(activity, locale) as Message[];
    expect(messages).toHaveLength(1);
    const [m] = messages;
    expect(m!.interactive.type).toBe('button');
    expect(unmarked(m!.interactive.body.text)).toBe(unmarked(c.t('complaint.confirm')).replace(/\*\*/g, '*'));
    const buttons = m!.interactive.action.buttons as { type: string; reply: { id: string; title: string } }[];
    expect(buttons.map((b) => b.type)).toEqual(['reply', 'reply', 'reply']);
    expect(buttons.map((b) => b.reply.id)).toEqual(offeredValues(activity));
    expect(buttons.map((b) => unmarked(b.reply.title))).toEqual(offers.map((o) => o.title));
    for (const b of buttons) expect(b.reply.title.length).toBeLessThanOrEqual(WHATSAPP_LIMITS.buttonTitle);
  });

  test('up to 3 choices with a title too long for a button: a list, so the question shows whole', () => {
    const { activity } = renderChoices(kb.search('examen aanmelden', 'nl').slice(0, 2), 0.5, c);
    const offered = offeredValues(activity)!;
    expect(offered).toHaveLength(3);
    const [m] = render(activity, locale) as Message[];
    expect(m!.interactive.type).toBe('list');
    expect(rowsOf(m!).map((r) => r.id)).toEqual(offered);
  });

  test('more than 10 choices: a numbered list in the text, in the order "2" picks from', () => {
    const offers: Offer[] = Array.from({ length: 12 }, (_, i) => ({ title: `${c.t('buttons.menu')} ${i + 1}`, value: `value ${i + 1}` }));
    const activity = withOffers(renderText(c.t('menu.text')), offers, 'whatsapp');
    expect(activity.suggestedActions).toBeUndefined();
    const messages = render(activity, locale) as Message[];
    expect(messages.map((m) => m.type)).toEqual(['text']);
    const lines = unmarked(messages[0]!.text.body).split('\n');
    expect(lines).toContain(`2. ${c.t('buttons.menu')} 2`);
    expect(lines).toContain(`12. ${c.t('buttons.menu')} 12`);
    expect(offeredValues(activity)![1]).toBe('value 2');
    // The same when suggested actions with more than 10 choices reach the renderer.
    const direct = render({
      type: 'message', text: 'x', suggestedActions: { to: [], actions: offers.map((o) => ({ type: 'imBack', title: o.title, value: o.value })) },
    }, locale) as Message[];
    expect(direct.map((m) => m.type)).toEqual(['text']);
    expect(unmarked(direct[0]!.text.body).split('\n')).toContain(`11. ${c.t('buttons.menu')} 11`);
  });

  test('a text longer than 4,096 characters: split at paragraph ends, the choices after it with a short body', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${c.t('fallback.text')} ${c.t('help.text')}`.replace(/\n+/g, ' '));
    const activity = withOffers(renderText(paragraphs.join('\n\n')), [{ title: c.t('prompt.yes') }, { title: c.t('prompt.no') }], 'whatsapp');
    const messages = render(activity, locale) as Message[];
    const texts = messages.filter((m) => m.type === 'text').map((m) => m.text.body as string);
    expect(texts.length).toBeGreaterThan(1);
    for (const body of texts) {
      expect(body.length).toBeLessThanOrEqual(WHATSAPP_LIMITS.text);
      // Each part is whole paragraphs.
      for (const part of unmarked(body).split('\n\n')) expect(paragraphs.map((p) => formatText(p, 'whatsapp'))).toContain(part);
    }
    expect(texts.map(unmarked).join('\n\n').split('\n\n')).toHaveLength(40);
    const last = messages.at(-1)!;
    expect(last.interactive.type).toBe('button');
    expect(unmarked(last.interactive.body.text)).toBe(strings(locale).choose);
    expectNoMarkdown(messages);
  });

  test('a text between 1,024 and 4,096 characters with choices: one text message, then the choices', () => {
    const text = Array.from({ length: 8 }, () => c.t('help.text').replace(/\n+/g, ' ')).join('\n\n').slice(0, 3000);
    const activity = withOffers(renderText(text), [{ title: c.t('prompt.yes') }, { title: c.t('prompt.no') }], 'whatsapp');
    const messages = render(activity, locale) as Message[];
    expect(messages.map((m) => m.type)).toEqual(['text', 'interactive']);
    expect(messages[1]!.interactive.body.text.length).toBeLessThan(WHATSAPP_LIMITS.interactiveBody);
  });

  test('what a person typed (plain text) is shown as typed, not read as markdown', () => {
    const typed = '**niet vet** [link](https://example.org) 050 599 96 00';
    const [m] = render({ type: 'message', text: typed, textFormat: 'plain' }, locale) as Message[];
    expect(unmarked(m!.text.body)).toBe(typed);
  });
});

test('Arabic: every line with Arabic letters is marked right to left, in text, bodies, titles and rows; Dutch is not', () => {
  const messages = (locale: Locale) => {
    const c = ctx(locale);
    const messages = [renderAnswer(kb.get('exam-registration')!, c, { confidence: 0.9 }), renderMenu(c), renderAuthority('IND', c), renderText(c.t('help.text'))];
    return messages.flatMap((a) => render(a, locale));
  };
  const lines = visibleTexts(messages('ar')).flatMap((t) => t.split('\n')).filter((l) => /\p{Script=Arabic}/u.test(l));
  expect(lines.length).toBeGreaterThan(20);
  // After a list marker or opening emphasis: a right-to-left mark.
  for (const line of lines) expect([line, /^(?:- |\d+\. )?[*_~]*\u200f/.test(line)]).toEqual([line, true]);
  expect(visibleTexts(messages('nl')).join('\n')).not.toMatch(/[\u200e\u200f\u2066-\u2069]/);
});

describe('ids', () => {
  const action = (title: string, value: string) => ({ type: 'imBack', title, value });

  test('a value too long for an id, with outer spaces, or offered twice gets its position, which the bot reads as that choice', () => {
    const long = `Ik wil weten ${'hoe het zit met de kosten van het examen '.repeat(5)}`.trim();
    expect(long.length).toBeGreaterThan(WHATSAPP_LIMITS.rowId);
    expect(long.length).toBeLessThan(WHATSAPP_LIMITS.buttonId);
    const actions = [action('Een', 'een'), action('Twee', long), action('Drie', ' drie'), action('Vier', 'een'), action('Vijf', 'vijf')];
    const [list] = renderForWhatsApp({ type: 'message', text: 'Kies', suggestedActions: { to: [], actions } }, { to: TO, locale: 'nl' }) as Message[];
    expect(rowsOf(list!).map((r) => r.id)).toEqual(['een', '2', '3', '4', 'vijf']);
    // The same long value fits a button's id.
    const [buttons] = renderForWhatsApp({ type: 'message', text: 'Kies', suggestedActions: { to: [], actions: actions.slice(0, 2) } }, { to: TO, locale: 'nl' }) as Message[];
    expect(buttons!.interactive.action.buttons.map((b: Message) => b.reply.id)).toEqual(['een', long]);
  });

  test('titles carry no markup (WhatsApp shows it as typed there)', () => {
    const actions = [action('**Ja**', 'ja'), action('_Nee_', 'nee')];
    const [buttons] = renderForWhatsApp({ type: 'message', text: 'Klopt dit?', suggestedActions: { to: [], actions } }, { to: TO, locale: 'nl' }) as Message[];
    expect(buttons!.interactive.action.buttons.map((b: Message) => b.reply.title)).toEqual(['Ja', 'Nee']);
  });

  test('titles that shorten to the same text are told apart by their number', () => {
    const actions = [
      action('Hoe meld ik me aan voor het examen lezen?', 'a'),
      action('Hoe meld ik me aan voor het examen schrijven?', 'b'),
      action('Iets anders', 'c'),
      action('Met een mens praten', 'd'),
    ];
    const [list] = renderForWhatsApp({ type: 'message', text: 'Kies', suggestedActions: { to: [], actions } }, { to: TO, locale: 'nl' }) as Message[];
    const titles = rowsOf(list!).map((r) => r.title);
    expect(new Set(titles).size).toBe(4);
    expect(titles[0]).toMatch(/… \(1\)$/);
    expect(titles[1]).toMatch(/… \(2\)$/);
    for (const title of titles) expect(title.length).toBeLessThanOrEqual(WHATSAPP_LIMITS.rowTitle);
    expect(titles.slice(2)).toEqual(['Iets anders', 'Met een mens praten']);
  });
});

describe('phone numbers', () => {
  test('Dutch numbers become international; service numbers and international ones stay as they are', () => {
    expect(internationalNumber('050 599 96 00')).toBe('+31 50 599 96 00');
    expect(internationalNumber('06-12345678')).toBe('+31 6-12345678');
    expect(internationalNumber('0800-0543')).toBe('0800-0543');
    expect(internationalNumber('0900-8020')).toBe('0900-8020');
    expect(internationalNumber('0800-33 55 555')).toBe('0800-33 55 555');
    expect(internationalNumber('+31 55 538 53 85')).toBe('+31 55 538 53 85');
    expect(internationalNumber('112')).toBe('112');
  });

  test("IND's national number, once international, is its number from abroad: shown once", () => {
    const ind = kb.authority('IND');
    const national = ind.phones.find((p) => !p.label)!.number;
    const abroad = ind.phones.find((p) => p.label)!.number;
    expect(internationalNumber(national)).toBe(abroad);
    const messages = renderForWhatsApp(renderAuthority('IND', ctx('nl')), { to: TO, locale: 'nl' }) as Message[];
    const text = messages.map((m) => (m.type === 'text' ? m.text.body : m.interactive.body.text)).join('\n');
    expect(text.split(abroad)).toHaveLength(2);
    expect(text).not.toContain(national);
  });

  test('numbers in an answer\'s own text become international too, except service numbers', () => {
    const messages = renderForWhatsApp(renderAnswer(kb.get('talk-to-a-person')!, ctx('nl'), { confidence: 1 }), { to: TO, locale: 'nl' }) as Message[];
    const text = unmarked(messages.map((m) => (m.type === 'text' ? m.text.body : m.interactive.body.text)).join('\n'));
    expect(text).toContain('+31 50 599 96 00');
    expect(text).not.toMatch(/(?<![+\d] ?)\b050 599 96 00/);
    expect(text).toContain('0900-8020');
  });

  test('in Arabic every number is isolated left to right, so its groups do not read backwards', () => {
    const messages = renderForWhatsApp(renderAuthority('DUO', ctx('ar')), { to: TO, locale: 'ar' }) as Message[];
    const text = messages.map((m) => (m.type === 'text' ? m.text.body : m.interactive.body.text)).join('\n');
    expect(text).toContain('\u2066+31 50 599 96 00\u2069');
    // Also a number written in an answer's own text, and a service number with spaces.
    const ombudsman = renderForWhatsApp(renderAnswer(kb.get('nationale-ombudsman')!, ctx('ar'), { confidence: 1 }), { to: TO, locale: 'ar' }) as Message[];
    // In the answer's text and on its organisation's details.
    expect(JSON.stringify(ombudsman).split(JSON.stringify('\u20660800-33 55 555\u2069').slice(1, -1))).toHaveLength(3);
    const answer = renderForWhatsApp(renderAnswer(kb.get('exam-registration')!, ctx('ar'), { confidence: 1 }), { to: TO, locale: 'ar' }) as Message[];
    expect(JSON.stringify(answer)).toContain(JSON.stringify('\u2066+31 70 2140214\u2069').slice(1, -1));
    const dutch = renderForWhatsApp(renderAuthority('DUO', ctx('nl')), { to: TO, locale: 'nl' }) as Message[];
    expect(JSON.stringify(dutch)).not.toMatch(/[\u2066-\u2069]/);
  });
});

describe('through the real dialogs on the whatsapp channel', () => {
  test('the menu is a list; tapping a row sends its id, and its number works the same', async () => {
    const kit = dialogKit(kb, { channelId: 'whatsapp' });
    await kit.say('hallo');
    const menu = await kit.say('menu');
    const list = renderForWhatsApp(menu.at(-1)!, { to: TO, locale: 'nl' }).at(-1) as Message;
    expect(list.interactive.type).toBe('list');
    const rows = rowsOf(list);
    const registration = rows.findIndex((r) => r.id === kb.textOf(kb.get('exam-registration')!, 'nl').text.title);
    expect(registration).toBeGreaterThanOrEqual(0);
    const tapped = await kit.say(rows[registration]!.id);
    expect(tapped.map((r) => (r.channelData as { wegwijzer?: { topic?: string } } | undefined)?.wegwijzer?.topic)).toContain('exam-registration');
    await kit.say('menu');
    const typed = await kit.say(String(registration + 1));
    expect(typed.map((r) => (r.channelData as { wegwijzer?: { topic?: string } } | undefined)?.wegwijzer?.topic)).toContain('exam-registration');
  });

  test('the authority details arrive as text, not as a card', () => {
    const activity = renderAuthority('DUO', ctx('nl'));
    expect(activity.attachments).toBeUndefined();
    expect(renderMenu(ctx('nl')).suggestedActions?.actions.length).toBeGreaterThan(3);
  });
});
