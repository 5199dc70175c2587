import type { ButtonHTMLAttributes } from 'react'

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger'

const styles: Record<Variant, string> = {
  primary: 'bg-ameli-700 text-white hover:bg-ameli-800 disabled:bg-slate-400',
  secondary: 'border border-ameli-700 bg-white text-ameli-700 hover:bg-ameli-50',
  ghost: 'text-ameli-700 hover:bg-ameli-50',
  danger: 'bg-danger-700 text-white hover:bg-red-800',
}

export function buttonClass(variant: Variant = 'primary', extra = ''): string {
  return `inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold no-underline transition-colors hover:no-underline disabled:cursor-not-allowed ${styles[variant]} ${extra}`
}

export function Button({ variant = 'primary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button className={buttonClass(variant, className)} {...props} />
}
