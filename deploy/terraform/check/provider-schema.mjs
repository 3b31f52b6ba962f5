#!/usr/bin/env node
// The hashicorp/aws provider's configuration schema — every resource and data source type, its arguments, its
// required ones and its nested blocks — read from the prebuilt provider bindings (@cdktf/provider-aws), which are
// generated from the provider's own schema but do not ship it as JSON. In each lib/<name>/index.js the generator
// emits the Terraform type (X.tfResourceType), and synthesizeHclAttributes() / <struct>ToHclTerraform() list every
// settable attribute with isBlock and its nested struct; the .d.ts files say which are required. Computed-only
// attributes are absent, so "arguments" is what a configuration may set. "any" marks a type the generator gave up
// on (deep recursion, e.g. a WAF rule's statement): nothing below it can be checked.
//
// Usage: node provider-schema.mjs <path of @cdktf/provider-aws> <output.json>
import fs from 'node:fs';
import path from 'node:path';

const pkgDir = path.resolve(process.argv[2] ?? 'node_modules/@cdktf/provider-aws');
const outFile = process.argv[3] ?? 'aws-provider-schema.json';
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const libDir = path.join(pkgDir, 'lib');

const ENTRY = /^[ \t]*("?[A-Za-z0-9_-]+"?): \{\r?\n[ \t]*value: (.*),\r?\n[ \t]*isBlock: (true|false),\r?\n[ \t]*type: "(\w+)",\r?\n[ \t]*storageClassType: "(\w+)",\r?\n[ \t]*\},?/;
const SECTION_FN = /^function (\w+ToHclTerraform)\(struct\) \{/;
const SECTION_SYN = /^\s*synthesizeHclAttributes\(\) \{/;
const CLASS = /^class (\w+) extends cdktf\.(TerraformResource|TerraformDataSource|TerraformProvider) \{/;
const TFTYPE = /^(\w+)\.tfResourceType = "([^"]+)";/m;
// bare `fooToHclTerraform`, or module-qualified `index_structs_1.fooToHclTerraform`
// (big resources split their structs into lib/<name>/index-structs/structsN.js)
const FNREF = /(?<![\w.])(?:\w+_\d+\.)?([a-z]\w*ToHclTerraform)\b/;

const out = {
  _meta: {
    source: `${pkg.name}@${pkg.version}`,
    provider: pkg.cdktf?.provider?.name,
    provider_version: pkg.cdktf?.provider?.version,
    note: 'arguments: tf_name -> CDKTF storageClassType (string|number|boolean|stringList|numberList|stringMap|any|...). ' +
      'blocks: tf_name -> {nesting: list|set|struct(single)|map, max1: bool, arguments, blocks}. ' +
      'required: non-optional props in the generated .d.ts (TF Required). ' +
      '"any" means CDKTF gave up on the nested type (deep nesting) - do not check below it.',
  },
  provider: {}, resource: {}, data: {},
};
const stats = { files: 0, unresolved: 0, anyArgs: 0, blocks: 0, noRequiredInfo: 0 };

function jsFiles(dir, ext = '.js') {
  const r = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) r.push(...jsFiles(p, ext));
    else if (e.name.endsWith(ext) && !(ext === '.js' && e.name.endsWith('.d.ts'))) r.push(p);
  }
  return r;
}

// From the .d.ts files: which camelCase properties are non-optional (= required in TF schema),
// per struct function (fn -> interface) and per class (constructor config interface).
function scanDts(dir) {
  const ifaces = new Map(), fnIface = new Map(), classIface = new Map();
  for (const f of jsFiles(dir, '.d.ts')) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    let curI = null, curC = null, m;
    for (const l of lines) {
      if ((m = /^export interface (\w+)\b.*\{$/.exec(l))) { curI = m[1]; ifaces.set(curI, new Set()); continue; }
      if (curI && /^}/.test(l)) { curI = null; continue; }
      if (curI && (m = /^\s+readonly (\w+):/.exec(l))) { ifaces.get(curI).add(m[1]); continue; }
      // struct?: Foo | cdktf.IResolvable   or   struct?: FooOutputReference | Foo
      if ((m = /^export declare function (\w+ToHclTerraform)\(struct\?: ([\w.| ]+)\)/.exec(l))) {
        const cand = m[2].split('|').map((x) => x.trim()).filter((x) => !x.includes('.') && !x.endsWith('OutputReference'));
        if (cand.length === 1) fnIface.set(m[1], cand[0]);
        continue;
      }
      if ((m = /^export declare class (\w+) extends cdktf\.Terraform(Resource|DataSource|Provider)\b/.exec(l))) { curC = m[1]; continue; }
      if (curC && (m = /^\s+constructor\(scope: Construct, id: string, config\??: (\w+)\)/.exec(l))) { classIface.set(curC, m[1]); curC = null; }
    }
  }
  return { ifaces, fnIface, classIface };
}
const read = (f) => {
  const t = fs.readFileSync(f, 'utf8');
  const sm = t.indexOf('\n//# sourceMappingURL=');
  return sm >= 0 ? t.slice(0, sm) : t;
};

