/** argon2id parameters (OWASP minimum: 19 MiB memory, 2 iterations, 1 lane), shared by the app and the seed. */
export const ARGON2ID_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const
