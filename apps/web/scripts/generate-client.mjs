// Generates the web app's typed API client types from the API's OpenAPI document.
//
//   node apps/web/scripts/generate-client.mjs [--check] [source]
//
// source: a URL of /docs-json (default http://127.0.0.1:3000/docs-json, a running `npm start`) or a
// JSON file. --check writes nothing and exits 1 when the committed file differs (the e2e test
// test/web-client.e2e-spec.ts does this against the document the API module produces in-process).
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const target = fileURLToPath(new URL('../src/api/openapi.gen.d.mts', import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const source = args.find((a) => !a.startsWith('--')) ?? 'http://127.0.0.1:3000/docs-json';

async function readDocument(from) {
  if (/^https?:\/\//.test(from)) {
    const response = await fetch(from).catch((error) => {
      throw new Error(
        `Could not read ${from} (${error.cause?.code ?? error.message}): start the app (npm start) or pass a URL or file.`,
      );
    });
    if (!response.ok) throw new Error(`GET ${from} answered ${response.status}`);
    return response.json();
  }
  return JSON.parse(await readFile(from, 'utf8'));
}

const HEADER =
  "// Generated from the API's OpenAPI document by `npm run web:client`. Do not edit by hand.\n" +
  '// test/web-client.e2e-spec.ts fails when it no longer matches the API.\n\n';

const document = await readDocument(source);
const ast = await openapiTS(document, { alphabetize: false });
const options = { ...(await prettier.resolveConfig(target)), filepath: target };
const text = await prettier.format(HEADER + astToString(ast), options);

if (check) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== text) {
    console.error(`${target} is stale: run \`npm run web:client\` against the current API.`);
    process.exit(1);
  }
  console.log("The web app's API client matches the API.");
} else {
  await writeFile(target, text);
  console.log(`Wrote ${target}`);
}
