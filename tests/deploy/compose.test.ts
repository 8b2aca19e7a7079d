import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

  // Debian's nginx, when installed (CI installs it for the drill): the file as the drill runs it.
  const nginx = '/usr/sbin/nginx';
  (fs.existsSync(nginx) ? it : it.skip)('nginx accepts deploy/nginx.conf with the drill’s included files', () => {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-nginx-test-'));
    try {
      fs.copyFileSync(path.join(__dirname, '../../deploy/nginx.conf'), path.join(prefix, 'nginx.conf'));
      fs.writeFileSync(path.join(prefix, 'kopa-servers.conf'), 'server 127.0.0.1:3001;\nserver 127.0.0.1:3002;\n');
      // nginx -t opens no socket: any port will do.
      fs.writeFileSync(path.join(prefix, 'kopa-listen.conf'), 'listen 127.0.0.1:8089;\n');
      const output = execFileSync(nginx, ['-t', '-q', '-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(output).toBe('');
    } finally {
      fs.rmSync(prefix, { recursive: true, force: true });
    }
  });
});
