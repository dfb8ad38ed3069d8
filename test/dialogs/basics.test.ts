// "Basics first" under DialogTestClient: one item at a time, progress saved, the summary, coming back.
import { buttonsOf, dialogKit, textOf } from '../helpers/botkit';
import { sharedKnowledgeBase, sharedI18n } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const i18n = sharedI18n();
const nl = i18n.getFixedT('nl');
const so = i18n.getFixedT('so');
const items = kb.guides.basics;

test('asks the items in order, saves each answer, and "tell me more" explains then asks again', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  const first = await kit.say(nl('guides.basics'));
  expect(textOf(first)).toContain(nl('basics.intro'));
  expect(textOf(first)).toContain(nl(`basics.items.${items[0]!.id}`));
  expect(buttonsOf(first)).toEqual([nl('basics.done'), nl('basics.notYet'), nl('basics.notForMe'), nl('basics.more')]);
  const second = await kit.say(nl('basics.done'));
  expect(textOf(second)).toContain(nl(`basics.items.${items[1]!.id}`));
  expect((await kit.profile())?.basics).toEqual({ [items[0]!.id]: 'done' });
  const more = await kit.say(nl('basics.more'));
  expect(more[0]!.channelData?.wegwijzer?.topic).toBe(items[1]!.entry);
  expect(more.at(-1)!.text).toContain(nl(`basics.items.${items[1]!.id}`));
  await kit.say(nl('basics.notYet'));
  expect((await kit.profile())?.basics?.[items[1]!.id]).toBe('open');
});

test('after the last item: a summary of done and open items with who helps; coming back asks only what is open', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await kit.say(nl('guides.basics'));
  let last = await kit.say(nl('basics.done'));
  for (let i = 1; i < items.length; i++) {
    last = await kit.say(i === items.length - 1 ? nl('basics.notForMe') : i % 2 ? nl('basics.notYet') : nl('basics.done'));
  }
  const summary = textOf(last);
  expect(summary).toContain(nl('basics.finished'));
  expect(summary).toContain(nl('basics.open'));
  expect(summary).toContain(`${nl(`basics.items.${items[1]!.id}`)} (`);
  expect(summary).not.toContain(nl(`basics.items.${items.at(-1)!.id}`)); // "does not apply"
  // The open items' entries are buttons to read how to arrange them.
  expect(buttonsOf(last)).toContain(kb.get(items[1]!.entry)!.text.nl.title);

  const back = await kit.say('basis');
  const saved = (await kit.profile())?.basics ?? {};
  const done = items.filter((i) => saved[i.id] === 'done').map((i) => nl(`basics.items.${i.id}`));
  expect(done.length).toBeGreaterThan(1);
  expect(textOf(back)).toContain(nl('basics.welcomeBack', { done: done.join(', ') }));
  // The first open item is asked again; done ones are not.
  expect(back.at(-1)!.text).toContain(nl(`basics.items.${items[1]!.id}`));
  expect(back.at(-1)!.text).not.toContain(`**${nl(`basics.items.${items[0]!.id}`)}**`);
});

test('everything done: the summary says so', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator', locale: 'so' });
  await kit.say(so('guides.basics'), 'so');
  let last = await kit.say(so('basics.done'), 'so');
  for (let i = 1; i < items.length; i++) last = await kit.say(so('basics.done'), 'so');
  expect(textOf(last)).toContain(so('basics.allDone'));
  const again = await kit.say(so('guides.basics'), 'so');
  expect(textOf(again)).toContain(so('basics.allDone'));
});

test('invalid input is re-prompted (Somali), and stop ends the checklist with progress kept', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator', locale: 'so' });
  await kit.say(so('guides.basics'), 'so');
  await kit.say(so('basics.done'), 'so');
  const retry = await kit.say('waxba', 'so');
  expect(retry[0]!.text).toContain(so('prompt.retryChoice'));
  await kit.say('jooji', 'so');
  await kit.say(so('guides.stopYes'), 'so');
  expect((await kit.profile())?.basics).toEqual({ [items[0]!.id]: 'done' });
});
