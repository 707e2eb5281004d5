"""The notifications API's shapes."""

from datetime import datetime

from ninja import Schema


class NotificationOut(Schema):
    id: int
    kind: str
    kind_label: str
    # Empty when the record it is about is out of the reader's reach now.
    subject: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class UnreadOut(Schema):
    unread: int


class PreferenceOut(Schema):
    kind: str
    label: str
    in_app: bool
    email: str


class PreferenceIn(Schema):
    kind: str
    in_app: bool = True
    email: str = "at_once"
