/**
 * Declaring a Vitale card lost, stolen or broken (RULEBOOK §9; seed 004): the card is blocked at once (it can no
 * longer be used) and the person is offered a new order; without an immediate order, a new one waits
 * (see reorderOpensOn in vitale-order.ts). Pure.
 */
import { allow, refuse, type Decision } from '../procedures/decision';

export const CARD_LOSS_REASONS = ['lost', 'stolen', 'broken'] as const;
export type TCardLossReason = (typeof CARD_LOSS_REASONS)[number];

/** Only an active card can be blocked; a blocked card stays blocked (never reactivated). */
export function canBlockCard(card: { status: string; kind: string }): Decision<{ status: 'blocked' }> {
  if (card.kind !== 'vitale') return refuse('procedureErrors.cardLoss.notVitale');
  if (card.status !== 'active') return refuse('procedureErrors.cardLoss.notActive', { status: card.status });
  return allow({ status: 'blocked' });
}
