"""The audit log: append-only, with the events the records held before it."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from nsm_excel.store import audit, database, decisions, schema_steps
from nsm_excel.store.workspace import Workspace
from tests.recorded import ONE_ACCEPTED_ONE_REJECTED, recorded_in


def test_no_event_is_rewritten_nor_deleted(tmp_path) -> None:
    path = tmp_path / "nsm.sqlite"
    with database.connect(path, backup=False) as db:
        first = audit.append(db, audit.DECIDED, period="2026-H1", record=3, reason="late but true")
        for statement in ("UPDATE audit_log SET by = 'someone'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute(statement)
        (event,) = audit.events(db, record=3)
    assert (event.id, event.action, event.params) == (first, "decided", {"reason": "late but true"})
    assert event.by == audit.os_user()


def test_an_unknown_action_is_a_programming_error(tmp_path) -> None:
    with database.connect(tmp_path / "nsm.sqlite", backup=False) as db, pytest.raises(ValueError):
        audit.append(db, "forgotten")


def test_the_records_before_the_log_become_its_first_events(tmp_path) -> None:
    space = Workspace.open(recorded_in(tmp_path, ONE_ACCEPTED_ONE_REJECTED))
    steps = len(schema_steps.SCHEMA)
    first_log_step = next(
        i for i, s in enumerate(schema_steps.SCHEMA) if "CREATE TABLE audit_log" in s
    )
    with contextlib.closing(sqlite3.connect(space.database, isolation_level=None)) as db:
        kept = {
            t: db.execute(f"SELECT * FROM {t}").fetchall()
            for t in ("issued_templates", "received", "period_events")
        }
        later = database.expected_tables(steps).keys() - database.expected_tables(first_log_step)
        for table in later:  # the log and every table the schema gained after it
            db.execute(f"DROP TABLE {table}")
        for table, columns in database.expected_tables(first_log_step).items():
            for column in set(database.expected_tables(steps)[table]) - set(columns):
                db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        db.execute(f"PRAGMA user_version = {first_log_step}")
    with database.connect(space.database, backup=False) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == steps
        found = audit.events(db)
    actions = [e.action for e in found]
    assert actions.count("issued") == len(kept["issued_templates"])
    assert actions.count("received") == actions.count("judged") == len(kept["received"])
    assert sum(a.startswith("period-") for a in actions) == len(kept["period_events"])
    assert [e.at for e in found] == sorted(e.at for e in found)
    judged = {e.record: e.params["status"] for e in found if e.action == "judged"}
    assert sorted(judged.values()) == ["accepted", "rejected"]
    assert all(e.by == "" for e in found)


def test_a_decision_is_kept_for_good_with_its_event(tmp_path) -> None:
    space = Workspace.open(recorded_in(tmp_path, ONE_ACCEPTED_ONE_REJECTED))
    with database.connect(space.database) as db:
        rejected = db.execute("SELECT id FROM received WHERE status = 'rejected'").fetchone()[0]
        with database.transaction(db):
            made = decisions.record(
                db, rejected, decisions.ACCEPT, "confirmed by phone", period="2026-H1"
            )
        for statement in ("UPDATE decisions SET reason = ''", "DELETE FROM decisions"):
            with pytest.raises(sqlite3.IntegrityError, match="never"):
                db.execute(statement)
        assert decisions.of_record(db, rejected) == [made]
        assert decisions.of_period(db, "2026-H1") == [made]
        event = audit.events(db, record=rejected)[-1]
    assert (event.action, event.by, event.at) == ("decided", made.by, made.at)
    assert event.params == {"decision": "accept", "reason": "confirmed by phone"}
