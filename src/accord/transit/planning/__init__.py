"""Flow planning: the month's demands, the leased planes and trains, and the flow plan solved
over them."""
