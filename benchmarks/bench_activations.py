"""Issuing 10,000 activations (R5, F6) with delivery to a local SMTP server: limit 60 s.

The data: 10,000 approved members on forms of three, each with an email address, written with
Core bulk inserts into a fresh SQLite database.

The SMTP server is aiosmtpd in **another process** (as the department's server would be),
counting the messages and the distinct recipients it accepted, so the run also proves that every
member got exactly one message.

Timed: ``ActivationService.issue`` as the Activations page runs it, on a worker thread, with a
progress callback: the accounts and code hashes in one unit of work, then the F6 messages over one
SMTP connection with each acceptance committed on its own. While it runs, the main thread (where
the GUI would be) ticks every 10 ms and records how late its ticks come: the longest delay is how
long the window could freeze at worst (Python's GIL switch interval is 5 ms).

Baseline: the same number of prebuilt messages of the same size sent with ``smtplib`` over one
connection to the same server (what SMTP alone costs).

Also timed: the supervisor's dashboard (``DashboardService.figures``) on a database of
600,000 application members and 240,000 accounts at full size (baseline: a bare
``SELECT count(*)`` over the members, the one scan the dashboard needs).
"""

from __future__ import annotations

import contextlib
import json
import smtplib
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks.common import FULL, PROJECT_ROOT, Result, Sizes, median, stopwatch

NAME = "activations"
LIMIT_S = 60.0
FULL_ACTIVATIONS = 10_000
DASHBOARD_LIMIT_S = 1.0
_AS_OF = date(2025, 3, 3)
_MAIL_FROM = "Families Clinics <noreply@fc.example.gov.hk>"
_URL = "https://booking.fc.example.gov.hk/activate"

# The SMTP server process: counts messages and distinct recipients, reports them when stdin
# closes. aiosmtpd's Controller runs the server on its own thread of that process.
_SERVER = r"""
import json, sys, threading
from aiosmtpd.controller import Controller

class Counter:
    def __init__(self):
        self.messages = 0
        self.recipients = set()
        self.bytes = 0
        self.lock = threading.Lock()
    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages += 1
            self.recipients.update(envelope.rcpt_tos)
            self.bytes += len(envelope.original_content or b"")
        return "250 2.0.0 OK"

counter = Counter()
controller = Controller(counter, hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() == "report":
        with counter.lock:
            print(json.dumps({"messages": counter.messages,
                              "recipients": len(counter.recipients),
                              "bytes": counter.bytes}), flush=True)
controller.stop()
"""


