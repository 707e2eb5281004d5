"""Personnel's rules as pure Python over plain data (no Django)."""
