// The structure of the guided conversations (checklist items, routing situations, complaint routes) as data,
// checked by zod and against the entries when the app loads.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { KnowledgeError } from './load';
import { KNOWLEDGE_DIR } from './paths';
import { AUTHORITIES, Regime, type AuthorityId, type LoadedEntry } from './schema';

const id = z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case id');
const Authority = z.enum(AUTHORITIES);
const byAuthority = z.partialRecord(z.enum([...AUTHORITIES, 'default']), id)
  .refine((map) => map.default !== undefined, 'needs a `default` entry');

/**
 * The guided conversations, in menu order: the one list. Each id is also its dialog's id, its command and its
 * i18n key under `guides` (the menu button and the phrase that starts it); menus, commands and dialogs derive
 * from this list.
 */
export const GUIDE_IDS = ['intake', 'basics', 'route', 'complaint'] as const;
/** One of `GUIDE_IDS`. */
export type GuideName = (typeof GUIDE_IDS)[number];
/** Whether `id` (a dialog id, a command) is one of the guided conversations; narrows it to `GuideName`. */
export const isGuide = (id: string | undefined): id is GuideName => (GUIDE_IDS as readonly string[]).includes(id ?? '');

/**
 * The schema of knowledge/guides.yaml: `basics`, the checklist items, each with the entry that explains it;
 * `route`, the "who do I need?" situations with their organisation (`byRegime` overrides it once the person's
 * law is known) and entry; `routeUnknown`, the entry for "I don't know"; `complaint`, the organisations offered
 * and, per organisation (`default` for the rest), the entries for its complaint route, objection and ombudsman.
 */
export const GuidesFile = z.strictObject({
  /** Answers that offer a guided conversation as their first button ("Make a complaint" under "How do I complain?"). */
  offerOn: z.partialRecord(z.enum(GUIDE_IDS), z.array(id)),
  basics: z.array(z.strictObject({ id, entry: id })).min(1),
  route: z.array(z.strictObject({
    id, authority: Authority, entry: id, byRegime: z.partialRecord(Regime, Authority).optional(),
  })).min(1),
  routeUnknown: id,
  complaint: z.strictObject({
    organisations: z.array(Authority).min(1),
    route: byAuthority,
    objection: byAuthority,
    ombudsman: byAuthority,
  }),
});
/** knowledge/guides.yaml as loaded and checked (see `GuidesFile`, `loadGuides`). */
export type Guides = z.infer<typeof GuidesFile>;

/** The guided conversation an entry's answer offers as its first button, or undefined when it offers none. */
export function guideOfferedOn(guides: Guides, entryId: string): GuideName | undefined {
  return GUIDE_IDS.find((g) => guides.offerOn[g]?.includes(entryId));
}

/**
 * The entry id for `authority` in a per-organisation map, or the map's `default`.
 * @example forAuthority(guides.complaint.route, 'DUO') // 'complain-duo'; 'UWV' or undefined gives the default
 */
export const forAuthority = (map: Guides['complaint']['route'], authority: AuthorityId | undefined): string =>
  (authority && map[authority]) || (map.default as string);

/**
 * Reads and checks knowledge/guides.yaml. Throws a `KnowledgeError` naming the field when the file does not fit
 * `GuidesFile`, names an entry id none of `entries` has, or uses a checklist or routing id twice.
 */
export function loadGuides(entries: LoadedEntry[], file = path.join(KNOWLEDGE_DIR, 'guides.yaml')): Guides {
  const where = path.relative(path.join(KNOWLEDGE_DIR, '..'), file);
  const parsed = GuidesFile.safeParse(YAML.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new KnowledgeError(`${where}: ${z.prettifyError(parsed.error)}`);
  const known = new Set(entries.map((e) => e.id));
  const g = parsed.data;
  const referenced: [string, string][] = [
    ...g.basics.map((b) => [`basics.${b.id}.entry`, b.entry] as [string, string]),
    ...g.route.map((r) => [`route.${r.id}.entry`, r.entry] as [string, string]),
    ['routeUnknown', g.routeUnknown],
    ...Object.entries(g.offerOn).flatMap(([guide, ids]) => (ids ?? []).map((e) => [`offerOn.${guide}`, e] as [string, string])),
    ...(['route', 'objection', 'ombudsman'] as const).flatMap((part) =>
      Object.entries(g.complaint[part]).map(([k, v]) => [`complaint.${part}.${k}`, v as string] as [string, string])),
  ];
  for (const [field, entry] of referenced) {
    if (!known.has(entry)) throw new KnowledgeError(`${where}: ${field}: no entry has id "${entry}"`);
  }
  for (const list of [g.basics, g.route]) {
    const ids = list.map((x) => x.id);
    const twice = ids.find((x, i) => ids.indexOf(x) !== i);
    if (twice) throw new KnowledgeError(`${where}: id "${twice}" is used twice`);
  }
  return g;
}
