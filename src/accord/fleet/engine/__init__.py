"""The fleet's rules as pure Python: when maintenance falls due, what a flight log may add, and a
component's counters and life. No Django here (see pyproject.toml's engine contract)."""
