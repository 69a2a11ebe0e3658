#!/usr/bin/env node
// Validate one .glb/.gltf with the Khronos glTF validator and print a JSON summary:
// {"errors": n, "warnings": n, "infos": n, "hints": n, "messages": [...]} (exit 0),
// or {"fatal": "..."} with exit status 2 when the file cannot be read or validated.
"use strict";
const fs = require("fs");
const validator = require("gltf-validator");

async function main() {
  const path = process.argv[2];
  if (!path) {
    throw new Error("usage: validate.js <file.glb>");
  }
  const bytes = new Uint8Array(fs.readFileSync(path));
  const report = await validator.validateBytes(bytes, {
    maxIssues: 100,
    // Embedded images are in the GLB; external URIs are not expected, so refuse them.
    externalResourceFunction: (uri) => Promise.reject(new Error(`external resource ${uri}`)),
  });
  const issues = report.issues;
  process.stdout.write(
    JSON.stringify({
      errors: issues.numErrors,
      warnings: issues.numWarnings,
      infos: issues.numInfos,
      hints: issues.numHints,
      messages: issues.messages.map((m) => ({
        code: m.code,
        severity: m.severity,
        message: m.message,
        pointer: m.pointer,
      })),
    }) + "\n"
  );
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ fatal: String(error && error.message) }) + "\n");
  process.exit(2);
});
