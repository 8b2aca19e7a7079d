import path from 'node:path';

// Compiled code runs from dist/server, tests from server/: both find the project root by walking up.
function findProjectRoot(start: string): string {
  const candidate = path.basename(path.dirname(start)) === 'dist' ? path.resolve(start, '..', '..') : path.resolve(start, '..');
  return candidate;
}

export const projectRoot = findProjectRoot(__dirname);
export const viewsDir = path.join(projectRoot, 'views');
export const publicDir = path.join(projectRoot, 'public');
export const localesDir = path.join(projectRoot, 'locales');
