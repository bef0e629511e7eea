from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from complaints import mailbox


class Command(BaseCommand):
    help = (
        "Reads the complaint mailbox (COMPLAINT_IMAP_* settings) and records each new message "
        "as an e-mail complaint. Safe to run again: a message is recorded once (Message-ID); "
        "unreadable messages are kept aside for an officer. The background worker runs it every "
        "minute (complaints.tasks.read_mailbox); this command is for reading it by hand."
    )

    def handle(self, *args, **options):
        config = settings.COMPLAINT_IMAP
        if not config.get("HOST") or not config.get("USER"):
            raise CommandError("COMPLAINT_IMAP_HOST and COMPLAINT_IMAP_USER are not set.")
        try:
            result = mailbox.fetch(config)
        except (OSError, mailbox.imaplib.IMAP4.error) as exc:
            raise CommandError(f"cannot read the complaint mailbox: {exc}") from exc
        if result.busy:
            self.stdout.write("another worker is reading the mailbox; nothing done")
            return
        self.stdout.write(
            f"recorded {len(result.recorded)}, kept aside {len(result.kept_aside)}, "
            f"already taken {result.skipped}"
        )
        for complaint in result.recorded:
            self.stdout.write(f"  {complaint.book_label} {complaint.reference}")
