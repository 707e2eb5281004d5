"""The council's part of the demo: one consultation still open, its deadline days ahead."""

from datetime import timedelta

from accord.core.demo import demo_step
from accord.council.models import Body, Consultation
from accord.council.services import consultation_circulate, consultation_create

DEMO_TITLE = "Continuation of the NRC Counter-Narcotics Training Project"
DEMO_TEXT = (
    "The NATO-Russia Council welcomes the training of some 3,000 counter-narcotics officers "
    "from Afghanistan, Central Asia and Pakistan since 2006, and agrees to continue the NRC "
    "Counter-Narcotics Training Project, implemented with UNODC, for a further year."
)


@demo_step(order=10)
def open_consultation(actor, now) -> str | None:
    """Circulate one text to the NRC with a deadline five days ahead (once)."""
    body = Body.objects.filter(code="nrc").first()
    if body is None:
        return None
    existing = Consultation.objects.filter(body=body, title=DEMO_TITLE).first()
    if existing is not None:
        return None
    consultation = consultation_create(
        actor=actor, body=body, title=DEMO_TITLE, text=DEMO_TEXT, now=now
    )
    circulation = consultation_circulate(
        actor=actor, consultation=consultation, deadline=now + timedelta(days=5), now=now
    )
    return (
        f"Council: '{DEMO_TITLE}' is under silence until "
        f"{circulation.deadline:%Y-%m-%d %H:%M} UTC (/council/consultations/{consultation.pk}/)"
    )
