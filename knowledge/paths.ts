// Where the content folders live, whether the code runs from source (tests) or from dist/ (npm start).
import fs from 'node:fs';
import path from 'node:path';

function findProjectRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export const KNOWLEDGE_DIR = path.join(PROJECT_ROOT, 'knowledge');
export const ENTRIES_DIR = path.join(KNOWLEDGE_DIR, 'entries');
