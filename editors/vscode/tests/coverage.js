#!/usr/bin/env node
// Tokenizes every example and ui case of the repository with the TextMate
// grammar (vscode-textmate, as VS Code does) and checks that every
// non-blank character gets a scope of its own beyond `source.rook` and the
// `meta.*` regions, and that `invalid.*` scopes appear only where the file
// expects a syntax error (its `# expect` line names E0101, E0102 or E0103).
//
//   node tests/coverage.js [ROOT]    ROOT: the repository, ../.. by default
'use strict';

const fs = require('fs');
const path = require('path');
const { createRegistry } = require('vscode-tmgrammar-test/dist/common/index');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', '..'));
const grammarPath = path.join(__dirname, '..', 'syntaxes', 'rook.tmLanguage.json');

function rookFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...rookFiles(full));
    else if (entry.name.endsWith('.rook')) found.push(full);
  }
  return found.sort();
}

async function main() {
  const registry = createRegistry([{ scopeName: 'source.rook', path: grammarPath }]);
  const grammar = await registry.loadGrammar('source.rook');
  const files = ['examples', path.join('tests', 'ui')]
    .flatMap((dir) => rookFiles(path.join(root, dir)));
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const expectsSyntaxError = /^# expect = .*"E010[123]"/m.test(text);
    const problems = [];
    let stack = null;
    text.split('\n').forEach((line, n) => {
      const result = grammar.tokenizeLine(line, stack);
      stack = result.ruleStack;
      for (const token of result.tokens) {
        const piece = line.slice(token.startIndex, token.endIndex);
        if (!piece.trim()) continue;
        const own = token.scopes.filter((s) => s !== 'source.rook' && !s.startsWith('meta.'));
        const where = `${path.relative(root, file)}:${n + 1}:${token.startIndex + 1}`;
        if (own.length === 0) {
          problems.push(`${where}: ${JSON.stringify(piece)} has no scope (${token.scopes.join(' ')})`);
        }
        if (!expectsSyntaxError && own.some((s) => s.startsWith('invalid.'))) {
          problems.push(`${where}: ${JSON.stringify(piece)} is marked invalid (${token.scopes.join(' ')})`);
        }
      }
    });
    if (problems.length) {
      failed++;
      console.log(`✖ ${path.relative(root, file)}`);
      problems.forEach((p) => console.log(`  ${p}`));
    } else {
      passed++;
    }
  }
  console.log(`coverage: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
