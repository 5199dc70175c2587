import { OAUTH_SCOPES } from './adapter'

/** The SMART App Launch v2 discovery document (`/.well-known/smart-configuration`, and `/fhir/.well-known/…`). */
export function smartConfiguration(issuer: string) {
  return {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    revocation_endpoint: `${issuer}/token/revocation`,
    userinfo_endpoint: `${issuer}/me`,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: [...OAUTH_SCOPES],
    code_challenge_methods_supported: ['S256'],
    capabilities: ['launch-standalone', 'client-public', 'permission-offline', 'permission-patient', 'permission-v2', 'sso-openid-connect'],
  }
}
