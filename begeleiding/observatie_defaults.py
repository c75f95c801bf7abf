"""The default lesson-observation instrument a partnership starts with.

Six domains of teaching that research on effective lessons keeps finding, from the safe
climate to teaching pupils how to learn, each with a few things an observer can see happen
in a lesson. The wording is the portal's own; a partnership's coordinator changes it
afterwards (add, rename, reorder, deactivate). Used by the data migration and by
`services.ensure_default_instrument()` (so by seed_demo and a new partnership's first use).
"""

# (domain name, short description, [indicators])
DEFAULT_INSTRUMENT = [
    ("Veilig en stimulerend leerklimaat",
     "Leerlingen voelen zich welkom, veilig en aangemoedigd om mee te doen.",
     [
         "Gaat in taal en gedrag respectvol met leerlingen om.",
         "Zorgt voor een ontspannen sfeer waarin fouten maken mag.",
         "Moedigt leerlingen aan en benoemt wat goed gaat.",
         "Laat merken dat elke leerling erbij hoort en gehoord wordt.",
     ]),
    ("Efficiënte klassenorganisatie",
     "De les verloopt ordelijk; de leertijd wordt goed benut.",
     [
         "Begint de les vlot en op tijd.",
         "Leerlingen weten wat ze moeten doen en wat er daarna komt.",
         "Wisselingen tussen lesonderdelen verlopen soepel, zonder tijdverlies.",
         "Houdt overzicht over de klas en grijpt tijdig in bij onrust.",
     ]),
    ("Duidelijke en gestructureerde instructie",
     "De uitleg is helder, in stappen opgebouwd en sluit aan bij wat leerlingen al weten.",
     [
         "Maakt aan het begin duidelijk wat leerlingen deze les leren.",
         "Knoopt aan bij wat leerlingen al weten of eerder deden.",
         "Legt stap voor stap uit, met voorbeelden.",
         "Gaat tijdens de uitleg na of leerlingen het begrijpen.",
         "Geeft duidelijke opdrachten voor de verwerking.",
     ]),
    ("Activerende didactiek",
     "Alle leerlingen denken en doen actief mee.",
     [
         "Stelt vragen die leerlingen aan het denken zetten.",
         "Betrekt alle leerlingen bij de les, ook de stille.",
         "Laat leerlingen zelf actief met de stof aan de slag gaan.",
         "Wisselt werkvormen af, passend bij het doel van de les.",
     ]),
    ("Afstemmen op verschillen",
     "Instructie en verwerking passen bij wat leerlingen nodig hebben.",
     [
         "Gaat tussendoor na welke leerlingen het lesdoel halen.",
         "Geeft extra uitleg of oefening aan wie dat nodig heeft.",
         "Biedt leerlingen die meer aankunnen een passende uitdaging.",
         "Stemt de verwerking af op verschillen in tempo of niveau.",
     ]),
    ("Leerstrategieën aanleren",
     "Leerlingen leren hoe ze kunnen leren en een taak kunnen aanpakken.",
     [
         "Laat zien hoe je een opdracht of probleem aanpakt.",
         "Vraagt leerlingen hardop te vertellen hoe ze iets aanpakken.",
         "Laat leerlingen terugkijken op hoe hun leren ging.",
         "Helpt leerlingen nieuwe stof te koppelen aan wat ze al weten.",
     ]),
]
