import { CONFIG_VARIABLES, withConfigTable } from '@app/config';
import { DEMO_PASSWORD, demoEmail, USER_ROLES } from '@app/core';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('README.md', () => {
  it('has the configuration table of the current config schema (run `npm run docs:config` after changing it)', () => {
    expect(readme).toBe(withConfigTable(readme));
    for (const variable of CONFIG_VARIABLES) expect(readme).toContain(`| \`${variable.name}\` |`);
  });

  it('gives the two quick-start commands, and they are scripts of package.json', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    expect(pkg.scripts.start).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
  });

  it('mentions only npm scripts that exist', () => {
    const mentioned = [...readme.matchAll(/npm run ([a-z:]+)/g)].map((m) => m[1]);
    expect(mentioned.filter((script) => !(script in pkg.scripts))).toEqual([]);
  });

  it('lists the demo sign-ins the embedded default seeds, as demo only', () => {
    expect(readme).toContain('Demo sign-ins (demo only)');
    expect(readme).toContain(`\`${DEMO_PASSWORD}\``);
    for (const role of USER_ROLES) expect(readme).toContain(`| ${role} | \`${demoEmail(role)}\` |`);
  });
});
