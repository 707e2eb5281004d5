"""The recipient's planning, programming and budgeting: persistence only."""
