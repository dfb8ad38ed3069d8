// Every test/transcripts/*.transcript (the Emulator's "Save transcript" format) replayed against the bot.
// On a difference, jest shows the turn (the user's message) and the reply that changed.
import fs from 'node:fs';
import path from 'node:path';
import { botForFile } from '../helpers/http';
import { compared, loadTranscript, replay, turnsOf } from './replay';

const DIR = __dirname;
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.transcript')).sort();

const live = botForFile();

test('at least eight recorded conversations are shipped', () => {
  expect(files.length).toBeGreaterThanOrEqual(8);
});

test.each(files)('%s', async (file) => {
  const activities = loadTranscript(path.join(DIR, file));
  expect(turnsOf(activities).length).toBeGreaterThan(1);
  const { expected, actual } = await replay(live.bot, live.channel, activities, path.basename(file, '.transcript'));
  expect(actual).toEqual(expected);
});

test('the comparison sees a changed reply (it is not vacuous)', () => {
  const reply = { type: 'message', text: 'a', channelData: { wegwijzer: { topic: 'exam-costs' } } };
  expect(compared(reply)).not.toEqual(compared({ ...reply, text: 'b' }));
  expect(compared(reply)).not.toEqual(compared({ ...reply, channelData: { wegwijzer: { topic: 'exam-results' } } }));
  expect(compared({ type: 'message', text: 'Uw referentienummer is **WW-7K3M-9PQ2**.' }))
    .toEqual(compared({ type: 'message', text: 'Uw referentienummer is **WW-AAAA-BBBB**.' }));
});
