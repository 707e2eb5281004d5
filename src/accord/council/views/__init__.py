"""The council's pages, made with the page toolkit (``accord.web.pages``):

consultations   the texts under silence, their buttons, the calendar feed
register        decisions (with exports), legal bases, joint actions
meetings        bodies, members, preconditions, meetings, agendas, minutes
actions         what they share: the viewer's time zone, ``record_action`` (a button on a
                record's page that runs one service), list parameters
forms           their forms: input checks only; the rules live in the services and engine
"""
