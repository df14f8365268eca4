// Scores a cache-tests results file: passed of all, by kind (required, optimal, check), and lists what
// failed among the required tests. Usage: node bench/cache-score.mjs <suite>/tests/index.mjs results.json
import fs from 'fs'
import { pathToFileURL } from 'url'

const index = (await import(pathToFileURL(process.argv[2]).href)).default
const results = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'))
const kinds = {}
const failedRequired = []
let total = 0
let passed = 0
for (const suite of index) {
  for (const test of suite.tests) {
    const result = results[test.id]
    if (result === undefined) continue
    const kind = test.kind || 'required'
    kinds[kind] = kinds[kind] || { passed: 0, failed: 0, setup: 0 }
    total++
    if (result === true) {
      kinds[kind].passed++
      passed++
    } else {
      kinds[kind][Array.isArray(result) && result[0] === 'Setup' ? 'setup' : 'failed']++
      if (kind === 'required') failedRequired.push(`${test.id}: ${JSON.stringify(result)}`)
    }
  }
}
console.log(`cache-tests: ${passed} of ${total} passed`)
for (const [kind, n] of Object.entries(kinds)) {
  console.log(`  ${kind}: ${n.passed} passed, ${n.failed} failed, ${n.setup} not run (setup failed)`)
}
if (failedRequired.length > 0) console.log('required, not passed:\n  ' + failedRequired.join('\n  '))
