/**
 * Typed application error (documenso's AppError): the code is the i18n key of the message shown to the user,
 * the status is what a route handler answers. A Prisma or internal error never reaches a user.
 */
export type AppErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 423 | 429

export class AppError extends Error {
  readonly code: string
  readonly status: AppErrorStatus
  readonly details?: Record<string, unknown>

  constructor(code: string, status: AppErrorStatus = 422, details?: Record<string, unknown>) {
    super(code)
    this.name = 'AppError'
    this.code = code
    this.status = status
    this.details = details
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
