import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** A write to, or a row lock on, a table, found in the source of one file. */
export interface TableWrite {
  /** Relative to the project root, with forward slashes. */
  file: string;
  line: number;
  table: string;
  /** The knex method (`update`, `forUpdate` …) or the SQL words (`update … set`). */
  how: string;
}

const writeMethods = new Set(['insert', 'update', 'del', 'delete', 'increment', 'decrement', 'upsert', 'forUpdate', 'forNoKeyUpdate', 'forShare', 'forKeyShare']);
const lockMethods = new Set(['forUpdate', 'forNoKeyUpdate', 'forShare', 'forKeyShare']);
/** Methods of a chain that name its table: `db.insert(row).into('jobs')`, `db.from('ideas')`. */
const tableMethods = new Set(['from', 'into', 'table']);

const tableOf = (name: string) => name.trim().split(/\s+/)[0].replace(/"/g, '');

/**
 * Knex chains whose table is a string: `trx('ideas').where(…).update(…)`, `db.insert(…).into('jobs')`,
 * `trx('supports').where(…).forUpdate()`, and a chain kept in a `const` of the same file
 * (`const query = trx('ideas')…; await query.delete()`). A lock that names its table
 * (`.forUpdate('ideas')`) counts for that table whatever the chain starts from.
 */
function knexWrites(source: ts.SourceFile, file: string): TableWrite[] {
  const found: TableWrite[] = [];

  /** The query a `const` declared before this use, in an enclosing block, holds (not awaited: a builder). */
  const builderHeldBy = (name: ts.Identifier): ts.Expression | undefined => {
    for (let scope: ts.Node | undefined = name.parent; scope; scope = scope.parent) {
      if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
      let held: ts.Expression | undefined;
      for (const statement of scope.statements) {
        if (statement.pos > name.pos || !ts.isVariableStatement(statement)) continue;
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.name.text === name.text && declaration.initializer) held = declaration.initializer;
        }
      }
      if (held) return ts.isAwaitExpression(held) ? undefined : held;
    }
    return undefined;
  };

  /** Walks a chain from its last call down to its start: the methods called and the tables named. */
  const walk = (start: ts.Expression, methods: { name: string; args: readonly ts.Expression[] }[], tables: Set<string>) => {
    let node: ts.Expression = start;
    for (;;) {
      while (ts.isAwaitExpression(node) || ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const firstArg = node.arguments[0];
        const literal = firstArg && (ts.isStringLiteral(firstArg) || ts.isNoSubstitutionTemplateLiteral(firstArg)) ? firstArg.text : undefined;
        if (ts.isPropertyAccessExpression(callee)) {
          methods.push({ name: callee.name.text, args: node.arguments });
          if (tableMethods.has(callee.name.text) && literal) tables.add(tableOf(literal));
          const receiver = callee.expression;
          const chained = ts.isCallExpression(receiver) || ts.isAwaitExpression(receiver) || ts.isParenthesizedExpression(receiver) || (ts.isIdentifier(receiver) && builderHeldBy(receiver));
          if (chained) {
            node = receiver;
            continue;
          }
          // `this.db('x')`, `services.db('x')`: a knex instance kept on an object.
          if (literal && /^(db|trx|knex)$/.test(callee.name.text)) tables.add(tableOf(literal));
          return;
        }
        // `createHash('sha256').update(…)` is not a query.
        if (ts.isIdentifier(callee) && literal && !/^create(Hash|Hmac)$/.test(callee.text)) tables.add(tableOf(literal));
        return;
      }
      const held = ts.isIdentifier(node) ? builderHeldBy(node) : undefined;
      if (!held || held === start) return;
      node = held;
    }
  };

  const visit = (node: ts.Node): void => {
    const isChainTop =
      ts.isCallExpression(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node && ts.isCallExpression(node.parent.parent));
    if (isChainTop) {
      const methods: { name: string; args: readonly ts.Expression[] }[] = [];
      const tables = new Set<string>();
      walk(node as ts.CallExpression, methods, tables);
      const writes = methods.filter((method) => writeMethods.has(method.name));
      for (const write of writes) {
        const named = lockMethods.has(write.name)
          ? write.args.filter((arg): arg is ts.StringLiteral => ts.isStringLiteral(arg)).map((arg) => tableOf(arg.text))
          : [];
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        for (const table of named.length ? named : tables) found.push({ file, line, table, how: write.name });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const rawPatterns: { how: string; pattern: RegExp }[] = [
  { how: 'insert into', pattern: /\binsert\s+into\s+"?([a-z_]+)"?/gi },
  { how: 'update … set', pattern: /\bupdate\s+"?([a-z_]+)"?\s+(?:as\s+\w+\s+)?set\b/gi },
  { how: 'delete from', pattern: /\bdelete\s+from\s+"?([a-z_]+)"?/gi },
  { how: 'for update of', pattern: /\bfor\s+(?:no\s+key\s+)?(?:update|share)\s+of\s+"?([a-z_]+)"?/gi },
];

/** SQL written out in strings and templates (`trx.raw(\`update ideas set …\`)`). */
function rawWrites(source: ts.SourceFile, file: string): TableWrite[] {
  const found: TableWrite[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    if (text !== undefined) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      for (const { how, pattern } of rawPatterns) for (const match of text.matchAll(pattern)) found.push({ file, line, table: match[1].toLowerCase(), how });
      // A lock without "of" locks the tables of the statement: those it reads from.
      if (/\bfor\s+(?:no\s+key\s+)?(?:update|share)\b(?!\s+of)/i.test(text)) {
        for (const match of text.matchAll(/\bfrom\s+"?([a-z_]+)"?/gi)) found.push({ file, line, table: match[1].toLowerCase(), how: 'for update' });
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function typescriptFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return typescriptFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every write and lock in the TypeScript files under `directory`. */
export function tableWritesUnder(root: string, directory: string): TableWrite[] {
  return typescriptFiles(path.join(root, directory)).flatMap((full) => {
    const file = path.relative(root, full).split(path.sep).join('/');
    const source = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.ES2022, true);
    return [...knexWrites(source, file), ...rawWrites(source, file)];
  });
}
