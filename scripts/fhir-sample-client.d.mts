// Types of scripts/fhir-sample-client.mjs for the e2e test.
export const DEMO_CLIENT_ID: string
export const DEMO_REDIRECT_URI: string
export const SCOPES: string
export type TSmartConfig = { authorization_endpoint: string; token_endpoint: string; [k: string]: unknown }
export type TAuth = { url: string; verifier: string; state: string; clientId: string; redirectUri: string }
export type TTokens = { access_token: string; refresh_token?: string; expires_in: number; scope: string; token_type: string }
export type TResource = { resourceType: string; id: string; [k: string]: unknown }
export function discover(base: string): Promise<TSmartConfig>
export function startAuthorization(config: TSmartConfig, options?: { clientId?: string; redirectUri?: string; scope?: string }): TAuth
export function codeFromCallback(callbackUrl: string, expectedState: string): string
export function exchangeCode(config: TSmartConfig, auth: TAuth, code: string): Promise<TTokens>
export function refresh(config: TSmartConfig, clientId: string, refreshToken: string): Promise<TTokens>
export function fhirGet(url: string, accessToken: string): Promise<TResource>
export function searchAll(url: string, accessToken: string): Promise<TResource[]>
export function monthsBefore(today: string, months: number): string
export function readClaims(base: string, accessToken: string, range: { from: string; to: string }): Promise<TResource[]>
export function summarize(eobs: TResource[]): { claims: number; lines: number; charged: number; amoPaid: number; complementary: number; patient: number; deductions: number }
