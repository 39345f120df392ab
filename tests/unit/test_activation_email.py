"""F6: the activation email and its reminder as they go on the wire, and address checks."""

from __future__ import annotations

import email
from datetime import date, datetime
from email import policy
from email.message import EmailMessage

import pytest

from fc_admin.domain.hktime import HONG_KONG
from fc_admin.exchange.activation_email import (
    REMINDER_SUBJECT,
    SUBJECT,
    ActivationEmail,
    ReminderEmail,
    activation_message,
    address_problem,
    format_date_en,
    format_date_zh,
    message_id,
    normalise_address,
    reminder_message,
)

AT = datetime(2025, 1, 8, 10, 0, tzinfo=HONG_KONG)
MAIL_FROM = "Families Clinics 公務員診所 <noreply@fc.example.gov.hk>"
CONTENT = ActivationEmail(
    to="taiman.chan@example.org",
    name_en="CHAN, Tai Man",
    name_zh="陳大文",
    account_id="FC7K2MXQ9D",
    code="ABCDEFGHJKMNPQRS",
    deadline=date(2026, 2, 28),
    activation_url="https://booking.example.gov.hk/activate?x=1&y=2",
    code_version=3,
)


def on_the_wire(message: EmailMessage) -> tuple[bytes, EmailMessage]:
    raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    parsed = email.message_from_bytes(raw, _class=EmailMessage, policy=policy.default)
    return raw, parsed


def parts(parsed: EmailMessage) -> tuple[str, str]:
    text = parsed.get_body(("plain",))
    html = parsed.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def test_f6_subject_structure_and_headers() -> None:
    raw, parsed = on_the_wire(activation_message(CONTENT, mail_from=MAIL_FROM, at=AT))

    assert SUBJECT == "Families Clinics Online Booking System account / 公務員診所網上預約系統帳戶"
    assert parsed["Subject"] == SUBJECT
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in parsed.iter_parts())
    assert parsed["To"] == "taiman.chan@example.org"
    assert parsed["From"].addresses[0].addr_spec == "noreply@fc.example.gov.hk"
    assert parsed["From"].addresses[0].display_name == "Families Clinics 公務員診所"
    assert parsed["Message-ID"] == "<FC7K2MXQ9D.3.activation@fc.example.gov.hk>"
    assert parsed["Date"].datetime == AT
    assert parsed["Auto-Submitted"] == "auto-generated"
    raw.decode("ascii")  # 7-bit clean: any SMTP server takes it
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def test_f6_body_in_both_languages_in_both_parts() -> None:
    text, html = parts(on_the_wire(activation_message(CONTENT, mail_from=MAIL_FROM, at=AT))[1])

    for body in (text, html):
        assert "CHAN, Tai Man" in body and "陳大文" in body
        assert "FC7K2MXQ9D" in body
        assert "ABCD-EFGH-JKMN-PQRS" in body
        assert "28 February 2026" in body and "2026年2月28日" in body
        assert "2711 0213" in body
        assert "Monday to Friday 9:00–13:00 and 14:00–17:00" in body
        assert "星期一至五 上午9時至下午1時、下午2時至5時" in body
        assert "Account ID" in body and "帳戶號碼" in body
        assert "Activation code" in body and "啟動碼" in body
        assert "Activation address" in body and "啟用網址" in body
        assert "approved" in body and "已獲批核" in body
    assert "https://booking.example.gov.hk/activate?x=1&y=2" in text
    assert 'href="https://booking.example.gov.hk/activate?x=1&amp;y=2"' in html
    assert 'lang="zh-HK"' in html


def test_names_are_escaped_in_html() -> None:
    content = ActivationEmail(
        to="a@example.org",
        name_en="<script>alert(1)</script> & CO",
        name_zh="",
        account_id="FC7K2MXQ9D",
        code="ABCDEFGHJKMNPQRS",
        deadline=date(2026, 2, 28),
        activation_url="https://x.example",
    )
    text, html = parts(on_the_wire(activation_message(content, mail_from=MAIL_FROM, at=AT))[1])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; CO" in html
    assert "<script>alert(1)</script> & CO：" in text  # no Chinese name: the English one


def test_reminder_has_the_deadline_and_no_code() -> None:
    reminder = ReminderEmail(
        to="a@example.org",
        name_en="CHAN, Tai Man",
        name_zh="陳大文",
        account_id="FC7K2MXQ9D",
        issued_on=date(2025, 6, 30),
        deadline=date(2026, 2, 28),
        activation_url="https://x.example/activate",
        code_version=2,
    )
    _, parsed = on_the_wire(reminder_message(reminder, mail_from=MAIL_FROM, at=AT))
    text, html = parts(parsed)
    assert parsed["Subject"] == REMINDER_SUBJECT
    assert parsed["Message-ID"] == "<FC7K2MXQ9D.2.reminder@fc.example.gov.hk>"
    for body in (text, html):
        assert "FC7K2MXQ9D" in body
        assert "28 February 2026" in body and "2026年2月28日" in body
        assert "30 June 2025" in body and "2025年6月30日" in body
        assert "2711 0213" in body
        assert "Activation code:" not in body


def test_message_id_without_a_sender_domain() -> None:
    assert message_id("FC7K2MXQ9D", 1, "") == "<FC7K2MXQ9D.1.activation@fc-admin.invalid>"


@pytest.mark.parametrize(
    ("day", "english", "chinese"),
    [
        (date(2026, 2, 28), "28 February 2026", "2026年2月28日"),
        (date(2025, 9, 8), "8 September 2025", "2025年9月8日"),
    ],
)
def test_dates_in_both_formats(day: date, english: str, chinese: str) -> None:
    assert format_date_en(day) == english
    assert format_date_zh(day) == chinese


@pytest.mark.parametrize(
    "address",
    [
        "taiman.chan@example.org",
        "first.last+tag@sub.example.gov.hk",
        "o'brien@example.ie",
        "x@例子.香港",
        "  padded@example.org  ",
    ],
)
def test_usable_addresses(address: str) -> None:
    assert address_problem(address) is None


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        (None, "no email address"),
        ("   ", "no email address"),
        ("chan.example.org", "exactly one @"),
        ("chan@@example.org", "exactly one @"),
        ("chan tai@example.org", "spaces"),
        ("@example.org", "nothing before the @"),
        ("chan@", "no domain"),
        (".chan@example.org", "characters an email address cannot have"),
        ("chan..tai@example.org", "characters an email address cannot have"),
        ("陳@example.org", "characters an email address cannot have"),
        ("chan@localhost", "no dot"),
        ("chan@example..org", "is not valid"),
        ("chan@exa_mple.org", "is not valid"),
        ("chan@example.org.", "is not valid"),
        ("chan@example.c0m", "top-level domain"),
        ("a" * 65 + "@example.org", "longer than 64"),
        ("a@" + "b" * 250 + ".org", "longer than 254"),
    ],
)
def test_malformed_addresses_say_why(address: str | None, reason: str) -> None:
    problem = address_problem(address)
    assert problem is not None and reason in problem


def test_normalise_address_encodes_the_domain() -> None:
    assert normalise_address(" Chan@Example.ORG ") == "Chan@example.org"
    assert normalise_address("x@例子.香港") == "x@xn--fsqu00a.xn--j6w193g"
