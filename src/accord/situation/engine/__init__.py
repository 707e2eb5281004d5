"""The situation's rules as plain Python: where a point lies, what a release changed, what the
assessors say of a district side by side. No Django."""
