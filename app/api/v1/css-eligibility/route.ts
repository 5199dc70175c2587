import { contractRouteHandlers } from '../contract-route'

/** SIMULATION-API.md "Daily allowances and CSS": POST /api/v1/css-eligibility (handlers shared with the other contract). */
const handlers = contractRouteHandlers('css', '/api/v1/css-eligibility')

export const POST = handlers.POST
export const GET = handlers.notAllowed
export const PUT = handlers.notAllowed
export const PATCH = handlers.notAllowed
export const DELETE = handlers.notAllowed
export const OPTIONS = handlers.OPTIONS
