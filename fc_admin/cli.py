"""The command line (spec/cli.md): the same services as the window, for scripts and operators.

Exit status: 0 done; 1 the input was refused (the reason on stderr, nothing changed); 2 wrong
usage. ``--json`` prints exactly one JSON document on stdout; every message goes to stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import logging
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal, NoReturn

from fc_admin import __version__
from fc_admin.db import Database, DatabaseError, SchemaOutdated
from fc_admin.domain.booking_window import Channel
from fc_admin.domain.hkid import InvalidHkid, check_hkid
from fc_admin.domain.hktime import HONG_KONG, parse_moment
from fc_admin.settings import Settings, SettingsError, load_settings

log = logging.getLogger("fc_admin.cli")


class Refused(Exception):
    """The input was refused: exit 1 with this one-line reason."""


class UsageError(Exception):
    """Wrong usage: exit 2."""


# -- argument parsing ------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: {message}")


def _common(parser: argparse.ArgumentParser, leaf: bool) -> None:
    # The options are accepted before and after the subcommand ("fc-admin verify --json").
    default: Any = argparse.SUPPRESS if leaf else None
    parser.add_argument(
        "--database", metavar="URL", default=default, help="database URL (or FC_ADMIN_DATABASE_URL)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if leaf else False,
        help="print one JSON document on stdout",
    )
    parser.add_argument(
        "--at",
        metavar="MOMENT",
        default=default,
        help="stands for 'now' (ISO 8601, Hong Kong time without offset)",
    )
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="USER",
        default=default,
        help="act as this staff user (default: cli:<OS user>)",
    )


Handler = Callable[["Context", argparse.Namespace], int]


def _leaf(sub: Any, name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help)
    _common(parser, leaf=True)
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fc-admin",
        description="Families Clinics Online Booking System - "
        "back office. Without a command, opens the desktop application.",
    )
    parser.add_argument("--version", action="version", version=f"fc-admin {__version__}")
    _common(parser, leaf=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    gui = _leaf(commands, "gui", cmd_gui, "open the desktop application")
    gui.add_argument(
        "--demo", action="store_true", help="on a fresh temporary database full of demo data"
    )

    db = commands.add_parser("db", help="database schema and backups").add_subparsers(
        dest="db_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    _leaf(db, "upgrade", cmd_db_upgrade, "create or migrate the database schema")
    _leaf(db, "backup", cmd_db_backup, "consistent copy while in use").add_argument("file")
    _leaf(db, "restore", cmd_db_restore, "restore a backup of fc-admin").add_argument("file")

    users = commands.add_parser("users", help="staff users").add_subparsers(
        dest="users_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    add = _leaf(users, "add", cmd_users_add, "add a staff user (password from stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True)
    add.add_argument("--clinic", metavar="CODE")
    add.add_argument("--display-name", default="")

    demo = commands.add_parser("demo", help="synthetic demo data").add_subparsers(
        dest="demo_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    seed = _leaf(demo, "seed", cmd_demo_seed, "fill the database with synthetic data")
    files = _leaf(demo, "files", cmd_demo_files, "write synthetic F1/F2/F3 files")
    files.add_argument("dir")
    for p in (seed, files):
        p.add_argument("--people", default="2000", metavar="N")
        p.add_argument("--seed", default="1", metavar="S")

    hkid = commands.add_parser("hkid", help="HKID numbers (R9)").add_subparsers(
        dest="hkid_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    _leaf(hkid, "check", cmd_hkid_check, "check and normalise HKIDs").add_argument(
        "values", nargs="+", metavar="VALUE"
    )

    cal = commands.add_parser("calendar", help="working days (R4, R5.3)").add_subparsers(
        dest="calendar_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    _leaf(cal, "holidays", cmd_calendar_holidays, "general holidays and added days").add_argument(
        "--year", required=True
    )
    _leaf(cal, "deadline", cmd_calendar_deadline, "notification deadline (R4.2)").add_argument(
        "--received", required=True, metavar="DATE"
    )
    _leaf(
        cal, "activation-deadline", cmd_calendar_activation, "activation deadline (R5.3)"
    ).add_argument("--issued", required=True, metavar="DATE")

    clinics = commands.add_parser("clinics", help="the six clinics (R6, R7)").add_subparsers(
        dest="clinics_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    _leaf(clinics, "list", cmd_clinics_list, "code, names, go-live date, live today")
    golive = _leaf(clinics, "go-live", cmd_clinics_go_live, "set the go-live date (R7)")
    golive.add_argument("code")
    golive.add_argument("date", metavar="DATE|none")

    booking = commands.add_parser("booking", help="booking windows (R8)").add_subparsers(
        dest="booking_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    window = _leaf(booking, "window", cmd_booking_window, "bookable dates under R8")
    window.add_argument("--clinic", required=True, metavar="CODE")
    window.add_argument("--channel", required=True, choices=[c.value for c in Channel])

    audit = commands.add_parser("audit", help="the audit log (R13.3)").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    _leaf(audit, "verify", cmd_audit_verify, "check the audit hash chain")
    _add_application_commands(commands)
    _add_activation_commands(commands)
    _add_booking_commands(commands)
    return parser


def _add_booking_commands(commands: Any) -> None:
    """Issue 'Clinic rollout and booking': session templates, closures, appointments (R10)."""
    capacity = commands.add_parser("capacity", help="session templates and closures (R10)")
    caps = capacity.add_subparsers(
        dest="capacity_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    template = _leaf(caps, "template", cmd_capacity_template, "load a weekly session template (F8)")
    template.add_argument("code", metavar="CODE")
    template.add_argument("--from", dest="valid_from", required=True, metavar="DATE")
    template.add_argument("file", metavar="FILE")
    close = _leaf(caps, "close", cmd_capacity_close, "close a day or one session (R10.2)")
    close.add_argument("code", metavar="CODE")
    close.add_argument("date", metavar="DATE")
    close.add_argument("--session", metavar="NAME", help="one session (default: the whole day)")
    close.add_argument("--reason", required=True, metavar="TEXT")
    calls = _leaf(caps, "call-list", cmd_capacity_call_list, "the call list of a closure (R10.2)")
    calls.add_argument("code", metavar="CODE")
    calls.add_argument("date", metavar="DATE")
    calls.add_argument("--session", metavar="NAME", help="a session closure (default: whole day)")
    calls.add_argument("--pdf", metavar="FILE")
    calls.add_argument("--csv", metavar="FILE")

    appointments = commands.add_parser("appointments", help="appointments (R8, R10)")
    appts = appointments.add_subparsers(
        dest="appointments_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    book = _leaf(appts, "book", cmd_appointments_book, "book one appointment (R8, R10)")
    book.add_argument("--clinic", required=True, metavar="CODE")
    book.add_argument("--hkid", required=True, metavar="HKID")
    book.add_argument("--date", required=True, metavar="DATE")
    book.add_argument("--time", required=True, metavar="HH:MM")
    book.add_argument("--channel", required=True, choices=[c.value for c in Channel])
    book.add_argument("--phone", metavar="NUMBER", help="contact number for a call list")
    book.add_argument(
        "--request-id", metavar="ID", help="books once however often the command is retried"
    )
    cancel = _leaf(appts, "cancel", cmd_appointments_cancel, "cancel an appointment (R10.5)")
    cancel.add_argument("ref", metavar="REF")
    cancel.add_argument("--reason", required=True, metavar="TEXT")
    _leaf(
        appts, "import", cmd_appointments_import, "import the online bookings feed (F3)"
    ).add_argument("file", metavar="FILE")

    daily = _leaf(commands, "daily-list", cmd_daily_list, "the daily appointment list (R11, F7)")
    which = daily.add_mutually_exclusive_group(required=True)
    which.add_argument("--clinic", metavar="CODE")
    which.add_argument(
        "--all-live", action="store_true", help="every clinic live on DATE (FILE is a folder)"
    )
    daily.add_argument("--date", required=True, metavar="DATE")
    daily.add_argument("--pdf", metavar="FILE", help="print to this PDF (with --all-live: folder)")
    daily.add_argument("--csv", metavar="FILE", help="export F7 CSV (with --all-live: folder)")


def _add_activation_commands(commands: Any) -> None:
    """Issue 'Activation details': accounts, codes, email and letters, deadlines (R5, F6)."""
    activations = commands.add_parser("activations", help="activation details (R5)")
    actions = activations.add_subparsers(
        dest="activations_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    issue = _leaf(
        actions,
        "issue",
        cmd_activations_issue,
        "issue and send activation details to every approved member without them",
    )
    issue.add_argument(
        "--letters", metavar="FILE", help="PDF for the members who get a printed letter (no email)"
    )

    accounts = commands.add_parser("accounts", help="booking-system accounts (R5)")
    acts = accounts.add_subparsers(
        dest="accounts_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    _leaf(
        acts,
        "import-activations",
        cmd_accounts_import_activations,
        "the online system's activations (account_id, activated_at)",
    ).add_argument("file")
    _leaf(acts, "expire", cmd_accounts_expire, "expire accounts past their activation deadline")
    _leaf(acts, "remind", cmd_accounts_remind, "email reminders before the activation deadline")
    reissue = _leaf(acts, "reissue", cmd_accounts_reissue, "new code and deadline (R5.3)")
    reissue.add_argument("account_id", metavar="ACCOUNT_ID")
    reissue.add_argument("--letters", metavar="FILE", help="PDF when the member gets a letter")
    suspend = _leaf(acts, "suspend", cmd_accounts_suspend, "suspend an account (R5.4)")
    suspend.add_argument("account_id", metavar="ACCOUNT_ID")
    suspend.add_argument("--reason", required=True, metavar="TEXT")


def _add_application_commands(commands: Any) -> None:
    """Issue 'Account applications': rosters, e-forms, verification, decisions, query export."""
    roster = commands.add_parser("roster", help="department rosters (F1)").add_subparsers(
        dest="roster_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    imp = _leaf(roster, "import", cmd_roster_import, "import a whole roster of one source")
    imp.add_argument("file")
    imp.add_argument("--source", required=True, metavar="CODE")
    imp.add_argument("--encoding", metavar="ENC", help="utf-8, utf-8-sig or big5hkscs")
    imp.add_argument("--as-of", metavar="DATE", help="the roster's date (default: today)")

    eforms = commands.add_parser("eforms", help="signed e-forms (F2)").add_subparsers(
        dest="eforms_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    eimp = _leaf(eforms, "import", cmd_eforms_import, "import signed e-forms (files or folders)")
    eimp.add_argument("paths", nargs="+", metavar="PATH")
    eimp.add_argument("--trusted-keys", metavar="DIR", help="folder of <key_id>.pem files")

    _leaf(commands, "verify", cmd_verify, "verify every member still waiting (R3)")

    apps = commands.add_parser("applications", help="applications (R2, R3)").add_subparsers(
        dest="applications_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    _leaf(apps, "list", cmd_applications_list, "list applications").add_argument(
        "--status", metavar="S", help="OPEN, DONE or a member outcome such as REVIEW"
    )
    decide = _leaf(apps, "decide", cmd_applications_decide, "decide one member (R3.4)")
    decide.add_argument("form_id", metavar="FORM_ID")
    decide.add_argument("hkid", metavar="HKID")
    decide.add_argument("decision", choices=["approve", "reject", "query"])
    decide.add_argument(
        "--reason",
        metavar="TEXT",
        help="reject: a reason code (or free text, recorded as OTHER); approve of a member "
        "that is not ELIGIBLE: the justification; query: the question to the department",
    )
    _leaf(
        apps,
        "approve-eligible",
        cmd_applications_approve_eligible,
        "approve every member whose outcome is ELIGIBLE",
    )

    export = commands.add_parser("export", help="files for departments (R12)").add_subparsers(
        dest="export_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    queries = _leaf(export, "queries", cmd_export_queries, "a department's query list (F4)")
    queries.add_argument("--department", required=True, metavar="CODE")
    queries.add_argument("--out", required=True, metavar="FILE")
    statistics = _leaf(
        export, "statistics", cmd_export_statistics, "monthly statistics per department (F5)"
    )
    statistics.add_argument("--month", required=True, metavar="YYYY-MM")
    statistics.add_argument("--out", required=True, metavar="FILE", help=".xlsx: a workbook")


# -- context ---------------------------------------------------------------------------------


@dataclass
class Context:
    settings: Settings
    args: argparse.Namespace
    _db: Database | None = None

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def database_url(self) -> str:
        return str(self.args.database or self.settings.database_url)

    def at(self) -> datetime | None:
        raw = getattr(self.args, "at", None)
        if not raw:
            return None
        try:
            return parse_moment(raw)
        except ValueError:
            raise Refused(
                f"--at {raw!r}: not an ISO 8601 moment such as 2025-01-24T10:00"
            ) from None

    def database(self, *, migrate: bool = True) -> Database:
        if self._db is None:
            from fc_admin import schema

            db = Database(self.database_url)
            if migrate:
                try:
                    schema.require_current(db)
                except SchemaOutdated:
                    # The user's own SQLite file is brought up to date on first use; a shared
                    # PostgreSQL database is migrated only on purpose ('fc-admin db upgrade').
                    if db.dialect != "sqlite":
                        raise
                    schema.upgrade(db)
            self._db = db
        return self._db

    def services(self) -> Any:
        from fc_admin.services import Services
        from fc_admin.services.clock import FixedClock

        at = self.at()
        return Services(self.database(), FixedClock(at) if at else None, self.settings)

    def actor(self) -> Any:
        from fc_admin.services.actor import operator_actor
        from fc_admin.services.auth import staff_actor

        name = getattr(self.args, "as_user", None)
        return staff_actor(self.database(), name) if name else operator_actor()

    def today(self) -> date:
        at = self.at() or datetime.now(HONG_KONG)
        return at.astimezone(HONG_KONG).date()

    def emit(self, document: Any, text: Callable[[], str]) -> None:
        if self.json:
            json.dump(document, sys.stdout, ensure_ascii=False, indent=2, default=str)
            sys.stdout.write("\n")
        else:
            out = text()
            if out:
                print(out)


def parse_date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise Refused(f"{what} {value!r}: not a valid date (YYYY-MM-DD)") from None


def parse_count(value: str, what: str, low: int = 1, high: int = 10_000_000) -> int:
    try:
        number = int(value)
    except ValueError:
        raise Refused(f"{what} {value!r}: not a whole number") from None
    if not low <= number <= high:
        raise Refused(f"{what} {number}: must be between {low} and {high}")
    return number


def parse_time(value: str, what: str) -> time:
    """A slot time ``HH:MM`` (24-hour; ``9:00`` is taken as 09:00)."""
    match = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", value.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise Refused(f"{what} {value!r}: not a time HH:MM (24-hour, e.g. 09:15)")
    return time(int(match[1]), int(match[2]))


def info(message: str) -> None:
    print(message, file=sys.stderr)


def _report_file_problems(exc: Any) -> None:
    """Every problem of a refused file (F1-F3, F8) on stderr: file, line, column, reason."""
    for problem in exc.problems:
        info(str(problem))
    hidden = exc.total - len(exc.problems) if exc.total else 0
    if hidden > 0:
        info(f"... and {hidden} more")


# -- commands --------------------------------------------------------------------------------


def cmd_gui(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.app import run_gui

    return run_gui(ctx.settings, demo=args.demo, database_url=args.database)


def cmd_db_upgrade(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin import schema

    db = ctx.database(migrate=False)
    before, after = schema.upgrade(db)
    if before == after:
        message = f"{db.display_name}: schema already current ({after})"
    else:
        message = f"{db.display_name}: schema upgraded from {before or 'empty'} to {after}"
    ctx.emit({"database": db.display_name, "before": before, "after": after}, lambda: message)
    return 0


def _backup_info_json(info_: Any) -> dict[str, Any]:
    return {
        "file": str(info_.path),
        "schema_revision": info_.schema_revision,
        "created_at": info_.created_at.isoformat(),
        "tables": info_.tables,
    }


def cmd_db_backup(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.services.backup import backup_database
    from fc_admin.services.clock import SystemClock

    result = backup_database(
        ctx.database(), Path(args.file), SystemClock(), actor=ctx.actor().username
    )
    rows = sum(result.tables.values())
    ctx.emit(_backup_info_json(result), lambda: f"backup written to {result.path} ({rows} rows)")
    return 0


def cmd_db_restore(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.services.backup import restore_database
    from fc_admin.services.clock import SystemClock

    result = restore_database(
        ctx.database(), Path(args.file), SystemClock(), actor=ctx.actor().username
    )
    rows = sum(result.tables.values())
    ctx.emit(
        _backup_info_json(result),
        lambda: (
            f"restored {rows} rows from {result.path} "
            f"(taken {result.created_at:%Y-%m-%d %H:%M} UTC)"
        ),
    )
    return 0


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != first:
            raise Refused("the two passwords differ")
        return first
    line = sys.stdin.readline()
    if not line:
        raise Refused("no password on standard input")
    return line.rstrip("\r\n")


def cmd_users_add(ctx: Context, args: argparse.Namespace) -> int:
    services = ctx.services()
    password = _read_password()
    user = services.auth.add_user(
        ctx.actor(),
        args.name,
        args.role,
        password,
        clinic_code=args.clinic,
        display_name=args.display_name,
    )
    ctx.emit(
        {"username": user.username, "role": user.role.value, "clinic": user.clinic_code},
        lambda: (
            f"user {user.username} added ({user.role.value}"
            f"{', ' + user.clinic_code if user.clinic_code else ''})"
        ),
    )
    return 0


def _stderr_progress() -> Any:
    from fc_admin.tasks import TaskControl

    last = [-1]

    def report(done: int, total: int, what: str) -> None:
        if total and sys.stderr.isatty():
            percent = done * 100 // total
            if percent != last[0]:
                last[0] = percent
                print(f"\r{what} {percent}%", end="", file=sys.stderr, flush=True)

    return TaskControl(report)


def cmd_demo_seed(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.services.clock import FixedClock, SystemClock
    from fc_admin.services.demo import seed_database

    people = parse_count(args.people, "--people")
    seed = parse_count(args.seed, "--seed", 0, 2**31)
    at = ctx.at()
    summary = seed_database(
        ctx.database(),
        FixedClock(at) if at else SystemClock(),
        people=people,
        seed=seed,
        control=_stderr_progress(),
    )
    document = {k: getattr(summary, k) for k in summary.__dataclass_fields__}
    ctx.emit(document, lambda: "seeded: " + ", ".join(f"{k} {v}" for k, v in document.items()))
    return 0


def cmd_demo_files(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.services.demo import write_demo_files

    people = parse_count(args.people, "--people")
    seed = parse_count(args.seed, "--seed", 0, 2**31)
    summary = write_demo_files(Path(args.dir), people=people, seed=seed, control=_stderr_progress())
    document = json.loads(json.dumps(dataclasses.asdict(summary), default=str))
    ctx.emit(document, lambda: f"demo files written to {args.dir}")
    return 0


def cmd_hkid_check(ctx: Context, args: argparse.Namespace) -> int:
    checks = [check_hkid(value) for value in args.values]
    document = [
        {"input": c.input, "valid": c.valid, "canonical": c.canonical, "reason": c.reason}
        for c in checks
    ]
    if not ctx.json:
        for c in checks:
            if c.valid:
                print(c.canonical)
            else:
                info(f"{c.input!r}: invalid HKID: {c.reason}")
    else:
        ctx.emit(document, lambda: "")
    return 0 if all(c.valid for c in checks) else 1


def _holiday_name(ctx: Context, name_en: str, name_zh: str) -> str:
    return name_zh if ctx.settings.language == "zh_HK" and name_zh else name_en


def cmd_calendar_holidays(ctx: Context, args: argparse.Namespace) -> int:
    year = parse_count(args.year, "--year", 1900, 2200)
    days = ctx.services().calendar.holidays(year)
    document = [
        {"date": h.date.isoformat(), "name": _holiday_name(ctx, h.name_en, h.name_zh)} for h in days
    ]
    ctx.emit(
        document,
        lambda: "\n".join(
            f"{h.date.isoformat()}  {h.date:%a}  {h.name_en}  {h.name_zh}"
            + ("  (added)" if h.added else "")
            for h in days
        ),
    )
    return 0


def cmd_calendar_deadline(ctx: Context, args: argparse.Namespace) -> int:
    received = parse_date(args.received, "--received")
    deadline = ctx.services().calendar.notification_deadline(received)
    ctx.emit(
        {"received": received.isoformat(), "deadline": deadline.isoformat()},
        lambda: deadline.isoformat(),
    )
    return 0


def cmd_calendar_activation(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.domain.deadlines import activation_deadline

    issued = parse_date(args.issued, "--issued")
    deadline = activation_deadline(issued)
    ctx.emit(
        {"issued": issued.isoformat(), "deadline": deadline.isoformat()},
        lambda: deadline.isoformat(),
    )
    return 0


def cmd_clinics_list(ctx: Context, args: argparse.Namespace) -> int:
    rows = ctx.services().clinics.list_clinics(ctx.today())
    document = [
        {
            "code": r.code,
            "name_en": r.name_en,
            "name_zh": r.name_zh,
            "go_live": r.go_live_date.isoformat() if r.go_live_date else None,
            "live_today": r.live,
            "enquiry": r.enquiry_phone,
            "appointment_lines": r.appointment_phones,
        }
        for r in rows
    ]
    ctx.emit(
        document,
        lambda: "\n".join(
            f"{r.code:<4} {r.name_en:<33} {r.name_zh}  go-live "
            f"{r.go_live_date.isoformat() if r.go_live_date else 'not set':<10}  "
            f"{'live' if r.live else 'not live'}"
            for r in rows
        ),
    )
    return 0


def cmd_clinics_go_live(ctx: Context, args: argparse.Namespace) -> int:
    value = None if args.date.strip().lower() == "none" else parse_date(args.date, "DATE")
    services = ctx.services()
    row = services.clinics.set_go_live(ctx.actor(), args.code, value)
    ctx.emit(
        {
            "code": row.code,
            "go_live": row.go_live_date.isoformat() if row.go_live_date else None,
            "live_today": row.live,
        },
        lambda: (
            f"{row.code}: go-live {row.go_live_date.isoformat() if row.go_live_date else 'none'}"
        ),
    )
    return 0


def cmd_booking_window(ctx: Context, args: argparse.Namespace) -> int:
    at = ctx.at() or datetime.now(HONG_KONG)
    services = ctx.services()
    dates = services.booking.window(args.clinic, Channel(args.channel), at)
    code = services.clinics.get(args.clinic).code
    document = {
        "clinic": code,
        "channel": args.channel,
        "at": at.astimezone(HONG_KONG).isoformat(timespec="seconds"),
        "dates": [d.isoformat() for d in dates],
    }
    ctx.emit(document, lambda: "\n".join(d.isoformat() for d in dates))
    return 0


def _session_json(spec: Any) -> dict[str, Any]:
    return {
        "name": spec.name,
        "days": spec.day_names(),
        "start": spec.start.strftime("%H:%M"),
        "end": spec.end.strftime("%H:%M"),
        "slot_minutes": spec.slot_minutes,
        "capacity": spec.capacity,
        "online": spec.online,
        "slots": len(spec.slot_starts()),
    }


def cmd_capacity_template(ctx: Context, args: argparse.Namespace) -> int:
    """F8, R10.1: load a weekly template from a date; a bad file changes nothing."""
    from fc_admin.domain.session_templates import DAY_NAMES
    from fc_admin.exchange.errors import FileRejected
    from fc_admin.exchange.session_template_toml import parse_session_template

    valid_from = parse_date(args.valid_from, "--from")
    path = Path(args.file)
    if not path.is_file():
        raise Refused(f"{args.file}: no such file")
    data = path.read_bytes()
    try:
        template = parse_session_template(data, path.name)
    except FileRejected as exc:
        _report_file_problems(exc)
        raise Refused(f"{path.name}: template refused, nothing changed") from None
    # The text kept with the template is the administrator's own file (comments and all).
    source_text = data.decode("utf-8-sig")
    services = ctx.services()
    row = services.capacity.load_template(ctx.actor(), args.code, valid_from, template, source_text)
    per_day = {
        name: sum(
            len(s.slot_starts()) for s in template.sessions if DAY_NAMES.index(name) in s.days
        )
        for name in DAY_NAMES
    }
    document = {
        "clinic": row.clinic_code,
        "valid_from": row.valid_from.isoformat(),
        "sessions": [_session_json(s) for s in template.sessions],
        "slots_per_day": per_day,
    }

    def text() -> str:
        lines = [f"{row.clinic_code}: template loaded, valid from {row.valid_from.isoformat()}"]
        for s in template.sessions:
            lines.append(
                f"  {s.name:<8} {' '.join(s.day_names()):<28} {s.start:%H:%M}-{s.end:%H:%M}  "
                f"{s.slot_minutes} min  {len(s.slot_starts())} slots x {s.capacity} seats "
                f"({s.online} online once live)"
            )
        lines.append("  slots per day: " + ", ".join(f"{d} {n}" for d, n in per_day.items()))
        return "\n".join(lines)

    ctx.emit(document, text)
    return 0


def _call_row_json(entry: Any) -> dict[str, Any]:
    return {
        "booking_ref": entry.booking_ref,
        "time": entry.start_time.strftime("%H:%M"),
        "name_en": entry.name_en,
        "hkid_masked": entry.hkid_masked,
        "contact_phone": entry.contact_phone,
    }


def _call_rows_text(entries: Sequence[Any]) -> list[str]:
    return [
        f"  {e.start_time:%H:%M}  {e.booking_ref}  {e.hkid_masked}  "
        f"{e.contact_phone or '(no number)':<14}  {e.name_en}"
        for e in entries
    ]


def cmd_capacity_close(ctx: Context, args: argparse.Namespace) -> int:
    """R10.2: close a day or a session; the booked appointments on it are listed to call."""
    day = parse_date(args.date, "DATE")
    services = ctx.services()
    result = services.capacity.close(ctx.actor(), args.code, day, args.session, args.reason)
    closure = result.closure
    document = {
        "clinic": closure.clinic_code,
        "date": closure.day.isoformat(),
        "session": closure.session_name,
        "reason": closure.reason,
        "affected": [_call_row_json(e) for e in result.affected],
    }

    def text() -> str:
        what = f"session {closure.session_name}" if closure.session_name else "whole day"
        lines = [
            f"{closure.clinic_code} closed on {closure.day.isoformat()} ({what}): {closure.reason}",
            f"{len(result.affected)} booked appointment(s) affected"
            + (" - to call:" if result.affected else ""),
        ]
        return "\n".join(lines + _call_rows_text(result.affected))

    ctx.emit(document, text)
    return 0


def cmd_capacity_call_list(ctx: Context, args: argparse.Namespace) -> int:
    """R10.2: write the call list of a closure as PDF and/or CSV (audited as an export)."""
    if not args.pdf and not args.csv:
        raise UsageError("fc-admin capacity call-list: give --pdf FILE or --csv FILE")
    day = parse_date(args.date, "DATE")
    session_name = args.session.strip() if args.session else None
    services = ctx.services()
    actor = ctx.actor()
    closures = services.capacity.closures(args.code, day, day)
    closure = next((c for c in closures if c.session_name == session_name), None)
    if closure is None:
        what = f"session {session_name}" if session_name else "the whole day"
        others = ", ".join(c.session_name or "whole day" for c in closures)
        raise Refused(
            f"{args.code.strip().upper()} has no closure of {what} on {day.isoformat()}"
            + (f" (closed: {others}; use --session)" if others else "")
        )
    written = []
    for kind, out in (("pdf", args.pdf), ("csv", args.csv)):
        if out:
            rows = services.capacity.export_call_list(actor, closure.id, Path(out), kind)
            written.append({"kind": kind, "file": out, "rows": rows})
    entries = services.capacity.call_list(actor, closure.id)
    document = {
        "clinic": closure.clinic_code,
        "date": closure.day.isoformat(),
        "session": closure.session_name,
        "reason": closure.reason,
        "files": written,
        "affected": [_call_row_json(e) for e in entries],
    }
    ctx.emit(
        document,
        lambda: "\n".join(f"{w['rows']} rows written to {w['file']}" for w in written),
    )
    return 0


def _booking_json(row: Any) -> dict[str, Any]:
    return {
        "booking_ref": row.booking_ref,
        "clinic": row.clinic_code,
        "date": row.day.isoformat(),
        "time": row.start_time.strftime("%H:%M"),
        "channel": row.channel,
        "hkid": row.hkid_masked,  # R9.3: never in full on the command line
    }


def cmd_appointments_book(ctx: Context, args: argparse.Namespace) -> int:
    """R8, R10: book one appointment; ``--at`` is "now" for the window and R8.4."""
    day = parse_date(args.date, "--date")
    start = parse_time(args.time, "--time")
    at = ctx.at()
    services = ctx.services()
    row = services.appointments.book(
        ctx.actor(),
        args.clinic,
        args.hkid,
        day,
        start,
        Channel(args.channel),
        at=at,
        contact_phone=args.phone,
        request_id=args.request_id,
    )
    if not ctx.json:
        info(
            f"booked {row.clinic_code} {row.day.isoformat()} {row.start_time:%H:%M} "
            f"({row.session_name}, {row.channel}) for {row.hkid_masked} {row.name_en}"
        )
    ctx.emit(_booking_json(row), lambda: row.booking_ref)
    return 0


def cmd_appointments_cancel(ctx: Context, args: argparse.Namespace) -> int:
    """R10.4, R10.5: staff cancel any booked appointment, with a reason."""
    services = ctx.services()
    row = services.appointments.cancel(ctx.actor(), args.ref, args.reason, at=ctx.at())
    document = {
        **_booking_json(row),
        "status": row.status,
        "reason": row.cancel_reason,
    }
    ctx.emit(
        document,
        lambda: (
            f"{row.booking_ref} cancelled ({row.clinic_code} {row.day.isoformat()} "
            f"{row.start_time:%H:%M}): {row.cancel_reason}"
        ),
    )
    return 0


def cmd_appointments_import(ctx: Context, args: argparse.Namespace) -> int:
    """F3: the online bookings feed, every row or none (R10.3)."""
    from fc_admin.exchange.errors import FileRejected

    path = Path(args.file)
    if not path.is_file():
        raise Refused(f"{args.file}: no such file")
    services = ctx.services()
    try:
        result = services.appointments.import_feed(ctx.actor(), path)
    except FileRejected as exc:
        _report_file_problems(exc)
        raise Refused(f"{path.name}: feed refused, nothing imported") from None
    document = {
        "file": result.file,
        "booked": result.booked,
        "cancelled": result.cancelled,
        "unchanged": result.unchanged,
    }
    ctx.emit(
        document,
        lambda: (
            f"{result.file}: {result.booked} booked, {result.cancelled} cancelled, "
            f"{result.unchanged} unchanged"
        ),
    )
    return 0


def _daily_list_json(daily: Any, files: list[dict[str, Any]]) -> dict[str, Any]:
    """The list's totals (no personal data: the rows go to the files, which are audited)."""
    return {
        "clinic": daily.clinic_code,
        "date": daily.day.isoformat(),
        "live": daily.live,
        "note": daily.no_sessions_en or None,
        "sessions": [
            {
                "name": s.name,
                "start": s.start.strftime("%H:%M") if s.start else None,
                "end": s.end.strftime("%H:%M") if s.end else None,
                "closed": s.closed,
                "total": s.total,
                "by_channel": s.by_channel(),
            }
            for s in daily.sessions
        ],
        "total": daily.total,
        "cancelled": len(daily.cancelled),
        "files": files,
    }


