"""The transit domain's rules as pure Python over plain data (no Django).

model       the vocabulary: frozen dataclasses (Network, Leg, Agreement, RouteQuery, Plan...)
            and TransitInputError (stable codes, mapped to 422 by the Django layer)
agreements  which agreement permits which crossing, closures by date, conflicts as data
routing     RoutePlanner: k best routes by cost and by time, the Pareto set, and why the
            excluded candidates fail (rustworkx)
kernels     the planner's lower bounds and Pareto search compiled by numba, over arrays
flowplan    plan_flows: the month's multi-commodity plan (OR-Tools GLOP + SCIP)
scenario    the scenario file's transit sections mapped to the engine, defaults documented
synthetic   seeded synthetic networks and demands for tests and benchmarks
"""
