"""The curriculum's part of the demo partnership (see opleidingsschool/demo.py): the default
outcomes with school meanings, focus themes, tasks for every study year, building blocks, and
work in every status. Idempotent: everything is found by its title or natural key."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile

from opleidingsschool.models import Medewerker, School, Student, default_partnerschap

from . import services
from .models import (
    BouwsteenSoort,
    Curriculumbouwsteen,
    InleveringStatus,
    Invulling,
    Leeruitkomst,
    Leerwerktaak,
    Speerpunt,
    StageLevel,
    Toewijzing,
)

SPEERPUNTEN = ["Creatief denken in het onderwijs", "Taalgericht vakonderwijs", "Burgerschap"]

# school name -> {outcome code: (indicators, examples)}
INVULLINGEN = {
    "Het Lindecollege": {
        "VD-3": ("Zet in de verwerking drie niveaus in (basis, verdieping, uitdaging)\n"
                 "Geeft verlengde instructie aan de instructietafel",
                 "In havo 3 werken leerlingen met een weektaak; de student begeleidt de "
                 "instructietafel."),
        "PB-1": ("Kent binnen twee weken alle namen\nBegint elke les bij de deur",
                 "Het mentoruur in de brugklas en de dagstart met de stagiairs."),
        "PB-2": ("Hanteert de klassenafspraken van de sectie\nZorgt voor een rustige start",
                 "Lessen in het praktijklokaal techniek."),
        "VD-4": ("Gebruikt exit tickets en wisbordjes\nBespreekt de toetsresultaten met de klas",
                 "De formatieve cyclus van de sectie geschiedenis."),
        "PO-1": ("Schrijft na elke stagedag een korte reflectie\nVraagt om feedback na een "
                 "lesbezoek", ""),
        "PO-3": ("Onderzoekt een vraag uit de eigen klas\nPresenteert op het symposium", ""),
    },
    "Scholengemeenschap De Brug": {
        "VD-3": ("Werkt met niveaugroepen in vmbo-t\nGebruikt de digitale methode voor tempo-"
                 "verschillen", "De rekenlessen in leerjaar 1."),
        "PB-1": ("Voert een kennismakingsgesprek met elke mentorleerling",
                 "Het coachingsprogramma in de onderbouw."),
        "PB-3": ("Signaleert zorgen en bespreekt ze met de mentor", ""),
        "PO-2": ("Neemt deel aan het sectieoverleg\nWerkt samen met de ouderraad bij projecten",
                 ""),
    },
    "Het Wilgenhof Lyceum": {
        "VD-3": ("Biedt verrijkingsopdrachten aan in het gymnasium", "Het plusprogramma."),
        "VI-2": ("Verbindt het vak met actualiteit en wetenschap", "De profielwerkstukmarkt."),
    },
}

# (title, years, level, group?, outside?, speerpunten, outcomes, module, description,
#  deliverable, criteria)
TAKEN = [
    ("Het pedagogisch klimaat in beeld", (1,), StageLevel.ORIENTEREND, True, False,
     ["Creatief denken in het onderwijs"], ["PB-1", "PO-2"], "Oriëntatie op het beroep (OP1)",
     "Onderzoek met eerstejaars van verschillende scholen hoe het pedagogisch klimaat eruitziet: "
     "observeer lessen, praat met leerlingen en vergelijk jullie scholen. Presenteer het samen "
     "op een creatieve manier.",
     "Een creatieve presentatie (poster, vlog of podcast) met een korte toelichting.",
     "Observaties uit minstens twee klassen\nVergelijking tussen de scholen\nCreatieve en heldere "
     "presentatie"),
    ("Een dagstart voorbereiden en leiden", (1, 2), StageLevel.ORIENTEREND, False, False, [],
     ["PB-2", "PO-1"], "Oriëntatie op het beroep (OP1)",
     "Bereid een dagstart voor met de stagiairs van je school en leid die. Sluit de dag af met "
     "de vraag: wat heb je gedaan en geleerd?",
     "Het draaiboek en een reflectie van een halve pagina.",
     "Duidelijke opbouw\nReflectie op eigen handelen"),
    ("Een lessenreeks ontwerpen met formatief evalueren", (2, 3), StageLevel.VERDIEPEND, False,
     False, ["Taalgericht vakonderwijs"], ["VD-1", "VD-4"], "Vakdidactiek 2",
     "Ontwerp een lessenreeks van drie lessen waarin je zichtbaar maakt waar leerlingen staan en "
     "daarop bijstuurt.",
     "De lesvoorbereidingen en een evaluatie met leerlingresultaten.",
     "Leerdoelen zijn helder\nFormatieve momenten zijn ingebouwd\nBijsturing is onderbouwd"),
    ("Differentiëren in één les", (2, 3), StageLevel.VERDIEPEND, False, False, [],
     ["VD-3", "VD-2"], "Vakdidactiek 2",
     "Geef een les waarin je instructie en verwerking afstemt op drie niveaus. Vraag een collega "
     "met de expertise differentiëren om te komen kijken.",
     "De lesvoorbereiding, de feedback van de collega en je reflectie.",
     "Afstemming op verschillen\nUitvoering in de klas\nReflectie op de feedback"),
    ("Leren buiten de school: een excursie ontwerpen", (3,), StageLevel.VERDIEPEND, False, True,
     ["Burgerschap"], ["VI-2", "PO-2"], "Leeromgevingen (LO3)",
     "Ontwerp een les of excursie die de leeromgeving buiten de school gebruikt: een museum, "
     "bedrijf of de wijk. Werk samen met een externe partner.",
     "Het ontwerp, de afspraken met de partner en een evaluatie.",
     "Verbinding met de vakinhoud\nSamenwerking met de partner\nVeiligheid en organisatie"),
    ("Een mentorgesprek voeren", (3, 4), StageLevel.VERDIEPEND, False, False, [], ["PB-3"],
     "Pedagogiek 3",
     "Voer onder begeleiding een mentorgesprek met een leerling en bereid het samen met de mentor "
     "voor.",
     "Een verslag van het gesprek (geanonimiseerd) en je reflectie.",
     "Voorbereiding\nGespreksvaardigheden\nReflectie"),
    ("Praktijkonderzoek voor het symposium", (4,), StageLevel.AFSTUDEREND, False, False,
     ["Creatief denken in het onderwijs"], ["PO-3", "PO-1"], "Afstuderen (AF4)",
     "Onderzoek een vraag uit je eigen praktijk en presenteer je uitkomsten op het symposium, "
     "waar collega's de jury vormen.",
     "Het onderzoeksverslag en de presentatie.",
     "Onderzoeksvraag uit de praktijk\nMethode en onderbouwing\nOpbrengst voor de school"),
]

BOUWSTENEN = [
    ("Workshop differentiëren met de instructietafel", BouwsteenSoort.BIJEENKOMST, ["VD-3"], [],
     "Joost van Rijn (Het Lindecollege)",
     "Een middag waarin een collega voordoet hoe je met een instructietafel differentieert."),
    ("Kijkwijzer pedagogisch klimaat", BouwsteenSoort.MATERIAAL, ["PB-1"],
     ["Creatief denken in het onderwijs"], "Marloes Kuipers",
     "Een observatie-instrument voor lesbezoeken gericht op relatie, structuur en autonomie."),
    ("Intervisie over lastige klassen", BouwsteenSoort.BEGELEIDING, ["PB-2", "PO-1"], [],
     "De schoolopleiders", "Maandelijkse intervisie voor studenten en starters samen."),
    ("Module Onderzoekend leren", BouwsteenSoort.MODULE, ["PO-3"], [], "Hogeschool Rivierland",
     "De module van het instituut waarin studenten hun praktijkonderzoek opzetten."),
]

# (student e-mail, task title, status of the work)
WERK = [
    ("student@example.org", "Differentiëren in één les", InleveringStatus.COMPLETED),
    ("student@example.org", "Leren buiten de school: een excursie ontwerpen",
     InleveringStatus.FEEDBACK_GIVEN),
    ("student@example.org", "Een mentorgesprek voeren", InleveringStatus.HANDED_IN),
    ("student@example.org", "Een lessenreeks ontwerpen met formatief evalueren",
     InleveringStatus.CONCEPT),
    ("student4@example.org", "Praktijkonderzoek voor het symposium", InleveringStatus.CONCEPT),
    ("student4@example.org", "Een mentorgesprek voeren", InleveringStatus.COMPLETED),
    ("noor.elidrissi@example.org", "Een dagstart voorbereiden en leiden",
     InleveringStatus.CONCEPT),
    ("milan.degroot@example.org", "Een dagstart voorbereiden en leiden",
     InleveringStatus.HANDED_IN),
    ("thijs.vandam@example.org", "Een lessenreeks ontwerpen met formatief evalueren",
     InleveringStatus.FEEDBACK_GIVEN),
]


def _leeruitkomsten(codes) -> list[Leeruitkomst]:
    return list(Leeruitkomst.objects.filter(partnerschap_id=default_partnerschap(), code__in=codes))


def _reviewer(student: Student):
    """The student's werkplekbegeleider this year, who gives the demo feedback."""
    medewerker = Medewerker.objects.filter(
        begeleidingen__stage__student=student, begeleidingen__functie="wpb",
        begeleidingen__status="active",
    ).select_related("user").first()
    return medewerker.user if medewerker else None


