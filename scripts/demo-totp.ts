/**
 * `npm run demo:totp -- EMAIL`: the current 6-digit two-factor code of a demo advisor or supervisor (their TOTP secret
 * read from the database of DATABASE_URL), and how many seconds it stays valid. For the demo and local tests only.
 */
import { getDb } from '../lib/db/client'
import { totpCode } from '../lib/auth/totp'

async function main(): Promise<number> {
  const email = (process.argv[2] ?? '').trim().toLowerCase()
  if (!email) {
    console.error('usage: npm run demo:totp -- EMAIL   (e.g. camille.roux@cpam-paris.example.fr)')
    return 2
  }
  const db = getDb()
  try {
    const user = await db.user.findFirst({ where: { email, role: { in: ['advisor', 'supervisor'] } }, select: { totpSecret: true, totpEnabledAt: true } })
    if (!user?.totpSecret) {
      console.error(`no staff account with a two-factor secret for ${email}`)
      return 1
    }
    const now = new Date()
    console.log(await totpCode(user.totpSecret, now))
    console.error(`valid for ${30 - (Math.floor(now.getTime() / 1000) % 30)} s more${user.totpEnabledAt ? '' : ' (enrolment not confirmed yet)'}`)
    return 0
  } finally {
    await db.$disconnect()
  }
}

main().then((code) => process.exit(code))
