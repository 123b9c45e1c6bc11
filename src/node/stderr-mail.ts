import type { MailPort } from '../ports';

/** The CLI sends no mail: an alert is printed to stderr, where a person running the command sees it. */
export class StderrMail implements MailPort {
  constructor(private readonly write: (text: string) => void = (t) => process.stderr.write(t)) {}

  send(message: { to: string[]; subject: string; body: string }): void {
    this.write(`${message.subject}\n${message.body}\n\n`);
  }

  readonly printsOnly = true;

  owner(): string | null {
    return null;
  }

  link(): string | null {
    return null;
  }
}
