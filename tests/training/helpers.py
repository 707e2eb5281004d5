"""Graduates made through the services, for the statistics, outcomes and results tests."""

from accord.training import services
from tests.training.conftest import SYSTEM, person


def graduates(session, names, *, grade=90, iso3="AFG"):
    """Nominate each (given, family) for the session and grade them; return the nominations."""
    done = []
    for given, family in names:
        nomination = services.nomination_create(
            actor=SYSTEM,
            session=session,
            person=person(given, family, iso3=iso3, nid=f"{iso3}-{session.code}-{given}-{family}"),
            new_person=True,
        )
        done.append(services.nomination_grade(actor=SYSTEM, nomination=nomination, grade=grade))
    return done
