import { z } from 'zod'
import { isCalendarDate } from '@/lib/domain/dates'

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
})
export type TAddRuleRow = z.input<typeof ZAddRuleRow>
