/**
 * Batch commands of SIMULATION-API.md "Daily allowances and CSS": JSON Lines in (one request per line, "-" reads
 * standard input), one result per line out, same order. Uses the rules shipped in prisma/rules.
 *
 *   npm run --silent allowances -- FILE.jsonl|-   [--lang en|fr]
 *   npm run --silent css -- FILE.jsonl|-          [--lang en|fr]
 *
 * Exit code: 0 every line valid; 1 at least one line rejected (its output line holds {"id"?, "errors"}); 2 bad usage
 * or unreadable input. Blank lines are skipped.
 */
import fs from 'node:fs'
import readline from 'node:readline'
import { RuleSet } from '../lib/domain/rules/rule-set'
import { isLocale, type Locale } from '../lib/i18n/config'
import { computeOne, translateContractErrors, type ContractKind } from '../lib/services/simulation/allowances-css'
import { bundledRuleRows } from '../prisma/rules'

export async function runContractBatch(kind: ContractKind, argv: string[]): Promise<number> {
  const usage = `Usage: npm run --silent ${kind} -- FILE.jsonl|- [--lang en|fr]\n`
  let file: string | undefined
  let lang: Locale = 'en'
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-h' || a === '--help') {
      process.stdout.write(usage)
      return 0
    }
    if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i]
      if (!v || !isLocale(v)) {
        process.stderr.write(`--lang must be en or fr\n${usage}`)
        return 2
      }
      lang = v
    } else if (a === '-' || !a.startsWith('-')) {
      if (file !== undefined) {
        process.stderr.write(`give one input file (or - for standard input)\n${usage}`)
        return 2
      }
      file = a
    } else {
      process.stderr.write(`unknown option ${a}\n${usage}`)
      return 2
    }
  }
  if (file === undefined) {
    process.stderr.write(usage)
    return 2
  }
  let input: NodeJS.ReadableStream
  if (file === '-') input = process.stdin
  else {
    try {
      fs.accessSync(file, fs.constants.R_OK)
    } catch {
      process.stderr.write(`cannot read ${file}\n`)
      return 2
    }
    input = fs.createReadStream(file, 'utf8')
  }
  const rules = new RuleSet(bundledRuleRows)
  let rejected = false
  let n = 0
  for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
    n++
    if (!text.trim()) continue
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      rejected = true
      process.stdout.write(JSON.stringify({ errors: translateContractErrors(kind, [{ path: '', code: 'request.malformed' }], lang).map((e) => ({ ...e, line: n })) }) + '\n')
      continue
    }
    const out = computeOne(kind, raw, rules, lang)
    if (out.ok) process.stdout.write(JSON.stringify(out.result) + '\n')
    else {
      rejected = true
      process.stdout.write(JSON.stringify(out.id === undefined ? { errors: out.errors } : { id: out.id, errors: out.errors }) + '\n')
    }
  }
  return rejected ? 1 : 0
}
