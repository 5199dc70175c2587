/**
 * Runs once when the server starts: the environment is parsed before the first request (ARCHITECTURE convention 11).
 * A missing secret in production stops the server with a clear message instead of failing on the first sign-in.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvironmentOrExit } = await import('./lib/startup-check')
    checkEnvironmentOrExit()
  }
}
