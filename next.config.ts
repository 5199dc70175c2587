import type { NextConfig } from 'next'
import createNextIntlPlugin from 'next-intl/plugin'
import { MAX_FORM_REQUEST_BYTES } from './lib/domain/procedures/upload-limits'

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts')

const isProduction = process.env.NODE_ENV === 'production'

/**
 * Headers for every response. The Content-Security-Policy of pages carries a per-request nonce and is set
 * in proxy.ts; responses that proxy.ts does not see (static files, API) get the strict one below.
 */
const baseHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ...(isProduction ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
]

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native modules and the Prisma clients stay outside the server bundle.
  serverExternalPackages: ['piscina', 'better-sqlite3', '@node-rs/argon2', 'pg', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'oidc-provider'],
  experimental: {
    // forbidden() → app/forbidden.tsx with a real 403 status.
    authInterrupts: true,
    // Forms carry their files (UPLOAD_LIMITS: 5 MB a file, 12 MB a form, plus the fields). proxy.ts answers a body
    // announced larger with a translated 413 before it is read; these two stop one that lies about its size.
    serverActions: { bodySizeLimit: MAX_FORM_REQUEST_BYTES },
    // Next buffers the body for proxy.ts up to this size (10 MB by default, which cut a legitimate 11 MB form in
    // two and gave a 500): the same limit as the actions.
    proxyClientMaxBodySize: MAX_FORM_REQUEST_BYTES,
  },
  async headers() {
    return [
      { source: '/:path*', headers: baseHeaders },
      // Every response refuses to be framed, except the inline preview of a document on the 360° file, which sets
      // its own same-origin headers (app/api/procedures/uploads/[id]/preview/route.ts).
      { source: '/:path((?!api/procedures/uploads/[^/]+/preview$).*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
      {
        source: '/api/:path((?!procedures/uploads/[^/]+/preview$).*)',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      {
        source: '/_next/static/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ]
  },
}

export default withNextIntl(nextConfig)
