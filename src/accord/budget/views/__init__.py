"""Budget pages, a module for each part of the budget:

    execution    the execution dashboard: rates by level and by month, charts, exports
    years        the fiscal years and closing one
    report       the report builder: execution pivoted by two dimensions, exported
    virements    virements between lines: requesting, approving and rejecting one
    lines        budget lines, a line's page with its entries and history, recording and
                 reversing entries
    structure    ministry → programme → sub-programme, and adding to it
    sustainment  the Chicago sustainment pledge, pledged against actual

Made with the page toolkit (``accord.web.pages``): a record comes through ``record_or_404``, a
line's history through ``history_rows``, each form runs its one service through ``form_page``,
exports through ``export_response``. Whether to offer a change is ``access.may``'s answer; the
services check again.
"""
