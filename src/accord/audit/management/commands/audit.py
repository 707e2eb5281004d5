"""``accord audit verify [--against FILE | --since FILE]``, ``accord audit seal`` and
``accord audit checkpoint (--output FILE | --url URL)``."""

from django.core.management.base import BaseCommand, CommandError

from accord.access import system_principal
from accord.audit import engine
from accord.audit.selectors import (
    audit_sealed_after,
    audit_verify,
    audit_verify_against,
    audit_verify_since,
)
from accord.audit.services import audit_checkpoint_publish, audit_seal_pending, set_via
from accord.errors import AccordError
from accord.progress import Bar


class Command(BaseCommand):
    help = "Verify, seal or checkpoint the hash-chained audit trail."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser(
            "verify", help="recompute the chain; exit 1 naming the first broken entry"
        )
        start = verify.add_mutually_exclusive_group()
        start.add_argument(
            "--against",
            metavar="FILE",
            help="a checkpoint file: also exit 1 if the chain no longer passes through it",
        )
        start.add_argument(
            "--since",
            metavar="FILE",
            help="a checkpoint file: check that the chain passes through it, then verify only "
            "what was added after it",
        )
        sub.add_parser("seal", help="chain the entries written since the last seal")
        checkpoint = sub.add_parser(
            "checkpoint", help="publish the chain's signed head to a file or URL"
        )
        where = checkpoint.add_mutually_exclusive_group(required=True)
        where.add_argument("--output", metavar="FILE", help="write the checkpoint to this file")
        where.add_argument("--url", metavar="URL", help="POST the checkpoint (JSON) to this URL")

    def handle(self, *args, action, **options):
        set_via("cli")
        if action == "seal":
            sealed = audit_seal_pending()
            self.stdout.write(f"Sealed {sealed} entr{'y' if sealed == 1 else 'ies'}.")
        elif action == "checkpoint":
            self._checkpoint(options["output"], options["url"])
        else:
            self._verify(options["verbosity"], options.get("against"), options.get("since"))

    def _checkpoint(self, output, url):
        try:
            row, _ = audit_checkpoint_publish(
                actor=system_principal("checkpoint"), output=output, url=url
            )
        except AccordError as error:
            raise CommandError(error.detail) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Checkpoint of seal {row.head_seq} ({row.entries} sealed entries, head hash "
                f"{row.head_hash}) sent to {row.destination}."
            )
        )

    def _verify(self, verbosity, against, since):
        path = against or since
        checkpoint = _read_checkpoint(path) if path else None
        total = audit_sealed_after(checkpoint["head_seq"] if since else 0)
        quiet = verbosity < 1 or total < 50_000
        with Bar(total=total, unit=" seals", disable=quiet, file=self.stderr) as bar:

            def progress(done):
                bar.update(done - bar.n)

            if checkpoint is None:
                report, problem = audit_verify(progress=progress), None
            elif since:
                report, problem = audit_verify_since(checkpoint, progress=progress)
            else:
                report, problem = audit_verify_against(checkpoint, progress=progress)
        if not report.ok:
            raise CommandError(
                f"The audit trail is broken at {report.first_break}. "
                f"{report.sealed_checked} seals were intact before it."
            )
        if problem:
            raise CommandError(
                f"The audit trail no longer extends {engine.checkpoint_label(checkpoint)} "
                f"({path}): {problem}. Keep the database as it is and tell the auditors."
            )
        extends = f" It extends {engine.checkpoint_label(checkpoint)}." if checkpoint else ""
        if since:
            added = report.sealed_checked - checkpoint["head_seq"]
            self.stdout.write(
                self.style.SUCCESS(
                    f"The audit trail is intact since {engine.checkpoint_label(checkpoint)}: "
                    f"{added} entries sealed after it, {report.pending} awaiting their seal. "
                    f"Head hash {report.head_hash}."
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"The audit trail is intact: {report.sealed_checked} sealed entries, "
                f"{report.pending} awaiting their seal. Head hash {report.head_hash}.{extends}"
            )
        )


def _read_checkpoint(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read(1_000_000)
    except (OSError, UnicodeError) as exc:
        raise CommandError(f"Cannot read the checkpoint {path} ({exc}).") from None
    try:
        return engine.checkpoint_parse(text)
    except engine.CheckpointUnreadable as exc:
        raise CommandError(
            f"{path} is not an audit checkpoint made by `accord audit checkpoint`: {exc}."
        ) from None
