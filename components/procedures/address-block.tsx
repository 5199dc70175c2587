import type { TAddressView } from '@/lib/forms/insured-context'

/** The postal address on file, as on an envelope. */
export function AddressBlock({ address, name }: { address: TAddressView; name?: string }) {
  return (
    <address className="rounded-md border border-slate-300 bg-slate-50 p-3 not-italic" data-testid="postal-address">
      {name ? <span className="block font-semibold">{name}</span> : null}
      <span className="block">{address.addressLine1}</span>
      {address.addressLine2 ? <span className="block">{address.addressLine2}</span> : null}
      <span className="block">
        {address.postalCode} {address.city}
      </span>
    </address>
  )
}
