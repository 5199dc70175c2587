import path from 'node:path'

export const TEST_DB_DIR = path.resolve(__dirname, '..', '..', '.test-db')

/** The PostgreSQL server used by the integration tests (a maintenance database to create others from). */
export function adminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
}
