/**
 * Preloaded into a benchmarked server by bench:pages --profile DIR (NODE_OPTIONS=--import …): SIGUSR2 starts V8's
 * CPU profiler (1 ms sampling), the next SIGUSR2 stops it and writes DIR/profile-N.cpuprofile, so that a profile
 * holds one page's load only (no start-up, no sign-ins). Read with scripts/bench/profile-summary.mjs.
 */
import fs from 'node:fs'
import inspector from 'node:inspector'
import path from 'node:path'

const dir = process.env.BENCH_PROFILE_DIR
let session = null
let count = 0
if (dir) {
  process.on('SIGUSR2', () => {
    if (!session) {
      session = new inspector.Session()
      session.connect()
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')))
      return
    }
    const s = session
    session = null
    s.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, `profile-${++count}.cpuprofile`), JSON.stringify(result.profile))
      s.disconnect()
    })
  })
}
