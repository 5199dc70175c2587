'use client'

import { createContext, useContext, type ReactNode } from 'react'
import type { TErrorPageStrings } from '@/lib/i18n/error-page-strings'

const ErrorStrings = createContext<TErrorPageStrings | null>(null)

/** Set by the root layout (strings translated on the server), read by app/error.tsx. */
export function ErrorStringsProvider({ value, children }: { value: TErrorPageStrings; children?: ReactNode }) {
  return <ErrorStrings value={value}>{children}</ErrorStrings>
}

export function useErrorStrings(): TErrorPageStrings | null {
  return useContext(ErrorStrings)
}
