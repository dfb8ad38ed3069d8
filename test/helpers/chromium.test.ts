// The order in which the browser tests find Chromium, without touching the machine.
import { chooseChromium, SYSTEM_CHROMIUMS, type ChromiumLookup } from './chromium';

const linux = (env: NodeJS.ProcessEnv, files: string[]): ChromiumLookup =>
  ({ env, platform: 'linux', arch: 'x64', exists: (file) => files.includes(file) });

test.each<[string, ChromiumLookup, ReturnType<typeof chooseChromium>['source'], string | undefined]>([
  ['CHROMIUM_PATH wins over a system Chromium',
    linux({ CHROMIUM_PATH: '/opt/chrome/chrome' }, ['/opt/chrome/chrome', '/usr/bin/chromium']), 'CHROMIUM_PATH', '/opt/chrome/chrome'],
  ['CHROMIUM_PATH wins over WEGWIJZER_BUNDLED_CHROMIUM',
    linux({ CHROMIUM_PATH: '/opt/chrome/chrome', WEGWIJZER_BUNDLED_CHROMIUM: '1' }, ['/opt/chrome/chrome']), 'CHROMIUM_PATH', '/opt/chrome/chrome'],
  ['a system Chromium comes before the bundled one', linux({}, ['/usr/bin/chromium']), 'system', '/usr/bin/chromium'],
  ['the system paths are tried in order', linux({}, ['/usr/bin/google-chrome', '/usr/bin/chromium-browser']), 'system', '/usr/bin/chromium-browser'],
  ['WEGWIJZER_BUNDLED_CHROMIUM=1 passes over a system Chromium', linux({ WEGWIJZER_BUNDLED_CHROMIUM: '1' }, ['/usr/bin/chromium']), 'bundled', undefined],
  ['no system Chromium on Linux x64: the bundled one', linux({}, []), 'bundled', undefined],
  ['no system Chromium on Linux arm64: the bundled one', { ...linux({}, []), arch: 'arm64' }, 'bundled', undefined],
  ['no Chromium on macOS: nothing', { ...linux({}, []), platform: 'darwin', arch: 'arm64' }, 'none', undefined],
  ['no Chromium on Linux ia32: nothing', { ...linux({}, []), arch: 'ia32' }, 'none', undefined],
])('%s', (_name, lookup, source, executablePath) => {
  const choice = chooseChromium(lookup);
  expect(choice.source).toBe(source);
  if (executablePath) expect(choice).toMatchObject({ executablePath });
});

test('a CHROMIUM_PATH that does not exist is an error that names it, not a silent fall back', () => {
  const choice = chooseChromium(linux({ CHROMIUM_PATH: '/nowhere/chrome' }, ['/usr/bin/chromium']));
  expect(choice).toEqual({ source: 'none', problem: expect.stringContaining('CHROMIUM_PATH is /nowhere/chrome') });
});

test('finding none says what to set and where it looked', () => {
  const choice = chooseChromium({ ...linux({}, []), platform: 'win32' });
  expect(choice.source).toBe('none');
  const { problem } = choice as { problem: string };
  expect(problem).toContain('set CHROMIUM_PATH');
  for (const file of SYSTEM_CHROMIUMS) expect(problem).toContain(file);
});
