import NextAuth from 'next-auth'
import { authOptions } from '@/lib/auth/options'
import { env } from '@/lib/env'
import { badAuthParams } from '@/lib/http/auth-params'

type RouteContext = { params: Promise<{ nextauth: string[] }> }

async function handler(request: Request, context: RouteContext) {
  // A malformed or off-site callbackUrl / error: 400 here, not a 500 inside next-auth (lib/http/auth-params.ts).
  const nextAuthUrl = env().NEXTAUTH_URL
  const refused = badAuthParams(request, nextAuthUrl ? [new URL(nextAuthUrl).origin] : [])
  if (refused) return refused
  return NextAuth(request as never, context as never, authOptions())
}

export { handler as GET, handler as POST }
