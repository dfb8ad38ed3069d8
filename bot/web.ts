// The web side: the demo municipal page, the embed script, the widget frame and the Web Chat bundle.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { z } from 'zod';
import { PROJECT_ROOT } from '../knowledge/paths';
import type { Config } from './config';
import { RTL_LOCALES } from '../locales';

const WEB_DIR = path.join(PROJECT_ROOT, 'web');
const WEB_LOCALES_DIR = path.join(PROJECT_ROOT, 'locales', 'web');

/** Web Chat's own locale per language. */
const WEBCHAT_LOCALES: Record<string, string> = {
  nl: 'nl-NL', en: 'en-US', ar: 'ar-SA', fa: 'fa-IR', tr: 'tr-TR', uk: 'uk-UA', ti: 'ti-ER', so: 'so-SO',
};
/** Whether a page or widget language is written right to left (the one list is `RTL_LOCALES`). */
const isRtl = (lang: string): boolean => (RTL_LOCALES as ReadonlySet<string>).has(lang);

const WebStrings = z.strictObject({
  languageName: z.string().min(1),
  pageTitle: z.string().min(1),
  municipalityFallback: z.string().min(1),
  siteName: z.string().min(1),
  intro: z.string().min(1),
  stepsTitle: z.string().min(1),
  steps: z.array(z.string().min(1)).min(1),
  note: z.string().min(1),
  chatTitle: z.string().min(1),
  open: z.string().min(1),
  close: z.string().min(1),
  language: z.string().min(1),
  unavailable: z.string().min(1),
  privacyLink: z.string().min(1),
  /** The answer's "read aloud" control, and the same control while it reads. */
  readAloud: z.string().min(1),
  stopReading: z.string().min(1),
  privacy: z.strictObject({
    title: z.string().min(1),
    intro: z.string().min(1),
    sections: z.array(z.strictObject({ heading: z.string().min(1), text: z.string().min(1) })).min(1),
    back: z.string().min(1),
  }),
  /** Web Chat's own UI strings, for languages it does not ship (overrideLocalizedStrings). */
  webchat: z.record(z.string(), z.string()).optional(),
});
type WebStrings = z.infer<typeof WebStrings>;

/** Loads `locales/web/<lang>.json` for every language; each must have every key (zod names file and key). */
export function loadWebStrings(dir = WEB_LOCALES_DIR): Record<string, WebStrings> {
  const result: Record<string, WebStrings> = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = WebStrings.safeParse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`locales/web/${file}: ${z.prettifyError(parsed.error)}`);
    result[path.basename(file, '.json')] = parsed.data;
  }
  if (!result.nl) throw new Error('locales/web/nl.json is missing');
  return result;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const interpolate = (s: string, values: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
/** Fills `{{key}}` placeholders; values are HTML-escaped unless listed as raw (already-built HTML). */
function fill(template: string, values: Record<string, string>, raw: Record<string, string> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => raw[k] ?? escapeHtml(values[k] ?? ''));
}

