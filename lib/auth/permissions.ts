/**
 * Role → permission map (permission strings `action:entity:own|any`, as in epic-stack / dub).
 * Pages, actions and route handlers ask `can(user, 'read:payments:own')`; ownership is then part of the query.
 */
export const roles = ['insured', 'advisor', 'supervisor'] as const
export type Role = (typeof roles)[number]

const insured = [
  'read:insured-space:own',
  'read:payments:own',
  'read:documents:own',
  'create:procedure:own',
  'read:procedure:own',
  'create:appointment:own',
  'create:message:own',
  'update:profile:own',
  'read:audit:own',
  'update:app-consent:own',
] as const

const advisor = [
  'read:back-office:any',
  'read:insured-file:caisse',
  'update:procedure:caisse',
  'create:claim:caisse',
  'create:sick-leave:caisse',
  'update:account-lock:caisse',
  'read:agenda:caisse',
  'update:agenda:caisse',
  'read:messages:caisse',
  'create:message:caisse',
  'create:document:caisse',
] as const

const supervisor = [
  ...advisor,
  'read:insured-file:any',
  'update:procedure:any',
  'read:audit:any',
  'update:tariffs:any',
  'update:assignment:any',
  'update:jobs:any',
  'update:oauth-app:any',
] as const

export type Permission = (typeof insured)[number] | (typeof supervisor)[number]

const map: Record<Role, ReadonlySet<Permission>> = {
  insured: new Set(insured),
  advisor: new Set(advisor),
  supervisor: new Set(supervisor),
}

export function can(role: Role, permission: Permission): boolean {
  return map[role].has(permission)
}

export function isStaff(role: Role): boolean {
  return role === 'advisor' || role === 'supervisor'
}
