"""User administration and accounts join the crawl without canaries: users are personal data,
not marked records (administrators alone read them, and every other reader hears 403 before any
user is looked up). Their pages and operations with parameters name no marked record."""

PAGES = {
    "web:users-detail": None,
    "web:users-deactivate": None,
    "web:users-reactivate": None,
    "web:users-role-grant": None,
    "web:users-role-revoke": None,
    "web:users-place": None,
    "web:users-two-factor-reset": None,  # an administrator removes a user's authenticator
    "web:invitation": None,  # a signed, expiring link: names one invitee, not a record
    "web:password-reset-confirm": None,
    "web:passkey-remove": None,  # one of the user's own passkeys: anyone else's is not found
}

API = {
    "/api/v1/users/{username}": None,
}