class SmtpServerProcess:
    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SERVER, str(self.port)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=PROJECT_ROOT,
        )
        assert self.proc.stdout is not None
        if self.proc.stdout.readline().strip() != "ready":
            raise RuntimeError("the SMTP server process did not start")

    def report(self) -> dict[str, int]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("report\n")
        self.proc.stdin.flush()
        result: dict[str, int] = json.loads(self.proc.stdout.readline())
        return result

    def stop(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def activations_for(sizes: Sizes) -> int:
    """10,000 at full size, scaled with the seed size otherwise (1,000 when quick)."""
    return max(30, round(FULL_ACTIVATIONS * sizes.seed_people / FULL.seed_people))


def _tables() -> dict[str, sa.Table]:
    from fc_admin.models import Account, Application, ApplicationMember

    return {
        m.__tablename__: m.__table__  # type: ignore[misc]
        for m in (Account, Application, ApplicationMember)
    }


def _hkid(number: int) -> str:
    from fc_admin.domain.hkid import check_character

    prefix = "AB"[number // 1_000_000]
    digits = f"{number % 1_000_000:06d}"
    return f"{prefix}{digits}({check_character(prefix, digits)})"


def build(
    db_url: str, members: int, accounts_share: float = 0.0, domain: str = "example.org"
) -> float:
    """``members`` approved members on forms of three (each with an email); with
    ``accounts_share`` > 0, that share of them already holds an account, in mixed states
    (for the dashboard). Seconds."""
    from fc_admin.db import Database

    tables = _tables()
    now = datetime.combine(_AS_OF, datetime.min.time(), tzinfo=UTC)
    db = Database(db_url)
    forms = (members + 2) // 3
    batch = 3_000
    with stopwatch() as elapsed, db.write() as session:
        member_no = 0
        for start in range(0, forms, batch):
            count = min(batch, forms - start)
            ids = (
                session.execute(
                    sa.insert(tables["application"]).returning(
                        tables["application"].c.id, sort_by_parameter_order=True
                    ),
                    [
                        {
                            "form_id": f"EF{_AS_OF:%Y%m%d}-{start + i:06d}",
                            "channel": "iam_smart",
                            "submitted_at": now,
                            "received_date": _AS_OF - timedelta(days=(start + i) % 30),
                            "notification_deadline": _AS_OF + timedelta(days=(start + i) % 20 - 5),
                            "applicant_hkid": _hkid(3 * (start + i)),
                            "applicant_email": f"applicant{start + i}@example.org",
                            "applicant_mobile": "91234567",
                            "clinic_code": None,
                            "keyed_by": None,
                            "signature_key_id": None,
                            "status": "DONE" if (start + i) % 4 else "OPEN",
                            "assigned_to": None,
                            "imported_at": now,
                            "version": 1,
                        }
                        for i in range(count)
                    ],
                )
                .scalars()
                .all()
            )
            rows: list[dict[str, Any]] = []
            for app_id in ids:
                for position in (1, 2, 3):
                    if member_no >= members:
                        break
                    rows.append(
                        {
                            "application_id": app_id,
                            "position": position,
                            "hkid": _hkid(member_no),
                            "name_en": f"CHAN, Tai Man {member_no}",
                            "name_zh": "陳大文",
                            "date_of_birth": date(1975, 3, 2),
                            "category": "officer" if position == 1 else "dependant",
                            "relationship": ("self", "spouse", "child")[position - 1],
                            "principal_hkid": _hkid(member_no - position + 1),
                            "department": "LCSD",
                            "staff_no": None,
                            "email": f"member{member_no}@{domain}",
                            "child_status": None,
                            "outcome": "ELIGIBLE",
                            "outcome_reasons": "[]",
                            "name_similarity": 1.0,
                            "verified_at": now,
                            "decision": "approve",
                            "decision_reason": None,
                            "decision_note": None,
                            "decided_by": "benchmark",
                            "decided_at": now,
                            "version": 1,
                        }
                    )
                    member_no += 1
            session.execute(sa.insert(tables["application_member"]), rows)
        if accounts_share > 0:
            _add_accounts(session, tables, members, accounts_share)
    db.dispose()
    return elapsed()


def _add_accounts(session: Any, tables: dict[str, sa.Table], members: int, share: float) -> None:
    statuses = ("ISSUED", "ACTIVE", "ACTIVE", "EXPIRED", "SUSPENDED")
    rows: list[dict[str, Any]] = []
    # Spread over the members: of every 100 consecutive members, the first share * 100.
    chosen = (m for m in range(1, members + 1) if m % 100 < round(share * 100))
    for n, member_id in enumerate(chosen):
        issued = _AS_OF - timedelta(days=n % 240)
        rows.append(
            {
                "account_id": f"FC{n:08d}",
                "member_id": member_id,
                "hkid": _hkid(member_id - 1),
                "code_hash": "void",
                "status": statuses[n % len(statuses)],
                "issued_on": issued,
                "activation_deadline": issued + timedelta(days=243),
                "activated_at": None,
                "failed_attempts": 0,
                "delivery": "email",
                "email_to": f"member{member_id - 1}@example.org",
                "sent_at": datetime.combine(issued, datetime.min.time(), tzinfo=UTC),
                "send_error": None,
                "reminder_sent_at": None,
                "suspended_reason": None,
                "version": 1,
            }
        )
        if len(rows) >= 10_000:
            session.execute(sa.insert(tables["account"]), rows)
            rows = []
    if rows:
        session.execute(sa.insert(tables["account"]), rows)


def _prebuilt_messages(count: int) -> list[tuple[str, bytes]]:
    """Messages like ours (same builder, so the same size), built before the clock starts."""
    from fc_admin.domain.activation_codes import new_code
    from fc_admin.exchange.activation_email import ActivationEmail, activation_message

    at = datetime.combine(_AS_OF, datetime.min.time(), tzinfo=UTC)
    found = []
    for n in range(count):
        to = f"baseline{n}@example.org"
        message = activation_message(
            ActivationEmail(
                to=to,
                name_en=f"CHAN, Tai Man {n}",
                name_zh="陳大文",
                account_id=f"FC{n:08d}",
                code=new_code(),
                deadline=_AS_OF,
                activation_url=_URL,
            ),
            mail_from=_MAIL_FROM,
            at=at,
        )
        found.append((to, message.as_bytes(policy=message.policy.clone(linesep="\r\n"))))
    return found


def smtplib_baseline(port: int, count: int) -> float:
    messages = _prebuilt_messages(count)
    with stopwatch() as elapsed:
        connection = smtplib.SMTP("127.0.0.1", port, timeout=30)
        for to, data in messages:
            connection.sendmail("noreply@fc.example.gov.hk", [to], data)
        connection.quit()
    return elapsed()


def issue_once(db_url: str, port: int) -> dict[str, Any]:
    """``issue`` on a worker thread while this thread ticks like a GUI event loop."""
    from fc_admin.db import Database
    from fc_admin.services.activations import ActivationService
    from fc_admin.services.actor import Actor
    from fc_admin.services.clock import FixedClock
    from fc_admin.services.mailer import SmtpMailer
    from fc_admin.settings import Settings
    from fc_admin.tasks import TaskControl

    db = Database(db_url)
    clock = FixedClock(
        datetime.combine(_AS_OF, datetime.min.time(), tzinfo=UTC) + timedelta(hours=2)
    )
    service = ActivationService(
        db,
        clock,
        SmtpMailer("127.0.0.1", port, False, "", "", timeout=30),
        Settings(mail_from=_MAIL_FROM, activation_url=_URL),
    )
    progress: list[tuple[float, int]] = []
    started = time.perf_counter()

    def on_progress(done: int, total: int, what: str) -> None:
        progress.append((time.perf_counter() - started, done))

    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["results"] = service.issue(
                Actor("cli:benchmark", None), control=TaskControl(on_progress)
            )
        except BaseException as exc:  # reported by the main thread
            outcome["error"] = exc
        outcome["seconds"] = time.perf_counter() - started

    worker = threading.Thread(target=work, name="issue")
    worker.start()
    worst_tick = 0.0
    tick = 0.010
    while worker.is_alive():
        before = time.perf_counter()
        time.sleep(tick)
        worst_tick = max(worst_tick, time.perf_counter() - before - tick)
    worker.join()
    db.dispose()
    if "error" in outcome:
        raise outcome["error"]
    results = outcome["results"]
    first_sent = next((t for t, done in progress if done > 0), None)
    return {
        "seconds": outcome["seconds"],
        "issued": len(results),
        "sent": sum(1 for r in results if r.sent),
        "progress_calls": len(progress),
        "first_progress_s": first_sent,
        "worst_tick_delay_s": worst_tick,
    }


def dashboard_figures(db_url: str, runs: int) -> tuple[float, Any]:
    from fc_admin.db import Database
    from fc_admin.services.actor import Actor
    from fc_admin.services.clock import FixedClock
    from fc_admin.services.dashboard import DashboardService

    db = Database(db_url)
    clock = FixedClock(datetime.combine(_AS_OF, datetime.min.time(), tzinfo=UTC))
    service = DashboardService(db, clock)
    times = []
    figures = None
    for _ in range(runs):
        with stopwatch() as elapsed:
            figures = service.figures(Actor("cli:benchmark", None))
        times.append(elapsed())
    db.dispose()
    return median(times), figures


def raw_member_count(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        with stopwatch() as elapsed:
            conn = sqlite3.connect(path)
            conn.execute("SELECT count(*) FROM application_member").fetchone()
            conn.close()
        times.append(elapsed())
    return median(times)


def _fresh_sqlite(path: Path) -> str:
    from fc_admin.db import Database
    from fc_admin.schema import upgrade

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    db = Database(url)
    upgrade(db)
    db.dispose()
    return url


def run(sizes: Sizes, workdir: Path, postgres_url: str | None = None) -> list[Result]:
    count = activations_for(sizes)
    url = _fresh_sqlite(workdir / "activations.sqlite3")
    server = SmtpServerProcess()
    try:
        baseline_s = smtplib_baseline(server.port, count)
        results = _issue("SQLite", url, server, count, baseline_s)
        if postgres_url:
            with _fresh_postgres(postgres_url) as pg_url:
                results += _issue("PostgreSQL", pg_url, server, count, baseline_s)
    finally:
        server.stop()
    results += _dashboard(sizes, workdir)
    return results


@contextlib.contextmanager
def _fresh_postgres(server_url: str) -> Iterator[str]:
    from fc_admin.db import Database
    from fc_admin.schema import upgrade

    name = f"fc_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        db = Database(url)
        upgrade(db)
        db.dispose()
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _issue(
    label: str, url: str, server: SmtpServerProcess, count: int, baseline_s: float
) -> list[Result]:
    limit = LIMIT_S if count >= FULL_ACTIVATIONS else None
    # Each database's members have their own addresses: the server counts distinct ones.
    build_s = build(url, count, domain=f"{label.lower()}.example.org")
    before = server.report()
    run_ = issue_once(url, server.port)
    after = server.report()
    delivered = after["messages"] - before["messages"]
    recipients = after["recipients"] - before["recipients"]
    if run_["sent"] != count or delivered != count or recipients != count:
        raise RuntimeError(
            f"expected {count} messages to {count} members; issue sent {run_['sent']}, the "
            f"server got {delivered} messages for {recipients} recipients"
        )
    rate = count / run_["seconds"]
    scaled = (
        ""
        if count >= FULL_ACTIVATIONS
        else f"; limit {LIMIT_S:.0f} s is for {FULL_ACTIVATIONS:,}: this rate would take "
        f"{FULL_ACTIVATIONS / rate:,.1f} s"
    )
    return [
        Result(NAME, f"{label}: build {count:,} approved members (set-up)", build_s, "s"),
        Result(
            NAME,
            f"{label}: issue {count:,} activations, SMTP to a local server",
            run_["seconds"],
            "s",
            limit,
            baseline_s,
            f"smtplib sending {count:,} prebuilt messages of the same size over one connection",
            note=(
                f"{rate:,.0f} members/s; the server got {delivered:,} messages for "
                f"{recipients:,} distinct members; {run_['progress_calls']:,} progress updates, "
                f"first after {run_['first_progress_s'] or 0:.2f} s{scaled}"
            ),
            details={"run": run_, "server": after},
        ),
        Result(
            NAME,
            f"{label}: GUI thread, longest tick delay while issuing",
            run_["worst_tick_delay_s"],
            "s",
            note="a 10 ms timer on the main thread while issue() runs on a worker thread",
        ),
    ]


def _dashboard(sizes: Sizes, workdir: Path) -> list[Result]:
    members = sizes.seed_people
    path = workdir / "dashboard.sqlite3"
    url = _fresh_sqlite(path)
    build_s = build(url, members, accounts_share=0.4)
    seconds, figures = dashboard_figures(url, sizes.query_runs)
    baseline = raw_member_count(path, sizes.query_runs)
    limit = DASHBOARD_LIMIT_S if members >= FULL.seed_people else None
    return [
        Result(
            NAME,
            f"build {members:,} members, {round(members * 0.4):,} accounts (set-up)",
            build_s,
            "s",
        ),
        Result(
            NAME,
            f"dashboard figures, {members:,} members (median of {sizes.query_runs})",
            seconds,
            "s",
            limit,
            baseline,
            "raw SELECT count(*) over application_member",
            note=(
                f"waiting decision {figures.forms_waiting_decision:,}, approved waiting "
                f"{figures.approved_waiting_activation:,}, issued {figures.accounts_issued:,}, "
                f"active {figures.accounts_active:,}"
            ),
        ),
    ]


if __name__ == "__main__":  # python -m benchmarks.bench_activations [ACTIVATIONS [POSTGRES_URL]]
    import tempfile

    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else FULL_ACTIVATIONS
    people = round(wanted * FULL.seed_people / FULL_ACTIVATIONS)
    pg = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory(prefix="fc-admin-bench-") as tmp:
        for row in run(Sizes(seed_people=people), Path(tmp), pg):
            print(json.dumps(row.as_json(), default=str, ensure_ascii=False))
