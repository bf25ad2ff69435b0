"""The twelve provinces of the CBS indeling 2025 (codes PV20–PV31) with their official names.

CBS writes some names differently in its files ("Friesland" for Fryslân); ``CBS_NAMEN`` maps
those spellings to the code.
"""

PROVINCIES = [
    ("PV20", "Groningen", "groningen"),
    ("PV21", "Fryslân", "fryslan"),
    ("PV22", "Drenthe", "drenthe"),
    ("PV23", "Overijssel", "overijssel"),
    ("PV24", "Flevoland", "flevoland"),
    ("PV25", "Gelderland", "gelderland"),
    ("PV26", "Utrecht", "utrecht"),
    ("PV27", "Noord-Holland", "noord-holland"),
    ("PV28", "Zuid-Holland", "zuid-holland"),
    ("PV29", "Zeeland", "zeeland"),
    ("PV30", "Noord-Brabant", "noord-brabant"),
    ("PV31", "Limburg", "limburg"),
]

CBS_NAMEN = {naam.casefold(): code for code, naam, _ in PROVINCIES}
CBS_NAMEN.update({"friesland": "PV21", "fryslan": "PV21", "friesland (fryslân)": "PV21"})
