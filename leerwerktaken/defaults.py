"""The default set of learning outcomes a fresh install offers.

Built on the Dutch legal competence requirements for teachers (bekwaamheidseisen:
vakinhoudelijk, vakdidactisch and pedagogisch bekwaam) and professional development.
Coordinators change it afterwards; this is only the start. Used by the data migration and
by `services.seed_leeruitkomsten()` (and so by seed_demo), keyed by code.
"""

VAKINHOUDELIJK = "Vakinhoudelijk bekwaam"
VAKDIDACTISCH = "Vakdidactisch bekwaam"
PEDAGOGISCH = "Pedagogisch bekwaam"
ONTWIKKELING = "Professionele ontwikkeling"

# (code, group, title, description)
DEFAULT_LEERUITKOMSTEN = [
    ("VI-1", VAKINHOUDELIJK, "Beheerst de vakinhoud",
     "Beheerst de inhoud van het vak op het niveau dat nodig is om het aan leerlingen te "
     "onderwijzen, en kent de samenhang met andere vakken en de wereld buiten school."),
    ("VI-2", VAKINHOUDELIJK, "Maakt de vakinhoud betekenisvol",
     "Verbindt de vakinhoud met de leefwereld van leerlingen, met actuele ontwikkelingen en "
     "met vervolgopleiding en beroep."),
    ("VD-1", VAKDIDACTISCH, "Ontwerpt lessen en lessenreeksen",
     "Ontwerpt op basis van leerdoelen, beginsituatie en vakdidactiek lessen en lessenreeksen "
     "die leerlingen uitdagen en activeren."),
    ("VD-2", VAKDIDACTISCH, "Voert lessen uit en stuurt bij",
     "Voert lessen uit met een heldere opbouw en passende werkvormen, en stuurt tijdens de les "
     "bij op wat leerlingen laten zien."),
    ("VD-3", VAKDIDACTISCH, "Differentieert",
     "Stemt instructie, verwerking en begeleiding af op verschillen tussen leerlingen in "
     "niveau, tempo en interesse."),
    ("VD-4", VAKDIDACTISCH, "Toetst en evalueert formatief",
     "Maakt zichtbaar waar leerlingen staan, geeft gerichte feedback en gebruikt toetsing om "
     "het leren en het eigen onderwijs te verbeteren."),
    ("PB-1", PEDAGOGISCH, "Zorgt voor een veilig en positief pedagogisch klimaat",
     "Bouwt aan een goede relatie met leerlingen en tussen leerlingen, zodat iedereen zich "
     "veilig voelt en durft te leren."),
    ("PB-2", PEDAGOGISCH, "Hanteert klassenmanagement",
     "Organiseert de les en de groep zo dat er rust, structuur en leertijd is, en gaat "
     "passend om met gedrag."),
    ("PB-3", PEDAGOGISCH, "Begeleidt de ontwikkeling van leerlingen",
     "Heeft oog voor de sociaal-emotionele en morele ontwikkeling van leerlingen, herkent "
     "wat een leerling nodig heeft en werkt daarin samen met collega's en ouders."),
    ("PO-1", ONTWIKKELING, "Reflecteert en stuurt de eigen ontwikkeling",
     "Reflecteert op het eigen handelen, vraagt om feedback, formuleert leervragen en werkt "
     "doelgericht aan de eigen ontwikkeling."),
    ("PO-2", ONTWIKKELING, "Werkt samen in en buiten de school",
     "Werkt samen met collega's, ouders en partners buiten de school en draagt bij aan de "
     "ontwikkeling van de sectie en de school."),
    ("PO-3", ONTWIKKELING, "Onderzoekt de eigen praktijk",
     "Onderzoekt vragen uit de eigen onderwijspraktijk met een onderzoekende houding en "
     "gebruikt de uitkomsten om het onderwijs te verbeteren."),
]
