import fs from 'node:fs';
import path from 'node:path';
import { composeProblems } from '../../scripts/drill/compose-check';

// The compose file cannot be run here; `npm run drill` runs the same nginx.conf and Kopā environment.
describe('docker-compose.yml stays in step with the drill', () => {
  it('mounts deploy/nginx.conf and its included files, and sets the drill’s Kopā environment', () => {
    expect(composeProblems()).toEqual([]);
  });

  it('names what drifted', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../docker-compose.yml'), 'utf8');
    const drifted = text.replace(/^\s+TRUST_PROXY:.*\n/m, '').replace('./deploy/nginx.conf:', './nginx.conf:');
    expect(composeProblems(drifted)).toEqual([
      'docker-compose.yml does not mount ./deploy/nginx.conf:/etc/nginx/nginx.conf',
      "docker-compose.yml's Kopā environment lacks TRUST_PROXY",
    ]);
  });

  it('every file nginx.conf includes exists in deploy/', () => {
    const conf = fs.readFileSync(path.join(__dirname, '../../deploy/nginx.conf'), 'utf8');
    const included = [...conf.matchAll(/^\s*include\s+(\S+);/gm)].map((match) => match[1]);
    expect(included.sort()).toEqual(['kopa-listen.conf', 'kopa-servers.conf']);
    for (const file of included) expect(fs.existsSync(path.join(__dirname, '../../deploy', file))).toBe(true);
  });
});
