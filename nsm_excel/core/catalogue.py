"""The one catalogue of issue codes: severity and a message template in Albanian and English.

Every message says what is wrong and how to fix it; the location ("Sheet Measures, cell H14") is
put in front by :meth:`nsm_excel.issues.Issue.message`. Placeholders are filled from the issue's
``value`` and ``params``. Tests compare against this catalogue, never against hand-typed text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nsm_excel.core.values import LARGEST

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
# the same words for a figure in the plan and in a return
_MIXED_SEPARATORS = (
    "'{value}' mixes separators (spaces, dots, commas), so it can be read more than one "
    "way: 1 250.000 could be 1250 or 1250000. Use one separator, or none: type 1250000 or "
    "1250.5.",
    "'{value}' përzien ndarësit (hapësira, pika, presje), ndaj mund të lexohet në më shumë "
    "se një mënyrë: 1 250.000 mund të jetë 1250 ose 1250000. Përdorni një ndarës, ose "
    "asnjë: shkruani 1250000 ose 1250.5.",
)
_LARGEST = f"{LARGEST:,}".replace(",", " ")  # 1 000 000 000 000 000

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
    "plan-mixed-separators": Entry(E, *_MIXED_SEPARATORS),
    "plan-number-too-large": Entry(
        E,
        "'{value}' is more than " + _LARGEST + ", the largest figure the plan may hold. "
        "Check the number of digits and type the real figure.",
        "'{value}' është më shumë se " + _LARGEST + ", shifra më e madhe që mund të mbajë "
        "plani. Kontrolloni numrin e shifrave dhe shkruani shifrën e vërtetë.",
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
    "plan-not-a-number": Entry(
        E,
        "The cell holds {value}, a number no spreadsheet can show (a program wrote it). Type "
        "the number, or clear the cell if there is none.",
        "Qeliza mban {value}, një numër që asnjë fletëllogaritëse nuk e shfaq (e ka shkruar një "
        "program). Shkruani numrin, ose boshatiseni qelizën nëse nuk ka.",
    ),
    "plan-text-too-long": Entry(
        E,
        "The text ('{value}') is {length} characters long, more than the 32 767 a spreadsheet "
        "cell holds, so the templates could not show it whole. Shorten it.",
        "Teksti ('{value}') ka {length} shenja, më shumë se 32 767 që mban një qelizë, ndaj "
        "shabllonet nuk do ta shfaqnin të plotë. Shkurtojeni.",
    ),
    "plan-control-characters": Entry(
        W,
        "'{value}' holds control characters (shown as symbols such as ␇): invisible characters "
        "pasted from another program. The templates show them as these symbols; delete them "
        "from the cell.",
        "'{value}' përmban shenja kontrolli (të shfaqura si simbole si ␇): shenja të padukshme "
        "të ngjitura nga një program tjetër. Shabllonet i shfaqin si këto simbole; fshijini nga "
        "qeliza.",
    ),
    "plan-formula-like-text": Entry(
        W,
        "'{value}' starts with '{start}', so a spreadsheet would take it for a formula when it is "
        "typed or pasted. The templates keep it as text; to be safe, start it with a letter or "
        "a digit.",
        "'{value}' fillon me '{start}', ndaj një fletëllogaritëse do ta merrte për formulë kur "
        "shkruhet ose ngjitet. Shabllonet e mbajnë si tekst; për siguri, filloni me një shkronjë "
        "ose shifër.",
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
    "plan-accepted-code-moved": Entry(
        E,
        "Accepted returns answered {value} as '{answered}', which is now the title of {other}: "
        "the accepted answers would move to another {kind}. Keep the codes as they were, or "
        "record an amendment.",
        "Raportet e pranuara iu përgjigjën {value} si '{answered}', që tani është titulli i "
        "{other}: përgjigjet e pranuara do të kalonin te një {kind_sq} tjetër. Mbani kodet si "
        "ishin, ose regjistroni një ndryshim.",
    ),
    "plan-accepted-title-changed": Entry(
        W,
        "Accepted returns answered {value} as '{answered}'; its title now reads differently. "
        "The accepted answers stay with {value}: check that it still means the same {kind}.",
        "Raportet e pranuara iu përgjigjën {value} si '{answered}'; titulli tani lexohet "
        "ndryshe. Përgjigjet e pranuara mbeten me {value}: kontrolloni që {value} ({kind_sq}) "
        "të ketë ende të njëjtin kuptim.",
    ),
    # --- a returned file, before it is read (judged by its bytes) ---
    "file-empty": Entry(
        E,
        "The file is empty (0 bytes). Save the workbook again in Excel and resend it.",
        "Skedari është bosh (0 bajt). Ruajeni përsëri librin në Excel dhe ridërgojeni.",
    ),
    "file-unreadable": Entry(
        E,
        "The file cannot be read ({reason}). If it is open in another program, close it and "
        "drop it in the inbox again; otherwise open the template you received, copy your "
        "answers into it, save and resend.",
        "Skedari nuk mund të lexohet ({reason}). Nëse është i hapur në një program tjetër, "
        "mbylleni dhe vendoseni përsëri në inbox; përndryshe hapni formularin që morët, "
        "kopjoni përgjigjet, ruajeni dhe ridërgojeni.",
    ),
    "file-not-regular": Entry(
        W,
        "This is {kind}, not a file copied into the inbox; it was not read and is left where "
        "it is. Copy the workbook itself into the inbox.",
        "Ky është {kind}, jo një skedar i kopjuar në inbox; nuk u lexua dhe mbetet ku është. "
        "Kopjoni vetë librin në inbox.",
    ),
    "file-too-large": Entry(
        E,
        "The file is {size} MB, more than the {limit} MB a return may be. Remove pictures or "
        "attachments pasted into it and resend the template.",
        "Skedari është {size} MB, më shumë se {limit} MB që lejohen. Hiqni figurat ose "
        "shtojcat e ngjitura dhe ridërgoni formularin.",
    ),
    "file-not-excel": Entry(
        E,
        "The file is not an Excel workbook: its content is {kind}. Send back the .xlsx "
        "template you received, filled in.",
        "Skedari nuk është libër Excel: përmbajtja e tij është {kind}. Ktheni formularin "
        ".xlsx që morët, të plotësuar.",
    ),
    "file-legacy-xls": Entry(
        E,
        "The file is in the old Excel 97-2003 format (.xls). Open it and save it as Excel "
        "Workbook (.xlsx), or better, fill in the .xlsx template you received.",
        "Skedari është në formatin e vjetër Excel 97-2003 (.xls). Hapeni dhe ruajeni si "
        "Excel Workbook (.xlsx), ose më mirë plotësoni formularin .xlsx që morët.",
    ),
    "file-encrypted": Entry(
        E,
        "The workbook is encrypted with a password to open, so it cannot be read. Remove the "
        "password (File > Info > Protect Workbook) and resend it.",
        "Libri është i koduar me fjalëkalim hapjeje dhe nuk mund të lexohet. Hiqni "
        "fjalëkalimin (File > Info > Protect Workbook) dhe ridërgojeni.",
    ),
    "file-corrupt": Entry(
        E,
        "The workbook is damaged ({reason}). Open the template you received again, copy your "
        "answers into it, save and resend.",
        "Libri është i dëmtuar ({reason}). Hapni përsëri formularin që morët, kopjoni "
        "përgjigjet, ruajeni dhe ridërgojeni.",
    ),
    "file-zip-bomb": Entry(
        E,
        "The workbook unpacks to far more data than a return can hold ({reason}); it was not "
        "opened. Resend the template you received, filled in.",
        "Libri shpaketohet në shumë më tepër të dhëna se sa mban një raport ({reason}); nuk "
        "u hap. Ridërgoni formularin që morët, të plotësuar.",
    ),
    "file-xml-entities": Entry(
        E,
        "The part {part} declares XML entities or a document type, which Excel never writes; "
        "the file was not opened. Resend the template you received, filled in.",
        "Pjesa {part} deklaron entitete XML ose tip dokumenti, gjë që Excel nuk e shkruan "
        "kurrë; skedari nuk u hap. Ridërgoni formularin që morët, të plotësuar.",
    ),
    "file-strict-ooxml": Entry(
        E,
        "The workbook is saved as 'Strict Open XML Spreadsheet', a format this tool does not "
        "read. Save it as 'Excel Workbook (.xlsx)' and resend it.",
        "Libri është ruajtur si 'Strict Open XML Spreadsheet', format që ky mjet nuk e lexon. "
        "Ruajeni si 'Excel Workbook (.xlsx)' dhe ridërgojeni.",
    ),
    "file-data-connections": Entry(
        E,
        "The workbook holds a data connection that fetches data from elsewhere ({reason}). "
        "Remove it (Data > Queries & Connections > Delete), keep the values, and resend it.",
        "Libri mban një lidhje të dhënash që merr të dhëna nga jashtë ({reason}). Hiqeni "
        "(Data > Queries & Connections > Delete), mbani vlerat dhe ridërgojeni.",
    ),
    "file-macro-enabled": Entry(
        E,
        "The workbook contains macros (VBA). Save it as Excel Workbook (.xlsx), without "
        "macros, and resend it.",
        "Libri përmban makro (VBA). Ruajeni si Excel Workbook (.xlsx), pa makro, dhe ridërgojeni.",
    ),
    "file-external-links": Entry(
        E,
        "The workbook links to other files ({reason}). Paste the values instead of links "
        "(Paste Special > Values) and resend it.",
        "Libri ka lidhje me skedarë të tjerë ({reason}). Ngjitni vlerat në vend të lidhjeve "
        "(Paste Special > Values) dhe ridërgojeni.",
    ),
    "file-duplicate": Entry(
        W,
        "This file is identical to '{original}', received {received_at}. It is archived and "
        "recorded as a duplicate and changes nothing.",
        "Ky skedar është identik me '{original}', marrë më {received_at}. Arkivohet dhe "
        "regjistrohet si dublikatë dhe nuk ndryshon asgjë.",
    ),
    "file-many-problems": Entry(
        W,
        "{count} more problems were found in this file and are not listed. Correct the ones "
        "listed and send the file again to see the rest.",
        "U gjetën edhe {count} probleme të tjera në këtë skedar, të cilat nuk renditen. "
        "Korrigjoni ato të renditura dhe ridërgojeni skedarin për të parë të tjerat.",
    ),
    "file-still-writing": Entry(
        W,
        "The file is still being written (it changed while it was being checked). It is left "
        "in the inbox and read on the next run.",
        "Skedari po shkruhet ende (ndryshoi ndërsa po kontrollohej). Mbetet në inbox dhe "
        "lexohet në ekzekutimin e radhës.",
    ),
    # --- identity and integrity of a returned workbook ---
    "return-no-identity": Entry(
        E,
        "The workbook carries no template identity (it was removed, or this is not a template "
        "from the secretariat). Fill in the template you received and send it back.",
        "Libri nuk mban identitetin e formularit (është hequr, ose ky nuk është formular i "
        "sekretariatit). Plotësoni formularin që morët dhe ktheheni.",
    ),
    "return-unknown-template": Entry(
        E,
        "The template id '{value}' was never issued by this secretariat. Fill in the template "
        "you received for this period and send it back.",
        "Identifikuesi i formularit '{value}' nuk është lëshuar nga ky sekretariat. Plotësoni "
        "formularin që morët për këtë periudhë dhe ktheheni.",
    ),
    "return-identity-conflict": Entry(
        E,
        "The workbook names two different templates ({value} and {other}); parts of two "
        "templates were mixed. Fill in only the template you received.",
        "Libri tregon dy formularë të ndryshëm ({value} dhe {other}); janë përzier pjesë nga "
        "dy formularë. Plotësoni vetëm formularin që morët.",
    ),
    "return-identity-changed": Entry(
        E,
        "The workbook says {field} '{value}', but template {template_id} was issued with "
        "'{issued}'. Do not edit the Cover's locked fields; use the template you received.",
        "Libri thotë {field} '{value}', por formulari {template_id} u lëshua me '{issued}'. "
        "Mos ndryshoni fushat e kyçura të Cover; përdorni formularin që morët.",
    ),
    "return-wrong-period": Entry(
        E,
        "This is the template for {value}; the period being collected is {period}. Fill in "
        "the {period} template you received.",
        "Ky është formulari për {value}; periudha që po mblidhet është {period}. Plotësoni "
        "formularin e {period} që morët.",
    ),
    "return-superseded-version": Entry(
        E,
        "This is version {value} of your template; version {latest} was issued on {issued_at} "
        "and replaces it. Copy your answers into version {latest} and send that one.",
        "Ky është versioni {value} i formularit tuaj; versioni {latest} u lëshua më "
        "{issued_at} dhe e zëvendëson. Kopjoni përgjigjet në versionin {latest} dhe dërgojeni.",
    ),
    "return-file-renamed": Entry(
        W,
        "The file name says {value}, but the workbook is the template of {institution} for "
        "{period}; it is read as {institution}'s return.",
        "Emri i skedarit thotë {value}, por libri është formulari i {institution} për "
        "{period}; lexohet si raport i {institution}.",
    ),
    "return-sheet-missing": Entry(
        E,
        "The sheet '{value}' is missing. Send back the template you received with all its sheets.",
        "Mungon fleta '{value}'. Ktheni formularin që morët me të gjitha fletët.",
    ),
    "return-sheet-duplicate": Entry(
        E,
        "Two sheets are named '{value}' (Excel does not tell capitals from small letters in "
        "sheet names), so it is not known which holds the answers; none of this file is read. "
        "Send back the template you received, with one sheet of each name.",
        "Dy fletë quhen '{value}' (Excel nuk dallon shkronjat e mëdha nga të voglat në emrat e "
        "fletëve), ndaj nuk dihet cila mban përgjigjet; asgjë nga ky skedar nuk lexohet. "
        "Ktheni formularin që morët, me një fletë për çdo emër.",
    ),
    "return-sheet-renamed": Entry(
        E,
        "The sheet '{value}' looks like '{expected}' renamed. Rename it back to '{expected}'.",
        "Fleta '{value}' duket si '{expected}' e riemërtuar. Riemërtojeni përsëri '{expected}'.",
    ),
    "return-sheet-added": Entry(
        E,
        "The sheet '{value}' was added to the template. Delete it, or move its content into "
        "the template's own sheets.",
        "Fleta '{value}' është shtuar në formular. Fshijeni, ose kaloni përmbajtjen e saj në "
        "fletët e formularit.",
    ),
    "return-sheets-reordered": Entry(
        W,
        "The sheets are in a different order than issued ({value}). The return is read, but "
        "keep the order next time.",
        "Fletët janë në rend tjetër nga ai i lëshuar ({value}). Raporti lexohet, por ruani "
        "rendin herën tjetër.",
    ),
    "return-key-row-missing": Entry(
        E,
        "The hidden row of column keys is missing from this sheet, so its columns cannot be "
        "found. Use the template you received without deleting rows.",
        "Rreshti i fshehur me çelësat e kolonave mungon në këtë fletë, ndaj kolonat nuk "
        "gjenden. Përdorni formularin që morët pa fshirë rreshta.",
    ),
    "return-columns-changed": Entry(
        E,
        "The columns differ from the template ({value}). Do not insert, delete or move "
        "columns; copy your answers into the template you received.",
        "Kolonat ndryshojnë nga formulari ({value}). Mos shtoni, fshini apo zhvendosni "
        "kolona; kopjoni përgjigjet në formularin që morët.",
    ),
    "return-row-added": Entry(
        E,
        "Row {row} ('{value}') was not in the template. Delete the row; report only on the "
        "rows you received.",
        "Rreshti {row} ('{value}') nuk ishte në formular. Fshijeni; raportoni vetëm për "
        "rreshtat që morët.",
    ),
    "return-row-removed": Entry(
        E,
        "The row of '{value}' was deleted. Send back the template with all its rows; leave a "
        "row's answers empty only where allowed.",
        "Rreshti i '{value}' është fshirë. Ktheni formularin me të gjithë rreshtat; lini "
        "bosh vetëm ku lejohet.",
    ),
    "return-rows-reordered": Entry(
        E,
        "The rows were sorted or moved: row {row} holds '{value}' where the template has "
        "'{expected}'. Put the rows back in the template's order (or copy your answers into "
        "the template you received).",
        "Rreshtat janë renditur ose zhvendosur: rreshti {row} mban '{value}' ku formulari ka "
        "'{expected}'. Vendosini rreshtat në rendin e formularit.",
    ),
    "return-locked-changed": Entry(
        E,
        "This pre-filled cell was changed from '{expected}' to '{value}'. Put back "
        "'{expected}'; grey cells come from the Action Plan.",
        "Kjo qelizë e paraplotësuar u ndryshua nga '{expected}' në '{value}'. Rikthejeni "
        "'{expected}'; qelizat gri vijnë nga Plani i Veprimit.",
    ),
    "return-protection-removed": Entry(
        W,
        "The protection of {value} was removed. The content is intact and the return is read; "
        "keep the protection next time.",
        "Mbrojtja e {value} është hequr. Përmbajtja është e paprekur dhe raporti lexohet; "
        "ruani mbrojtjen herën tjetër.",
    ),
    "return-merged-cells": Entry(
        E,
        "The cells {value} were merged over answer cells. Unmerge them (Home > Merge & "
        "Center) and put each answer in its own cell.",
        "Qelizat {value} janë bashkuar mbi qeliza përgjigjesh. Ndajini (Home > Merge & "
        "Center) dhe vendosni çdo përgjigje në qelizën e vet.",
    ),
    "return-far-cell": Entry(
        E,
        "The cell holds something far outside the report (a report sheet ends before row "
        "{rows} and column {columns}). Select the cell, press Delete, save and resend.",
        "Qeliza mban diçka shumë larg raportit (një fletë raporti mbaron para rreshtit {rows} "
        "dhe kolonës {columns}). Zgjidhni qelizën, shtypni Delete, ruajeni dhe ridërgojeni.",
    ),
    "return-hidden-rows": Entry(
        W,
        "Rows {value} are hidden. They are read anyway; unhide them so nothing is missed.",
        "Rreshtat {value} janë të fshehur. Lexohen gjithsesi; shfaqini që të mos humbasë asgjë.",
    ),
    # --- values in a returned workbook ---
    "return-formula": Entry(
        E,
        "The cell holds a formula ({value}). Type the value itself, not a formula.",
        "Qeliza mban një formulë ({value}). Shkruani vetë vlerën, jo formulë.",
    ),
    "return-error-value": Entry(
        E,
        "'{value}' is an error value (left by a formula or a paste that failed), not an answer. "
        "Type the value itself: the number, date or text asked for.",
        "'{value}' është vlerë gabimi (e lënë nga një formulë ose një ngjitje që dështoi), jo "
        "përgjigje. Shkruani vetë vlerën: numrin, datën ose tekstin që kërkohet.",
    ),
    "return-text-too-long": Entry(
        E,
        "The text has {length} characters; at most 4,000 are allowed. Shorten it, or attach "
        "a document and name it under Evidence.",
        "Teksti ka {length} shenja; lejohen të shumtën 4 000. Shkurtojeni, ose bashkëngjitni "
        "një dokument dhe përmendeni te Dokumenti provues.",
    ),
    "return-control-characters": Entry(
        W,
        "The text holds invisible control characters, which were removed. Check the text.",
        "Teksti mban shenja kontrolli të padukshme, të cilat u hoqën. Kontrolloni tekstin.",
    ),
    "return-formula-like-text": Entry(
        W,
        "The text starts with '{first}', which spreadsheets may run as a formula. It is kept "
        "as text; start it with a letter if you can.",
        "Teksti fillon me '{first}', që fletët elektronike mund ta ekzekutojnë si formulë. "
        "Ruhet si tekst; nëse mundeni, filloni me një shkronjë.",
    ),
    "return-bad-status": Entry(
        E,
        "'{value}' is not a status; the closest is '{closest}'. Choose one from the list.",
        "'{value}' nuk është status; më i afërti është '{closest}'. Zgjidhni një nga lista.",
    ),
    "return-bad-yes-no": Entry(
        E,
        "'{value}' is not yes or no. Choose Po/Yes or Jo/No from the list.",
        "'{value}' nuk është po ose jo. Zgjidhni Po/Yes ose Jo/No nga lista.",
    ),
    "return-bad-amount": Entry(
        E,
        "'{value}' is not an amount. Type a number of lek such as 1250000.",
        "'{value}' nuk është shumë. Shkruani një shumë në lekë si 1250000.",
    ),
    "return-ambiguous-number": Entry(
        E,
        "'{value}' can be read two ways (a thousands separator or a decimal mark). Type it "
        "without separators, e.g. 1250 or 1.25.",
        "'{value}' mund të lexohet në dy mënyra (ndarës mijëshesh ose presje dhjetore). "
        "Shkruajeni pa ndarës, p.sh. 1250 ose 1.25.",
    ),
    "return-mixed-separators": Entry(E, *_MIXED_SEPARATORS),
    "return-number-too-large": Entry(
        E,
        "'{value}' is more than " + _LARGEST + ", the largest figure a return may hold. "
        "Check the number of digits and type the real figure.",
        "'{value}' është më shumë se " + _LARGEST + ", shifra më e madhe që mund të mbajë "
        "një raport. Kontrolloni numrin e shifrave dhe shkruani shifrën e vërtetë.",
    ),
    "return-negative-amount": Entry(
        E,
        "'{value}' is negative. Amounts spent are zero or more.",
        "'{value}' është negative. Shumat e shpenzuara janë zero ose më shumë.",
    ),
    "return-bad-number": Entry(
        E,
        "'{value}' is not a number. Type a number such as 45 or 12.5.",
        "'{value}' nuk është numër. Shkruani një numër si 45 ose 12.5.",
    ),
    "return-bad-whole": Entry(
        E,
        "'{value}' is not a whole number of people. Type a whole number, 0 or more.",
        "'{value}' nuk është numër i plotë personash. Shkruani një numër të plotë, 0 ose më shumë.",
    ),
    "return-percent-on-number": Entry(
        E,
        "'{value}' is a percent, but this indicator is a number, not a percent. Type the number "
        "without % (45, not 45%); if the cell keeps adding %, type it with an apostrophe in "
        "front ('45).",
        "'{value}' është përqindje, por ky tregues është numër, jo përqindje. Shkruani numrin "
        "pa % (45, jo 45%); nëse qeliza vazhdon të shtojë %, shkruajeni me apostrof përpara "
        "('45).",
    ),
    "return-percent-range": Entry(
        E,
        "'{value}' is outside 0-100. Type the percent as a number from 0 to 100 (45 for 45 %).",
        "'{value}' është jashtë 0-100. Shkruani përqindjen si numër nga 0 deri në 100 (45 "
        "për 45 %).",
    ),
    "return-percent-fraction": Entry(
        W,
        "'{value}' is read as {value} %. If you meant {percent} %, type {percent}.",
        "'{value}' lexohet si {value} %. Nëse keni parasysh {percent} %, shkruani {percent}.",
    ),
    "return-bad-date": Entry(
        E,
        "'{value}' is not a date. Type a date such as 15.03.2025 (day.month.year).",
        "'{value}' nuk është datë. Shkruani një datë si 15.03.2025 (dita.muaji.viti).",
    ),
    "return-date-out-of-range": Entry(
        E,
        "The completion date {value} is outside {first} to {last} (the measure's span, and no "
        "later than the submission date). Correct the date.",
        "Data e përfundimit {value} është jashtë {first} deri {last} (kohëzgjatja e masës, "
        "dhe jo pas datës së dorëzimit). Korrigjoni datën.",
    ),
    "return-submission-date-out-of-range": Entry(
        E,
        "The submission date {value} is outside {first} to {last} (from the start of the "
        "period to the day the file was received). Type the day you send the file "
        "(day.month.year).",
        "Data e dorëzimit {value} është jashtë {first} deri {last} (nga fillimi i periudhës "
        "deri në ditën kur u mor skedari). Shkruani ditën kur e dërgoni skedarin "
        "(dita.muaji.viti).",
    ),
    "return-bad-email": Entry(
        E,
        "'{value}' is not an e-mail address. Write it as name@institution.gov.al.",
        "'{value}' nuk është adresë e-mail. Shkruajeni si emer@institucioni.gov.al.",
    ),
    "return-required": Entry(
        E,
        "'{label}' is required. Fill it in.",
        "'{label_sq}' është e detyrueshme. Plotësojeni.",
    ),
    "return-required-status": Entry(
        E,
        "Your institution leads this measure, so its status is required. Choose one from the list.",
        "Institucioni juaj e drejton këtë masë, ndaj statusi është i detyrueshëm. Zgjidhni "
        "një nga lista.",
    ),
    "return-required-progress": Entry(
        E,
        "Describe what was done in the period; only a measure that has not started may leave "
        "this empty.",
        "Përshkruani çfarë u realizua në periudhë; vetëm një masë që nuk ka filluar mund ta "
        "lërë bosh.",
    ),
    "return-required-delay-reason": Entry(
        E,
        "The status is '{status}', so the reason for the delay is required. Explain it here.",
        "Statusi është '{status_sq}', ndaj arsyeja e vonesës është e detyrueshme. "
        "Shpjegojeni këtu.",
    ),
    "return-required-evidence": Entry(
        E,
        "The measure is completed, so evidence is required: name the document, link or reference.",
        "Masa është zbatuar plotësisht, ndaj kërkohet dokumenti provues: emri i dokumentit, "
        "lidhja ose referenca.",
    ),
    "return-required-completion-date": Entry(
        E,
        "The measure is completed, so the completion date is required (day.month.year).",
        "Masa është zbatuar plotësisht, ndaj data e përfundimit është e detyrueshme "
        "(dita.muaji.viti).",
    ),
    "return-required-comment": Entry(
        E,
        "The actual value is empty, so a comment is required: say why there is no value.",
        "Vlera e arritur është bosh, ndaj kërkohet koment: shpjegoni pse nuk ka vlerë.",
    ),
    "return-required-sex": Entry(
        E,
        "This indicator is reported by sex: give the number of women and of men.",
        "Ky tregues raportohet sipas gjinisë: jepni numrin e grave dhe të burrave.",
    ),
    "return-sex-sum": Entry(
        E,
        "Women {women} + men {men} = {sum}, but the actual value is {value}. Correct the "
        "figures so that they add up.",
        "Gra {women} + burra {men} = {sum}, por vlera e arritur është {value}. Korrigjoni "
        "shifrat që të përputhen.",
    ),
    "return-overspent": Entry(
        W,
        "Spent {value} lek is more than 1.5 times the planned {planned} lek for the year. "
        "Check the amounts, or explain in the progress column.",
        "Shpenzimi {value} lekë është më shumë se 1.5 herë kostoja e planifikuar {planned} "
        "lekë e vitit. Kontrolloni shumat ose shpjegoni te kolona e progresit.",
    ),
    # --- the workspace (nsm doctor): {path} is relative to the workspace ---
    "workspace-config-unreadable": Entry(
        E,
        "The configuration {path} cannot be used: {reason}. Correct it by hand (`nsm init` in "
        "an empty folder writes a commented example) and run `nsm doctor` again.",
        "Konfigurimi {path} nuk mund të përdoret: {reason}. Korrigjojeni me dorë (`nsm init` "
        "në një dosje bosh shkruan një shembull me komente) dhe ekzekutoni përsëri "
        "`nsm doctor`.",
    ),
    "workspace-folder-is-file": Entry(
        E,
        "{path} is a file, but nsm keeps a folder there. Rename or move the file (keep it if it "
        "matters); the next command that needs the folder creates it.",
        "{path} është skedar, por nsm mban aty një dosje. Riemërtojeni ose zhvendoseni "
        "skedarin (ruajeni nëse ka rëndësi); komanda e radhës që e do dosjen e krijon.",
    ),
    "workspace-plan-missing": Entry(
        E,
        "The plan {path} is missing. Put the Action Plan register there, or set [action_plan] "
        "file in nsm.toml to where it is.",
        "Plani {path} mungon. Vendosni aty regjistrin e Planit të Veprimit, ose shkruani te "
        "[action_plan] file në nsm.toml vendndodhjen e tij.",
    ),
    "workspace-records-missing": Entry(
        E,
        "The records {path} are missing, but the workspace holds issued templates or received "
        "files. Put them back with `nsm restore` (a copy in backups/, or a backup made with "
        "`nsm backup`) before any other command.",
        "Të dhënat {path} mungojnë, por hapësira e punës ka shabllone të lëshuara ose skedarë "
        "të marrë. Rikthejini me `nsm restore` (një kopje te backups/, ose një kopje rezervë e "
        "bërë me `nsm backup`) para çdo komande tjetër.",
    ),
    "workspace-records-damaged": Entry(
        E,
        "The records {path} are damaged ({reason}). Put back the latest good copy with "
        "`nsm restore backups/NAME.sqlite`, or a backup made with `nsm backup` with "
        "`nsm restore DIR`; files received since then are kept in archive/.",
        "Të dhënat {path} janë të dëmtuara ({reason}). Rikthejeni kopjen e fundit të mirë me "
        "`nsm restore backups/NAME.sqlite`, ose një kopje rezervë të bërë me `nsm backup` me "
        "`nsm restore DIR`; skedarët e marrë pas saj ruhen te archive/.",
    ),
    "workspace-records-newer": Entry(
        E,
        "The records {path} were written by a newer nsm-excel (schema {version}). Upgrade "
        "nsm-excel on this computer.",
        "Të dhënat {path} janë shkruar nga një nsm-excel më i ri (skema {version}). "
        "Përditësoni nsm-excel në këtë kompjuter.",
    ),
    "workspace-path-outside": Entry(
        E,
        "The records name {path}, which is outside the workspace; nothing was read there. The "
        "records were edited or damaged: put back a good copy with `nsm restore`.",
        "Regjistrat emërtojnë {path}, që është jashtë hapësirës së punës; asgjë nuk u lexua "
        "aty. Regjistrat janë ndryshuar ose dëmtuar: rikthejeni një kopje të mirë me "
        "`nsm restore`.",
    ),
    "workspace-archive-missing": Entry(
        E,
        "Record {record} ({name}) keeps the received file at {path}, but it is not there. Put "
        "it back from a backup (`nsm restore DIR` puts back the archive).",
        "Regjistrimi {record} ({name}) e mban skedarin e marrë te {path}, por ai nuk është "
        "aty. Rikthejeni nga një kopje rezervë (`nsm restore DIR` rikthen arkivin).",
    ),
    "workspace-archive-changed": Entry(
        E,
        "{path} is no longer the file received as record {record} ({name}): its bytes changed. "
        "Put the original back from a backup (`nsm restore DIR`).",
        "{path} nuk është më skedari i marrë si regjistrimi {record} ({name}): përmbajtja e "
        "tij ka ndryshuar. Rikthejeni origjinalin nga një kopje rezervë (`nsm restore DIR`).",
    ),
    "workspace-archive-unrecorded": Entry(
        W,
        "{path} is in the archive but no record holds it (a run stopped before recording it, "
        "or records put back from an older copy). If the return is still in inbox/, "
        "`nsm validate` records it; otherwise copy it to inbox/ and run `nsm validate`.",
        "{path} është në arkiv, por asnjë regjistrim nuk e mban (një ekzekutim u ndërpre para "
        "se ta regjistronte, ose të dhënat u rikthyen nga një kopje më e vjetër). Nëse "
        "raporti është ende te inbox/, `nsm validate` e regjistron; përndryshe kopjojeni te "
        "inbox/ dhe ekzekutoni `nsm validate`.",
    ),
    "workspace-feedback-missing": Entry(
        W,
        "Record {record} ({name}) points at the feedback workbook {path}, which is not there. "
        "Put it back from a backup (`nsm restore DIR`); the institution may already have it.",
        "Regjistrimi {record} ({name}) tregon librin e komenteve {path}, i cili nuk është aty. "
        "Rikthejeni nga një kopje rezervë (`nsm restore DIR`); institucioni mund ta ketë "
        "tashmë.",
    ),
    "workspace-feedback-unrecorded": Entry(
        W,
        "The feedback workbook {path} belongs to no record (left by a run that was stopped, or "
        "records put back from an older copy). Check it, and move it out of the outbox if it "
        "is not needed.",
        "Libri i komenteve {path} nuk i përket asnjë regjistrimi (mbetur nga një ekzekutim i "
        "ndërprerë, ose të dhëna të rikthyera nga një kopje më e vjetër). Kontrollojeni dhe "
        "nxirreni nga outbox nëse nuk nevojitet.",
    ),
    "workspace-template-missing": Entry(
        W,
        "The issued template {path} (version {version}) is not on disk. `nsm generate` issues "
        "a new version; a backup has the original.",
        "Shablloni i lëshuar {path} (versioni {version}) nuk është në disk. `nsm generate` "
        "lëshon një version të ri; një kopje rezervë ka origjinalin.",
    ),
    "workspace-template-changed": Entry(
        W,
        "{path} is no longer the template issued as version {version}: its bytes changed. "
        "`nsm generate` moves it aside and issues a new version.",
        "{path} nuk është më shablloni i lëshuar si versioni {version}: përmbajtja e tij ka "
        "ndryshuar. `nsm generate` e zhvendos mënjanë dhe lëshon një version të ri.",
    ),
    "workspace-leftover-temp": Entry(
        W,
        "{path} is a temporary file left by a run that was stopped. The next `nsm validate`, "
        "`nsm generate` or `nsm consolidate` removes it; it can also be deleted.",
        "{path} është një skedar i përkohshëm i mbetur nga një ekzekutim i ndërprerë. "
        "`nsm validate`, `nsm generate` ose `nsm consolidate` i radhës e heq; mund edhe ta "
        "fshini.",
    ),
    "workspace-interrupted-run": Entry(
        W,
        "A run was stopped before it finished: the records hold {count} notes of files it "
        "wrote or moved. The next `nsm validate` and `nsm generate` finish it.",
        "Një ekzekutim u ndërpre para se të përfundonte: të dhënat mbajnë {count} shënime për "
        "skedarë që ai shkroi ose zhvendosi. `nsm validate` dhe `nsm generate` i radhës e "
        "përfundojnë.",
    ),
    "workspace-inbox-not-regular": Entry(
        W,
        "{path} in the inbox is a {kind}, not a plain file. Put the workbook itself in inbox/ "
        "and take the {kind} away.",
        "{path} në inbox është {kind_sq}, jo skedar i zakonshëm. Vendosni vetë librin Excel te "
        "inbox/ dhe hiqni {kind_sq}.",
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
