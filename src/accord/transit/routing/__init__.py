"""The route planner: the network as the engine sees it, and route queries over it."""
