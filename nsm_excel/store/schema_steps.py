"""The numbered steps of the records' schema, applied once each by :mod:`nsm_excel.store.database`.

Steps are only ever appended: a workspace's ``PRAGMA user_version`` says how many it has taken.
"""

from __future__ import annotations


def _old(name: str) -> str:
    """A field of an issue as the ledger held it in JSON before schema step 5."""
    return f"coalesce(CAST(json_extract(j.value, '$.{name}') AS TEXT), '')"


SCHEMA: tuple[str, ...] = (
    # 1: the register of issued templates
    """
    CREATE TABLE issued_templates (
        template_id   TEXT PRIMARY KEY,
        institution   TEXT NOT NULL,
        period        TEXT NOT NULL,
        version       INTEGER NOT NULL,
        plan_version  TEXT NOT NULL,
        language      TEXT NOT NULL,
        file          TEXT NOT NULL,
        sha256        TEXT NOT NULL,
        issued_at     TEXT NOT NULL,
        content       TEXT NOT NULL,
        superseded_by TEXT REFERENCES issued_templates(template_id),
        UNIQUE (institution, period, version)
    )
    """,
    # 2: the ledger of received files, and when each content was first seen in the inbox
    """
    CREATE TABLE sightings (
        sha256     TEXT NOT NULL,
        name       TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (sha256, name)
    )
    """,
    """
    CREATE TABLE received (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        sha256          TEXT NOT NULL,
        original_name   TEXT NOT NULL,
        size            INTEGER NOT NULL,
        received_at     TEXT NOT NULL,
        processed_at    TEXT NOT NULL,
        status          TEXT NOT NULL,
        template_id     TEXT,
        institution     TEXT,
        period          TEXT,
        version         INTEGER,
        errors          INTEGER NOT NULL,
        warnings        INTEGER NOT NULL,
        issues          TEXT NOT NULL,
        accepted_values TEXT,
        archive_path    TEXT NOT NULL,
        feedback_path   TEXT,
        duplicate_of    INTEGER REFERENCES received(id),
        superseded_by   INTEGER REFERENCES received(id),
        inbox_removed   INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX received_by_hash ON received (sha256)",
    "CREATE INDEX received_by_institution ON received (institution, period, status)",
    # 3: feedback workbooks written or moved by a run whose records are not yet written
    """
    CREATE TABLE feedback_journal (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        action TEXT NOT NULL,
        path   TEXT NOT NULL,
        target TEXT
    )
    """,
    # 4: files a command writes before the records that hold them (issued templates)
    """
    CREATE TABLE pending_writes (
        path   TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL
    )
    """,
    # 5: each issue of a received file as facts (code, severity, place, parameters as JSON),
    # rendered when shown; the issues recorded before keep the text they were stored with
    """
    CREATE TABLE received_issues (
        received_id INTEGER NOT NULL REFERENCES received(id),
        position    INTEGER NOT NULL,
        code        TEXT NOT NULL,
        severity    TEXT NOT NULL,
        file        TEXT NOT NULL,
        sheet       TEXT NOT NULL,
        cell        TEXT NOT NULL,
        column_key  TEXT NOT NULL,
        value       TEXT NOT NULL,
        params      TEXT,
        message_en  TEXT,
        message_sq  TEXT,
        PRIMARY KEY (received_id, position)
    )
    """,
    f"""
    INSERT INTO received_issues
    SELECT r.id, CAST(j.key AS INTEGER), {_old("code")}, {_old("severity")}, {_old("file")},
        {_old("sheet")}, {_old("cell")}, {_old("column")}, {_old("value")}, NULL,
        json_extract(j.value, '$.message_en'), json_extract(j.value, '$.message_sq')
    FROM received AS r, json_each(iif(json_valid(r.issues), r.issues, '[]')) AS j
    WHERE json_type(j.value) = 'object'
    """,
    "ALTER TABLE received DROP COLUMN issues",
    # 6: the reporting calendar: every period with its deadline and state (planned, open,
    # closed, approved); what closing froze (facts as JSON: deadline, plan version, the
    # returns counted, the settings the outputs show)
    """
    CREATE TABLE periods (
        code      TEXT PRIMARY KEY,
        first_day TEXT NOT NULL,
        last_day  TEXT NOT NULL,
        deadline  TEXT NOT NULL,
        state     TEXT NOT NULL,
        frozen    TEXT
    )
    """,
    # 7: every change to the calendar, with who asked why (facts: action, parameters as JSON)
    """
    CREATE TABLE period_events (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        period TEXT NOT NULL REFERENCES periods(code),
        action TEXT NOT NULL,
        at     TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        params TEXT
    )
    """,
    # 8: every adopted version of the plan, with the day it takes effect and a stored copy
    """
    CREATE TABLE plan_versions (
        number      INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        effective   TEXT NOT NULL,
        adopted_at  TEXT NOT NULL,
        file        TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        note        TEXT NOT NULL DEFAULT ''
    )
    """,
    # 9: a template taken back (its institution no longer reports, or another took over):
    # facts as JSON (when, reason code, parameters); a withdrawn template is no longer expected
    "ALTER TABLE issued_templates ADD COLUMN withdrawn TEXT",
    # 10: the outputs published when a period closed, kept as they were
    """
    CREATE TABLE published (
        period       TEXT NOT NULL REFERENCES periods(code),
        closing      INTEGER NOT NULL,
        kind         TEXT NOT NULL,
        language     TEXT NOT NULL,
        file         TEXT NOT NULL,
        sha256       TEXT NOT NULL,
        published_at TEXT NOT NULL,
        PRIMARY KEY (period, closing, kind, language)
    )
    """,
)
SCHEMA += (
    # 11: the audit log, one row per event of the cycle, in order; append-only (steps 12, 13):
    # facts (action, period, institution, record, template, parameters as JSON), and who (the
    # OS user of the command; empty for the events taken from the records below)
    """
    CREATE TABLE audit_log (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        at          TEXT NOT NULL,
        by          TEXT NOT NULL DEFAULT '',
        action      TEXT NOT NULL,
        period      TEXT,
        institution TEXT,
        record      INTEGER,
        template_id TEXT,
        params      TEXT NOT NULL DEFAULT '{}'
    )
    """,
    """
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an event is never rewritten'); END
    """,
    """
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an event is never deleted'); END
    """,
    # 14: the events the records held before the log, in the order they happened
    """
    INSERT INTO audit_log (at, action, period, institution, record, template_id, params)
    SELECT at, action, period, institution, record, template_id, params FROM (
        SELECT issued_at AS at, 'issued' AS action, period, institution, NULL AS record,
            template_id, json_object('version', version, 'plan_version', plan_version,
            'language', language, 'file', file) AS params, 1 AS step
        FROM issued_templates
        UNION ALL
        SELECT json_extract(withdrawn, '$.at'), 'withdrawn', period, institution, NULL,
            template_id, json_object('reason', json_extract(withdrawn, '$.reason')), 2
        FROM issued_templates WHERE withdrawn IS NOT NULL AND json_valid(withdrawn)
        UNION ALL
        SELECT processed_at, 'received', period, institution, id, template_id,
            json_object('name', original_name, 'sha256', sha256, 'size', size,
            'received_at', received_at), 3
        FROM received
        UNION ALL
        SELECT processed_at, 'judged', period, institution, id, template_id,
            json_object('status', status, 'errors', errors, 'warnings', warnings,
            'duplicate_of', duplicate_of), 4
        FROM received
        UNION ALL
        SELECT at, 'period-' || action, period, NULL, NULL, NULL,
            json_set(iif(json_valid(params), params, '{}'), '$.reason', reason), 5
        FROM period_events
        UNION ALL
        SELECT adopted_at, 'plan-adopted', NULL, NULL, NULL, NULL,
            json_object('number', number, 'effective', effective, 'note', note), 6
        FROM plan_versions
    ) ORDER BY at, step
    """,
)
SCHEMA += (
    # 15: the secretariat's decisions on returns (accept despite problems, return with a
    # comment, settle the cells two copies differ in), with who and why; kept for good
    """
    CREATE TABLE decisions (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        record INTEGER NOT NULL REFERENCES received(id),
        kind   TEXT NOT NULL,
        at     TEXT NOT NULL,
        by     TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        params TEXT NOT NULL DEFAULT '{}'
    )
    """,
    """
    CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
    BEGIN SELECT RAISE(ABORT, 'a decision is never rewritten: record a new one'); END
    """,
    """
    CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
    BEGIN SELECT RAISE(ABORT, 'a decision is never deleted: record a new one'); END
    """,
)
SCHEMA += (
    # 18: every message written or sent to an institution (a template, a reminder): to whom,
    # what it carried, its Message-ID and file, and how far it got (drafted, sending, sent,
    # failed, unknown), with the facts of a failure
    """
    CREATE TABLE mail (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        period        TEXT NOT NULL,
        institution   TEXT NOT NULL,
        kind          TEXT NOT NULL,
        reason        TEXT NOT NULL DEFAULT '',
        recipients    TEXT NOT NULL,
        template_id   TEXT,
        record        INTEGER,
        attachment    TEXT NOT NULL DEFAULT '',
        sha256        TEXT NOT NULL DEFAULT '',
        message_id    TEXT NOT NULL,
        file          TEXT NOT NULL DEFAULT '',
        state         TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        error         TEXT NOT NULL DEFAULT '{}'
    )
    """,
    "CREATE INDEX mail_of_period ON mail (period, institution)",
)
SCHEMA += (
    # 20: who reported, as the Cover of a file matched to its template gave it (JSON: name,
    # e-mail), whatever the verdict: reminders and feedback go to the person who sent the file
    "ALTER TABLE received ADD COLUMN reporter TEXT",
)
SCHEMA += (
    # 21-26: what intake and consolidation ask of a large ledger, found without reading it whole:
    # a period's current returns and records, a feedback workbook's records, the return a record
    # replaced, the files still in the inbox, a period's templates, the template a file holds
    "CREATE INDEX IF NOT EXISTS received_current ON received "
    "(period, status, superseded_by, institution)",
    "CREATE INDEX IF NOT EXISTS received_by_feedback ON received (feedback_path)",
    "CREATE INDEX IF NOT EXISTS received_replacing ON received (superseded_by)",
    "CREATE INDEX IF NOT EXISTS received_in_inbox ON received (id) WHERE inbox_removed = 0",
    "CREATE INDEX IF NOT EXISTS issued_by_period ON issued_templates "
    "(period, institution, version)",
    "CREATE INDEX IF NOT EXISTS issued_by_file ON issued_templates (file)",
)
