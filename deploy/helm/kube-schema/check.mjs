// Validates Kubernetes objects (a JSON array on stdin) against the API's schemas, twice over, with the models of
// kubernetes-models (generated from the Kubernetes OpenAPI specification):
//  - their JSON Schema validators: required fields, types, enums, formats;
//  - their TypeScript interfaces, through the TypeScript compiler: an object literal may only name known fields, so
//    a misspelt field anywhere in an object fails (the JSON Schemas allow unknown fields).
// Prints a JSON array, one entry per object: {kind, name, errors: [...]}. An apiVersion without models is an error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const objects = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
}));

// The module of an apiVersion: "v1" and "apps/v1" are kubernetes-models/v1 and kubernetes-models/apps/v1; the APIs of
// custom resources come from their own packages of the same project.
const CUSTOM_RESOURCE_MODELS = {
  'gateway.networking.k8s.io': '@kubernetes-models/gateway-api',
  'keda.sh': '@kubernetes-models/keda',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
  'external-secrets.io': '@kubernetes-models/external-secrets',
  'argoproj.io': '@kubernetes-models/argo-rollouts',
};
const modelsOf = (apiVersion) => {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return `${CUSTOM_RESOURCE_MODELS[group] ?? 'kubernetes-models'}/${apiVersion}`;
};

const results = objects.map((object) => ({
  kind: object?.kind,
  name: object?.metadata?.name,
  errors: [],
}));

// 1. The JSON Schema validators.
for (const [i, object] of objects.entries()) {
  let models;
  try {
    models = await import(modelsOf(object.apiVersion));
  } catch {
    results[i].errors.push(`no schema for apiVersion ${object.apiVersion}`);
    continue;
  }
  const Model = models[object.kind];
  if (!Model) {
    results[i].errors.push(`no schema for ${object.kind} in ${object.apiVersion}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    results[i].errors.push(String(e.message ?? e));
  }
}

// 2. The TypeScript interfaces: one typed constant per object, in a scratch directory beside node_modules.
const scratch = mkdtempSync(join(process.cwd(), '.check-'));
try {
  const lines = [];
  const startLine = [];
  for (const [i, object] of objects.entries()) {
    if (results[i].errors.some((error) => error.startsWith('no schema'))) {
      continue;
    }
    lines.push(`import type { I${object.kind} as T${i} } from "${modelsOf(object.apiVersion)}";`);
  }
  for (const [i, object] of objects.entries()) {
    if (results[i].errors.some((error) => error.startsWith('no schema'))) {
      continue;
    }
    startLine[i] = lines.length;
    lines.push(...`export const object${i}: T${i} = ${JSON.stringify(object, null, 1)};`.split('\n'));
  }
  const file = join(scratch, 'objects.ts');
  writeFileSync(file, lines.join('\n'));
  const program = ts.createProgram([file], {
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  });
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const line = diagnostic.file ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line : 0;
    // The object whose constant starts last at or before the diagnostic's line.
    let owner = -1;
    startLine.forEach((start, i) => {
      if (start !== undefined && start <= line) owner = i;
    });
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (owner >= 0) {
      results[owner].errors.push(`line ${line - startLine[owner] + 1} of the object: ${message}`);
    } else {
      results.forEach((result) => result.errors.push(message));
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

process.stdout.write(JSON.stringify(results));
