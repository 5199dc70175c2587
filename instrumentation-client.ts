// Runs in the browser before the application starts (Next's instrumentation-client). zod's JIT probes `new Function`
// once; under the portal's Content-Security-Policy (no 'unsafe-eval') the browser reports that probe as a violation
// even though zod catches it (seen on the sign-in page, e2e/public-cache.spec.ts). Browsers parse without the JIT:
// the forms' schemas are small, the server keeps it.
import { config } from 'zod/v4/core'

config({ jitless: true })
