import { expect, type Page } from '@playwright/test'

/**
 * Issue 19, point 1: a form keeps every value the person entered or chose across an estimate, a field error or a
 * refusal. A spec lists the fields it fills (each with a non-default value), fills them with `fillFields`, triggers
 * an answer of the server, then `expectFieldsKept` checks every control again, as a user would read them.
 */
export type TFieldFill =
  | { label: string | RegExp; kind: 'text'; value: string }
  /** `option`: the visible text of the option to choose (a part of it is enough). */
  | { label: string | RegExp; kind: 'select'; option: string }
  | { label: string | RegExp; kind: 'check'; checked: boolean }

/** Fills the fields and returns, for each, the value the control must keep (the chosen option's `value`). */
export async function fillFields(page: Page, fields: TFieldFill[]): Promise<string[]> {
  const kept: string[] = []
  for (const f of fields) {
    const control = page.getByLabel(f.label, { exact: typeof f.label === 'string' })
    if (f.kind === 'text') {
      await control.fill(f.value)
      kept.push(f.value)
    } else if (f.kind === 'select') {
      const value = await control.locator('option', { hasText: f.option }).first().getAttribute('value')
      if (value === null) throw new Error(`no option "${f.option}" in ${String(f.label)}`)
      // Not the default: otherwise the check could not fail.
      expect(await control.inputValue(), `${String(f.label)} must be set to a value other than its default`).not.toBe(value)
      await control.selectOption(value)
      kept.push(value)
    } else {
      await control.setChecked(f.checked)
      kept.push(String(f.checked))
    }
  }
  return kept
}

/** Every field still shows what was filled (after an estimate, a field error or a refusal). */
export async function expectFieldsKept(page: Page, fields: TFieldFill[], kept: string[]) {
  for (const [i, f] of fields.entries()) {
    const control = page.getByLabel(f.label, { exact: typeof f.label === 'string' })
    if (f.kind === 'check') {
      if (f.checked) await expect(control, `${String(f.label)} stays checked`).toBeChecked()
      else await expect(control, `${String(f.label)} stays unchecked`).not.toBeChecked()
    } else {
      await expect(control, `${String(f.label)} keeps its value`).toHaveValue(kept[i]!)
    }
  }
}
