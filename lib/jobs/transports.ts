/**
 * Where the outbox goes (ADR 0011). Plain Node code (no `server-only`): used by the scheduler process, the CLI and tests.
 *  - E-mail: nodemailer to SMTP_URL (smtp://user:pass@host:port, smtps://… for implicit TLS). Without SMTP_URL (the
 *    demo, `next dev`) a local catcher: each message is written as an .eml file into MAIL_DIR (default .mail/), so
 *    that nothing leaves the machine and what "was sent" can be opened in any mail reader.
 *  - SMS: the SmsGateway interface; the only driver is the logging one (a line per SMS with the number masked and
 *    without the text, which may hold a code). A real gateway (an HTTP API) implements the same `send`.
 */
import fs from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'

export type TOutgoing = { id: string; recipient: string; subject: string | null; body: string; template: string; locale: string }

/** A failed hand-over; `permanent` (an SMTP 5xx answer: unknown mailbox…) means retrying is useless. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message)
    this.name = 'DeliveryError'
  }
}

export interface EmailSender {
  readonly name: string
  send(message: TOutgoing): Promise<void>
  close?(): void
}

export interface SmsGateway {
  readonly name: string
  send(message: TOutgoing): Promise<void>
}

const DEFAULT_FROM = '"Assurance Maladie (simulateur)" <ne-pas-repondre@ameli-simulateur.example.fr>'

function toMail(message: TOutgoing, from: string) {
  return {
    from,
    to: message.recipient,
    subject: message.subject ?? '',
    text: message.body,
    // A stable Message-ID: a receiving server (or a person) can tell the same message apart from a new one.
    messageId: `<${message.id}@ameli-simulateur.example.fr>`,
    headers: { 'X-Outbox-Id': message.id, 'X-Template': message.template },
  }
}

function deliveryError(error: unknown): DeliveryError {
  const e = error as { responseCode?: unknown; message?: unknown }
  const code = typeof e.responseCode === 'number' ? e.responseCode : 0
  const text = typeof e.message === 'string' ? e.message : String(error)
  return new DeliveryError(text.slice(0, 500), code >= 500 && code < 600)
}

/** E-mail through an SMTP server (nodemailer). */
export function smtpSender(url: string, from = process.env.MAIL_FROM ?? DEFAULT_FROM): EmailSender {
  const transport = nodemailer.createTransport(url)
  return {
    name: 'smtp',
    async send(message) {
      try {
        await transport.sendMail(toMail(message, from))
      } catch (error) {
        throw deliveryError(error)
      }
    },
    close: () => transport.close(),
  }
}

/** The local catcher: each e-mail becomes an .eml file in `dir` (nodemailer's stream transport renders it). */
export function fileCatcherSender(dir: string, from = process.env.MAIL_FROM ?? DEFAULT_FROM): EmailSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    name: 'file',
    async send(message) {
      const info = await transport.sendMail(toMail(message, from))
      fs.mkdirSync(dir, { recursive: true })
      fs.writeFileSync(path.join(dir, `${message.id}.eml`), info.message as Buffer)
    },
  }
}

/** The configured e-mail sender: SMTP_URL, else the file catcher in MAIL_DIR (default .mail/). */
export function emailSenderFromEnv(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): EmailSender {
  return env.SMTP_URL ? smtpSender(env.SMTP_URL) : fileCatcherSender(path.resolve(root, env.MAIL_DIR ?? '.mail'))
}

/** "+33 6 12 34 56 78" → "+33•••••••78": enough to tell numbers apart in a log, not to call anybody. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '')
  return digits.length <= 4 ? '••••' : `${digits.slice(0, 3)}${'•'.repeat(Math.max(digits.length - 5, 1))}${digits.slice(-2)}`
}

/** The logging SMS driver: one JSON line per SMS, number masked, no text (it may hold a code). */
export function loggingSmsGateway(log: (line: string) => void = (line) => console.log(line)): SmsGateway {
  return {
    name: 'log',
    async send(message) {
      log(JSON.stringify({ msg: 'sms sent (logging driver)', outboxId: message.id, to: maskPhone(message.recipient), template: message.template, chars: message.body.length }))
    },
  }
}