function parseDir(dir) {
  const sections = new Map(); // fnName | '#class:<Name>' -> [{name, value, isBlock, type, sct}]
  const classKind = new Map();
  let text = '';
  for (const f of jsFiles(dir)) { const t = read(f); text += t + '\n'; scan(t, sections, classKind); }
  return finish(text, sections, classKind, scanDts(dir));
}

function scan(text, sections, classKind) {
  const lines = text.split('\n');
  let cur = null, curClass = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    let m;
    if ((m = CLASS.exec(l))) { curClass = m[1]; classKind.set(m[1], m[2]); cur = null; continue; }
    if ((m = SECTION_FN.exec(l))) { cur = m[1]; sections.set(cur, []); continue; }
    if (SECTION_SYN.test(l) && curClass) { cur = '#class:' + curClass; sections.set(cur, []); continue; }
    if (!cur) continue;
    if (/^\s*"?[A-Za-z0-9_-]+"?: \{\s*$/.test(l)) {
      const chunk = lines.slice(i, i + 6).join('\n');
      if ((m = ENTRY.exec(chunk))) {
        sections.get(cur).push({ name: m[1].replace(/"/g, ''), value: m[2], isBlock: m[3] === 'true', type: m[4], sct: m[5] });
        i += 5;
      }
    }
  }
}

function finish(text, sections, classKind, dts) {
  const build = (entries, seen, ifaceName) => {
    const node = { arguments: {}, blocks: {} };
    const req = dts.ifaces.get(ifaceName);
    const required = [];
    for (const e of entries) {
      const camel = /(?:struct\.|this\._)(\w+)/.exec(e.value)?.[1];
      if (req && camel && req.has(camel)) required.push(e.name);
      const ref = FNREF.exec(e.value)?.[1];
      if (ref) {
        const sub = sections.get(ref);
        if (!sub) { stats.unresolved++; node.arguments[e.name] = 'unresolved:' + ref; continue; }
        if (seen.has(ref)) { node.arguments[e.name] = 'any'; continue; } // recursion guard
        stats.blocks++;
        const mapped = /listMapperHcl|hashMapperHcl/.test(e.value);
        node.blocks[e.name] = {
          nesting: e.type, // list | set | struct | map
          max1: !mapped,   // generator emits a bare fn call for MaxItems=1 / single-nested
          attr_syntax: !e.isBlock, // true: object-typed attribute rather than a block
          ...build(sub, new Set([...seen, ref]), dts.fnIface.get(ref)),
        };
      } else {
        if (e.sct === 'any') stats.anyArgs++;
        node.arguments[e.name] = e.sct;
      }
    }
    if (!Object.keys(node.blocks).length) delete node.blocks;
    if (!ifaceName || !req) stats.noRequiredInfo++;
    if (required.length) node.required = required;
    return node;
  };
  const results = [];
  for (const [cls, kind] of classKind) {
    const t = new RegExp('^' + cls + '\\.tfResourceType = "([^"]+)";', 'm').exec(text);
    const entries = sections.get('#class:' + cls);
    if (!t || !entries) continue;
    results.push({ kind, type: t[1], node: build(entries, new Set(), dts.classIface.get(cls)) });
  }
  return results;
}

for (const dir of fs.readdirSync(libDir).sort()) {
  const d = path.join(libDir, dir);
  if (!fs.statSync(d).isDirectory() || !fs.existsSync(path.join(d, 'index.js'))) continue;
  stats.files++;
  for (const r of parseDir(d)) {
    const bucket = r.kind === 'TerraformResource' ? 'resource' : r.kind === 'TerraformDataSource' ? 'data' : 'provider';
    if (out[bucket][r.type]) console.error('duplicate', bucket, r.type, dir);
    out[bucket][r.type] = r.node;
  }
}
const json = JSON.stringify(out);
fs.writeFileSync(outFile, json);
console.log(JSON.stringify({
  provider_version: out._meta.provider_version,
  files: stats.files,
  resources: Object.keys(out.resource).length,
  data_sources: Object.keys(out.data).length,
  providers: Object.keys(out.provider),
  nested_blocks_total: stats.blocks,
  any_typed_arguments: stats.anyArgs,
  unresolved_refs: stats.unresolved,
  nodes_without_required_info: stats.noRequiredInfo,
  out: outFile,
  bytes: json.length,
}, null, 2));
