"""Words shown to people, in Albanian and English: labels, statuses, yes/no, template banners.

An institution working in Albanian sees Albanian with English beside it; one working in English
sees English.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("sq", "en")


@dataclass(frozen=True)
class Text:
    sq: str
    en: str

    def get(self, lang: str) -> str:
        return self.sq if lang == "sq" else self.en

    def shown(self, lang: str, sep: str = " / ") -> str:
        """As the template shows it: Albanian and English for 'sq', English alone for 'en'."""
        return f"{self.sq}{sep}{self.en}" if lang == "sq" and self.sq != self.en else self.en


STATUSES: dict[str, Text] = {
    "completed": Text("Zbatuar plotësisht", "Completed"),
    "partial": Text("Zbatuar pjesërisht", "Partially implemented"),
    "on_track": Text("Në proces, sipas afatit", "In progress, on schedule"),
    "delayed": Text("Me vonesë", "Delayed"),
    "not_started": Text("Nuk ka filluar", "Not started"),
    "cancelled": Text("Anuluar", "Cancelled"),
}

YES_NO: dict[str, Text] = {"yes": Text("Po", "Yes"), "no": Text("Jo", "No")}

ROLES: dict[str, Text] = {
    "lead": Text("drejtues", "lead"),
    "support": Text("mbështetës", "support"),
}

UNITS: dict[str, Text] = {
    "number": Text("numër", "number"),
    "percent": Text("përqindje (0-100)", "percent (0-100)"),
    "amount": Text("shumë në lekë", "amount in lek"),
    "yes_no": Text("po/jo", "yes/no"),
}

SHEET_TITLES: dict[str, Text] = {
    "Instructions": Text("Udhëzime", "Instructions"),
    "Cover": Text("Të dhënat e raportuesit", "About this report"),
    "Measures": Text("Zbatimi i masave", "Implementation of measures"),
    "Indicators": Text("Vlerat e treguesve", "Indicator values"),
}

BANNER = Text(
    "Raporti i monitorimit për periudhën {period}",
    "Monitoring report for the period {period}",
)
SUBTITLE = Text(
    "{institution} · Afati: {deadline} · Plotësoni vetëm qelizat e verdha.",
    "{institution} · Deadline: {deadline} · Fill in only the yellow cells.",
)
INPUT_ERROR_TITLE = Text("Vlerë e pavlefshme", "Invalid value")
STATUS_ERROR = Text("Zgjidhni një status nga lista.", "Choose a status from the list.")
YES_NO_ERROR = Text("Zgjidhni Po ose Jo nga lista.", "Choose Yes or No from the list.")
AMOUNT_ERROR = Text(
    "Shkruani një shumë në lekë, zero ose më shumë.", "Type an amount in lek, zero or more."
)
NUMBER_ERROR = Text("Shkruani një numër.", "Type a number.")
PERCENT_ERROR = Text("Shkruani një përqindje nga 0 deri në 100.", "Type a percent from 0 to 100.")
WHOLE_ERROR = Text(
    "Shkruani një numër të plotë, zero ose më shumë.", "Type a whole number, 0 or more."
)
DATE_ERROR = Text(
    "Shkruani një datë si 15.03.2025, brenda periudhës së planit.",
    "Type a date such as 15.03.2025, within the plan's years.",
)
TEXT_ERROR = Text(
    "Teksti është më i gjatë se 4000 shenja.", "The text is longer than 4,000 characters."
)
NOT_APPLICABLE = Text("nuk aplikohet", "not applicable")

GCM_OBJECTIVES: dict[int, Text] = {
    1: Text("Të dhënat", "Data"),
    2: Text("Zvogëlimi i faktorëve negativë", "Minimise adverse drivers"),
    3: Text("Informacioni", "Information"),
    4: Text("Identiteti ligjor dhe dokumentet", "Legal identity and documents"),
    5: Text("Rrugët e rregullta", "Regular pathways"),
    6: Text("Rekrutimi i drejtë dhe puna e denjë", "Fair recruitment and decent work"),
    7: Text("Zvogëlimi i cenueshmërisë", "Reduce vulnerabilities"),
    8: Text("Shpëtimi i jetëve, migrantët e zhdukur", "Save lives, missing migrants"),
    9: Text("Kundër kontrabandës", "Counter smuggling"),
    10: Text("Çrrënjosja e trafikimit", "Eradicate trafficking"),
    11: Text("Menaxhimi i kufirit", "Border management"),
    12: Text("Verifikimi dhe referimi", "Screening and referral"),
    13: Text("Alternativa ndaj ndalimit", "Alternatives to detention"),
    14: Text("Mbrojtja konsullore", "Consular protection"),
    15: Text("Qasja në shërbime bazë", "Access to basic services"),
    16: Text("Përfshirja dhe kohezioni social", "Inclusion and social cohesion"),
    17: Text("Eliminimi i diskriminimit", "Eliminate discrimination"),
    18: Text("Zhvillimi dhe njohja e aftësive", "Skills development and recognition"),
    19: Text("Kontributi i migrantëve dhe diasporës", "Migrant and diaspora contributions"),
    20: Text("Remitancat", "Remittances"),
    21: Text("Kthimi dhe riintegrimi", "Return and reintegration"),
    22: Text("Transferueshmëria e mbrojtjes sociale", "Portability of social protection"),
    23: Text("Bashkëpunimi ndërkombëtar", "International cooperation"),
}
