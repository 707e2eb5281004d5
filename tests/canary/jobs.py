"""Background work in the canary crawl: a task carries no marking (it is read by the person who
asked for it and by administrators only, tests/matrix/jobs.py), so it has no canaries; what a task
made is crawled on its own pages (a flow plan's, in tests/canary/transit.py)."""

PAGES = {"jobs:task": None}  # a person's own task: not a marked record

API = {"/api/v1/tasks/{task_id}": None}  # the same task in the API
