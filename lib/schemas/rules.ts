import { z } from 'zod'
import { isCalendarDate } from '@/lib/domain/dates'
import { dayKey } from '@/lib/domain/rules/rule-set'

/**
 * A supervisor adds a dated value to a rule (a new tariff, rate or amount from a future date). Messages are
 * i18n keys under `tariffs.errors`. The value is text: euros for amounts ("32,00"), a whole number otherwise;
 * the service converts it with the rule's unit.
 */
export const ZAddRuleRow = z.object({
  key: z.string({ error: 'key' }).trim().min(1, 'key').max(100, 'key'),
  value: z.string({ error: 'value' }).trim().min(1, 'value').max(20, 'value'),
  from: z.string({ error: 'from' }).trim().refine(isCalendarDate, 'from'),
  source: z.string({ error: 'source' }).trim().min(5, 'source').max(300, 'source'),
  note: z.string().trim().max(500, 'note').optional().transform((v) => (v ? v : undefined)),
  /** "1" when the supervisor confirmed a change of more than ±50 % from the value in force. */
  confirm: z
    .union([z.literal('1'), z.literal('on'), z.literal(''), z.boolean()])
    .optional()
    .transform((v) => v === true || v === '1' || v === 'on'),
})

/** A pending or future row named by the tariffs page (approve / withdraw). */
export const ZRuleRowRef = z.object({ rowId: z.string().trim().min(1).max(40).regex(/^[\w-]+$/) })
export type TAddRuleRow = z.input<typeof ZAddRuleRow>

/** The first and last day the public rules page answers for (a typing error such as 0202 or 9999 is said clearly). */
export const PUBLIC_RULES_FIRST_DAY = '2000-01-01'
export const PUBLIC_RULES_LAST_DAY = '2099-12-31'

/**
 * The date of the public rules page (`/regles?date=YYYY-MM-DD`): empty or absent = today. Messages are i18n keys under
 * `rulesPage.errors`.
 */
export const ZPublicRulesDate = z
  .string()
  .trim()
  .max(20, 'date')
  .refine(isCalendarDate, 'date')
  .refine((d) => dayKey(d) >= dayKey(PUBLIC_RULES_FIRST_DAY) && dayKey(d) <= dayKey(PUBLIC_RULES_LAST_DAY), 'range')