def _daily_list_text(doc: dict[str, Any]) -> str:
    lines = [
        f"{doc['clinic']} {doc['date']}: {doc['total']} appointment(s), "
        f"{doc['cancelled']} cancelled"
    ]
    if doc["note"]:
        lines.append(f"  {doc['note']}")
    for s in doc["sessions"]:
        times = f"{s['start']}-{s['end']}" if s["start"] else "not in the template"
        lines.append(f"  {s['name']} {times}{' CLOSED' if s['closed'] else ''}: {s['total']}")
    lines += [f"  {f['rows']} rows written to {f['file']}" for f in doc["files"]]
    return "\n".join(lines)


def cmd_daily_list(ctx: Context, args: argparse.Namespace) -> int:
    """R11, F7: the daily list of one clinic, or of every clinic live on DATE (one file each)."""
    from fc_admin.services.daily_lists import file_name

    day = parse_date(args.date, "--date")
    services = ctx.services()
    actor = ctx.actor()
    outputs = [(kind, Path(out)) for kind, out in (("pdf", args.pdf), ("csv", args.csv)) if out]
    if args.all_live:
        codes = services.daily_lists.live_clinics(day)
        for kind, folder in outputs:
            if folder.exists() and not folder.is_dir():
                raise Refused(f"--{kind} {folder}: with --all-live this must be a folder")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise Refused(f"--{kind} {folder}: {exc.strerror or exc}") from None
        if not codes:
            info(f"fc-admin: no clinic is live on {day.isoformat()}; nothing written")
    else:
        codes = [args.clinic.strip().upper()]
    documents = []
    for code in codes:
        daily = services.daily_lists.daily_list(actor, code, day)
        files = []
        for kind, out in outputs:
            target = (
                out / file_name(daily.clinic_code, day, kind)
                if (args.all_live or out.is_dir())
                else out
            )
            rows = services.daily_lists.export(actor, daily.clinic_code, day, target, kind)
            files.append({"kind": kind, "file": str(target), "rows": rows})
        documents.append(_daily_list_json(daily, files))
    ctx.emit(
        documents if args.all_live else documents[0],
        lambda: "\n".join(_daily_list_text(doc) for doc in documents),
    )
    return 0


