import { execFileSync } from 'node:child_process';
import { projectRoot } from '../../server/paths';

/**
 * Libraries that only a few requests use are loaded by those requests: pdfkit, qrcode and
 * nodemailer together held 13 MB of every process from its start (issue 12's memory aims). Loading every module of the built
 * server (what `npm start` can reach at start, without starting it) must leave them out.
 */
const loadedOnFirstUse = ['pdfkit', 'qrcode', 'nodemailer', 'sharp', 'exceljs'];

const listLoadedPackages = `
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve('dist/server');
const modules = fs.readdirSync(root, { recursive: true }).filter((file) => file.endsWith('.js') && !file.endsWith('.cli.js') && file !== 'main.js');
for (const file of modules) require(path.join(root, file));
const packages = new Set(Object.keys(require.cache).map((file) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean));
process.stdout.write(JSON.stringify({ modules: modules.length, packages: [...packages] }));
process.exit(0);
`;

describe('modules at start', () => {
  it('loads the libraries of exports, paper forms, QR codes, email and photos only when they are used', () => {
    const output = execFileSync(process.execPath, ['-e', listLoadedPackages], { cwd: projectRoot, encoding: 'utf8' });
    const { modules, packages } = JSON.parse(output) as { modules: number; packages: string[] };
    expect(modules).toBeGreaterThan(100);
    // The check itself sees packages: the server's own framework is there.
    expect(packages).toEqual(expect.arrayContaining(['express', 'knex', 'ejs']));
    expect(packages.filter((name) => loadedOnFirstUse.includes(name))).toEqual([]);
  });
});
