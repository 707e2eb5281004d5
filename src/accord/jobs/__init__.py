"""Work in the background: Accord's additions to Django's tasks framework.

Django's tasks framework (``django.tasks``) declares and enqueues tasks; ``django-tasks-db``
stores them in the database and gives the worker's claim and run. This app adds what Accord
needs on top:

- ``TaskRecord``: who asked for a task, what it is about, its progress and, once finished, where
  its result is or why it failed, in words the asker reads; one row per task, written in the same
  transaction as the task's queue row (an outbox: a rolled-back write enqueues nothing);
- ``accord worker`` (``worker.py``): the loop that claims and runs tasks, beats a heartbeat,
  reclaims the tasks of a worker that stopped beating, and enqueues the periodic jobs itself;
- the task page ``/tasks/<id>/`` and the API's ``/api/v1/tasks/{id}``: a task's owner (and
  administrators) follow it there.
"""
