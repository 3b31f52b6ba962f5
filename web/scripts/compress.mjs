// Gzip and brotli copies of the built text files, next to them: the gateway serves the copy a browser accepts
// (Spring's encoded resource resolver) instead of compressing on every request.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('../target/classes/static/', import.meta.url).pathname;
const compressible = /\.(js|css|html|svg|json|txt)$/;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (compressible.test(entry.name)) yield path;
  }
}

let count = 0;
for await (const path of files(root)) {
  if ((await stat(path)).size < 1024) continue;
  const body = await readFile(path);
  await writeFile(path + '.gz', gzipSync(body, { level: 9 }));
  await writeFile(
    path + '.br',
    brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  count++;
}
console.log(`compressed ${count} files (gzip, brotli)`);
