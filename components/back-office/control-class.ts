/** The class of a form control (server components: the client form kit's helper cannot be called on the server). */
export const controlClass = (invalid: boolean, width = 'w-full') =>
  `mt-1 block ${width} min-h-11 rounded-md border bg-white px-3 py-2 text-base shadow-sm ${invalid ? 'border-2 border-danger-700' : 'border-slate-500'} focus:border-ameli-600`
