import { NextResponse } from 'next/server'
import { simulationOpenApiDocument } from '@/lib/services/simulation/openapi'

/** The OpenAPI 3.1 document of the JSON API, generated from the zod schemas (built once, kept in memory). */
export function GET() {
  return NextResponse.json(simulationOpenApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } })
}