def _work(student: Student, task: Leerwerktaak, status: str, today: datetime.date) -> None:
    if Toewijzing.objects.filter(leerwerktaak=task, students=student).exists():
        return
    offset = {InleveringStatus.CONCEPT: 21, InleveringStatus.HANDED_IN: 3,
              InleveringStatus.FEEDBACK_GIVEN: 10, InleveringStatus.COMPLETED: -14}[status]
    (toewijzing,) = services.assign_leerwerktaak(
        leerwerktaak=task, students=[student], due_date=today + datetime.timedelta(days=offset),
        by=None,
    )
    inlevering = toewijzing.inlevering
    user = student.user
    text = (f"Mijn uitwerking van ‘{task.title}’. Ik heb dit voorbereid met mijn "
            "werkplekbegeleider en in de klas uitgeprobeerd.")
    # A small lesson plan as an uploaded file, so the demo shows files too.
    plan = ContentFile(f"Lesplan: {task.title}\n\n1. Doel op het bord\n2. Uitleg in tien minuten\n"
                       "3. Oefenen in drie niveaus\n4. Afsluiten met duimpjes\n".encode(),
                       name="lesplan.txt")
    services.save_inlevering(inlevering=inlevering, text=text, files=[plan], by=user)
    if status == InleveringStatus.CONCEPT:
        return
    services.hand_in(inlevering=inlevering, by=user)
    if status == InleveringStatus.HANDED_IN:
        return
    reviewer = _reviewer(student)
    criteria = task.criteria_list
    services.give_feedback(
        inlevering=inlevering, by=reviewer,
        text="Goed werk. Maak in je reflectie nog concreter wat je de volgende keer anders doet.",
        regels=[(criterion, rating, comment) for criterion, rating, comment in zip(
            criteria, ["at_level", "developing", "at_level"],
            ["Sterk uitgewerkt.", "Nog wat algemeen; noem een voorbeeld.", "Helder."],
            strict=False)],
    )
    if status == InleveringStatus.COMPLETED:
        services.complete_inlevering(inlevering=inlevering, by=reviewer,
                                     leeruitkomsten=task.leeruitkomsten.all())


