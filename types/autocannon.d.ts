/** The part of autocannon's API that scripts/bench/pages.ts and public.ts use (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string }
  type Options = {
    url: string
    connections?: number
    duration?: number
    /** Seconds before a request counts as timed out (10 by default). */
    timeout?: number
    headers?: Record<string, string>
    /** A number of requests instead of a duration. */
    amount?: number
    requests?: (Request & { setupRequest?: (req: Request & { headers: Record<string, string> }) => Request })[]
  }
  type Result = { errors: number; timeouts: number; non2xx: number; requests: { total: number } }
  type Instance = EventEmitter & PromiseLike<Result>

  function autocannon(options: Options): Instance
  export default autocannon
}
