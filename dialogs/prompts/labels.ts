// Prompt text kept as keys, not strings, in dialog state: a prompt repeated after a language switch or a
// server restart is rendered again in the language of that turn.
import type { AuthorityId } from '../../knowledge';
import { authorityName, type RenderContext } from '../../bot/cards/render';

/**
 * An i18next key with parameters (which may be labels themselves), an organisation's name, an entry title, or the
 * user's own words.
 */
export type Label =
  | { key: string; params?: Record<string, string | number | Label> }
  | { authority: AuthorityId; short?: boolean }
  | { entry: string }
  | { own: string }
  /** Several labels joined, e.g. a list of done items, or lines "Field: value". */
  | { join: Label[]; with: string }
  /** "Field: value", with the field from i18n. */
  | { field: string; value: Label };

export const key = (k: string, params?: Record<string, string | number | Label>): Label => (params ? { key: k, params } : { key: k });

export function resolve(label: Label, ctx: RenderContext): string {
  if ('own' in label) return label.own;
  if ('join' in label) return label.join.map((part) => resolve(part, ctx)).join(label.with);
  if ('field' in label) return `${ctx.t(label.field)}: ${resolve(label.value, ctx)}`;
  if ('entry' in label) {
    const entry = ctx.kb.get(label.entry);
    if (!entry) throw new Error(`unknown knowledge entry "${label.entry}"`);
    return ctx.kb.textOf(entry, ctx.locale).text.title;
  }
  if ('authority' in label) return authorityName(label.authority, ctx, label.short);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(label.params ?? {})) params[name] = typeof value === 'object' ? resolve(value, ctx) : value;
  return ctx.t(label.key, params);
}
