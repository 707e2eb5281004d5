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
# The draft is the secretariat's, authentic in English; the Russian beside it is a translation
# for the demo, not an authentic text, and is marked as such.
DEMO_TITLE_RU = "Продолжение проекта СРН по подготовке кадров для борьбы с наркотиками"
DEMO_TEXT_RU = (
    "Совет Россия–НАТО приветствует подготовку с 2006 года около 3000 сотрудников "
    "антинаркотических служб из Афганистана, Центральной Азии и Пакистана и соглашается "
    "продолжить ещё на год проект СРН по подготовке кадров для борьбы с наркотиками, "
    "осуществляемый совместно с УНП ООН."
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
        actor=actor,
        body=body,
        title=DEMO_TITLE,
        title_ru=DEMO_TITLE_RU,
        text=DEMO_TEXT,
        text_ru=DEMO_TEXT_RU,
        authentic_en=True,
        now=now,
    )
    circulation = consultation_circulate(
        actor=actor, consultation=consultation, deadline=now + timedelta(days=5), now=now
    )
    return (
        f"Council: '{DEMO_TITLE}' is under silence until "
        f"{circulation.deadline:%Y-%m-%d %H:%M} UTC (/council/consultations/{consultation.pk}/)"
    )
