"""The words the filler types: small pools of sentences in Albanian and English, names, contacts.

Each pool holds :class:`~nsm_excel.labels.Text` pairs, so one choice gives the same sentence in
either language. Placeholders: ``{n}`` a small count (2-9), ``{m}`` a larger one (12-240),
``{year}``, ``{start}`` and ``{date}`` as the caller passes them.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from nsm_excel.core.labels import Text

FIRST_NAMES = (
    "Arben",
    "Elira",
    "Besnik",
    "Ermira",
    "Gentian",
    "Anila",
    "Dritan",
    "Mirela",
    "Ilir",
    "Blerina",
    "Klodian",
    "Entela",
    "Fatjon",
    "Juliana",
)
SURNAMES = (
    "Hoxha",
    "Shehu",
    "Dervishi",
    "Çela",
    "Kola",
    "Leka",
    "Gjoka",
    "Muça",
    "Duka",
    "Prifti",
    "Marku",
    "Bregu",
)

PROGRESS = (
    Text("U zhvilluan {n} takime me bashkitë.", "{n} meetings held with municipalities."),
    Text("U trajnuan {m} punonjës të institucionit.", "{m} staff of the institution trained."),
    Text(
        "Projekt-akti u hartua dhe u dërgua për mendim në {n} institucione.",
        "Draft act prepared and sent to {n} institutions for comments.",
    ),
    Text(
        "U hartuan termat e referencës dhe u shpall procedura e prokurimit.",
        "Terms of reference drafted and the procurement procedure launched.",
    ),
    Text(
        "U organizuan {n} tryeza pune me organizatat e shoqërisë civile.",
        "{n} working sessions held with civil society organisations.",
    ),
    Text(
        "U asistuan {m} persona të kthyer përmes sporteleve.",
        "{m} returnees assisted through the counters.",
    ),
    Text(
        "U nënshkrua marrëveshja e bashkëpunimit me {n} partnerë.",
        "Cooperation agreement signed with {n} partners.",
    ),
    Text("U krye analiza e nevojave në {n} qarqe.", "Needs assessment carried out in {n} regions."),
    Text(
        "U publikuan materialet informuese në faqen zyrtare.",
        "Information materials published on the official website.",
    ),
    Text(
        "U ngrit grupi i punës me {n} anëtarë nga institucionet partnere.",
        "Working group of {n} members from partner institutions set up.",
    ),
)
SUPPORT_PROGRESS = (
    Text(
        "Kontribuuam me të dhëna dhe komente për institucionin drejtues.",
        "Contributed data and comments to the lead institution.",
    ),
    Text(
        "Morëm pjesë në {n} takime të grupit të punës.", "Took part in {n} working group meetings."
    ),
    Text(
        "Caktuam {n} pika kontakti për bashkëpunimin me drejtuesin.",
        "Appointed {n} focal points to work with the lead institution.",
    ),
)
COMPLETED = (
    Text("Masa u përmbush plotësisht.", "Measure fully delivered."),
    Text("Produkti përfundimtar u miratua.", "Final output approved."),
)
CANCELLED = (
    Text(
        "Masa u anulua pas rishikimit të Planit të Veprimit.",
        "Measure cancelled after the review of the Action Plan.",
    ),
    Text(
        "Masa u anulua sepse u përfshi në një program tjetër.",
        "Measure cancelled: it was taken over by another programme.",
    ),
)
DELAY_REASONS = (
    Text("Vonesë në procedurën e prokurimit.", "Delay in the procurement procedure."),
    Text("Mungesë fondesh në buxhetin e vitit.", "Insufficient funds in this year's budget."),
    Text(
        "Pritet miratimi i aktit nënligjor nga Këshilli i Ministrave.",
        "Awaiting approval of the by-law by the Council of Ministers.",
    ),
    Text(
        "Mungesë stafi të dedikuar në njësinë përgjegjëse.",
        "No dedicated staff in the responsible unit.",
    ),
    Text("Financimi i donatorit ende nuk është konfirmuar.", "Donor funding not yet confirmed."),
    Text(
        "Koordinimi me institucionet partnere kërkoi më shumë kohë.",
        "Coordination with partner institutions took longer than planned.",
    ),
)
NOT_YET_DUE = (
    Text("Masa fillon në {start}, sipas planit.", "The measure is scheduled to start in {start}."),
    Text(
        "Sipas Planit të Veprimit, zbatimi nis në {start}.",
        "Under the Action Plan, work begins in {start}.",
    ),
)
NEXT_STEPS = (
    Text(
        "Miratimi i dokumentit në gjashtëmujorin e ardhshëm.",
        "Approval of the document in the next half-year.",
    ),
    Text(
        "Vazhdimi i trajnimeve në {n} bashki të tjera.",
        "Training to continue in {n} more municipalities.",
    ),
    Text("Shpallja e tenderit dhe lidhja e kontratës.", "Tender launched and contract signed."),
    Text(
        "Monitorimi i zbatimit dhe raportimi te Sekretariati.",
        "Monitoring of implementation and reporting to the Secretariat.",
    ),
    Text("Konsultimi publik i projekt-aktit.", "Public consultation on the draft act."),
)
EVIDENCE = (
    Text("VKM nr. {n}{m}, datë {date}", "Council of Ministers Decision no. {n}{m} of {date}"),
    Text("Raporti përfundimtar, prot. nr. {m}/{n}", "Final report, ref. no. {m}/{n}"),
    Text("Procesverbali i mbledhjes, {date}", "Minutes of the meeting, {date}"),
    Text("Urdhër i Ministrit nr. {m}, datë {date}", "Minister's Order no. {m} of {date}"),
    Text(
        "https://www.example.gov.al/dokumente/{m}{n}", "https://www.example.gov.al/documents/{m}{n}"
    ),
)
MISSING_VALUE = (
    Text(
        "Të dhënat e INSTAT për vitin {year} ende nuk janë publikuar.",
        "INSTAT data for {year} not yet published.",
    ),
    Text(
        "Sistemi i raportimit nuk jep ende të dhëna për periudhën.",
        "The reporting system does not yet give data for the period.",
    ),
    Text(
        "Anketa vjetore kryhet në tremujorin e katërt.",
        "The annual survey is carried out in the fourth quarter.",
    ),
    Text(
        "Të dhënat po verifikohen nga drejtoria përgjegjëse.",
        "The data are being verified by the responsible directorate.",
    ),
)
COMMENTS = (
    Text(
        "Burimi: regjistri administrativ i institucionit.",
        "Source: the institution's administrative register.",
    ),
    Text("Të dhëna paraprake.", "Provisional data."),
    Text(
        "Vlera përfshin të dhënat deri në fund të periudhës.",
        "The value covers data up to the end of the period.",
    ),
)
REMARKS = (
    Text(
        "Raporti u përgatit në bashkëpunim me drejtoritë përkatëse.",
        "Report prepared together with the relevant directorates.",
    ),
    Text(
        "Për pyetje, ju lutem kontaktoni personin që raporton.",
        "For questions, please contact the person reporting.",
    ),
    Text(
        "Disa të dhëna janë paraprake dhe do të përditësohen.",
        "Some figures are provisional and will be updated.",
    ),
)


def say(rng: random.Random, pool: tuple[Text, ...], lang: str, **values: object) -> str:
    """One sentence from ``pool`` in ``lang``, its placeholders filled."""
    return _format(rng.choice(pool).get(lang), rng, values)


def sentences(
    rng: random.Random, pool: tuple[Text, ...], lang: str, most: int = 2, **values: object
) -> str:
    """One to ``most`` different sentences from ``pool``, joined by a space."""
    count = rng.randint(1, min(most, len(pool)))
    chosen = rng.sample(pool, count)
    return " ".join(_format(text.get(lang), rng, values) for text in chosen)


def progress(rng: random.Random, lang: str, status: str | None, lead: bool) -> str | None:
    """What was done, by status; a supporting institution's contribution; None if not started."""
    if status == "not_started":
        return None
    if status == "cancelled":
        return say(rng, CANCELLED, lang)
    if not lead:
        return sentences(rng, SUPPORT_PROGRESS, lang)
    done = say(rng, COMPLETED, lang) + " " if status == "completed" else ""
    return done + sentences(rng, PROGRESS, lang)


