"""An aiosmtpd handler for the email tests: a Maildir like aiosmtpd's own
Mailbox, except that it refuses, for good (550), any recipient whose address
starts with "nobody", as a real mail server refuses an address it does not
have. The server's permanent-failure handling is tested against it."""

from aiosmtpd.handlers import Mailbox


class RefusingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("nobody"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"
