import type { MailPort } from '../ports';

export type MailApi = Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail'>;
export type SessionApi = Pick<GoogleAppsScript.Base.Session, 'getEffectiveUser'>;

/**
 * Alert mail through MailApp (scope script.send_mail). A time-driven trigger runs as the account that
 * installed it, so the effective user is the sheet's owner (scope userinfo.email): the default recipient.
 */
export class GasMail implements MailPort {
  /** The services are looked up when an alert is sent: most runs send none, and need not touch MailApp. */
  constructor(
    private readonly mail: () => MailApi,
    private readonly session: () => SessionApi,
    private readonly url: () => string | null,
  ) {}

  send(message: { to: string[]; subject: string; body: string }): void {
    this.mail().sendEmail({
      to: message.to.join(','),
      subject: message.subject,
      body: message.body,
      name: 'MallSheet',
    });
  }

  owner(): string | null {
    try {
      return this.session().getEffectiveUser().getEmail() || null;
    } catch {
      // without the scope (an older install) Apps Script throws: the settings must then name an address
      return null;
    }
  }

  link(): string | null {
    return this.url();
  }
}
