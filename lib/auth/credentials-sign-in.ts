/**
 * Signs in from the browser through next-auth's credentials callback, as next-auth/react's
 * `signIn(provider, { redirect: false })` does (next-auth 4 REST API: GET /api/auth/csrf, then a form POST to
 * /api/auth/callback/:provider with `json=true`, whose answer is the URL to go to, with `?error=` on a refusal),
 * without loading next-auth's client library in the sign-in page (11 kB gzip). Returns next-auth's error (the code
 * authorize() threw, lib/auth/sign-in-error.ts, or 'CredentialsSignin'), null when the session cookie is set.
 */
export async function credentialsSignIn(provider: 'insured' | 'staff', fields: Record<string, string>, callbackUrl: string, csrfToken: string): Promise<{ error: string | null }> {
  const res = await fetch(`/api/auth/callback/${provider}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Auth-Return-Redirect': '1' },
    body: new URLSearchParams({ ...fields, csrfToken, callbackUrl, json: 'true' }),
  })
  const { url } = (await res.json().catch(() => ({}))) as { url?: string }
  if (!url) return { error: 'unexpected' }
  const error = new URL(url, window.location.href).searchParams.get('error')
  return { error: error ?? (res.ok ? null : 'unexpected') }
}

/** next-auth's CSRF token (double-submit: the route also sets its cookie). The form asks for it while its fields are checked. */
export async function fetchCsrfToken(): Promise<string> {
  const res = await fetch('/api/auth/csrf', { credentials: 'same-origin' })
  const { csrfToken } = (await res.json()) as { csrfToken?: string }
  return csrfToken ?? ''
}
