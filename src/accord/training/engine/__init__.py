"""Training's rules as pure Python: name keys for matching people, seat allocation."""
