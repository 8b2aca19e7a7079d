/**
 * The import rule (README, "Where features meet"): a feature folder reads another feature
 * only through that feature's `*.queries.ts` module, or through a module named below with its
 * reason; platform folders serve every feature and import none (again: named exceptions);
 * and no two feature folders depend on each other in a cycle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const serverRoot = path.join(__dirname, '..', '..', 'server');

/** Shared by every feature; never a feature's own business. '' is the files directly in server/. */
const platformFolders = new Set(['', 'db', 'http', 'i18n', 'mail', 'jobs', 'uploads', 'cache']);

/** Wire every feature together (the composition roots), so they may import anything. */
const compositionRoots = new Set(['app.ts', 'main.ts']);

/** Another feature's module that is not its queries module, but its public operation or rule. */
const allowedFeatureImports: Record<string, string> = {
  'auth/roles.ts': 'the list of roles every guard and policy speaks of',
  'auth/session-user.ts': 'the type of req.user, with no imports of its own',
  'auth/login-session.ts': 'logging in once the second factor is given, and who must give one (two-factor)',
  'auth/session.ts': 'the session cookie\u2019s name, which the privacy notice lists',
  'verification/account-tokens.ts': 'the signed single-use email links, which password reset sends too',
  'passwords/password.ts': 'hashing and checking a secret, wherever one is stored',
  'passwords/password-policy.ts': 'the rules a new password meets, also at registration',
  'verification/verification-email.ts': 'registration sends the verification email',
  'consultations/consultations.policy.ts': 'whether a consultation accepts ideas now (ideas, workshops)',
  'consultations/consultations.cache.ts': 'the consultations visitors\u2019 pages read, from memory (ideas)',
  'categories/categories.cache.ts': 'the categories visitors\u2019 pages read, from memory (ideas)',
  'categories/categories.schema.ts': 'the icons a category may have, which the demo categories name (seed)',
  'icons/icons.ts': 'the Lucide icons views inline, whose drawing category pins carry to the map (categories)',
  'places/places.cache.ts': 'the named places the idea form offers, from memory (ideas)',
  'ideas/ideas.schema.ts': 'the idea statuses, filters, form and text limits that statuses, exports, moderation, translations and workshop pins reuse',
  'ideas/ideas.policy.ts': 'who may see an idea (follows) and who may translate it',
  'ideas/ideas.form.ts': 'the idea form, which a workshop pin shows with its own target',
  'ideas/ideas.service.ts': 'storing a workshop pin as an idea, and the services bundle idea pages take',
  'ideas/ideas.filters.ts': 'the idea filters\u2019 choices, which the exports form offers too',
  'ideas/location.ts': 'the city-bounds rule for a moved idea point (moderation)',
  'comments/comments.section.ts': 'the comments under an idea on its page',
  'notifications/comment-digest.ts': 'a new or approved comment queues its digest; the services every email job gets',
  'supports/supports.service.ts': 'the support button\u2019s state on an idea page',
  'audit/audit.ts': 'every staff action records itself in the audit log',
  'moderation/moderation.policy.ts': 'who may block whom (users)',
  'moderation/moderation.schema.ts': 'the blocking form (users)',
  'two-factor/two-factor.service.ts': 'an admin resets a person\u2019s second factor (users)',
  'exports/exports.writers.ts': 'the CSV and XLSX writers the workshop results export uses',
  'assisted-entry/assisted-entry.policy.ts': 'who reads a resident\u2019s contact on the staff idea page (moderation)',
  'paper-forms/grid.ts': 'the centre of a paper form\u2019s grid square, where an idea entered from that form goes (assisted-entry)',
  'neb/neb.elements.ts': 'the six NEB elements, their levels and the median that idea pages, the dashboard and exports show',
  'neb/neb.view.ts': 'the NEB chart and table on the public idea and consultation pages',
  'account-deletion/erasure.service.ts': 'maintenance anonymises inactive accounts with the same erasure',
};

/** Platform modules that must reach into a feature, with the reason. */
const allowedPlatformImports: Record<string, string> = {
  'http/access.ts -> auth/roles.ts': 'the role guards',
  'http/account-rate-limits.ts -> auth/roles.ts': 'staff entering ideas for others get a higher submission limit',
  'jobs/housekeeping.ts -> auth/sessions.queries.ts': 'it schedules the expired-session cleanup',
  'jobs/housekeeping.ts -> verification/verification.queries.ts': 'it schedules the expired-token cleanup',
  'jobs/housekeeping.ts -> workshops/workshops.service.ts': 'it schedules the workshop retention cleanup',
  'types.d.ts -> auth/session-user.ts': 'Express.User is the session user',
  'http/visible-idea.ts -> ideas/ideas.policy.ts': 'routes of every feature that take an idea or comment id check first that the idea may be seen',
  'http/visible-idea.ts -> ideas/ideas.queries.ts': 'the same guard reads who may see the idea',
  'http/visible-idea.ts -> comments/comments.queries.ts': 'the same guard finds the idea of a comment',
  'uploads/photo-move.ts -> ideas/ideas.queries.ts': 'photos:move walks the photo rows of ideas, the only record of which files are in use',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative specifiers of static imports, re-exports, dynamic imports and requires. */
function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)) found.push(match[1]);
  return found;
}

