/** The state of the e-mail / phone change form (server action ↔ client component). */
export type TContactChangeState = { step: 'idle' | 'code'; value: string; error: string | null; done: string | null }
export const initialContactChangeState: TContactChangeState = { step: 'idle', value: '', error: null, done: null }
