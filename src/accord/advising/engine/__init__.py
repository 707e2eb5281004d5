"""Advising's rules as pure Python: the trends of milestone ratings."""
