"""Advising's pages: teams and counterparts, milestones and their ratings, engagement reports,
and the trends."""
