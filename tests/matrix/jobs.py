"""Background work's rows of the access matrices: a task is followed by the person who asked for
it and by administrators; anyone else is told it does not exist (404), anonymous callers are
asked to sign in. The list answers everyone signed in, each with their own tasks."""

import datetime as dt

from accord.core.models import User
from accord.transit.planning.tasks import flow_plan_request
from tests.matrix import ADMINS, EVERYONE, LOGIN, api_rule

OWNER = "logistician"
FOLLOWERS = ADMINS | {OWNER}


def records() -> dict:
    task = flow_plan_request(actor=User.objects.get(username=OWNER), month=dt.date(2013, 6, 1))
    return {"jobs_task": str(task.pk)}


def _page(username):
    if username is None:
        return LOGIN
    return 200 if username in FOLLOWERS else 404


API = {
    ("GET", "/api/v1/tasks"): ("/tasks", None, api_rule(EVERYONE, 200)),
    ("GET", "/api/v1/tasks/{task_id}"): (
        "/tasks/{jobs_task}",
        None,
        api_rule(FOLLOWERS, 200, denied=404),
    ),
}

PAGES = {"jobs:task": ("GET", "/tasks/{jobs_task}/", _page)}
