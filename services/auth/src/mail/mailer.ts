// Mail to the people whose accounts these are: what is sent, and the one way it leaves the service.

export interface Mail {
  to: string
  subject: string
  text: string
}

export interface Mailer {
  send (mail: Mail): Promise<void>
}

/** Mail kept in this process, newest last, at most `capacity` of it: for running without an SMTP server. */
export function outbox (capacity = 50): Mailer & { readonly sent: readonly Mail[] } {
  const sent: Mail[] = []
  return {
    sent,
    async send (mail) {
      sent.push(mail)
      if (sent.length > capacity) sent.shift()
    }
  }
}
