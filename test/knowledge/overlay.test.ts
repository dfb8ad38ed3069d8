// National content with local overrides: an overlay entry with a national id wins, a new one is added.
import path from 'node:path';
import { decide, loadKnowledgeBase } from '../../knowledge';
import { KNOWLEDGE_DIR } from '../../knowledge/paths';
import { sharedKnowledgeBase } from '../helpers/fixtures';

const overlayDir = path.join(KNOWLEDGE_DIR, 'overlays', 'voorbeeldstad');
const national = sharedKnowledgeBase();
const local = loadKnowledgeBase({ overlayDir });

test('an overlay entry with a national id replaces the national entry', () => {
  expect(national.get('ontzorgen')!.text.nl.answer).not.toContain('Voorbeeldstad');
  expect(local.get('ontzorgen')!.text.nl.answer).toContain('Voorbeeldstad');
  expect(local.get('ontzorgen')!.origin).toBe('overlay');
  expect(local.entries.filter((e) => e.id === 'ontzorgen')).toHaveLength(1);
});

test('an overlay entry with a new id is added and found by search', () => {
  expect(national.get('local-language-providers')).toBeUndefined();
  expect(local.entries).toHaveLength(national.entries.length + 1);
  // The national dutch-lessons-voluntary covers the same question in general; naming the town finds the local one.
  const d = decide(local.search('is er een taalcafe in voorbeeldstad om gratis nederlands te oefenen', 'nl'));
  expect(d.kind === 'answer' && d.hit.entry.id).toBe('local-language-providers');
});

test('the overlay is validated by the same schema, naming the overlay file', () => {
  expect(() => loadKnowledgeBase({ overlayDir: path.join(KNOWLEDGE_DIR, 'no-such-overlay') }))
    .toThrow(/no-such-overlay: knowledge folder not found/);
});
