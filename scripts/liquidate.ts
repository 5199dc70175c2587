/**
 * Batch liquidation (SIMULATION-API.md): JSON Lines in, one result per line out (same order), as one batch.
 *
 *   npm run --silent liquidate -- FILE.jsonl            compute, print results
 *   npm run --silent liquidate -- - < FILE.jsonl         read standard input
 *   npm run --silent liquidate -- FILE.jsonl --save      also store claims and payments (DATABASE_URL)
 *
 * Exit code: 0 every line valid, 1 some line rejected (its output line holds `errors`), 2 usage or storage failure.
 * See --help and docs/decisions/0005-batch-liquidation.md.
 */
import fs from 'node:fs'
import { once } from 'node:events'
import readline from 'node:readline'

import { parseCalendarDate, toCalendarDate } from '../lib/domain/dates'
import { isLocale, type Locale } from '../lib/i18n/config'
import { liquidate, LiquidationStoreError, loadLiquidationDeps, type LiquidateOptions } from '../lib/services/simulation/liquidate'

const HELP = `Usage: npm run --silent liquidate -- FILE.jsonl|- [options]

Reads one claim line object per input line (JSON Lines, fields of SIMULATION-API.md "A line"; "-" reads
standard input) and writes one result per line to standard output, in the same order. The whole input is
one batch: participation and franchise caps and carried-forward deductions accumulate per beneficiaryId,
in line order. A rejected line's output holds {"id", "errors": [{"path", "message"}]}; the others are still
computed. Blank lines are skipped.

Options:
  --save                 store the valid lines as claims of the matching insured persons (DATABASE_URL):
                         beneficiaryId = an insured person's NIR (13 or 15 digits), or a beneficiary's id or
                         own NIR; a line that matches nobody is rejected and nothing is stored from it.
                         One payment per insured person per transaction; the carried-forward deductions
                         left at the end are stored too. Output of a batch is printed once it is committed.
  --batch-size N         lines per transaction (default 5000)
  --paid-on YYYY-MM-DD   date of the payments and reception date of the claims (default: today, Paris)
  --lang en|fr           language of the error messages (default en)
  --stats                print the elapsed time, lines per second and peak memory to standard error
  --fail-after-batches N testing: make transaction N+1 fail before its commit (it rolls back whole)
  -h, --help             this help

Exit code: 0 every line valid; 1 at least one line rejected; 2 bad usage, unreadable input or storage failure.
`

class UsageError extends Error {}

function parseArgs(argv: string[]): { file: string; options: LiquidateOptions; stats: boolean } | 'help' {
  let file: string | undefined
  let stats = false
  const options: LiquidateOptions = { save: false, lang: 'en', batchSize: 5000, paidOn: toCalendarDate(new Date()) }
  const value = (i: number, name: string): string => {
    const v = argv[i]
    if (v === undefined) throw new UsageError(`${name} needs a value`)
    return v
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
    const next = (): string => inline ?? value(++i, name)
    if (name === '-h' || name === '--help') return 'help'
    else if (name === '--save') options.save = true
    else if (name === '--stats') stats = true
    else if (name === '--lang') {
      const lang = next()
      if (!isLocale(lang)) throw new UsageError('--lang must be en or fr')
      options.lang = lang as Locale
    } else if (name === '--batch-size') {
      const n = Number(next())
      if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new UsageError('--batch-size must be a whole number from 1 to 1000000')
      options.batchSize = n
    } else if (name === '--paid-on') {
      const d = next()
      if (!parseCalendarDate(d)) throw new UsageError('--paid-on must be a calendar date YYYY-MM-DD')
      options.paidOn = d
    } else if (name === '--fail-after-batches') {
      const n = Number(next())
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--fail-after-batches must be a whole number ≥ 0')
      options.failAfterBatches = n
    } else if (name === '-' || !name.startsWith('-')) {
      if (file !== undefined) throw new UsageError('give one input file (or - for standard input)')
      file = name
    } else throw new UsageError(`unknown option ${name}`)
  }
  if (file === undefined) throw new UsageError('give an input file (or - for standard input)')
  return { file, options, stats }
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`liquidate: ${error.message}\n\n${HELP}`)
    return 2
  }
  if (parsed === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  const { file, options, stats } = parsed
  const started = process.hrtime.bigint()
  const stdout = process.stdout
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A closed pipe (`| head`): stop quietly.
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
  const out = {
    write(chunk: Uint8Array): Promise<void> | void {
      if (!stdout.write(chunk)) return once(stdout, 'drain').then(() => undefined)
    },
  }

  if (file !== '-' && !fs.existsSync(file)) {
    process.stderr.write(`liquidate: cannot read ${file}: no such file\n`)
    return 2
  }
  const deps = await loadLiquidationDeps({ save: options.save })
  // Open the input only now: readline starts reading at once, and lines read before the loop starts would be lost.
  const stream = file === '-' ? process.stdin : fs.createReadStream(file, { highWaterMark: 1 << 20 })
  const inputError = new Promise<never>((_, reject) => stream.once('error', reject))
  inputError.catch(() => undefined)
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity })
  try {
    const counts = await Promise.race([liquidate(lines, out, options, deps), inputError])
    if (options.save) {
      process.stderr.write(
        `liquidate: ${counts.lines} lines (${counts.valid} valid, ${counts.rejected} rejected); stored ${counts.stored} lines in ` +
          `${counts.claims} claims, ${counts.payments} payments, ${counts.carryOvers} carried-forward rows, ${counts.batches} transactions (run ${counts.runId})\n`,
      )
    }
    if (stats) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      process.stderr.write(
        `liquidate: ${counts.lines} lines in ${seconds.toFixed(2)} s (${Math.round(counts.lines / seconds)} lines/s), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
      )
    }
    return counts.rejected > 0 ? 1 : 0
  } catch (error) {
    if (error instanceof LiquidationStoreError) {
      process.stderr.write(`liquidate: ${error.message}\n`)
      return 2
    }
    const e = error as NodeJS.ErrnoException
    if (e && typeof e === 'object' && 'code' in e && (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES')) {
      process.stderr.write(`liquidate: cannot read ${file}: ${e.message}\n`)
      return 2
    }
    throw error
  } finally {
    await deps.close()
  }
}

main().then(
  (code) => {
    // Let stdout drain before exiting (a pipe may still hold output).
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`liquidate failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 2
  },
)
