import { contractRouteHandlers } from '../contract-route'

/** SIMULATION-API.md "Daily allowances and CSS": POST /api/v1/daily-allowances (handlers shared with the other contract). */
const handlers = contractRouteHandlers('allowances', '/api/v1/daily-allowances')

export const POST = handlers.POST
export const GET = handlers.notAllowed
export const PUT = handlers.notAllowed
export const PATCH = handlers.notAllowed
export const DELETE = handlers.notAllowed
export const OPTIONS = handlers.OPTIONS
