import { env } from './env'

/** Node runtime only (imported by instrumentation.ts): stops the process when the environment is invalid. */
export function checkEnvironmentOrExit(): void {
  try {
    env()
  } catch (error) {
    console.error(`\n✖ The portal cannot start: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
}
