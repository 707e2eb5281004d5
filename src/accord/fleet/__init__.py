"""Fleet: the helicopters, their maintenance, due list, work orders, parts and readiness."""
