#!/usr/bin/env node
// Every .tf file under the given directory, parsed by HashiCorp's HCL parser (@cdktf/hcl2json), printed as one JSON
// object: relative path -> the file as JSON (expressions kept as "${...}" strings). For the policy tests.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const { parse } = createRequire(import.meta.url)('@cdktf/hcl2json');

const root = process.argv[2];
if (!root) {
  console.error('usage: node to-json.mjs <directory>');
  process.exit(2);
}
const files = [];
(function walk(directory) {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) walk(file);
    else if (entry.name.endsWith('.tf')) files.push(file);
  }
})(root);
const parsed = {};
for (const file of files.sort()) {
  parsed[path.relative(root, file)] = await parse(file, fs.readFileSync(file, 'utf8'));
}
process.stdout.write(JSON.stringify(parsed));
