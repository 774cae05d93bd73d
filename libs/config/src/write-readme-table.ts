/* `npm run docs:config`: rewrites the configuration table in README.md from the config schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withConfigTable } from './config-table';

const file = path.resolve(process.cwd(), 'README.md');
writeFileSync(file, withConfigTable(readFileSync(file, 'utf8')));
console.log('README.md: configuration table updated.');
