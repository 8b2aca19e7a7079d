import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../server/paths';

/** How `npm start` runs the server: `[NAME=value …] exec node [flags] dist/server/main.js`. */
function startCommand(): { environment: string; flags: string } {
  const packageJson = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /((?:\b[A-Z_][A-Z0-9_]*=\S+\s+)*)exec\s+node((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/server\/main\.js/.exec(packageJson.scripts.start);
  if (!match) throw new Error('package.json: the start script does not run "[NAME=value …] exec node [flags] dist/server/main.js"');
  return { environment: match[1], flags: match[2] };
}

/**
 * The Node flags with which `npm start` runs the server, read from package.json so that the
 * benches measure what people run (today PGlite's WebAssembly on V8's baseline compiler).
 */
export function serverNodeFlags(): string[] {
  return startCommand().flags.split(/\s+/).filter(Boolean);
}

/** The environment `npm start` sets for the server (glibc's malloc settings), to add to a child's. */
export function serverEnvironment(): Record<string, string> {
  const assignments = startCommand().environment.split(/\s+/).filter(Boolean);
  return Object.fromEntries(assignments.map((assignment) => [assignment.slice(0, assignment.indexOf('=')), assignment.slice(assignment.indexOf('=') + 1)]));
}
