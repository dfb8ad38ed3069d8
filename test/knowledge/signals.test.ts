// Danger signals put urgent help first; ordinary worries do not.
import { loadKnowledgeBase } from '../../knowledge';

const kb = loadKnowledgeBase();

test.each([
  'mijn man slaat mij en ik ben bang, wat moet ik doen',
  'Ik heb vannacht geen slaapplek',
  'my husband hits me',
  'I have nowhere to sleep tonight',
  'I think about suicide',
])('"%s" signals danger → urgent-help', (text) => {
  expect(kb.urgentEntryFor(text)?.id).toBe('urgent-help');
});

test.each([
  'ik ben bang voor het examen',
  'Wat kost het inburgeringsexamen?',
  'I am afraid I will fail the speaking exam',
  'emergencyfund', // whole words only
])('"%s" does not', (text) => {
  expect(kb.urgentEntryFor(text)).toBeUndefined();
});
