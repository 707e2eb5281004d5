"""The search's rows of the access matrices: every signed-in reader searches (each finds only
what they may read, tests/search/); anonymous callers are asked to sign in."""

from tests.matrix import EVERYONE, api_rule, page_rule

API = {
    ("GET", "/api/v1/search"): ("/search?q=helicopter", None, api_rule(EVERYONE, 200)),
}

PAGES = {"search:search": ("GET", "/search/?q=helicopter", page_rule(EVERYONE))}