def cmd_audit_verify(ctx: Context, args: argparse.Namespace) -> int:
    result = ctx.services().audit.verify()
    document = {
        "ok": result.ok,
        "checked": result.checked,
        "first_broken_id": result.first_broken_id,
        "reason": result.reason,
    }
    if result.ok:
        ctx.emit(document, lambda: f"audit chain intact: {result.checked} records")
        return 0
    ctx.emit(document, lambda: "")
    info(
        f"audit chain broken at record {result.first_broken_id}: {result.reason} "
        f"({result.checked} records before it are intact)"
    )
    return 1


def cmd_roster_import(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.exchange.errors import FileRejected

    as_of = parse_date(args.as_of, "--as-of") if args.as_of else None
    path = Path(args.file)
    if not path.is_file():
        raise Refused(f"{args.file}: no such file")
    services = ctx.services()
    try:
        result = services.rosters.import_roster(
            ctx.actor(),
            path,
            args.source,
            encoding=args.encoding,
            as_of=as_of,
            control=_stderr_progress(),
        )
    except FileRejected as exc:
        for problem in exc.problems:
            info(str(problem))
        hidden = exc.total - len(exc.problems) if exc.total else 0
        if hidden > 0:
            info(f"... and {hidden} more")
        raise Refused(
            f"{path.name}: roster refused, nothing imported; the previous roster "
            "of this source stays in force"
        ) from None
    for warning in result.warnings:
        info(f"warning: {warning}")
    document = {
        "source": result.source,
        "file": result.file_name,
        "as_of": result.as_of.isoformat(),
        "rows": result.rows,
        "counts": result.counts,
        "encoding": result.encoding,
        "warnings": result.warnings,
        "reverified": result.reverified,
    }
    ctx.emit(
        document,
        lambda: (
            f"{result.source}: {result.rows} rows imported ("
            + ", ".join(f"{k} {v}" for k, v in sorted(result.counts.items()))
            + f"); {result.reverified} waiting members verified again"
        ),
    )
    return 0


def cmd_eforms_import(ctx: Context, args: argparse.Namespace) -> int:
    keys_arg = args.trusted_keys or ctx.settings.trusted_keys
    trusted = Path(keys_arg) if keys_arg else None
    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise Refused(f"no such file or folder: {', '.join(missing)}")
    services = ctx.services()
    results = services.intake.import_eforms(ctx.actor(), paths, trusted, control=_stderr_progress())
    document = [
        {"file": r.file, "form_id": r.form_id, "result": r.result, "reason": r.reason}
        for r in results
    ]
    if not ctx.json:
        for r in results:
            line = f"{r.file}: {r.result}" + (f" ({r.form_id})" if r.form_id else "")
            print(line + (f": {r.reason}" if r.reason and r.result == "rejected" else ""))
    else:
        ctx.emit(document, lambda: "")
    return 0


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    services = ctx.services()
    results = services.verification.verify(ctx.actor(), ctx.at(), control=_stderr_progress())
    document = [
        {
            "form_id": r.form_id,
            "hkid": r.hkid,
            "outcome": str(r.outcome),
            "reasons": list(r.reasons),
        }
        for r in results
    ]
    if ctx.json:
        ctx.emit(document, lambda: "")
    else:
        from collections import Counter

        from fc_admin.domain.hkid import mask_hkid

        for r in results:
            reasons = f" ({', '.join(r.reasons)})" if r.reasons else ""
            print(f"{r.form_id}  {mask_hkid(r.hkid)}  {r.outcome}{reasons}")
        counts = Counter(str(r.outcome) for r in results)
        info(
            f"{len(results)} members verified: "
            + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        )
    return 0


def cmd_applications_list(ctx: Context, args: argparse.Namespace) -> int:
    services = ctx.services()
    rows = services.decisions.list_applications(ctx.actor(), args.status)
    document = [dataclasses.asdict(r) for r in rows]
    if ctx.json:
        ctx.emit(json.loads(json.dumps(document, default=str)), lambda: "")
    else:
        for r in rows:
            print(
                f"{r.form_id}  {r.channel:<9} received {r.received_date}  deadline "
                f"{r.notification_deadline}  {r.status:<5} {len(r.members)} member(s)"
            )
    return 0


def cmd_applications_decide(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.services.decisions import REJECT_REASONS

    reason: str | None = None
    note: str | None = args.reason
    if args.decision == "reject":
        text = (args.reason or "").strip()
        if text.upper() in REJECT_REASONS:
            reason, note = text.upper(), None
        elif text:
            reason, note = "OTHER", text
    services = ctx.services()
    row = services.decisions.decide(
        ctx.actor(), args.form_id, args.hkid, args.decision, reason=reason, note=note
    )
    document = json.loads(json.dumps(dataclasses.asdict(row), default=str))
    ctx.emit(document, lambda: f"{args.form_id}: {args.decision} recorded")
    return 0


def cmd_applications_approve_eligible(ctx: Context, args: argparse.Namespace) -> int:
    services = ctx.services()
    approved = services.decisions.approve_eligible(ctx.actor())
    ctx.emit({"approved": approved}, lambda: f"{approved} ELIGIBLE members approved")
    return 0


def cmd_export_queries(ctx: Context, args: argparse.Namespace) -> int:
    services = ctx.services()
    out = Path(args.out)
    rows = services.decisions.export_queries(ctx.actor(), args.department, out)
    ctx.emit(
        {"department": args.department, "file": str(out), "rows": rows},
        lambda: f"{rows} rows written to {out}",
    )
    return 0


def cmd_export_statistics(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.services.statistics import parse_month

    month = parse_month(args.month)  # InvalidInput: exit 1
    services = ctx.services()
    out = Path(args.out)
    kind: Literal["csv", "xlsx"] = "xlsx" if out.suffix.lower() == ".xlsx" else "csv"
    rows = services.statistics.export(ctx.actor(), month, out, kind)
    ctx.emit(
        {"month": month.strftime("%Y-%m"), "file": str(out), "kind": kind, "rows": rows},
        lambda: f"{rows} rows written to {out}",
    )
    return 0


def _issued_json(item: Any) -> dict[str, Any]:
    return {
        "form_id": item.form_id,
        "hkid": item.hkid,
        "account_id": item.account_id,
        "deadline": item.deadline.isoformat(),
        "delivery": item.delivery,
        "sent": item.sent,
    }


def cmd_activations_issue(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.domain.hkid import mask_hkid

    services = ctx.services()
    letters = Path(args.letters) if args.letters else None
    issued = services.activations.issue(
        ctx.actor(), letters_out=letters, control=_stderr_progress()
    )
    if ctx.json:
        ctx.emit([_issued_json(i) for i in issued], lambda: "")
    else:
        for i in issued:
            state = "sent" if i.sent else f"NOT SENT: {i.error}"
            print(
                f"{i.form_id}  {mask_hkid(i.hkid)}  {i.account_id}  until {i.deadline}  "
                f"{i.delivery}  {state}"
            )
    failed = [i for i in issued if not i.sent]
    info(
        f"{len(issued)} activation details issued, {len(issued) - len(failed)} delivered, "
        f"{len(failed)} not delivered (retried by the next run)"
    )
    return 0


def cmd_accounts_import_activations(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.exchange.errors import FileRejected

    path = Path(args.file)
    if not path.is_file():
        raise Refused(f"{args.file}: no such file")
    try:
        result = ctx.services().activations.import_activations(ctx.actor(), path)
    except FileRejected as exc:
        for problem in exc.problems:
            info(str(problem))
        raise Refused(f"{path.name}: refused, nothing imported") from None
    document = json.loads(json.dumps(dataclasses.asdict(result), default=str))
    ctx.emit(
        document,
        lambda: (
            f"{result.activated} accounts activated "
            f"({result.rows} rows, {result.already_active} already active)"
        ),
    )
    return 0


def cmd_accounts_expire(ctx: Context, args: argparse.Namespace) -> int:
    expired = ctx.services().activations.expire(ctx.actor())
    ctx.emit({"expired": expired}, lambda: f"{expired} accounts expired")
    return 0


def cmd_accounts_remind(ctx: Context, args: argparse.Namespace) -> int:
    sent = ctx.services().activations.send_reminders(ctx.actor(), control=_stderr_progress())
    ctx.emit({"reminders_sent": sent}, lambda: f"{sent} reminders sent")
    return 0


def cmd_accounts_reissue(ctx: Context, args: argparse.Namespace) -> int:
    letters = Path(args.letters) if args.letters else None
    item = ctx.services().activations.reissue(ctx.actor(), args.account_id, letters_out=letters)
    ctx.emit(
        _issued_json(item),
        lambda: (
            f"{item.account_id}: new code issued, valid until "
            f"{item.deadline}; " + ("delivered" if item.sent else f"NOT delivered: {item.error}")
        ),
    )
    return 0


def cmd_accounts_suspend(ctx: Context, args: argparse.Namespace) -> int:
    row = ctx.services().activations.suspend(ctx.actor(), args.account_id, args.reason)
    ctx.emit(
        {"account_id": row.account_id, "status": row.status},
        lambda: f"{row.account_id}: {row.status}",
    )
    return 0


# -- entry point -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    from fc_admin.logs import configure_logging

    configure_logging()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        info(str(exc))
        return 2
    try:
        settings = load_settings()
    except SettingsError as exc:
        info(f"fc-admin: {exc}")
        return 1
    if args.database:
        settings = settings.with_changes(database_url=args.database)
    if getattr(args, "handler", None) is None:
        if args.command is None:
            args.handler, args.demo = cmd_gui, False
        else:
            parser.print_usage(sys.stderr)
            return 2
    ctx = Context(settings, args)
    return run_handler(ctx, args)


def run_handler(ctx: Context, args: argparse.Namespace) -> int:
    from fc_admin.services.errors import ServiceError

    try:
        return int(args.handler(ctx, args))
    except UsageError as exc:
        info(str(exc))
        return 2
    except (Refused, ServiceError, DatabaseError) as exc:
        info(f"fc-admin: {exc}")
        return 1
    except InvalidHkid as exc:
        info(f"fc-admin: invalid HKID: {exc.reason}")
        return 1
    except BrokenPipeError:
        # The reader (e.g. "| head") went away: not an error of ours.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        info("fc-admin: interrupted; nothing more was changed")
        return 1
    except Exception:
        # Never a traceback for the user; the detail goes to the log for support staff.
        log.exception("unexpected failure")
        from fc_admin.logs import log_file

        info(f"fc-admin: unexpected failure; the details are in {log_file()}")
        return 1
    finally:
        if ctx._db is not None:
            ctx._db.dispose()
