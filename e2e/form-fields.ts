import { expect, type Locator, type Page } from '@playwright/test'

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

/**
 * The generic filler (issue 19, point 1, every form of the portal): enumerates the visible controls of a form and
 * gives each a value other than the one it shows (select: another option; radio: another choice; checkbox: toggled;
 * text, date, number, e-mail, phone, text area: a value), except those given in `values` (by `name`: the text, the
 * option's or the radio's `value`, or `true`/`false` for a checkbox) and those in `skip`. Files and passwords are left
 * alone (a browser never sends a file twice; a password is not sent back). Returns what every visible control shows
 * then, the check `expectFormKept` makes after the server's answer.
 */
export type TControlState = { name: string; type: string; value: string; checked: boolean; nth: number }
type TControl = TControlState & { tag: string; options: string[]; editable: boolean }

const CONTROLS = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=file]):not([type=password]):not([type=reset]), select, textarea'

async function controlsOf(form: Locator): Promise<TControl[]> {
  return form.locator(CONTROLS).evaluateAll((els) => {
    const seen = new Map<string, number>()
    return els
      .map((el) => {
        const e = el as HTMLInputElement & HTMLSelectElement
        const name = e.getAttribute('name') ?? ''
        const type: string = el.tagName === 'SELECT' ? 'select' : el.tagName === 'TEXTAREA' ? 'textarea' : ((el as HTMLInputElement).type || 'text')
        const key = type === 'radio' || type === 'checkbox' ? `${name}=${e.value}` : name
        const nth = seen.get(key) ?? 0
        seen.set(key, nth + 1)
        const visible = el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
        return {
          tag: el.tagName,
          name,
          type,
          value: e.value,
          checked: Boolean(e.checked),
          nth,
          options: el.tagName === 'SELECT' ? Array.from(e.options).filter((o) => !o.disabled).map((o) => o.value) : [],
          editable: visible && !e.disabled && !e.readOnly && name !== '',
        }
      })
      .filter((c) => c.editable)
  })
}

function locate(form: Locator, c: TControlState): Locator {
  const byName = `[name="${c.name}"]`
  return c.type === 'radio' || c.type === 'checkbox' ? form.locator(`${byName}[value="${c.value}"]`).nth(c.nth) : form.locator(byName).nth(c.nth)
}

function sampleText(type: string, current: string): string {
  const sample: Record<string, string> = {
    date: '2026-03-12',
    number: '7',
    email: 'saisie.formulaire@example.org',
    tel: '0611223344',
    textarea: 'Texte saisi pour vérifier qu’il est gardé.',
    month: '2026-03',
  }
  const v = sample[type] ?? 'Saisie gardée'
  return v === current ? (type === 'date' ? '2026-03-13' : type === 'number' ? '8' : `${v} 2`) : v
}

export async function fillForm(form: Locator, options: { values?: Record<string, string | boolean>; skip?: string[] } = {}): Promise<TControlState[]> {
  const values = options.values ?? {}
  const skip = new Set(options.skip ?? [])
  const done = new Set<string>()
  // Choosing a value may show or hide other fields (a situation, a mode): the controls are read again after each one.
  for (let step = 0; step < 300; step++) {
    const controls = await controlsOf(form)
    const idOf = (c: TControl) => (c.type === 'radio' ? c.name : `${c.name}#${c.type === 'checkbox' ? c.value : ''}#${c.nth}`)
    const c = controls.find((x) => !done.has(idOf(x)) && !skip.has(x.name))
    if (!c) break
    done.add(idOf(c))
    const given = values[c.name]
    if (c.type === 'radio') {
      const group = controls.filter((r) => r.type === 'radio' && r.name === c.name)
      const target = typeof given === 'string' ? given : (group.find((r) => !r.checked && r.value !== '')?.value ?? group.find((r) => !r.checked)?.value)
      if (target !== undefined) await form.locator(`input[type=radio][name="${c.name}"][value="${target}"]`).first().check({ force: true })
    } else if (c.type === 'checkbox') {
      await locate(form, c).setChecked(typeof given === 'boolean' ? given : !c.checked, { force: true })
    } else if (c.type === 'select') {
      const target = typeof given === 'string' ? given : ([...c.options].reverse().find((o) => o !== c.value && o !== '') ?? c.value)
      await locate(form, c).selectOption(target)
    } else {
      await locate(form, c).fill(typeof given === 'string' ? given : sampleText(c.type, c.value))
    }
  }
  return (await controlsOf(form)).map(({ name, type, value, checked, nth }) => ({ name, type, value, checked, nth }))
}

/** Every control filled by `fillForm` shows the same value or choice after the server's answer. */
export async function expectFormKept(form: Locator, kept: TControlState[]) {
  expect(kept.length, 'the form has controls to check').toBeGreaterThan(0)
  for (const c of kept) {
    const control = locate(form, c)
    const what = `${c.name}${c.type === 'radio' || c.type === 'checkbox' ? `=${c.value}` : ''} (${c.type})`
    if (c.type === 'radio' || c.type === 'checkbox') {
      if (c.checked) await expect(control, `${what} stays checked`).toBeChecked()
      else await expect(control, `${what} stays unchecked`).not.toBeChecked()
    } else {
      await expect(control, `${what} keeps its value`).toHaveValue(c.value)
    }
  }
}
