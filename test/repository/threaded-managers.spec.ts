import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const core = path.join(root, 'libs/core/src');

/** Every non-test TypeScript file of libs/core, relative to it. */
function sourceFiles(dir = core): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name)
      ? [path.relative(core, full)]
      : [];
  });
}

/**
 * The parameters of a file's functions and methods typed `EntityManager` (optional or not, alone or in
 * a union): each is a transaction handed on by hand instead of taken from the TransactionContext.
 */
function threadedManagers(fileName: string, code: string): string[] {
  const found: string[] = [];
  const namesEntityManager = (type: ts.TypeNode | undefined): boolean =>
    type !== undefined &&
    ((ts.isTypeReferenceNode(type) && type.typeName.getText() === 'EntityManager') ||
      (ts.isUnionTypeNode(type) && type.types.some(namesEntityManager)));
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const visit = (node: ts.Node): void => {
    if (ts.isParameter(node) && namesEntityManager(node.type)) {
      const owner = node.parent;
      const name =
        (ts.isMethodDeclaration(owner) || ts.isFunctionDeclaration(owner)) && owner.name
          ? owner.name.getText()
          : '(function)';
      found.push(`${name}(${node.name.getText()})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Issue 13: features take their transaction from the TransactionContext, not from a `manager`
 * parameter threaded by hand (CONTRIBUTING, "Transactions"; decision record 0006). What still threads
 * one is listed here, per file, and may only shrink: a new `manager` parameter fails this test, and so
 * does a listed one left in place once its file no longer needs the entry (remove the entry).
 */
const STILL_THREADED: Readonly<Record<string, number>> = {
  // The context itself, the one place that holds a manager: `within(manager, work)` adopts a transaction
  // someone opened by hand (tests do), the callback of the transaction `runApart` opens receives it, and
  // `isAborted(manager)` reads the open transaction's status before it commits.
  'transaction/transaction-context.ts': 3,
};

describe('transactions are taken from the context, not threaded by hand (issue 13)', () => {
  const counts = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    const found = threadedManagers(file, readFileSync(path.join(core, file), 'utf8'));
    if (found.length > 0) counts.set(file, found);
  }

  it('adds no manager parameter beyond the listed remainder', () => {
    const over = [...counts]
      .filter(([file, found]) => found.length > (STILL_THREADED[file] ?? 0))
      .map(([file, found]) => `${file}: ${found.join(', ')}`);
    expect(over).toEqual([]);
  });

  it('keeps the remainder exact: an entry whose parameters are gone is removed', () => {
    const loose = Object.entries(STILL_THREADED)
      .filter(([file, allowed]) => (counts.get(file)?.length ?? 0) < allowed)
      .map(([file, allowed]) => `${file}: ${counts.get(file)?.length ?? 0} < ${allowed}`);
    expect(loose).toEqual([]);
  });

  it('finds a threaded manager however it is written (the check itself)', () => {
    const probe = `
      class Probe {
        a(manager?: EntityManager) {}
        b(id: string, m: EntityManager | undefined) {}
        c(x: number) {}
      }
      export function d(manager: EntityManager) {}
      const e = (manager: EntityManager) => manager;`;
    expect(threadedManagers('probe.ts', probe)).toEqual([
      'a(manager)',
      'b(m)',
      'd(manager)',
      '(function)(manager)',
    ]);
  });
});
