"""Fleet pages, a module for each part:

    aircraft    the fleet list, an aircraft's page (its due list, flight log, compliance, the
                components fitted, history), entering and editing an aircraft, logging a day's
                flying, recording a task done, importing flight logs, the fleet's due list
    programme   aircraft types and their maintenance programme, adding a task
    components  components by serial, installing and removing them

Made with the page toolkit (``accord.web.pages``); whether to offer a change is
``access.may``'s answer, and the services check again.
"""
