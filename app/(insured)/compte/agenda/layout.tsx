import type { ReactNode } from 'react'
import { ClientMessages } from '@/components/shell/client-messages'

/** The messages this folder's client components read (lib/i18n/client-messages.ts, area "agenda"). */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages area="agenda">{children}</ClientMessages>
}
