import type { Db } from '../../lib/db/client'
import { createOAuthApp } from '../../lib/db/repositories/oauth'

/** The sample client's id and callback (scripts/fhir-sample-client.ts, README "Share my data with an app"). */
export const DEMO_APP_CLIENT_ID = 'demo-mes-remboursements'
export const DEMO_APP_REDIRECT_URI = 'http://127.0.0.1:8765/callback'

/**
 * Apps of the FHIR API (issue 18 §3): the sample client, approved, ready to use; and an app waiting for a
 * supervisor's approval in the back-office.
 */
export async function seedApps(db: Db): Promise<void> {
  await createOAuthApp(db, {
    clientId: DEMO_APP_CLIENT_ID,
    name: 'Mes remboursements (exemple)',
    website: 'https://github.com/ameli-simulator/fhir-sample-client',
    developer: 'Équipe du simulateur (client d’exemple)',
    contactEmail: 'api@ameli-simulator.example',
    redirectUris: [DEMO_APP_REDIRECT_URI, 'http://localhost:8765/callback'],
    status: 'approved',
    rateLimitPerMinute: 600,
  })
  await createOAuthApp(db, {
    clientId: 'suivi-sante-pending',
    name: 'Suivi Santé Famille',
    website: 'https://suivi-sante.example',
    developer: 'Suivi Santé SAS',
    contactEmail: 'dev@suivi-sante.example',
    redirectUris: ['https://suivi-sante.example/oauth/callback'],
    status: 'pending',
  })
}
