"""An e-mail backend for development and the demo: each message printed as people read it.

Django's console backend prints the MIME source, where anything but ASCII (a Russian, Dari or
Pashto notice, or an English one with a long line) comes out quoted-printable or base64. This
one prints the sender, the recipients, the decoded subject and the plain body.
"""

import sys
import threading

from django.core.mail.backends.base import BaseEmailBackend


class ReadableConsoleBackend(BaseEmailBackend):
    def __init__(self, *args, stream=None, **kwargs):
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()
        super().__init__(*args, **kwargs)

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        sent = 0
        with self._lock:
            for message in email_messages:
                body = message.body if isinstance(message.body, str) else str(message.body)
                self.stream.write(
                    f"--- e-mail from {message.from_email} to {', '.join(message.recipients())}\n"
                    f"Subject: {message.subject}\n\n{body.rstrip()}\n---\n"
                )
                sent += 1
            self.stream.flush()
        return sent