const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');

function resolve(fromFile: string, specifier: string): string {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  if (target.endsWith('.json') || target.endsWith('.ts')) return target;
  const asFile = path.join(serverRoot, `${target}.ts`);
  try {
    readFileSync(asFile);
    return `${target}.ts`;
  } catch {
    return `${target}/index.ts`;
  }
}

interface Edge {
  from: string;
  to: string;
}

const edges: Edge[] = sourceFiles(serverRoot).flatMap((full) => {
  const from = path.relative(serverRoot, full).split(path.sep).join('/');
  return importsOf(readFileSync(full, 'utf8')).map((specifier) => ({ from, to: resolve(from, specifier) }));
});

const crossFolder = edges.filter((edge) => folderOf(edge.from) !== folderOf(edge.to) && !edge.to.startsWith('..'));

describe('the import rule', () => {
  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(crossFolder.length).toBeGreaterThan(100);
  });

  it('lets a feature import another feature only through its queries module or a listed module', () => {
    const offending = crossFolder
      .filter((edge) => !platformFolders.has(folderOf(edge.from)) && !platformFolders.has(folderOf(edge.to)))
      .filter((edge) => !edge.to.endsWith('.queries.ts') && !(edge.to in allowedFeatureImports))
      .map((edge) => `${edge.from} imports ${edge.to}`);
    expect(offending).toEqual([]);
  });

  it('keeps platform folders free of features, but for the listed imports', () => {
    const offending = crossFolder
      .filter((edge) => platformFolders.has(folderOf(edge.from)) && !compositionRoots.has(edge.from))
      .filter((edge) => !platformFolders.has(folderOf(edge.to)))
      .map((edge) => `${edge.from} -> ${edge.to}`)
      .filter((edge) => !(edge in allowedPlatformImports));
    expect(offending).toEqual([]);
  });

  it('has no import cycle through modules of more than one folder', () => {
    // Tarjan's strongly connected components over the module graph.
    const next = new Map<string, string[]>();
    for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const components: string[][] = [];
    const connect = (module: string) => {
      index.set(module, index.size);
      low.set(module, index.get(module)!);
      stack.push(module);
      for (const target of next.get(module) ?? []) {
        if (!index.has(target)) {
          connect(target);
          low.set(module, Math.min(low.get(module)!, low.get(target)!));
        } else if (stack.includes(target)) low.set(module, Math.min(low.get(module)!, index.get(target)!));
      }
      if (low.get(module) === index.get(module)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          component.push(member);
        } while (member !== module);
        components.push(component);
      }
    };
    for (const module of next.keys()) if (!index.has(module)) connect(module);
    const crossing = components.filter((component) => new Set(component.map(folderOf)).size > 1);
    expect(crossing.map((component) => component.sort().join(' <-> '))).toEqual([]);
  });

  it('has no cycle between feature folders, counting every import but those of queries modules', () => {
    // A queries module is a table's reading and writing; depending on it is depending on the table,
    // which two features may both do. Any other import says one feature uses the other.
    const graph = new Map<string, Set<string>>();
    for (const edge of crossFolder) {
      const [from, to] = [folderOf(edge.from), folderOf(edge.to)];
      if (platformFolders.has(from) || platformFolders.has(to) || edge.to.endsWith('.queries.ts')) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (folder: string, trail: string[]) => {
      if (trail.includes(folder)) {
        cycles.push([...trail.slice(trail.indexOf(folder)), folder].join(' -> '));
        return;
      }
      if (done.has(folder)) return;
      for (const next of graph.get(folder) ?? []) visit(next, [...trail, folder]);
      done.add(folder);
    };
    for (const folder of graph.keys()) visit(folder, []);
    const example = (cycle: string) => {
      const folders = cycle.split(' -> ');
      return folders
        .slice(0, -1)
        .map((folder, at) => crossFolder.find((e) => folderOf(e.from) === folder && folderOf(e.to) === folders[at + 1] && !e.to.endsWith('.queries.ts')))
        .map((edge) => `${edge!.from} imports ${edge!.to}`)
        .join('; ');
    };
    expect(cycles.map((cycle) => `${cycle} (${example(cycle)})`)).toEqual([]);
  });

  it('lists no allowed import that nothing uses', () => {
    const used = new Set(crossFolder.map((edge) => edge.to));
    const usedPlatform = new Set(crossFolder.map((edge) => `${edge.from} -> ${edge.to}`));
    expect(Object.keys(allowedFeatureImports).filter((module) => !used.has(module))).toEqual([]);
    expect(Object.keys(allowedPlatformImports).filter((edge) => !usedPlatform.has(edge))).toEqual([]);
  });
});
