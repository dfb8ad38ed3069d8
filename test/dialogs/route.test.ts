// "Who do I need?" under DialogTestClient.
import { buttonsOf, dialogKit, textOf } from '../helpers/botkit';
import { sharedKnowledgeBase, sharedI18n } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const i18n = sharedI18n();
const nl = i18n.getFixedT('nl');
const tr = i18n.getFixedT('tr');

test.each(kb.guides.route.filter((r) => r.id !== 'complaint').map((r) => [r.id, r.authority] as const))(
  'situation "%s" leads to %s, with what to have ready and the entry to read more', async (id, authority) => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    const ask = await kit.say(nl('guides.route'));
    expect(buttonsOf(ask)).toContain(nl(`route.situations.${id}`));
    const result = await kit.say(nl(`route.situations.${id}`));
    const reply = result.at(-1)!;
    expect(reply.channelData?.wegwijzer?.authority).toBe(authority);
    expect(reply.text).toContain(nl('route.prepare'));
    expect(reply.text).toContain(nl(`route.prepareItems.${authority}`).split('\n')[0]);
    expect(reply.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const situation = kb.guides.route.find((r) => r.id === id)!;
    expect(buttonsOf(result)[0]).toBe(kb.get(situation.entry)!.text.nl.title);
  });

test('the course goes to DUO for someone under the Wi2013 (from the intake), to the municipality otherwise', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await kit.say(nl('guides.route'));
  expect((await kit.say(nl('route.situations.course'))).at(-1)!.channelData?.wegwijzer?.authority).toBe('GEMEENTE');
  await kit.say(nl('guides.intake'));
  const answers = ['intake.startedBetween', 'intake.reasonFamily', 'intake.joinedOther', 'intake.ageAdult', 'intake.nationalityOther', 'prompt.no', 'prompt.no'];
  for (const a of answers) await kit.say(nl(a));
  await kit.say(nl('guides.route'));
  expect((await kit.say(nl('route.situations.course'))).at(-1)!.channelData?.wegwijzer?.authority).toBe('DUO');
});

test('"I don\'t know" explains who does what (Turkish)', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator', locale: 'tr' });
  await kit.say(tr('guides.route'), 'tr');
  const reply = await kit.say(tr('prompt.dontKnow'), 'tr');
  expect(reply[0]!.channelData?.wegwijzer?.topic).toBe(kb.guides.routeUnknown);
  expect(reply[0]!.text).toContain(kb.get(kb.guides.routeUnknown)!.text.tr!.title);
});

test('a complaint goes on to the complaint conversation', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await kit.say(nl('guides.route'));
  const next = await kit.say(nl('route.situations.complaint'));
  expect(textOf(next)).toContain(nl('complaint.kind'));
});

test('invalid input is re-prompted; "person" afterwards names the organisation just routed to', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await kit.say(nl('guides.route'));
  const retry = await kit.say('blabla');
  expect(retry[0]!.text).toContain(nl('prompt.retryChoice'));
  await kit.say(nl('route.situations.permit'));
  const person = await kit.say('persoon');
  expect(person[0]!.text).toContain(nl('handoff.noDesk', { name: kb.authority('IND').name.nl }));
  expect(person[0]!.channelData?.wegwijzer?.authority).toBe('IND');
});
