"""The one catalogue of issue codes: severity and a message template in Albanian and English.

Every message says what is wrong and how to fix it; the location ("Sheet Measures, cell H14") is
put in front by :meth:`nsm_excel.issues.Issue.message`. Placeholders are filled from the issue's
``value`` and ``params``. Tests compare against this catalogue, never against hand-typed text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WHERE_WORDS: dict[str, dict[str, str]] = {
    "en": {"sheet": "Sheet", "cell": "cell"},
    "sq": {"sheet": "Fleta", "cell": "qeliza"},
}


@dataclass(frozen=True)
class Entry:
    severity: str  # "error" or "warning"
    en: str
    sq: str


E, W = "error", "warning"

CATALOGUE: dict[str, Entry] = {
    # --- the plan register (action_plan.xlsx) ---
    "plan-file-unreadable": Entry(
        E,
        "The plan file {file} cannot be opened as an Excel workbook ({reason}). "
        "Save it from Excel or LibreOffice as .xlsx and try again.",
        "Skedari i planit {file} nuk hapet si libër Excel ({reason}). "
        "Ruajeni nga Excel ose LibreOffice si .xlsx dhe provoni përsëri.",
    ),
    "plan-missing-sheet": Entry(
        E,
        "The sheet '{sheet_name}' is missing. Add a sheet with exactly this name; "
        "its first row holds the column keys.",
        "Mungon fleta '{sheet_name}'. Shtoni një fletë me pikërisht këtë emër; "
        "rreshti i parë mban çelësat e kolonave.",
    ),
    "plan-missing-column": Entry(
        E,
        "The required column '{key}' is missing from row 1. Add a column headed '{key}'.",
        "Mungon kolona e detyrueshme '{key}' në rreshtin 1. Shtoni një kolonë me titull '{key}'.",
    ),
    "plan-duplicate-column": Entry(
        E,
        "The column key '{value}' appears twice in row 1. Keep one column per key.",
        "Çelësi i kolonës '{value}' shfaqet dy herë në rreshtin 1. Mbani një kolonë për çelës.",
    ),
    "plan-unknown-column": Entry(
        W,
        "The column '{value}' is not part of the plan format and is ignored. "
        "Check its spelling if it should be read.",
        "Kolona '{value}' nuk është pjesë e formatit të planit dhe nuk lexohet. "
        "Kontrolloni drejtshkrimin nëse duhet lexuar.",
    ),
    "plan-required": Entry(
        E,
        "'{key}' is required and the cell is empty. Fill it in.",
        "'{key}' është e detyrueshme dhe qeliza është bosh. Plotësojeni.",
    ),
    "plan-bad-code": Entry(
        E,
        "'{value}' is not a valid code. Use 2 to 12 letters A-Z, digits or _ (e.g. MB, AKPA).",
        "'{value}' nuk është kod i vlefshëm. Përdorni 2 deri në 12 shkronja A-Z, shifra ose _ "
        "(p.sh. MB, AKPA).",
    ),
    "plan-duplicate-code": Entry(
        E,
        "The code '{value}' is used on more than one row. Give every row its own code.",
        "Kodi '{value}' përdoret në më shumë se një rresht. Çdo rresht duhet të ketë kodin e vet.",
    ),
    "plan-code-clash": Entry(
        E,
        "The code '{value}' is used both for an objective and for a measure, so links to it are "
        "ambiguous. Rename one of them.",
        "Kodi '{value}' përdoret edhe për një objektiv edhe për një masë, ndaj lidhjet me të "
        "janë të paqarta. Riemërtoni njërin.",
    ),
    "plan-bad-choice": Entry(
        E,
        "'{value}' is not allowed for '{key}'. Use one of: {choices}.",
        "'{value}' nuk lejohet për '{key}'. Përdorni një nga: {choices}.",
    ),
    "plan-bad-amount": Entry(
        E,
        "'{value}' is not an amount. Type a number of lek such as 1250000 or 1 250 000.",
        "'{value}' nuk është shumë. Shkruani një shumë në lekë si 1250000 ose 1 250 000.",
    ),
    "plan-ambiguous-number": Entry(
        E,
        "'{value}' can be read two ways (a thousands separator or a decimal mark). "
        "Type it without separators, e.g. 1250 or 1.25.",
        "'{value}' mund të lexohet në dy mënyra (ndarës mijëshesh ose presje dhjetore). "
        "Shkruajeni pa ndarës, p.sh. 1250 ose 1.25.",
    ),
    "plan-negative-amount": Entry(
        E,
        "'{value}' is negative. Amounts are zero or more.",
        "'{value}' është negative. Shumat janë zero ose më shumë.",
    ),
    "plan-bad-number": Entry(
        E,
        "'{value}' is not a number. Type a number such as 45 or 12.5.",
        "'{value}' nuk është numër. Shkruani një numër si 45 ose 12.5.",
    ),
    "plan-bad-period": Entry(
        E,
        "'{value}' is not a period. Write a year (2025), a half-year (2025-H1) "
        "or a quarter (2025-Q3).",
        "'{value}' nuk është periudhë. Shkruani një vit (2025), një gjashtëmujor (2025-H1) "
        "ose një tremujor (2025-Q3).",
    ),
    "plan-bad-year": Entry(
        E,
        "'{value}' is not a year. Type a four-digit year such as 2023.",
        "'{value}' nuk është vit. Shkruani një vit me katër shifra si 2023.",
    ),
    "plan-bad-email": Entry(
        E,
        "'{value}' is not an e-mail address. Write it as name@institution.gov.al.",
        "'{value}' nuk është adresë e-mail. Shkruajeni si emer@institucioni.gov.al.",
    ),
    "plan-bad-gcm": Entry(
        E,
        "'{value}' is not a list of GCM objectives. Write whole numbers from 1 to 23 "
        "separated by ';', e.g. 5; 6; 19.",
        "'{value}' nuk është listë objektivash të GCM. Shkruani numra të plotë nga 1 deri "
        "në 23 të ndarë me ';', p.sh. 5; 6; 19.",
    ),
    "plan-bad-code-list": Entry(
        E,
        "'{value}' is not a list of institution codes. Separate codes with ';', e.g. MB; DKM.",
        "'{value}' nuk është listë kodesh institucionesh. Ndajini kodet me ';', p.sh. MB; DKM.",
    ),
    "plan-unknown-institution": Entry(
        E,
        "The institution '{value}' is not on the Institutions sheet. Add it there or correct "
        "the code.",
        "Institucioni '{value}' nuk është në fletën Institutions. Shtojeni atje ose korrigjoni "
        "kodin.",
    ),
    "plan-lead-in-supporting": Entry(
        E,
        "The lead institution '{value}' is also listed as supporting. Remove it from 'supporting'.",
        "Institucioni drejtues '{value}' është renditur edhe si mbështetës. Hiqeni nga "
        "'supporting'.",
    ),
    "plan-bad-parent": Entry(
        E,
        "'{value}' is not the code of a policy goal. An objective's parent_code must be the "
        "code of a row whose level is goal.",
        "'{value}' nuk është kod i një qëllimi të politikës. parent_code i një objektivi duhet "
        "të jetë kodi i një rreshti me level goal.",
    ),
    "plan-goal-with-parent": Entry(
        W,
        "A policy goal has the parent_code '{value}', which is ignored. Leave it empty for goals.",
        "Një qëllim i politikës ka parent_code '{value}', që nuk merret parasysh. Lëreni bosh.",
    ),
    "plan-goal-without-objectives": Entry(
        W,
        "The policy goal '{value}' has no specific objectives. Add objectives under it or "
        "remove it.",
        "Qëllimi i politikës '{value}' nuk ka objektiva specifikë. Shtoni objektiva ose hiqeni.",
    ),
    "plan-unknown-objective": Entry(
        E,
        "'{value}' is not the code of a specific objective (level objective) on the Objectives "
        "sheet. Correct the code.",
        "'{value}' nuk është kod i një objektivi specifik (level objective) në fletën "
        "Objectives. Korrigjoni kodin.",
    ),
    "plan-unknown-linked-code": Entry(
        E,
        "'{value}' is neither a measure's nor an objective's code. Link the indicator to an "
        "existing code.",
        "'{value}' nuk është kod i asnjë mase apo objektivi. Lidheni treguesin me një kod "
        "ekzistues.",
    ),
    "plan-responsible-required": Entry(
        E,
        "The indicator is linked to the objective '{linked}', so 'responsible' must name the "
        "institution that reports it.",
        "Treguesi është i lidhur me objektivin '{linked}', ndaj 'responsible' duhet të tregojë "
        "institucionin që e raporton.",
    ),
    "plan-end-before-start": Entry(
        E,
        "The end '{value}' is before the start '{start}'. Correct one of the two periods.",
        "Fundi '{value}' është para fillimit '{start}'. Korrigjoni njërën nga periudhat.",
    ),
    "plan-outside-action-plan": Entry(
        W,
        "The period '{value}' lies outside the Action Plan years {years}. Check the period.",
        "Periudha '{value}' është jashtë viteve të Planit të Veprimit {years}. Kontrolloni "
        "periudhën.",
    ),
    "plan-cost-year-outside": Entry(
        W,
        "The column '{value}' is for a year outside the Action Plan years {years}; it is read "
        "but no template asks about it.",
        "Kolona '{value}' është për një vit jashtë viteve të Planit të Veprimit {years}; "
        "lexohet, por asnjë formular nuk pyet për të.",
    ),
    "plan-funding-mismatch": Entry(
        W,
        "State {state} + donor {donor} + gap {gap} = {split} lek, but the yearly costs add up "
        "to {total} lek. Correct the funding split or the costs.",
        "Shteti {state} + donatorët {donor} + mungesa {gap} = {split} lekë, por kostot vjetore "
        "mblidhen në {total} lekë. Korrigjoni ndarjen e financimit ose kostot.",
    ),
    "plan-percent-range": Entry(
        E,
        "'{value}' is outside 0-100 for a percent indicator. Type the percent as a number from "
        "0 to 100 (45 for 45 %).",
        "'{value}' është jashtë 0-100 për një tregues në përqindje. Shkruani përqindjen si "
        "numër nga 0 deri në 100 (45 për 45 %).",
    ),
    "plan-yes-no-value": Entry(
        E,
        "'{value}' is not 0 or 1. A yes/no indicator uses 1 for yes and 0 for no.",
        "'{value}' nuk është 0 ose 1. Një tregues po/jo përdor 1 për po dhe 0 për jo.",
    ),
    "plan-direction-on-yes-no": Entry(
        W,
        "A yes/no indicator has no direction; '{value}' is ignored. Leave the cell empty.",
        "Një tregues po/jo nuk ka drejtim; '{value}' nuk merret parasysh. Lëreni qelizën bosh.",
    ),
    "plan-no-measures": Entry(
        E,
        "The plan has no measures. Fill the Measures sheet from row 2.",
        "Plani nuk ka masa. Plotësoni fletën Measures nga rreshti 2.",
    ),
}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def entry(code: str) -> Entry:
    """The catalogue entry for ``code``; an unknown code is a programmer error."""
    try:
        return CATALOGUE[code]
    except KeyError:
        raise KeyError(f"issue code {code!r} is not in the catalogue") from None


def render(code: str, lang: str, params: dict[str, Any]) -> str:
    """The message of ``code`` in ``lang`` ('sq' or 'en'), placeholders filled from ``params``."""
    item = entry(code)
    template = item.sq if lang == "sq" else item.en
    return template.format_map(_Blank(params))


def markdown() -> str:
    """The catalogue as a Markdown table: the text of ``docs/issue-codes.md``."""
    lines = [
        "# Issue codes",
        "",
        "Every problem nsm-excel reports carries one of these codes. An error makes the input",
        "unusable; a warning is reported and accepted. Generated from `nsm_excel/catalogue.py`",
        "(`nsm codes --markdown > docs/issue-codes.md`); placeholders in braces are",
        "filled from the cell.",
        "",
        "| code | severity | message (English) | message (Albanian) |",
        "|---|---|---|---|",
    ]
    for code, item in CATALOGUE.items():
        lines.append(f"| `{code}` | {item.severity} | {item.en} | {item.sq} |")
    return "\n".join(lines) + "\n"
