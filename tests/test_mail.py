"""nsm send and nsm remind against a real mail server: aiosmtpd on 127.0.0.1, STARTTLS with a
certificate trustme made, a login checked; what it received parsed with the standard library."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from nsm_excel.core import words
from nsm_excel.desk.remind import send_reminders
from nsm_excel.desk.send import UnknownInstitution, send_templates
from nsm_excel.store import audit, database, ledger, mailings, register
from nsm_excel.store.mail_settings import SmtpSettings
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import make_workspace, small_plan

USER, PASSWORD = "secretariat", "s3cret-pass"
ADDRESSES = {
    "MB": ("Arbën Hoxha", "arben.hoxha@example.gov.al; info@example.gov.al"),
    "AKPA": ("Elira Çela", "elira.cela@example.gov.al"),
    "AIDA": ("Ana\nBcc: victim@example.com", "ana@example.gov.al"),
    "BSH": ("Besa Doko", "besa@example.gov.al"),
}


@dataclass
class Inbox:
    """What the server received: (envelope recipients, parsed message) per message."""

    got: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = BytesParser(policy=policy.default).parsebytes(envelope.content)
        assert isinstance(parsed, EmailMessage)
        self.got.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Inbox, int]]:
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # the client trusts the test's authority
    inbox, port = Inbox(), _free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=_authenticate,
    )
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _plan() -> dict[str, list[dict[str, Any]]]:
    rows = small_plan()
    for row in rows["Institutions"]:
        row["contact_name"], row["contact_email"] = ADDRESSES[row["code"]]
    return rows


def _space(root: Path, port: int | None = None, rows: Any = None, **smtp: Any) -> Workspace:
    settings = None
    if port is not None:
        given = {"user": USER, "password_env": "NSM_TEST_PASSWORD"} | smtp
        settings = SmtpSettings("127.0.0.1", port, timeout=5, **given)
    ws = make_workspace(root, rows or _plan(), smtp=settings)
    generate(ws)
    return ws


def _rows(ws: Workspace) -> list[mailings.Mailing]:
    with database.connect(ws.database, backup=False) as db:
        return mailings.of_period(db, "2026-H1")


def test_each_institution_gets_its_template_in_its_language_over_starttls_and_login(
    tmp_path: Path, server: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = server
    monkeypatch.setenv("NSM_TEST_PASSWORD", PASSWORD)
    ws = _space(tmp_path / "ws", port)
    result = send_templates(ws)
    assert result.ok and {o.state for o in result.outcomes} == {"sent"}
    with database.connect(ws.database, backup=False) as db:
        issued = {t.institution: t for t in register.expected(db, "2026-H1")}
    assert len(inbox.got) == len(issued)
    by_to = {msg["To"].addresses[0].addr_spec: (rcpt, msg) for rcpt, msg in inbox.got}
    rcpt, mb = by_to["arben.hoxha@example.gov.al"]
    assert rcpt == ["arben.hoxha@example.gov.al", "info@example.gov.al"]
    assert mb["To"].addresses[0].display_name == "Arbën Hoxha"  # encoded and read back
    assert mb["Subject"] == words.text(
        "mail.template.subject",
        "sq",
        strategy=ws.config.strategy_name("sq"),
        period="2026-H1",
        institution="Ministria e Brendshme",
    )
    assert mb["Content-Language"] == "sq" and "X-Unsent" not in mb
    assert "31.07.2026" in mb.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    [attached] = list(mb.iter_attachments())
    assert attached.get_content() == (ws.root / issued["MB"].file).read_bytes()
    _, aida = by_to["ana@example.gov.al"]  # an English institution, a newline in its name
    assert aida["Content-Language"] == "en" and "Bcc" not in aida
    assert aida["To"].addresses[0].display_name == "Ana Bcc: victim@example.com"
    assert {m.state for m in _rows(ws)} == {mailings.SENT}
    with database.connect(ws.database, backup=False) as db:
        actions = [e.action for e in audit.events(db, period="2026-H1")]
    assert actions.count(audit.SENT) == len(issued)


def test_sending_again_is_refused_unless_asked(
    tmp_path: Path, server: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = server
    monkeypatch.setenv("NSM_TEST_PASSWORD", PASSWORD)
    ws = _space(tmp_path / "ws", port)
    send_templates(ws, institutions=["MB"])
    again = send_templates(ws, institutions=["MB", "AKPA"])
    assert {o.institution: o.state for o in again.outcomes} == {"AKPA": "sent", "MB": "already"}
    assert len(inbox.got) == 2
    forced = send_templates(ws, institutions=["MB"], again=True)
    assert [o.state for o in forced.outcomes] == ["sent"] and len(inbox.got) == 3
    with pytest.raises(UnknownInstitution, match="NOPE"):
        send_templates(ws, institutions=["NOPE"])


def test_a_run_stopped_while_sending_leaves_unknown_and_no_second_copy(
    tmp_path: Path, server: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = server
    monkeypatch.setenv("NSM_TEST_PASSWORD", PASSWORD)
    ws = _space(tmp_path / "ws", port)
    send_templates(ws, institutions=["MB"])
    with database.connect(ws.database, backup=False) as db, database.transaction(db):
        db.execute("UPDATE mail SET state = 'sending'")  # as a run killed mid-way leaves it
    result = send_templates(ws, institutions=["MB"])
    assert [o.state for o in result.outcomes] == ["unknown", "already"] and not result.ok
    assert len(inbox.got) == 1 and [m.state for m in _rows(ws)] == [mailings.UNKNOWN]
    assert send_templates(ws, institutions=["MB"], again=True).ok and len(inbox.got) == 2


@pytest.mark.parametrize("what", ["refused", "auth"])
def test_a_failure_marks_nothing_sent_and_keeps_the_message(
    tmp_path: Path, server: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    inbox, port = server
    monkeypatch.setenv("NSM_TEST_PASSWORD", "wrong" if what == "auth" else PASSWORD)
    ws = _space(tmp_path / "ws", _free_port() if what == "refused" else port)
    result = send_templates(ws, institutions=["MB"])
    [outcome] = result.outcomes
    assert outcome.state == "failed" and outcome.failure["kind"] == what and not result.ok
    assert not inbox.got and [m.state for m in _rows(ws)] == [mailings.FAILED]
    kept = BytesParser(policy=policy.default).parse((ws.root / outcome.file).open("rb"))
    assert kept["X-Unsent"] == "1"  # to send by hand
    with database.connect(ws.database, backup=False) as db:
        assert [e.action for e in audit.events(db, institution="MB")][-1] == audit.SEND_FAILED


def test_a_missing_password_variable_is_a_clear_error(tmp_path: Path) -> None:
    ws = _space(tmp_path / "ws", 25)
    with pytest.raises(Exception, match="NSM_TEST_PASSWORD is not set"):
        send_templates(ws)


def test_without_smtp_messages_are_eml_drafts_that_parse(tmp_path: Path) -> None:
    ws = _space(tmp_path / "ws")
    result = send_templates(ws)
    assert result.ok and {o.state for o in result.outcomes} == {"drafted"}
    for outcome in result.outcomes:
        assert outcome.file == f"outbox/2026-H1/mail/{outcome.institution}_2026-H1_template.eml"
        parsed = BytesParser(policy=policy.default).parse((ws.root / outcome.file).open("rb"))
        assert parsed["X-Unsent"] == "1" and parsed["Message-ID"]
        assert b"\r\n" in (ws.root / outcome.file).read_bytes()
    assert send_templates(ws, again=True).outcomes[0].file.endswith("_template_2.eml")


def test_a_malformed_or_missing_address_is_named_at_its_cell_and_the_others_go(
    tmp_path: Path,
) -> None:
    rows = _plan()
    rows["Institutions"][0]["contact_email"] = "arben..hoxha@example.gov.al"  # MB, row 2
    del rows["Institutions"][1]["contact_email"]  # AKPA, row 3
    ws = _space(tmp_path / "ws", rows=rows)
    result = send_templates(ws)
    found = sorted((i.code.value, i.sheet, i.cell) for i in result.issues)
    assert found == [
        ("mail-bad-address", "Institutions", "G2"),
        ("mail-no-address", "Institutions", "G3"),
    ]
    bad = next(i for i in result.issues if i.cell == "G2")
    assert bad.message("en").startswith("Sheet Institutions, cell G2: 'arben..hoxha@example")
    states = {o.institution: o.state for o in result.outcomes}
    assert states["MB"] == "skipped" and states["AIDA"] == "drafted" and not result.ok


def test_reminders_go_to_the_pending_near_the_deadline_and_the_overdue_after(
    tmp_path: Path,
) -> None:
    ws = _space(tmp_path / "ws")
    early = send_reminders(ws, today=dt.date(2026, 7, 10))  # 21 days before the deadline
    assert early.outcomes == () and early.ok
    soon = send_reminders(ws, today=dt.date(2026, 7, 26))
    assert soon.outcomes and {o.reason for o in soon.outcomes} == {"pending"}
    assert send_reminders(ws, today=dt.date(2026, 7, 27)).outcomes[0].state == "already"
    late = send_reminders(ws, today=dt.date(2026, 8, 3), institutions=["MB"])
    [outcome] = late.outcomes
    assert (outcome.reason, outcome.state) == ("overdue", "drafted")
    parsed = BytesParser(policy=policy.default).parse((ws.root / outcome.file).open("rb"))
    body = parsed.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "31.07.2026" in body and parsed["Content-Language"] == "sq"
    with database.connect(ws.database, backup=False) as db:
        reminded = [e for e in audit.events(db) if e.action == audit.REMINDED]
    assert len(reminded) == len(soon.outcomes) + 1


def test_settings_read_back_and_wrong_values_name_their_key(tmp_path: Path) -> None:
    from nsm_excel.store import config

    ws = _space(tmp_path / "ws", 2525)
    assert ws.config.smtp is not None
    again = config.load(ws.root / "nsm.toml")
    assert again.smtp == ws.config.smtp and again.reminder_days == 7
    text = (ws.root / "nsm.toml").read_text(encoding="utf-8").replace("port = 2525", 'port = "x"')
    (ws.root / "nsm.toml").write_text(text, encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"\[smtp\] port"):
        config.load(ws.root / "nsm.toml")
    plain = make_workspace(tmp_path / "plain")
    assert "# [smtp]" in (plain.root / "nsm.toml").read_text(encoding="utf-8")
    assert replace(plain.config, smtp=None) == config.load(plain.root / "nsm.toml")


def test_the_command_names_the_cell_and_exits_1_when_an_address_is_wrong(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from nsm_excel.cli.app import main

    rows = _plan()
    rows["Institutions"][0]["contact_email"] = "arben..hoxha@example.gov.al"
    ws = _space(tmp_path / "ws", rows=rows)
    result = CliRunner().invoke(main, ["send", "-w", str(ws.root)])
    assert result.exit_code == 1, result.output
    assert "Sheet Institutions, cell G2: 'arben..hoxha@example.gov.al'" in result.output
    assert "AKPA_2026-H1_template.eml" in result.output  # the others went
    again = CliRunner().invoke(main, ["send", "-w", str(ws.root), "-i", "AKPA", "--json"])
    assert again.exit_code == 0 and '"state": "already"' in again.output


def test_the_log_tells_each_message_with_its_recipients_file_and_reason(tmp_path: Path) -> None:
    from nsm_excel.outputs import event_log

    ws = _space(tmp_path / "ws")
    sent = send_templates(ws, institutions=["MB"]).outcomes[0]
    reminded = send_reminders(ws, today=dt.date(2026, 8, 3), institutions=["MB"]).outcomes[0]
    entries = [e.event for e in event_log.read(ws, institution="MB").entries]
    drafted, reminder = (e for e in entries if e.action in (audit.DRAFTED, audit.REMINDED))
    address = ADDRESSES["MB"][1].split(";")[0].split(",")[0].strip()
    assert address in event_log.sentence(drafted, "en") and sent.file in event_log.sentence(
        drafted, "en"
    )
    said = event_log.sentence(reminder, "sq")
    assert said.startswith("kujtesa (pas afatit) për") and reminded.file in said


def test_a_rejected_return_is_asked_again_by_the_deadline_or_as_soon_as_possible_after(
    tmp_path: Path,
) -> None:
    from tests.returns import drop, filled, run

    ws = _space(tmp_path / "ws")
    drop(ws, "MB_2026-H1.xlsx", filled(ws, "MB", 1, ("status-misspelled",)))
    run(ws)
    bodies = {}
    for day in (dt.date(2026, 7, 20), dt.date(2026, 8, 3)):
        result = send_reminders(ws, today=day, institutions=["MB"], again=True)
        [outcome] = result.outcomes
        assert outcome.reason == "rejected"
        parsed = BytesParser(policy=policy.default).parse((ws.root / outcome.file).open("rb"))
        bodies[day.month] = parsed.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert [p.get_filename() for p in parsed.iter_attachments()] == ["MB_2026-H1_feedback.xlsx"]
    assert "deri më 31.07.2026" in bodies[7] and "sa më shpejt" in bodies[8]


def test_the_reminder_of_a_rejected_return_reaches_the_person_who_sent_it(tmp_path: Path) -> None:
    from tests.returns import drop, filled, put, run

    ws = _space(tmp_path / "ws")
    wrong = filled(ws, "MB", 1, ("status-misspelled",))
    wrong, _ = put(wrong, "Cover", "reporter_email", "value", "drita.kola@example.gov.al")
    drop(ws, "MB_2026-H1.xlsx", wrong)
    run(ws)
    [outcome] = send_reminders(ws, today=dt.date(2026, 7, 20), institutions=["MB"]).outcomes
    assert outcome.reason == "rejected"
    parsed = BytesParser(policy=policy.default).parse((ws.root / outcome.file).open("rb"))
    assert "drita.kola@example.gov.al" in str(parsed["To"])
    with database.connect(ws.database, backup=False) as db:
        [record] = [r for r in ledger.all_records(db) if r.status == "rejected"]
    assert record.reporter and record.reporter["reporter_email"] == "drita.kola@example.gov.al"


def test_a_login_to_a_server_that_offers_none_says_so_not_that_tls_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)  # no TLS, no AUTH
    controller.start()
    try:
        monkeypatch.setenv("NSM_TEST_PASSWORD", PASSWORD)
        ws = _space(tmp_path / "ws", port, starttls=False)
        [outcome] = send_templates(ws, institutions=["MB"]).outcomes
    finally:
        controller.stop()
    assert outcome.state == "failed" and outcome.failure["kind"] == "no-login" and not inbox.got
    said = words.text("mail.failure.no-login", "en")
    assert "[smtp]" in said and "secure connection" not in said