def delay_reason(rng: random.Random, lang: str, not_yet_due: bool, start: object) -> str:
    """Why the measure is late; for one not due yet, when it is to start."""
    return say(rng, NOT_YET_DUE if not_yet_due else DELAY_REASONS, lang, start=start)


def evidence(rng: random.Random, lang: str, day: dt.date) -> str:
    """A document, decision or link proving completion on ``day``."""
    return say(rng, EVIDENCE, lang, date=day.strftime("%d.%m.%Y"))


def remark(rng: random.Random, lang: str) -> str | None:
    """A remark for the Cover about one time in three, else None."""
    return say(rng, REMARKS, lang) if rng.random() < 0.35 else None


def _format(template: str, rng: random.Random, values: dict[str, object]) -> str:
    numbers = {"n": rng.randint(2, 9), "m": rng.randint(12, 240)}
    return template.format(**numbers, **values)


def person(rng: random.Random) -> str:
    """A plausible Albanian first name and surname."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def email(name: str) -> str:
    """``name.surname@example.gov.al`` from a person's name, without accents or spaces."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in ("".join(c if c.isalnum() else " " for c in folded)).split() if w]
    local = ".".join([words[0], words[-1]] if len(words) > 1 else words) or "raportues"
    return f"{local}@example.gov.al"


def phone(rng: random.Random) -> str:
    """A Tirana landline (``+355 4 222 3333``) or a mobile number (``+355 69 123 4567``)."""
    if rng.random() < 0.5:
        return f"+355 4 2{rng.randint(10, 99)} {rng.randint(1000, 9999)}"
    return f"+355 6{rng.choice('789')} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
