"""Notifications in the canary crawl: a notification is one user's own, not a marked record; what
it says of a record is shown only while its reader may read that record (tests/notifications).
The inbox and the preferences take no parameter and are crawled as named pages; the fleet's due
days are events of the council's calendar feed, which the crawl reads for each persona."""

PAGES = {"notifications:read": None}  # marking one's own notification read (POST only)
