"""The text of a template's Instructions sheet, in the institution's language (and English)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from nsm_excel.core.labels import STATUSES, Text


@dataclass(frozen=True)
class Context:
    strategy: Text
    institution: Text
    period: str
    deadline: dt.date
    contact_name: str
    contact_email: str
    contact_phone: str
    measures: int
    indicators: int


STEPS: tuple[Text, ...] = (
    Text(
        "Plotësoni vetëm qelizat e verdha. Qelizat gri janë marrë nga Plani i Veprimit dhe janë "
        "të kyçura.",
        "Fill in only the yellow cells. Grey cells come from the Action Plan and are locked.",
    ),
    Text(
        "Cover: shkruani emrin, e-mailin dhe telefonin e personit që raporton dhe datën e "
        "dorëzimit.",
        "Cover: write the name, e-mail and phone of the person reporting and the submission date.",
    ),
    Text(
        "Measures: për çdo masë ku jeni drejtues (lead) zgjidhni statusin nga lista dhe "
        "përshkruani çfarë u realizua. Për masat me vonesë, të zbatuara pjesërisht ose që nuk "
        "kanë filluar, shkruani arsyen. Për masat e zbatuara plotësisht jepni datën e "
        "përfundimit dhe dokumentin provues.",
        "Measures: for every measure you lead, choose the status from the list and describe what "
        "was done. For measures delayed, partially implemented or not started, give the reason. "
        "For completed measures, give the completion date and the evidence.",
    ),
    Text(
        "Ku jeni institucion mbështetës (support), përshkruani kontributin tuaj dhe shpenzimet; "
        "statusi është opsional.",
        "Where you support a measure (role support), describe your contribution and spending; "
        "the status is optional.",
    ),
    Text(
        "Indicators: shkruani vlerën e arritur në fund të periudhës. Kur kërkohet ndarja sipas "
        "gjinisë, plotësoni gra dhe burra (gra + burra = vlera). Nëse nuk keni vlerë, "
        "shpjegoni pse te Komenti.",
        "Indicators: write the value reached at the end of the period. Where a breakdown by sex "
        "is asked, fill in women and men (women + men = actual). If there is no value, say why "
        "in the Comment.",
    ),
    Text(
        "Shumat në lekë (p.sh. 1250000), përqindjet si numër nga 0 deri në 100, datat si "
        "dd.mm.vvvv.",
        "Amounts in lek (e.g. 1250000), percents as a number from 0 to 100, dates as dd.mm.yyyy.",
    ),
    Text(
        "Mos shtoni, fshini apo renditni rreshta dhe mos riemërtoni fletët. Ruajeni skedarin si "
        ".xlsx dhe dërgojeni të njëjtin skedar.",
        "Do not add, delete or sort rows and do not rename sheets. Save the file as .xlsx and "
        "send back this same file.",
    ),
    Text(
        "Nëse sekretariati ju kthen vërejtje, korrigjoni qelizat e shënuara dhe ridërgojeni.",
        "If the secretariat returns remarks, correct the marked cells and send the file again.",
    ),
)


def lines(context: Context, lang: str) -> list[tuple[str, str]]:
    """(style, text) pairs, top to bottom: 'title', 'heading', 'text', 'step' or 'status'."""
    out: list[tuple[str, str]] = [("title", context.strategy.get(lang))]
    languages = ["sq", "en"] if lang == "sq" else ["en"]
    for language in languages:
        out.extend(_block(context, language))
    return out


def _block(context: Context, lang: str) -> list[tuple[str, str]]:
    sq = lang == "sq"
    deadline = context.deadline.strftime("%d.%m.%Y")
    out: list[tuple[str, str]] = [
        ("heading", "Udhëzime për plotësimin" if sq else "How to fill in this report"),
        ("text", f"{'Institucioni' if sq else 'Institution'}: {context.institution.get(lang)}"),
        ("text", f"{'Periudha' if sq else 'Period'}: {context.period}"),
        ("text", f"{'Afati i dorëzimit' if sq else 'Deadline'}: {deadline}"),
        (
            "text",
            f"{context.measures} {'masa' if sq else 'measures'}, "
            f"{context.indicators} {'tregues' if sq else 'indicators'}",
        ),
    ]
    out.extend(("step", f"{n}. {step.get(lang)}") for n, step in enumerate(STEPS, start=1))
    out.append(("heading", "Statuset" if sq else "Statuses"))
    out.extend(("status", label.get(lang)) for label in STATUSES.values())
    contact = ", ".join(p for p in (context.contact_email, context.contact_phone) if p)
    who = "Pyetje" if sq else "Questions"
    send = "Dërgojeni te" if sq else "Send it to"
    out.append(("heading", f"{who}: {context.contact_name}"))
    out.append(("text", f"{send}: {contact}"))
    return out