def seed_leerwerktaken(*, today: datetime.date) -> None:
    services.seed_leeruitkomsten()
    speerpunten = {name: Speerpunt.objects.get_or_create(name=name)[0] for name in SPEERPUNTEN}
    leeruitkomsten = {leeruitkomst.code: leeruitkomst for leeruitkomst in
                      Leeruitkomst.objects.filter(partnerschap_id=default_partnerschap())}
    for school_name, meanings in INVULLINGEN.items():
        school = School.objects.filter(name=school_name).first()
        if school is None:
            continue
        for code, (indicators, examples) in meanings.items():
            if code in leeruitkomsten:
                Invulling.objects.update_or_create(
                    leeruitkomst=leeruitkomsten[code], school=school,
                    defaults={"indicators": indicators, "examples": examples},
                )
    tasks: dict[str, Leerwerktaak] = {}
    for (title, years, level, group, outside, themes, codes, module, description, deliverable,
         criteria) in TAKEN:
        task, _created = Leerwerktaak.objects.update_or_create(
            title=title,
            defaults={
                **{f"year_{year}": year in years for year in range(1, 5)},
                "stage_level": level, "is_group_task": group, "uses_outside_school": outside,
                "module": module, "description": description, "deliverable": deliverable,
                "criteria": criteria, "is_active": True,
            },
        )
        task.speerpunten.set([speerpunten[name] for name in themes])
        task.leeruitkomsten.set(_leeruitkomsten(codes))
        tasks[title] = task
    for title, soort, codes, themes, contact, description in BOUWSTENEN:
        block, _created = Curriculumbouwsteen.objects.update_or_create(
            title=title, defaults={"soort": soort, "contact": contact,
                                   "description": description, "is_active": True},
        )
        block.leeruitkomsten.set(_leeruitkomsten(codes))
        block.speerpunten.set([speerpunten[name] for name in themes])
    for email, title, status in WERK:
        student = Student.objects.filter(user__email=email).first()
        if student is not None:
            _work(student, tasks[title], status, today)
