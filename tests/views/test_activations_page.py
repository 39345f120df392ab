"""Activations (R5, F6) through the GUI: the approved members waiting, previewing and issuing a
batch to a real SMTP server (aiosmtpd on loopback) with a letter PDF, the results, the accounts by
view, suspending with a reason, a refused send retried. Plus the models under Qt's model tester.

The seeded day (the test clock: Wednesday 8 January 2025):

- the sample e-form EF20250106-000001 (three LCSD members, the applicant's email), approved;
- the sample pensioner keyed in on paper at a clinic without email: a printed letter;
- an overdue form whose applicant's address the mail server refuses at first;
- a form whose applicant's address is malformed: skipped, shown in red;
- two open forms with a member not on any roster (one at risk, one overdue) for the dashboard.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from email.header import decode_header, make_header
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from PySide6.QtCore import QModelIndex, Qt

from fc_admin.domain.roles import Role
from fc_admin.models import Application
from fc_admin.services import Services
from fc_admin.services.activations import AccountView, ActivationService
from fc_admin.services.actor import Actor
from fc_admin.services.dashboard import DashboardService
from fc_admin.settings import Settings
from fc_admin.views import activation_dialogs
from fc_admin.views.accounts_model import (
    AccountsTableModel,
    IssueResultsTableModel,
    PendingTableModel,
)
from fc_admin.views.activation_dialogs import IssueChoice, IssuePreviewDialog
from fc_admin.views.activations_page import ActivationsPage
from fc_admin.views.task_runner import TaskRunner
from tests.conftest import NOW
from tests.services.factories import Person, add_application, add_roster, add_source, hkid
from tests.services.test_mailer import SmtpServer
from tests.views.conftest import Boxes, add_user
from tests.views.test_applications_fixtures import (  # noqa: F401 - the fixture
    EFORMS,
    FORM_1,
    KEYS,
    PENSIONER,
    ROSTERS,
    app_services_fixture,
    has_service,
    needs_samples,
    wait_for_tasks,
)

pytestmark = [
    needs_samples,
    pytest.mark.skipif(
        not all(has_service(n) for n in ("rosters", "intake", "verification", "decisions")),
        reason="a service module is not there yet",
    ),
]

SENDER = "Families Clinics <noreply@fc.example.gov.hk>"
ACTIVATION_URL = "https://fc.example.gov.hk/activate"
APPLICANT_1 = "chunwai.ho@example.org"  # the sample e-form's applicant
REFUSED = "applicant@example.org"  # the factories' applicant address
BAD_ADDRESS = "chan@@example.org"
OVERDUE_FORM = "EF20241202-000010"  # approved, the address refused at first
BAD_EMAIL_FORM = "EF20241203-000011"  # approved, a malformed address
AT_RISK_FORM = "EF20250106-000012"  # open: its member is not on the roster
LATE_FORM = "EF20241216-000013"  # open and overdue
SUBJECT = "Families Clinics Online Booking System account / 公務員診所網上預約系統帳戶"

TST_1 = Person(
    hkid("T", 300001), "CHEUNG, Ka Yan", date(1970, 5, 1), name_zh="張嘉欣", staff_no="T300001"
)
TST_2 = Person(
    hkid("T", 300002), "LEE, Wai Man", date(1972, 8, 9), name_zh="李偉文", staff_no="T300002"
)
STRANGER_1 = Person(hkid("T", 300003), "NG, Siu Fung", date(1980, 1, 1), name_zh="吳小峰")
STRANGER_2 = Person(hkid("T", 300004), "YEUNG, Po Yee", date(1981, 2, 2), name_zh="楊寶儀")


@dataclass
class Day:
    services: Services
    supervisor: Actor
    smtp: SmtpServer
    letters: Path


@pytest.fixture(name="smtp")
def smtp_fixture() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


def attach_activation_services(services: Services, smtp: SmtpServer) -> Services:
    """The activation and dashboard services over the test database, sending to ``smtp``."""
    settings = Settings(
        database_url=services.db.url,
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        mail_from=SENDER,
        activation_url=ACTIVATION_URL,
    )
    services.activations = ActivationService(
        services.db, services.clock, mailer=smtp.mailer(), settings=settings
    )
    services.dashboard = DashboardService(services.db, services.clock)
    return services


def seed_day(services: Services) -> Actor:
    """The day of the module docstring; returns the supervisor."""
    from fc_admin.services.intake import InPersonForm, InPersonMember

    supervisor = add_user(services, "supervisor.a", Role.SUPERVISOR)
    clerk = add_user(services, "clerk.a", Role.CLERK)
    for source in ("LCSD", "PEN"):
        services.rosters.import_roster(supervisor, ROSTERS / f"{source}.csv", source)
    results = services.intake.import_eforms(supervisor, [EFORMS / f"{FORM_1}.json"], KEYS)
    assert [r.result for r in results] == ["accepted"]
    services.intake.key_in_form(
        clerk,
        InPersonForm(
            "HK",
            [
                InPersonMember(
                    PENSIONER,
                    "LAU, Kam Chuen",
                    "1948-11-20",
                    "pensioner",
                    "self",
                    PENSIONER,
                    "PEN",
                    name_zh="劉錦泉",
                    staff_no="P200004",
                )
            ],
        ),
    )
    add_source(services.db, "TST")
    add_roster(services.db, "TST", [TST_1, TST_2])
    add_application(
        services.db,
        OVERDUE_FORM,
        "TST",
        [TST_1],
        received=date(2024, 12, 2),
        deadline=date(2024, 12, 19),
    )
    add_application(
        services.db,
        BAD_EMAIL_FORM,
        "TST",
        [TST_2],
        received=date(2024, 12, 3),
        deadline=date(2024, 12, 20),
    )
    add_application(
        services.db,
        AT_RISK_FORM,
        "TST",
        [STRANGER_1],
        received=date(2024, 12, 20),
        deadline=date(2025, 1, 10),
    )
    add_application(
        services.db,
        LATE_FORM,
        "TST",
        [STRANGER_2],
        received=date(2024, 12, 16),
        deadline=date(2025, 1, 7),
    )
    with services.db.write() as session:
        session.execute(
            sa.update(Application)
            .where(Application.form_id == BAD_EMAIL_FORM)
            .values(applicant_email=BAD_ADDRESS)
        )
    services.verification.verify(supervisor, at=NOW)
    services.decisions.approve_eligible(supervisor)
    return supervisor


@pytest.fixture
def day(app_services: Services, smtp: SmtpServer, tmp_path: Path) -> Day:
    services = attach_activation_services(app_services, smtp)
    return Day(services, seed_day(services), smtp, tmp_path / "letters.pdf")


def open_activations(qtbot, make_window, day: Day) -> ActivationsPage:  # type: ignore[no-untyped-def]
    window = make_window(day.supervisor)
    page = window.show_page("activations")
    assert isinstance(page, ActivationsPage)
    wait_for_tasks(qtbot, window.runner)
    page.letters_folder = day.letters.parent
    return page


def cell(model, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
    return model.data(model.index(row, column), role)


def pending_row(page: ActivationsPage, form_id: str) -> int:
    forms = [p.form_id for p in page.pending_model.rows]
    return forms.index(form_id)


def preview_through_the_dialog(
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    letters: Path,
    seen: list[IssuePreviewDialog],  # type: ignore[no-untyped-def]
) -> None:
    """``ask_issue`` drives the real preview dialog, without its modal loop."""
    monkeypatch.setattr(activation_dialogs, "choose_letters_file", lambda _p, _s: str(letters))

    def ask_issue(parent, pending, suggested, full_hkid):  # type: ignore[no-untyped-def]
        dialog = IssuePreviewDialog(pending, suggested, full_hkid, parent)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        dialog.letters_row.browse()
        dialog.try_accept()
        assert dialog.result() == IssuePreviewDialog.DialogCode.Accepted
        return dialog.choice()

    monkeypatch.setattr(activation_dialogs, "ask_issue", ask_issue)


# -- the issue flow --------------------------------------------------------------------------------
def test_r5_supervisor_previews_issues_sends_and_suspends(
    qtbot,
    qtmodeltester,
    make_window,
    day: Day,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = open_activations(qtbot, make_window, day)
    runner: TaskRunner = page._runner

    # 1. Every approved member still without activation details, by notification deadline.
    model = page.pending_model
    qtmodeltester.check(model)
    assert [(p.form_id, p.delivery) for p in model.rows] == [
        (OVERDUE_FORM, "email"),
        (BAD_EMAIL_FORM, "email"),
        (FORM_1, "email"),
        (FORM_1, "email"),
        (FORM_1, "email"),
        (model.rows[5].form_id, "letter"),
    ]
    assert model.rows[5].form_id.startswith("PF20250108-HK-")
    assert page.pending_label.text() == (
        "Approved members waiting: 6 — 4 by email, 1 by letter, "
        '<span style="color:#b71c1c;">1 with an unusable email address</span>'
    )
    overdue = pending_row(page, OVERDUE_FORM)
    assert cell(model, overdue, PendingTableModel.DEADLINE) == "2024-12-19"
    assert cell(model, overdue, PendingTableModel.DAYS_LEFT).startswith("overdue by")
    assert (
        cell(model, overdue, PendingTableModel.DAYS_LEFT, Qt.ItemDataRole.BackgroundRole)
        .color()
        .name()
        == "#ffcdd2"
    )
    bad = pending_row(page, BAD_EMAIL_FORM)
    assert cell(model, bad, PendingTableModel.EMAIL).startswith(BAD_ADDRESS + " — ")
    assert (
        cell(model, bad, PendingTableModel.EMAIL, Qt.ItemDataRole.ForegroundRole).color().name()
        == "#b71c1c"
    )
    first = pending_row(page, FORM_1)
    assert cell(model, first, PendingTableModel.EMAIL) == APPLICANT_1
    assert cell(model, first, PendingTableModel.HKID) == "K200001(6)"  # supervisors see it
    assert cell(model, first, PendingTableModel.DAYS_LEFT) == "12 left"
    assert cell(model, 5, PendingTableModel.DELIVERY) == "Letter"

    # 2. Preview: what the batch does, the letter file; then Issue (task runner, progress).
    day.smtp.recorder.refuse = {REFUSED}
    previews: list[IssuePreviewDialog] = []
    preview_through_the_dialog(qtbot, monkeypatch, day.letters, previews)
    progress: list[tuple[int, int]] = []
    runner.task_started.connect(
        lambda task: task.progress.connect(lambda d, t, _w: progress.append((d, t)))
    )
    assert page.preview_button.isEnabled()
    page.preview_button.click()
    (preview,) = previews
    assert preview.summary == activation_dialogs.BatchSummary(emails=4, letters=1, problems=1)
    assert preview.emails_label.text().startswith("• 4 by email")
    assert preview.letters_label.text().startswith("• 1 by printed letter")
    assert not preview.problems_label.isHidden()
    assert preview.letters_out == day.letters
    assert len(preview.choice().member_ids) == 5  # the malformed address is left out
    assert page.issuing and not page.preview_button.isEnabled()
    wait_for_tasks(qtbot, runner)
    assert progress and progress[-1][0] == progress[-1][1] == 5

    # 3. The results: sent, letter written, the refused one with the server's reason.
    assert page.last_results is not None and len(page.last_results) == 5
    results = page.results_dialog
    assert results is not None and results.isVisible()
    assert results.summary_label.text() == "Emails sent: 3. Letters written: 1. Not sent: 1."
    assert not results.hint_label.isHidden()
    assert results.letters_label.text() == f"Print and post the letters in {day.letters}"
    rmodel = results.model
    qtmodeltester.check(rmodel)
    assert cell(rmodel, 0, IssueResultsTableModel.RESULT) == "Not sent"
    assert cell(rmodel, 0, IssueResultsTableModel.FORM_ID) == OVERDUE_FORM
    assert cell(rmodel, 0, IssueResultsTableModel.REASON).startswith(
        "the mail server refused the recipient: 550"
    )
    assert sorted(cell(rmodel, r, IssueResultsTableModel.RESULT) for r in range(1, 5)) == [
        "Letter written",
        "Sent",
        "Sent",
        "Sent",
    ]
    assert day.smtp.recorder.recipients() == [APPLICANT_1] * 3
    message = day.smtp.recorder.messages()[0]
    assert str(make_header(decode_header(message["Subject"]))) == SUBJECT
    assert day.letters.read_bytes().startswith(b"%PDF")
    results.close()

    # 4. The pending list keeps only the malformed address; the accounts wait for activation.
    wait_for_tasks(qtbot, runner)
    assert [p.form_id for p in page.pending_model.rows] == [BAD_EMAIL_FORM]
    assert not page.preview_button.isEnabled()  # nobody left who can be sent to
    accounts = page.accounts_model
    qtmodeltester.check(accounts)
    assert accounts.rowCount() == 5
    assert page.view_counts[AccountView.WAITING] == 5
    assert page.view_counts[AccountView.NOT_SENT] == 1
    assert page.view_combo.itemText(2) == "Not sent (1)"
    assert page.match_label.text() == "Matching accounts: 5"
    statuses = {cell(accounts, r, AccountsTableModel.STATUS) for r in range(5)}
    assert statuses == {"Waiting for activation"}
    deadlines = {cell(accounts, r, AccountsTableModel.DEADLINE) for r in range(5)}
    assert deadlines == {"2025-09-08"}  # R5.3: 8 months after the issue
    page.set_view(AccountView.WAITING)
    assert page.accounts_model.rowCount() == 5
    page.set_view(AccountView.NOT_SENT)
    wait_for_tasks(qtbot, runner)
    (unsent,) = page.accounts_model.rows
    assert unsent.form_id == OVERDUE_FORM and unsent.sent_at is None
    assert cell(page.accounts_model, 0, AccountsTableModel.SENT).startswith(
        "Not sent: the mail server refused the recipient: 550"
    )
    assert page.retry_button.isEnabled() and page.reissue_button.isEnabled()

    # 5. The server takes it now: Retry unsent sends it with a fresh code.
    day.smtp.recorder.refuse = set()
    page.retry_button.click()
    wait_for_tasks(qtbot, runner)
    assert page.last_results is not None
    assert [(r.form_id, r.sent) for r in page.last_results] == [(OVERDUE_FORM, True)]
    assert day.smtp.recorder.recipients() == [APPLICANT_1] * 3 + [REFUSED]
    page.results_dialog.close()
    assert page.view_counts[AccountView.NOT_SENT] == 0
    assert page.accounts_model.rowCount() == 0
    assert not page.retry_button.isEnabled()

    # 6. Suspend one with a reason (the reason is required).
    page.set_view(AccountView.ALL, text=FORM_1)
    wait_for_tasks(qtbot, runner)
    assert page.accounts_model.rowCount() == 3
    page.select_account_row(1)
    chosen = page.selected_account()
    assert chosen is not None
    monkeypatch.setattr(
        activation_dialogs,
        "ask_suspend_reason",
        lambda _p, _a: "Reported by the department: left the service",
    )
    page.suspend_button.click()
    wait_for_tasks(qtbot, runner)
    assert boxes.errors == []
    row = page.accounts_model.find_row(chosen.account_id)
    assert page.accounts_model.row_at(row).status == "SUSPENDED"
    assert cell(page.accounts_model, row, AccountsTableModel.STATUS) == "Suspended"
    assert cell(page.accounts_model, row, AccountsTableModel.NOTE) == (
        "Reported by the department: left the service"
    )
    assert page.view_counts[AccountView.SUSPENDED] == 1
    assert not page.suspend_button.isEnabled()  # already suspended
    audit = day.services.audit.page(day.supervisor, _audit_filter("account.suspend"), 0, 10)
    assert [r.entity_id for r in audit] == [chosen.account_id]


def _audit_filter(action: str):  # type: ignore[no-untyped-def]
    from fc_admin.services.audit import AuditFilter

    return AuditFilter(action=action)


def test_suspend_dialog_needs_a_reason(qtbot) -> None:
    dialog = activation_dialogs.SuspendDialog("FC-1234")
    qtbot.addWidget(dialog)
    dialog.try_accept()
    assert dialog.error_label.text() == "Please give the reason."
    assert dialog.result() != dialog.DialogCode.Accepted
    dialog.reason_edit.setPlainText("  Lost letter  ")
    dialog.try_accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.reason == "Lost letter"


def test_preview_needs_the_letter_file(qtbot, make_window, day: Day) -> None:
    page = open_activations(qtbot, make_window, day)
    dialog = IssuePreviewDialog(page.pending_model.rows, day.letters, True, page)
    qtbot.addWidget(dialog)
    dialog.letters_row.edit.clear()
    dialog.try_accept()
    assert dialog.error_label.text() == "Choose the file the letters are written to."
    assert dialog.result() != dialog.DialogCode.Accepted


def test_cancelled_preview_issues_nothing(
    qtbot, make_window, day: Day, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_activations(qtbot, make_window, day)
    monkeypatch.setattr(activation_dialogs, "ask_issue", lambda *_a: None)
    page.preview_batch()
    wait_for_tasks(qtbot, page._runner)
    assert page.last_results is None
    assert day.smtp.recorder.recipients() == []
    assert page.pending_model.rowCount() == 6


def test_mail_server_down_is_visible_and_retried(
    qtbot, make_window, day: Day, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_activations(qtbot, make_window, day)
    day.smtp.controller.stop()  # the department's server is down
    first = [p.member_id for p in page.pending_model.rows if p.form_id == FORM_1]
    page.issue(first, None)
    wait_for_tasks(qtbot, page._runner)
    assert page.last_results is not None
    assert [r.sent for r in page.last_results] == [False, False, False]
    assert page.results_dialog is not None
    assert page.results_dialog.summary_label.text() == (
        "Emails sent: 0. Letters written: 0. Not sent: 3."
    )
    assert cell(page.results_dialog.model, 0, IssueResultsTableModel.REASON).startswith(
        "the mail server 127.0.0.1:"
    )
    page.results_dialog.close()
    assert page.view_counts[AccountView.NOT_SENT] == 3
    day.smtp.controller = Controller(day.smtp.recorder, hostname="127.0.0.1", port=day.smtp.port)
    day.smtp.controller.start()  # up again
    monkeypatch.setattr(activation_dialogs, "ask_letters_file", lambda *_a: None)
    page.retry_unsent()
    wait_for_tasks(qtbot, page._runner)
    assert [r.sent for r in page.last_results] == [True, True, True]
    assert page.view_counts[AccountView.NOT_SENT] == 0


def test_clerk_sees_masked_hkids_and_may_not_issue(qtbot, make_window, day: Day) -> None:
    clerk = add_user(day.services, "clerk.b", Role.CLERK)
    window = make_window(clerk)
    assert "activations" not in window.page_keys()
    page = ActivationsPage(day.services, Actor("admin.x", Role.ADMIN), window.runner)
    qtbot.addWidget(page)
    wait_for_tasks(qtbot, window.runner)
    assert page.pending_model.rowCount() == 6  # admins may look (VIEW_APPLICATIONS)
    assert cell(page.pending_model, 2, PendingTableModel.HKID).endswith("XXX(X)")


# -- models ----------------------------------------------------------------------------------------
def test_accounts_model_pages_through_the_accounts(qtmodeltester, day: Day) -> None:
    services, supervisor = day.services, day.supervisor
    services.activations.issue(supervisor, letters_out=day.letters)
    model = AccountsTableModel(True, date(2025, 1, 8), page_size=2)
    qtmodeltester.check(model)
    model.set_source(lambda o, n: services.activations.page(supervisor, AccountView.ALL, o, n))
    assert model.rowCount() == 2 and model.pages_fetched == 1  # one page at a time
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    qtmodeltester.check(model)
    assert model.rowCount() == 6  # the malformed address gets its account, not sent
    assert model.pages_fetched == 4
    unsent = [r for r in model.rows if r.sent_at is None]
    assert len(unsent) == 1 and unsent[0].send_error is not None


def test_pending_and_results_models_empty(qtmodeltester) -> None:
    qtmodeltester.check(PendingTableModel(False))
    qtmodeltester.check(IssueResultsTableModel(False))
    qtmodeltester.check(AccountsTableModel(False, date(2025, 1, 8)))


def test_issue_choice_is_plain_data() -> None:
    assert IssueChoice([1, 2], None) == IssueChoice([1, 2], None)


def test_chinese_activations_page(
    qtbot, chinese_ui: None, make_window, day: Day, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_activations(qtbot, make_window, day)
    assert page.pending_label.text().startswith("等待中的已批准成員：6 名 — 電郵 4 名，信件 1 名")
    bad = pending_row(page, BAD_EMAIL_FORM)
    assert cell(page.pending_model, bad, PendingTableModel.EMAIL) == (
        f"{BAD_ADDRESS} — 電郵地址必須有一個而且只有一個 @"
    )
    assert cell(page.pending_model, bad, PendingTableModel.DELIVERY) == "電郵"
    day.smtp.recorder.refuse = {REFUSED}
    first = [p.member_id for p in page.pending_model.rows if p.form_id == OVERDUE_FORM]
    page.issue(first, None)
    wait_for_tasks(qtbot, page._runner)
    assert page.results_dialog is not None
    assert page.results_dialog.summary_label.text() == (
        "已發送電郵：0 封。已製作信件：0 封。未能發送：1 個。"
    )
    assert cell(page.results_dialog.model, 0, IssueResultsTableModel.REASON).startswith(
        "郵件伺服器拒絕收件人：550"
    )
    page.results_dialog.close()
    assert cell(page.accounts_model, 0, AccountsTableModel.STATUS) == "等待啟動"
    assert page.view_combo.itemText(2) == "未發送 (1)"


def test_work_menu_expires_reissues_and_imports(
    qtbot, make_window, day: Day, boxes: Boxes, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    services, supervisor = day.services, day.supervisor
    first = [p.member_id for p in services.activations.pending(supervisor) if p.form_id == FORM_1]
    issued = services.activations.issue(supervisor, first)
    window = make_window(supervisor)
    page = window.show_page("activations")
    assert isinstance(page, ActivationsPage)
    wait_for_tasks(qtbot, window.runner)

    # The online system reports one activation (F: account_id, activated_at).
    activations_file = tmp_path / "activations.csv"
    activations_file.write_text(
        f"account_id,activated_at\n{issued[0].account_id},2025-01-08T09:30:00+08:00\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(
        activation_dialogs, "choose_activations_file", lambda _p, _s: str(activations_file)
    )
    dialog = activation_dialogs.ImportActivationsDialog(services, supervisor, window.runner, page)
    qtbot.addWidget(dialog)
    dialog.browse()
    dialog.start_import()
    wait_for_tasks(qtbot, window.runner)
    assert dialog.import_result is not None
    assert dialog.result_label.text() == (
        "activations.csv: 1 rows. Accounts activated now: 1; already active: 0."
    )

    # Nine months later: the two not activated are past their deadline (R5.3).
    day.services.clock.at = NOW.replace(year=2025, month=10)  # type: ignore[attr-defined]
    window.work_actions["activations_expire"].trigger()
    wait_for_tasks(qtbot, window.runner)
    assert boxes.infos[-1] == "Accounts expired: 2."
    page.set_view(AccountView.EXPIRED)
    wait_for_tasks(qtbot, window.runner)
    assert page.accounts_model.rowCount() == 2
    assert cell(page.accounts_model, 0, AccountsTableModel.STATUS) == "Expired"
    assert page.reissue_button.isEnabled()

    # Re-issue one: a new code by email, ISSUED again with a new deadline.
    expired = page.selected_account()
    assert expired is not None
    page.reissue_button.click()
    wait_for_tasks(qtbot, window.runner)
    assert boxes.questions[-1].startswith(f"Send {expired.account_id} a new activation code?")
    assert page.last_results is not None and page.last_results[0].sent
    assert page.last_results[0].deadline == date(2026, 6, 8)
    assert page.view_counts[AccountView.EXPIRED] == 1
    assert page.view_counts[AccountView.ACTIVE] == 1
    assert day.smtp.recorder.recipients()[-1] == APPLICANT_1
    page.results_dialog.close()

    # A bad file changes nothing and says why, line by line.
    activations_file.write_text("account_id,activated_at\nNOPE,yesterday\n", encoding="utf-8")
    dialog.start_import()
    wait_for_tasks(qtbot, window.runner)
    assert dialog.result_label.text().startswith("Nothing was imported: the file has")
    assert dialog.problems_list.count() >= 1
