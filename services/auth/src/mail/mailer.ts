// Mail to the people whose accounts these are: what is sent, and where it can go (an SMTP server, or this process).

export interface Mail {
  to: string
  subject: string
  text: string
}

export interface Mailer {
  send (mail: Mail): Promise<void>
}

/** A mail kept in this process, with when it was sent. */
export interface KeptMail extends Mail {
  sentAt: Date
}

/** Mail kept in this process, newest last, at most `capacity` of it: for running without an SMTP server. */
export function outbox (capacity = 50): Mailer & { readonly sent: readonly KeptMail[] } {
  const sent: KeptMail[] = []
  return {
    sent,
    async send (mail) {
      sent.push({ ...mail, sentAt: new Date() })
      if (sent.length > capacity) sent.shift()
    }
  }
}

const LINK = /https?:\/\/[^\s<>"]+/g

/** The http(s) links in a mail's text, in order. */
export const linksIn = (text: string): string[] => text.match(LINK) ?? []
