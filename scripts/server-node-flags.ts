import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../server/paths';

/**
 * The Node flags with which `npm start` runs the server, read from package.json so that the
 * benches measure what people run (today PGlite's WebAssembly on V8's baseline compiler).
 */
export function serverNodeFlags(): string[] {
  const packageJson = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/server\/main\.js/.exec(packageJson.scripts.start);
  if (!match) throw new Error('package.json: the start script does not run "node [flags] dist/server/main.js"');
  return match[1].split(/\s+/).filter(Boolean);
}
