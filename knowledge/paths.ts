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

/** The nearest folder above this module with a package.json: the project, whether run from source or from dist/. */
export const PROJECT_ROOT = findProjectRoot(__dirname);
/** The content (YAML) of the knowledge base; dist/ holds none of it, so it is always the project's own folder. */
export const KNOWLEDGE_DIR = path.join(PROJECT_ROOT, 'knowledge');
/** The national entries, one per file: `<area>/<id>.yaml`. */
export const ENTRIES_DIR = path.join(KNOWLEDGE_DIR, 'entries');
