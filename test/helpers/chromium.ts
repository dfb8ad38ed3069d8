// Which Chromium the browser tests drive, so that `npm ci && npm test` needs nothing else on Linux:
// CHROMIUM_PATH when set, else a system Chromium, else the headless Chromium that @sparticuz/chromium ships
// inside its npm package (Linux x64 and arm64). Finding none is an error that says what to set; never a skip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bundledChromium from '@sparticuz/chromium';

/** Where a system Chromium (or Chrome) is looked for, in this order. */
export const SYSTEM_CHROMIUMS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];

/** What {@link chooseChromium} decides: an executable to run, the bundled one to unpack, or nothing (with why). */
export type ChromiumChoice =
  | { source: 'CHROMIUM_PATH' | 'system'; executablePath: string }
  | { source: 'bundled' }
  | { source: 'none'; problem: string };

/** What {@link chooseChromium} looks at; passed in so the order can be tested without touching the machine. */
export interface ChromiumLookup {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  exists: (file: string) => boolean;
}

const WHAT_TO_SET = 'set CHROMIUM_PATH to a Chromium or Chrome executable';

/**
 * Picks the browser: `CHROMIUM_PATH` (which must exist), else the first of {@link SYSTEM_CHROMIUMS} that
 * exists (skipped when `WEGWIJZER_BUNDLED_CHROMIUM=1`), else the Chromium inside `@sparticuz/chromium` on
 * Linux x64/arm64, else `none` with a message that says what to set.
 */
export function chooseChromium({ env, platform, arch, exists }: ChromiumLookup): ChromiumChoice {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    return exists(configured)
      ? { source: 'CHROMIUM_PATH', executablePath: configured }
      : { source: 'none', problem: `CHROMIUM_PATH is ${configured}, but there is no file there: ${WHAT_TO_SET}` };
  }
  if (env.WEGWIJZER_BUNDLED_CHROMIUM !== '1') {
    const system = SYSTEM_CHROMIUMS.find((file) => exists(file));
    if (system) return { source: 'system', executablePath: system };
  }
  if (platform === 'linux' && (arch === 'x64' || arch === 'arm64')) return { source: 'bundled' };
  return {
    source: 'none',
    problem: `No Chromium for the browser tests: ${WHAT_TO_SET} (looked for ${SYSTEM_CHROMIUMS.join(', ')}; `
      + `the Chromium inside @sparticuz/chromium runs on Linux x64 and arm64 only)`,
  };
}

/** The executable to launch and the environment it needs beyond ours. */
export interface ResolvedChromium {
  source: 'CHROMIUM_PATH' | 'system' | 'bundled';
  executablePath: string;
  env: Record<string, string>;
}

let resolving: Promise<ResolvedChromium> | undefined;

/** Finds the browser once per test file; a bundled Chromium is unpacked on first use (a few seconds). */
export function resolveChromium(): Promise<ResolvedChromium> {
  resolving ??= resolveNow();
  return resolving;
}

async function resolveNow(): Promise<ResolvedChromium> {
  const choice = chooseChromium({ env: process.env, platform: process.platform, arch: process.arch, exists: fs.existsSync });
  if (choice.source === 'none') throw new Error(choice.problem);
  if (choice.source !== 'bundled') return { ...choice, env: {} };
  let executablePath: string;
  try {
    executablePath = await unpackBundled();
  } catch (error) {
    throw new Error(`Could not unpack the Chromium of @sparticuz/chromium (${(error as Error).message}): ${WHAT_TO_SET}`, { cause: error });
  }
  // Its fonts.conf lists the fonts it unpacks; a system without fontconfig would otherwise render no text.
  const env: Record<string, string> = fs.existsSync('/etc/fonts/fonts.conf') ? {} : { FONTCONFIG_PATH: path.join(os.tmpdir(), 'fonts') };
  return { source: 'bundled', executablePath, env };
}

const STALE_LOCK_MS = 120_000;

/**
 * The package unpacks into the temporary folder and reuses whatever `chromium` file it finds there. Test files
 * run in parallel workers, and a run stopped halfway leaves a cut-off file, so the unpacking holds a lock
 * (a folder: creating one is atomic) and a marker naming the package version is written only once it is done.
 */
async function unpackBundled(): Promise<string> {
  const tmp = os.tmpdir();
  const lock = path.join(tmp, 'wegwijzer-unpack-chromium.lock');
  const marker = path.join(tmp, 'chromium.wegwijzer-version');
  const version = bundledVersion();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    const done = fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === version;
    if (!done) fs.rmSync(path.join(tmp, 'chromium'), { force: true });
    const executablePath = await bundledChromium.executablePath();
    if (!done) fs.writeFileSync(marker, version);
    return executablePath;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The installed version of @sparticuz/chromium (its exports do not include package.json). */
function bundledVersion(): string {
  const entry = require.resolve('@sparticuz/chromium');
  const manifest = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}build${path.sep}`)), 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}
