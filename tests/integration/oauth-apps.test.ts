import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { getDb } from '@/lib/db/client'
import { listAppsForReview, registerApp, reviewApp } from '@/lib/services/oauth/register-app'
import { authorize, REDIRECT } from '../support/oauth'
import { codeOf, ctx, insuredActor, staffActor } from '../support/procedures'

/** Issue 18 §3: a developer registers an app, a supervisor approves it (audited); only then can people authorize it. */
describe('App registration and approval', async () => {
  const db = getDb()
  const supervisor = await staffActor('isabelle.moreau@cpam-paris.example.fr')
  const advisor = await staffActor('camille.roux@cpam-paris.example.fr')
  const jonathan = await insuredActor('Jonathan Pierre')
  const form = { name: 'Carnet Santé', website: 'https://carnet.example', developer: 'Carnet SAS', contactEmail: 'dev@carnet.example', redirectUris: `${REDIRECT}\nhttps://carnet.example/cb` }

  it('registers an app as pending with its exact redirect URIs, audited; refuses a plain-http redirect off the loopback', async () => {
    const { clientId } = await registerApp({ input: form, ctx })
    const row = await db.oAuthApp.findUniqueOrThrow({ where: { clientId } })
    expect(row.status).toBe('pending')
    expect(JSON.parse(row.redirectUris)).toEqual([REDIRECT, 'https://carnet.example/cb'])
    expect(await db.auditEvent.count({ where: { action: 'oauth.app.register', targetId: clientId } })).toBe(1)
    await expect(registerApp({ input: { ...form, redirectUris: 'http://carnet.example/cb' }, ctx })).rejects.toBeInstanceOf(ZodError)
    await expect(registerApp({ input: { ...form, redirectUris: 'https://carnet.example/cb#x' }, ctx })).rejects.toBeInstanceOf(ZodError)
  })

  it('an advisor may not approve (403, audited as denied); a supervisor approves once (audited), and then the app can be authorized', async () => {
    const { clientId } = await registerApp({ input: form, ctx })
    const app = await db.oAuthApp.findUniqueOrThrow({ where: { clientId } })
    expect(await codeOf(reviewApp({ actor: advisor, input: { appId: app.id, decision: 'approved' }, ctx }))).toBe('403 auth.forbidden')
    expect(await db.auditEvent.count({ where: { action: 'oauth.app.review', targetId: app.id, outcome: 'denied' } })).toBe(1)
    expect((await listAppsForReview({ actor: supervisor }))[0]!.status).toBe('pending')
    await reviewApp({ actor: supervisor, input: { appId: app.id, decision: 'approved' }, ctx })
    expect(await codeOf(reviewApp({ actor: supervisor, input: { appId: app.id, decision: 'rejected' }, ctx }))).toBe('409 sharing.review.notPending')
    expect(await db.auditEvent.count({ where: { action: 'oauth.app.review', targetId: app.id, outcome: 'success', actorUserId: supervisor.id } })).toBe(1)
    const tokens = await authorize(clientId, jonathan)
    expect(tokens.access_token).toBeTruthy()
  })
})
