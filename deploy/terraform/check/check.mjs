#!/usr/bin/env node
// Parses every .tf file with HashiCorp's HCL parser (@cdktf/hcl2json: hcl/v2 compiled to WebAssembly) and checks each
// aws_* resource and data source, and the aws provider block, against the provider's schema (provider-schema.mjs):
// the type exists, every argument and nested block (dynamic ones too, recursively) is one the provider has, single
// blocks appear once, required arguments are there. Expressions cannot be checked statically and are accepted.
//
// Usage: node check.mjs --schema <schema.json> [--no-required] <directory or file>...
// Prints one line per problem and a summary; exits 1 when there is any.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { parse } = require('@cdktf/hcl2json');

const args = process.argv.slice(2);
let schemaFile = null;
let checkRequired = true;
const targets = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--schema') schemaFile = args[++i];
  else if (args[i] === '--no-required') checkRequired = false;
  else targets.push(args[i]);
}
if (!schemaFile || targets.length === 0) {
  console.error('usage: node check.mjs --schema <schema.json> [--no-required] <directory or file>...');
  process.exit(2);
}
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));

const META = {
  resource: new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']),
  data: new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']),
  provider: new Set(['alias', 'version']),
};

const errors = [];
const err = (file, where, msg) => errors.push(`${file}: ${where}: ${msg}`);
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isExpr = (v) => typeof v === 'string' && /^\$\{[\s\S]*\}$/.test(v);

// body: one parsed block body (object). node: schema node {arguments, blocks, required}.
function checkBody(file, where, body, node, meta) {
  const present = new Set();
  for (const [k, v] of Object.entries(body)) {
    if (meta && meta.has(k)) { present.add(k); continue; }
    if (k === 'dynamic') {
      for (const [bname, dyns] of Object.entries(v)) {
        const bn = node.blocks?.[bname];
        if (!bn) { err(file, where, `dynamic "${bname}": no such nested block`); continue; }
        present.add(bname);
        for (const d of dyns) {
          for (const dk of Object.keys(d)) if (!['for_each', 'iterator', 'labels', 'content'].includes(dk)) err(file, `${where}.dynamic.${bname}`, `unexpected "${dk}"`);
          if (!('for_each' in d)) err(file, `${where}.dynamic.${bname}`, 'missing for_each');
          for (const c of d.content ?? []) checkBody(file, `${where}.${bname}(dynamic)`, c, bn, null);
        }
      }
      continue;
    }
    if (node.arguments && k in node.arguments) { present.add(k); continue; } // any value incl. "any"-typed
    const bn = node.blocks?.[k];
    if (bn) {
      present.add(k);
      if (Array.isArray(v)) {
        if (bn.max1 && v.length > 1) err(file, where, `block "${k}" allows at most one`);
        v.forEach((item, i) => { if (isObj(item)) checkBody(file, `${where}.${k}[${i}]`, item, bn, null); });
      } else if (isObj(v)) checkBody(file, `${where}.${k}`, v, bn, null); // `k = { ... }` object syntax
      // else: an expression (k = var.x) - cannot be checked statically
      continue;
    }
    err(file, where, `unsupported argument or block "${k}"`);
  }
  if (checkRequired) for (const r of node.required ?? []) if (!present.has(r)) err(file, where, `missing required "${r}"`);
}

function checkFile(file, json) {
  for (const kind of ['resource', 'data']) {
    for (const [type, insts] of Object.entries(json[kind] ?? {})) {
      if (!type.startsWith('aws_')) continue; // other providers: not covered by this schema
      const node = schema[kind][type];
      if (!node) { err(file, `${kind}.${type}`, `unknown ${kind === 'data' ? 'data source' : 'resource'} type "${type}"`); continue; }
      for (const [name, bodies] of Object.entries(insts)) for (const b of bodies) checkBody(file, `${kind}.${type}.${name}`, b, node, META[kind]);
    }
  }
  for (const [pname, bodies] of Object.entries(json.provider ?? {})) {
    const node = schema.provider[pname];
    if (!node) continue;
    for (const b of bodies) checkBody(file, `provider.${pname}`, b, node, META.provider);
  }
}

const files = [];
for (const t of targets) {
  const st = fs.statSync(t);
  if (st.isDirectory()) {
    (function walk(d) {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.name.startsWith('.')) continue; // skip .terraform etc.
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p); else if (e.name.endsWith('.tf')) files.push(p);
      }
    })(t);
  } else files.push(t);
}
for (const f of files.sort()) {
  let json;
  try { json = await parse(f, fs.readFileSync(f, 'utf8')); }
  catch (e) { err(f, 'parse', String(e.message ?? e).split('\n')[0]); continue; }
  checkFile(f, json);
}
for (const e of errors) console.log(e);
console.log(`${files.length} files checked against ${schema._meta.provider} ${schema._meta.provider_version}: ${errors.length} problem(s)`);
process.exit(errors.length ? 1 : 0);
