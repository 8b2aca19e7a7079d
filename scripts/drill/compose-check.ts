/**
 * The compose file cannot run here (no Docker engine), so the drill checks that it still runs
 * what the drill runs: deploy/nginx.conf with its two included files, and Kopā with the same
 * environment variables (values aside from NODE_ENV, which both set to production).
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/paths';

/** The variables the drill gives each Kopā process that docker-compose.yml must set too. */
export const sharedKopaEnv = ['NODE_ENV', 'DATABASE_URL', 'SESSION_SECRET', 'BASE_URL', 'TRUST_PROXY', 'PHOTO_STORE'] as const;

export function composeProblems(composeText = fs.readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8')): string[] {
  const problems: string[] = [];
  for (const mount of ['./deploy/nginx.conf:/etc/nginx/nginx.conf', './deploy/kopa-servers.conf:/etc/nginx/kopa-servers.conf', './deploy/kopa-listen.conf:/etc/nginx/kopa-listen.conf']) {
    if (!composeText.includes(mount)) problems.push(`docker-compose.yml does not mount ${mount}`);
  }
  // The Kopā services share one environment block (the x-kopa anchor).
  const kopaBlock = /^x-kopa:[\s\S]*?(?=^\S)/m.exec(composeText)?.[0];
  if (!kopaBlock) return [...problems, 'docker-compose.yml has no x-kopa block shared by the Kopā services'];
  for (const name of sharedKopaEnv) {
    if (!new RegExp(`^\\s+${name}:`, 'm').test(kopaBlock)) problems.push(`docker-compose.yml's Kopā environment lacks ${name}`);
  }
  if (!/^\s+NODE_ENV: production$/m.test(kopaBlock)) problems.push('docker-compose.yml must run Kopā with NODE_ENV: production, as the drill does');
  if ((composeText.match(/^ {2}app\d+: \*kopa$/gm) ?? []).length < 2) problems.push('docker-compose.yml should run at least two Kopā services (app1: *kopa, app2: *kopa)');
  return problems;
}
