// The lint (layout included) and the dependency rules that `npm test` runs really fail on a violation: planted
// code is checked by the real configurations (eslint.config.mjs, .dependency-cruiser.cjs) through the real
// command-line tools.
// Both tools load their configuration as an ES module, which jest's module loader cannot, hence the child processes.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const SLOW = 90_000;

interface LintResult { messages: { ruleId: string | null }[]; output?: string }

/** Runs ESLint on `code` as if it were the file `file` of this project, with the extra command-line flags. */
function eslint(file: string, code: string, flags: string[] = []): LintResult {
  const run = spawnSync(process.execPath, [ESLINT, ...flags, '--format', 'json', '--stdin', '--stdin-filename', file], {
    cwd: ROOT, input: code, encoding: 'utf8',
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint failed: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as LintResult[];
  return result;
}

/** The rules `code` breaks as the file `file`, as `npm run lint` reports them. */
function lint(file: string, code: string): string[] {
  return eslint(file, code).messages.map((m) => m.ruleId ?? 'parse error').sort();
}

/** What `npm run format` makes of `code` as the file `file` (ESLint reports no output when nothing changes). */
function format(file: string, code: string): string {
  return eslint(file, code, ['--fix-dry-run', '--fix-type', 'layout']).output ?? code;
}

describe('npm run lint', () => {
  test('flags planted mistakes in a source file', () => {
    const planted = 'export function f(value: any) {\n  var unused = 1;\n  return value;\n}\n';
    expect(lint('knowledge/planted.ts', planted)).toEqual(['@typescript-eslint/no-explicit-any', '@typescript-eslint/no-unused-vars', 'no-var']);
  }, SLOW);

  test('passes the same function written cleanly', () => {
    expect(lint('knowledge/planted.ts', 'export function f(value: unknown): unknown {\n  return value;\n}\n')).toEqual([]);
  }, SLOW);

  test('flags code laid out in another style, and `npm run format` lays it out like the rest', () => {
    const messy = 'export function f(value: unknown): unknown {\n    const list = [ "a", "b" ]\n    return value ?list : value;\n}\n';
    expect([...new Set(lint('knowledge/planted.ts', messy))]).toEqual([
      '@stylistic/array-bracket-spacing', '@stylistic/indent', '@stylistic/quotes', '@stylistic/semi', '@stylistic/space-infix-ops',
    ]);
    const formatted = format('knowledge/planted.ts', messy);
    expect(formatted).toBe("export function f(value: unknown): unknown {\n  const list = ['a', 'b'];\n  return value ? list : value;\n}\n");
    expect(lint('knowledge/planted.ts', formatted)).toEqual([]);
  }, SLOW);
});

interface Violation { rule: { name: string }; from: string; to: string }

describe('npm run deps', () => {
  let dir: string;

  /** Writes a small project beside the real configuration and returns the rule violations depcruise reports. */
  function cruise(files: Record<string, string>): string[] {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const folders = [...new Set(Object.keys(files).map((f) => f.split('/')[0]))];
    // Exit code 1 means "violations found"; the JSON report lists them.
    let out: string;
    try {
      out = execFileSync(process.execPath, [DEPCRUISE, ...folders, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
        cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      out = (error as { stdout: string }).stdout;
    }
    const violations = (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
    return violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`).sort();
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-layers-'));
    fs.copyFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true }, include: ['**/*.ts'],
    }));
    // The planted files import npm packages (botbuilder) from the project's own node_modules.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('flags each broken layer and a cycle, and nothing that is allowed', () => {
    expect(cruise({
      'locales/index.ts': "import { ROOT } from '../knowledge/paths';\nexport const LOCALES = [ROOT];\n",
      'knowledge/paths.ts': "export const ROOT = '.';\n",
      'knowledge/search.ts': "import { TurnContext } from 'botbuilder';\nimport { reply } from '../dialogs/main';\nexport const s = [TurnContext, reply];\n",
      // A type-only cycle is erased at compile time and allowed; a runtime one is not.
      'knowledge/lexicon.ts': "import { fold } from './normalize';\nexport type Lexicon = string[];\nexport const l = fold;\n",
      'knowledge/normalize.ts': "import type { Lexicon } from './lexicon';\nexport const fold = (x: Lexicon) => x;\n",
      'knowledge/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'knowledge/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      'dialogs/main.ts': "import { languageOf } from '../bot/middleware/locale';\nimport { render } from '../bot/cards/render';\n"
        + "import { createServer } from '../bot/server';\nexport const reply = [languageOf, render, createServer];\n",
      'bot/middleware/locale.ts': 'export const languageOf = 1;\n',
      'bot/cards/render.ts': "import { ROOT } from '../../knowledge/paths';\nexport const render = ROOT;\n",
      'bot/server.ts': "import express from 'express';\nexport const createServer = express;\n",
      'scripts/tool.ts': "import { ActivityTypes } from 'botbuilder';\nexport const t = ActivityTypes;\n",
    })).toEqual([
      'botbuilder-at-the-edges: knowledge/search.ts → node_modules/botbuilder/lib/index.js',
      'botbuilder-at-the-edges: scripts/tool.ts → node_modules/botbuilder/lib/index.js',
      'dialogs-language-by-interface: dialogs/main.ts → bot/middleware/locale.ts',
      'dialogs-not-http: dialogs/main.ts → bot/server.ts',
      'knowledge-is-pure: knowledge/search.ts → dialogs/main.ts',
      'knowledge-is-pure: knowledge/search.ts → node_modules/botbuilder/lib/index.js',
      'locales-import-nothing-of-ours: locales/index.ts → knowledge/paths.ts',
      // A cycle is reported once.
      'no-cycles: knowledge/a.ts → knowledge/b.ts',
    ]);
  }, SLOW);
});