/** The Web Chat browser bundle shipped in the botframework-webchat package (its exports map hides dist/). */
export function webChatBundlePath(): string {
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

export function webRouter(config: Config): Router {
  const strings = loadWebStrings();
  const languages = Object.keys(strings);
  const pick = (value: unknown) => (typeof value === 'string' && strings[value] ? value : config.defaultLocale in strings ? config.defaultLocale : 'nl');
  const templates = {
    page: fs.readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8'),
    widget: fs.readFileSync(path.join(WEB_DIR, 'widget.html'), 'utf8'),
    privacy: fs.readFileSync(path.join(WEB_DIR, 'privacy.html'), 'utf8'),
    embed: fs.readFileSync(path.join(WEB_DIR, 'widget.js'), 'utf8'),
  };
  const labels = Object.fromEntries(languages.map((l) => [l, {
    open: strings[l]!.open, close: strings[l]!.close, chatTitle: strings[l]!.chatTitle, rtl: isRtl(l),
  }]));
  // JSON inside a script: escape "<" so no string can close the script element.
  const embedScript = templates.embed.replace('/*LABELS*/{}', JSON.stringify(labels).replace(/</g, '\\u003c'));
  const municipality = (l: string) => config.municipality.name ?? strings[l]!.municipalityFallback;

  const languageLinks = (lang: string, route: string) => languages.map((l) =>
    `<a href="${route}?lang=${l}" lang="${l}"${l === lang ? ' aria-current="true"' : ''}>${escapeHtml(strings[l]!.languageName)}</a>`).join('');
  const siteName = (lang: string) => config.municipality.name ? interpolate(strings[lang]!.siteName, { municipality: municipality(lang) }) : 'Wegwijzer';

  const router = express.Router();

  router.get('/', (req, res) => {
    const lang = pick(req.query.lang);
    const s = strings[lang]!;
    const values = { municipality: municipality(lang) };
    res.type('html').send(fill(templates.page, {
      lang, dir: isRtl(lang) ? 'rtl' : 'ltr',
      pageTitle: interpolate(s.pageTitle, values),
      // Without a configured municipality the header names the service, not "Municipality of your municipality".
      siteName: siteName(lang),
      intro: s.intro, stepsTitle: s.stepsTitle, note: s.note, language: s.language,
    }, { languageLinks: languageLinks(lang, '/'), steps: s.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('') }));
  });

  // What the chat stores, for how long, how answers are chosen, whom to ask: in every language.
  router.get('/privacy', (req, res) => {
    const lang = pick(req.query.lang);
    const p = strings[lang]!.privacy;
    const values = {
      operator: config.municipality.name ? interpolate(strings[lang]!.siteName, { municipality: municipality(lang) }) : strings[lang]!.municipalityFallback,
      days: String(config.retentionDays),
      complaintDays: String(config.complaintRetentionDays),
    };
    const paragraph = (text: string) => {
      const lines = interpolate(text, values).split('\n');
      const items = lines.filter((l) => l.startsWith('- ')).map((l) => `<li>${escapeHtml(l.slice(2))}</li>`).join('');
      const prose = lines.filter((l) => !l.startsWith('- ') && l.trim()).map((l) => `<p>${escapeHtml(l)}</p>`).join('');
      return prose + (items ? `<ul>${items}</ul>` : '');
    };
    const sections = p.sections.map((section) => `<h2>${escapeHtml(section.heading)}</h2>${paragraph(section.text)}`).join('\n');
    res.type('html').send(fill(templates.privacy, {
      lang, dir: isRtl(lang) ? 'rtl' : 'ltr', title: p.title, intro: interpolate(p.intro, values), back: p.back,
      siteName: siteName(lang), language: strings[lang]!.language,
    }, { sections, languageLinks: languageLinks(lang, '/privacy') }));
  });

  router.get('/widget', (req, res) => {
    const lang = pick(req.query.lang);
    const s = strings[lang]!;
    const color = typeof req.query.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(req.query.color) ? req.query.color : '#00529b';
    const widgetConfig = {
      lang, color, tokenSeconds: 1800,
      languages: Object.fromEntries(languages.map((l) => [l, {
        rtl: isRtl(l), webchatLocale: WEBCHAT_LOCALES[l] ?? 'en-US', webchatStrings: strings[l]!.webchat ?? null,
        privacyLink: strings[l]!.privacyLink, language: strings[l]!.language, chatTitle: strings[l]!.chatTitle, unavailable: strings[l]!.unavailable,
        readAloud: strings[l]!.readAloud, stopReading: strings[l]!.stopReading,
      }])),
    };
    const options = languages.map((l) => `<option value="${l}" lang="${l}">${escapeHtml(strings[l]!.languageName)}</option>`).join('');
    res.type('html').send(fill(templates.widget, {
      lang, dir: isRtl(lang) ? 'rtl' : 'ltr', chatTitle: s.chatTitle, language: s.language, unavailable: s.unavailable,
      privacyLink: s.privacyLink,
    }, { languageOptions: options, config: JSON.stringify(widgetConfig).replace(/</g, '\\u003c') }));
  });

  router.get('/widget.js', (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'public, max-age=300').send(embedScript);
  });
  router.get('/webchat.js', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').sendFile(webChatBundlePath());
  });
  const ASSETS: Record<string, string> = {
    'page.css': 'text/css', 'widget.css': 'text/css', 'fonts.css': 'text/css', 'widget-app.js': 'application/javascript',
    'staff.css': 'text/css', 'staff.js': 'application/javascript',
  };
  router.get('/web/:file', (req, res, next) => {
    const type = ASSETS[req.params.file];
    if (!type) return next();
    res.type(type).set('Cache-Control', 'public, max-age=300').sendFile(path.join(WEB_DIR, req.params.file));
  });
  // Ge'ez script for Tigrinya on devices without such a font (the pages load it only for Ge'ez text: unicode-range).
  const fonts = path.join(path.dirname(require.resolve('@fontsource/noto-sans-ethiopic/package.json')), 'files');
  const FONTS = new Set(['noto-sans-ethiopic-ethiopic-400-normal.woff2', 'noto-sans-ethiopic-ethiopic-700-normal.woff2']);
  router.get('/fonts/:file', (req, res, next) => {
    if (!FONTS.has(req.params.file)) return next();
    res.type('font/woff2').set('Cache-Control', 'public, max-age=604800').set('Access-Control-Allow-Origin', '*').sendFile(path.join(fonts, req.params.file));
  });
  router.get('/favicon.ico', (_req, res) => { res.status(204).end(); });
  return router;
}

/** CORS for the Direct Line API: the bot's own pages, and sites in ALLOWED_ORIGINS that embed Web Chat directly. */
export function directLineCors(config: Config): express.RequestHandler {
  const allowed = new Set(config.allowedOrigins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && allowed.has(origin)) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Vary', 'Origin');
      res.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with');
      res.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.set('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(origin && allowed.has(origin) ? 204 : 403).end();
      return;
    }
    next();
  };
}
