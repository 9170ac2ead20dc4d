// Runs each fixture through dotenv.parse + dotenv-expand.expand with an empty process environment
// and prints KEY<TAB>value with \\ \n \r \t escaped.
const fs = require('fs');
const dotenv = require('dotenv');
const { expand } = require('dotenv-expand');
const file = process.argv[2];
const parsed = dotenv.parse(fs.readFileSync(file));
const out = expand({ parsed, processEnv: {} }).parsed;
const esc = s => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
for (const k of Object.keys(out)) process.stdout.write(esc(k) + '\t' + esc(out[k]) + '\n');
