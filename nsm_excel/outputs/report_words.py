"""The fixed words of the summary report, in Albanian and English.

Words with ``{placeholders}`` are filled by :meth:`nsm_excel.summary_report.Formats.word`.
"""

from __future__ import annotations

from nsm_excel.core.labels import Shown, Text
from nsm_excel.core.vocab.terms import Funding

WORDS: dict[str, Shown] = {
    # header and footer
    "title": Text(
        "Raport përmbledhës për zbatimin e Planit të Veprimit",
        "Summary report on the implementation of the Action Plan",
    ),
    "audience": Text(
        "Për Komitetin Teknik për Migracionin dhe Grupin Drejtues për Migracionin",
        "For the Technical Committee on Migration and the Steering Group on Migration",
    ),
    "period": Text("Periudha", "Period"),
    "deadline": Text("Afati i raportimit", "Reporting deadline"),
    "generated": Text("Krijuar më {made}", "Generated on {made}"),
    "contact": Text("Kontakti", "Contact"),
    "definitions": Text(
        "Shifrat sipas përkufizimeve në docs/figures.md", "Figures as defined in docs/figures.md"
    ),
    "none": Text("Asnjë.", "None."),
    "total": Text("Gjithsej", "Total"),
    "code": Text("Kodi", "Code"),
    # key figures
    "headline": Text("Shifrat kryesore", "Key figures"),
    "reporting_rate": Text("Shkalla e raportimit", "Reporting rate"),
    "accepted_of_expected": Text(
        "{accepted} nga {expected} raporte të pranuara", "{accepted} of {expected} returns accepted"
    ),
    "on_time_rate": Text("Raportuar në afat", "Reported on time"),
    "on_time_detail": Text("{on_time} në afat, {late} me vonesë", "{on_time} on time, {late} late"),
    "implementation_rate": Text("Shkalla e zbatimit", "Implementation rate"),
    "implemented_of_due": Text(
        "{implemented} nga {due} masa të afatuara, brezi {band}",
        "{implemented} of {due} measures due, band {band}",
    ),
    "execution": Text("Ekzekutimi i buxhetit", "Budget execution"),
    "spent_of_planned": Text("{spent} nga {planned}", "{spent} of {planned}"),
    "rejected": Text("Të refuzuara", "Rejected"),
    "rejected_detail": Text("dërguan, asnjë skedar i pranuar", "sent, no file accepted"),
    "missing": Text("Pa dërguar", "Missing"),
    "missing_detail": Text("asnjë skedar i marrë", "no file received"),
    "statuses": Text("Masat sipas statusit", "Measures by status"),
    "status": Text("Statusi", "Status"),
    "count": Text("Numri", "Number"),
    "no_report": Text("Pa raport", "No report"),
    # implementation
    "by_goal": Text("Zbatimi sipas qëllimeve të politikës", "Implementation by policy goal"),
    "by_objective": Text(
        "Zbatimi sipas objektivave specifikë", "Implementation by specific objective"
    ),
    "by_gcm": Text(
        "Zbatimi sipas objektivave të Paktit Global (GCM)",
        "Implementation by Global Compact (GCM) objective",
    ),
    "goal": Text("Qëllimi i politikës", "Policy goal"),
    "objective": Text("Objektivi specifik", "Specific objective"),
    "gcm_objective": Text("Objektivi i GCM", "GCM objective"),
    "measures": Text("Masa", "Measures"),
    "due": Text("Të afatuara", "Due"),
    "implemented": Text("Të zbatuara", "Implemented"),
    "band": Text("Brezi", "Band"),
    "chart_goal_rates": Text(
        "Shkalla e zbatimit sipas qëllimit të politikës", "Implementation rate by policy goal"
    ),
    "chart_goal_statuses": Text(
        "Statusi i masave sipas qëllimit të politikës", "Status of measures by policy goal"
    ),
    "chart_objective_rates": Text(
        "Shkalla e zbatimit sipas objektivit specifik", "Implementation rate by specific objective"
    ),
    "chart_goal_execution": Text(
        "Ekzekutimi i buxhetit sipas qëllimit të politikës", "Budget execution by policy goal"
    ),
    # measures
    "delayed": Text(
        "Masa me vonesë, të zbatuara pjesërisht ose të pafilluara",
        "Delayed, partially implemented and not started measures",
    ),
    "unreported": Text("Masa të afatuara pa raport", "Measures due with no report"),
    "measure": Text("Masa", "Measure"),
    "lead": Text("Drejtuesi", "Lead"),
    "ends": Text("Mbaron", "Ends"),
    "is_due": Text("E afatuar", "Due"),
    "reason": Text("Arsyeja e vonesës", "Reason for the delay"),
    "no_reason": Text("pa arsye të dhënë", "no reason given"),
    "lead_return": Text("Raporti i drejtuesit", "Lead's return"),
    # indicators
    "off_track": Text("Tregues jashtë rrugës", "Indicators off track"),
    "without_value": Text("Tregues pa vlerë", "Indicators without a value"),
    "indicator": Text("Treguesi", "Indicator"),
    "baseline": Text("Vlera bazë", "Baseline"),
    "target": Text("Synimi {year}", "Target {year}"),
    "actual": Text("Vlera", "Actual"),
    "progress": Text("Progresi", "Progress"),
    "comment": Text("Komenti", "Comment"),
    "responsible": Text("Përgjegjës", "Responsible"),
    "light_red": Text("e kuqe", "red"),
    "light_amber": Text("portokalli", "amber"),
    "light_green": Text("jeshile", "green"),
    "light_grey": Text("pa vlerë", "no value"),
    "progress_note": Text(
        "Progresi = (vlera - vlera bazë) / (synimi - vlera bazë), i kufizuar në 0-100 %.",
        "Progress = (actual - baseline) / (target - baseline), shown between 0 and 100 %.",
    ),
    # budget
    "budget": Text("Ekzekutimi i buxhetit", "Budget execution"),
    "by_source": Text("Sipas burimit të financimit", "By funding source"),
    "budget_by_goal": Text("Sipas qëllimit të politikës", "By policy goal"),
    "source": Text("Burimi", "Source"),
    # the funding sources: the words of the vocabulary, as the master workbook shows them
    **{f"source_{source}": word for source, word in Funding.words().items()},
    "planned": Text("Planifikuar {year}", "Planned {year}"),
    "spent": Text("Shpenzuar", "Spent"),
    "gap": Text("Mungesa e financimit (plani)", "Financing gap (plan)"),
    "gap_note": Text(
        "Për pjesën pa financim nuk raportohen shpenzime: çdo shpenzim raportohet si buxhet "
        "i shtetit ose i donatorëve. Mungesa e financimit është ajo e planit, për të gjithë vitet.",
        "No spending is reported against the unfunded share: spending is state or donor. "
        "The financing gap is the plan's, for all years.",
    ),
    # gender
    "gender": Text("Rezultatet sipas gjinisë", "Results by sex"),
    "women": Text("Gra", "Women"),
    "men": Text("Burra", "Men"),
    # institutions
    "institutions": Text(
        "Institucione pa raport, me vonesë ose të refuzuara",
        "Institutions missing, late or rejected",
    ),
    "institution": Text("Institucioni", "Institution"),
    "contact_point": Text("Pika e kontaktit", "Contact point"),
    "state": Text("Gjendja", "State"),
    "state_missing": Text("pa dërguar", "missing"),
    "state_rejected": Text("refuzuar", "rejected"),
    "state_late": Text("me vonesë", "late"),
    "state_on time": Text("në afat", "on time"),
    "last_received": Text("Marrë së fundi", "Last received"),
    "files": Text("Skedarë (refuzuar)", "Files (rejected)"),
    "problems": Text("Problemet e para", "First problems"),
    "more_problems": Text("dhe {n} të tjera", "and {n} more"),
}
