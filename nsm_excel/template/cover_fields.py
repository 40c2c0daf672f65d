"""The fields of the template's Cover: one row each, the key in a ``field`` column and the answer
in a ``value`` column; the same definitions give the Cover sheet and the Cover's checks."""

from __future__ import annotations

from nsm_excel.core.words import Word
from nsm_excel.template.columns import DATE_FORMAT, TemplateColumn, ValueKind

COVER_KEYS = ("field", "label", "value")

COVER_FIELDS: tuple[TemplateColumn, ...] = (
    TemplateColumn("strategy", Word("template.column.cover.strategy"), ValueKind.TEXT, 0),
    TemplateColumn("institution", Word("template.column.cover.institution"), ValueKind.CODE, 0),
    TemplateColumn(
        "institution_name", Word("template.column.cover.institution_name"), ValueKind.TEXT, 0
    ),
    TemplateColumn("period", Word("template.column.cover.period"), ValueKind.CODE, 0),
    TemplateColumn("deadline", Word("template.column.cover.deadline"), ValueKind.DATE, 0),
    TemplateColumn("template_id", Word("template.column.cover.template_id"), ValueKind.CODE, 0),
    TemplateColumn(
        "template_version", Word("template.column.cover.template_version"), ValueKind.CODE, 0
    ),
    TemplateColumn("plan_version", Word("template.column.cover.plan_version"), ValueKind.CODE, 0),
    TemplateColumn(
        "reporter_name",
        Word("template.column.cover.reporter_name"),
        ValueKind.TEXT,
        0,
        input=True,
        required=True,
        help=Word("template.help.cover.reporter_name"),
    ),
    TemplateColumn(
        "reporter_email",
        Word("template.column.cover.reporter_email"),
        ValueKind.EMAIL,
        0,
        input=True,
        required=True,
        help=Word("template.help.cover.reporter_email"),
    ),
    TemplateColumn(
        "reporter_phone",
        Word("template.column.cover.reporter_phone"),
        ValueKind.TEXT,
        0,
        input=True,
        help=Word("template.help.cover.reporter_phone"),
    ),
    TemplateColumn(
        "submission_date",
        Word("template.column.cover.submission_date"),
        ValueKind.DATE,
        0,
        input=True,
        required=True,
        help=Word("template.help.cover.submission_date"),
        number_format=DATE_FORMAT,
    ),
    TemplateColumn(
        "remarks",
        Word("template.column.cover.remarks"),
        ValueKind.LONG_TEXT,
        0,
        input=True,
        help=Word("template.help.cover.remarks"),
    ),
)
