// The authority card: who handles it, phone numbers, hours and website, as an Adaptive Card or as plain text.
import type { TFunction } from 'i18next';
import type { Locale } from '../../locales';
import { inLocale, type Authority, type AuthorityId, type Municipality } from '../../knowledge';

/** What a card shows about one organisation, with the deployment's municipality filled in. */
export interface AuthorityView {
  id: AuthorityId;
  name: string;
  handles: string;
  website: string;
  phones: { number: string; label?: string }[];
  hours?: string;
  /** Extra line, e.g. how to find your municipality when the deployment has none configured. */
  note?: string;
}

/** What the card shows about `id` in `locale`; for the gemeente, the deployment's `municipality` when configured. */
export function authorityView(
  id: AuthorityId, authority: Authority, locale: Locale, t: TFunction, municipality: Municipality,
): AuthorityView {
  const view: AuthorityView = {
    id,
    name: inLocale(authority.name, locale),
    handles: inLocale(authority.handles, locale),
    website: authority.website,
    phones: authority.phones.map((p) => ({ number: p.number, label: p.label ? inLocale(p.label, locale) : undefined })),
    hours: authority.hours ? inLocale(authority.hours, locale) : undefined,
  };
  if (id !== 'GEMEENTE') return view;
  if (!municipality.name) return { ...view, note: t('card.findMunicipality') };
  return {
    ...view,
    name: t('card.municipalityName', { name: municipality.name }),
    website: municipality.url ?? view.website,
    phones: municipality.phone ? [{ number: municipality.phone }] : [],
    note: municipality.url ? undefined : t('card.findMunicipality'),
  };
}

const hostOf = (url: string) => new URL(url).host.replace(/^www\./, '');

/**
 * Phone numbers always read left to right: without this, "050 599 96 00" shows as "00 96 599 050" inside
 * right-to-left text (Arabic, Persian).
 */
export const ltr = (text: string) => `\u2066${text}\u2069`;

/** Adaptive Card 1.3 (Emulator, Web Chat, Teams). Only our own data goes in; never user text. */
export function authorityAdaptiveCard(view: AuthorityView, t: TFunction): Record<string, unknown> {
  // One line per fact (not a FactSet): narrow phone screens would break the labels mid-word.
  const facts = [
    ...view.phones.map((p) => `**${p.label ? `${t('card.phone')} (${p.label})` : t('card.phone')}:** ${ltr(p.number)}`),
    ...(view.hours ? [`**${t('card.hours')}:** ${view.hours}`] : []),
  ];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    speak: view.name,
    body: [
      { type: 'TextBlock', text: view.name, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: view.handles, wrap: true, spacing: 'Small' },
      ...facts.map((text) => ({ type: 'TextBlock', text, wrap: true, spacing: 'Small' })),
      ...(view.note ? [{ type: 'TextBlock', text: view.note, wrap: true, isSubtle: true, spacing: 'Small' }] : []),
    ],
    actions: [{ type: 'Action.OpenUrl', title: t('card.website', { host: hostOf(view.website) }), url: view.website }],
  };
}

/** The same card as markdown text, for channels that do not show Adaptive Cards. */
export function authorityText(view: AuthorityView, t: TFunction): string {
  const lines = [`**${view.name}**`, `${t('card.handles')}: ${view.handles}`];
  for (const p of view.phones) lines.push(`${t('card.phone')}${p.label ? ` (${p.label})` : ''}: ${ltr(p.number)}`);
  if (view.hours) lines.push(`${t('card.hours')}: ${view.hours}`);
  lines.push(view.website);
  if (view.note) lines.push(view.note);
  return lines.join('\n');
}
