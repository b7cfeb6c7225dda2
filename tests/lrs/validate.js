// SPDX-License-Identifier: GPL-3.0-or-later
//
// Checks every statement in a JSON array file with Learning Locker's xAPI
// validator (xapi-validation, from npm). Prints each problem and exits 1
// if there is any; prints the number checked otherwise.
'use strict';
const fs = require('fs');
const validate = require('xapi-validation').default;

let problems = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  const statements = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(statements) || statements.length === 0) {
    console.error(`${file}: not a non-empty array of statements`);
    process.exit(1);
  }
  for (const statement of statements) {
    checked++;
    let warnings;
    try {
      warnings = validate(statement);
    } catch (error) {
      warnings = error.warnings || [error];
    }
    for (const warning of warnings || []) {
      problems++;
      const where = Array.isArray(warning.path) ? warning.path.join('.') : '';
      console.error(`${file}: statement ${statement.id}: ${warning.name || 'problem'} at ${where}`);
    }
  }
}
console.log(`${checked} statements checked, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
