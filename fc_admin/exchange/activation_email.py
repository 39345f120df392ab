"""The activation email (formats.md F6) and its reminder, and checking email addresses.

One ``multipart/alternative`` message, plain text and HTML, each with the English text and then
the Chinese: the member's names, the account ID, the activation code, the activation deadline
(R5.3) in both languages' date formats, the activation address (a setting) and the help desk
(R6). The wording follows the printed letter (:mod:`fc_admin.exchange.activation_letter`).

Messages are built with the ``compat32`` email policy and pre-encoded base64 parts: the modern
policy parses every header it is given, which costs about 2 ms a message; this way a message
takes about 0.3 ms, and 10,000 of them are not the slow part of a batch. Everything on the wire
is 7-bit ASCII (encoded words in the Subject, base64 bodies), so any SMTP server takes it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from email import policy
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from typing import Final

from fc_admin.domain.activation_codes import format_code
from fc_admin.domain.hktime import HONG_KONG, require_aware

__all__ = [
    "HELP_DESK_HOURS_EN",
    "HELP_DESK_HOURS_ZH",
    "HELP_DESK_PHONE",
    "REMINDER_SUBJECT",
    "SUBJECT",
    "ActivationEmail",
    "ReminderEmail",
    "activation_message",
    "address_problem",
    "format_date_en",
    "format_date_zh",
    "message_id",
    "normalise_address",
    "reminder_message",
    "sender_address",
]

SUBJECT_EN: Final = "Families Clinics Online Booking System account"
SUBJECT_ZH: Final = "公務員診所網上預約系統帳戶"
SUBJECT: Final = f"{SUBJECT_EN} / {SUBJECT_ZH}"  # F6, exactly
REMINDER_SUBJECT_EN: Final = "Reminder: Families Clinics Online Booking System account"
REMINDER_SUBJECT_ZH: Final = "提示：公務員診所網上預約系統帳戶"
REMINDER_SUBJECT: Final = f"{REMINDER_SUBJECT_EN} / {REMINDER_SUBJECT_ZH}"

# R6: the Online Booking System help desk.
HELP_DESK_PHONE: Final = "2711 0213"
HELP_DESK_HOURS_EN: Final = "Monday to Friday 9:00–13:00 and 14:00–17:00"
HELP_DESK_HOURS_ZH: Final = "星期一至五 上午9時至下午1時、下午2時至5時"

_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# RFC 5322 "atext" and dots for the local part; the domain is checked label by label.
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_TOP_LABEL = re.compile(r"(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})")


def format_date_en(day: date) -> str:
    """``30 April 2026``, whatever the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_date_zh(day: date) -> str:
    """``2026年4月30日``."""
    return f"{day.year}年{day.month}月{day.day}日"


# -- addresses ------------------------------------------------------------------------------------


def _ascii_domain(domain: str) -> str:
    """The domain in ASCII (IDNA for internationalised names); ValueError if it cannot be."""
    return domain.encode("idna").decode("ascii").lower()


def address_problem(address: str | None) -> str | None:
    """Why ``address`` cannot be used as a recipient, in a few English words; None if it can.

    Deliberately strict (a typing slip on a paper form should be caught before a code is sent
    nowhere), and without a DNS look-up (that is the mail server's business).
    """
    text = (address or "").strip()
    if not text:
        return "no email address"
    if len(text) > 254:
        return "the email address is longer than 254 characters"
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return "the email address contains spaces or control characters"
    if text.count("@") != 1:
        return "the email address must have exactly one @"
    local, domain = text.split("@")
    if not local:
        return "the email address has nothing before the @"
    if not domain:
        return "the email address has no domain after the @"
    if len(local) > 64:
        return "the part before the @ is longer than 64 characters"
    if _LOCAL_PART.fullmatch(local) is None:
        return "the part before the @ has characters an email address cannot have"
    try:
        ascii_domain = _ascii_domain(domain)
    except (UnicodeError, ValueError):
        return f"the domain {domain} is not valid"
    labels = ascii_domain.split(".")
    if len(labels) < 2:
        return f"the domain {domain} has no dot (e.g. example.org)"
    if any(_DOMAIN_LABEL.fullmatch(label) is None for label in labels):
        return f"the domain {domain} is not valid"
    if _TOP_LABEL.fullmatch(labels[-1]) is None:
        return f"the domain {domain} does not end in a valid top-level domain"
    return None


def normalise_address(address: str) -> str:
    """A usable address as sent: trimmed, the domain in lower-case ASCII (IDNA)."""
    local, domain = address.strip().split("@")
    return f"{local}@{_ascii_domain(domain)}"


def sender_address(mail_from: str) -> str:
    """The bare address of the ``mail_from`` setting (``Name <a@b>`` or ``a@b``); "" if none."""
    return parseaddr(mail_from)[1]


def _from_header(mail_from: str) -> str:
    name, address = parseaddr(mail_from)
    return formataddr((name, address), charset="utf-8") if name else address


def message_id(account_id: str, code_version: int, mail_from: str, kind: str = "activation") -> str:
    """``<FC7K2MXQ9D.2.activation@dh.gov.hk>``: the same account and code always give the same
    Message-ID, so a receiving system can drop a duplicate of one message."""
    address = sender_address(mail_from)
    domain = address.rpartition("@")[2] or "fc-admin.invalid"
    return f"<{account_id}.{code_version}.{kind}@{domain}>"


# -- the messages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivationEmail:
    """What one F6 message says. ``code`` is the plain code: it exists only in memory."""

    to: str
    name_en: str
    name_zh: str
    account_id: str
    code: str
    deadline: date
    activation_url: str
    code_version: int = 1


@dataclass(frozen=True)
class ReminderEmail:
    """A reminder before the activation deadline: no code (only its hash is kept)."""

    to: str
    name_en: str
    name_zh: str
    account_id: str
    issued_on: date
    deadline: date
    activation_url: str
    code_version: int = 1


def _help_en() -> str:
    return (
        f"Enquiries: Online Booking System help desk, telephone {HELP_DESK_PHONE} "
        f"({HELP_DESK_HOURS_EN})."
    )


def _help_zh() -> str:
    return f"查詢：網上預約系統查詢熱線 {HELP_DESK_PHONE}（{HELP_DESK_HOURS_ZH}）。"


_FOOTER_EN: Final = "This email was sent by the Department of Health. Please do not reply to it."
_FOOTER_ZH: Final = "此電郵由衞生署發出，請勿回覆。"


def _salutation_zh(name_zh: str, name_en: str) -> str:
    return f"{name_zh or name_en}："


def _activation_text(content: ActivationEmail) -> str:
    code = format_code(content.code)
    en_deadline = format_date_en(content.deadline)
    zh_deadline = format_date_zh(content.deadline)
    return "\n".join(
        [
            "Families Clinics Online Booking System / 公務員診所網上預約系統",
            "",
            f"Dear {content.name_en},",
            "",
            "Your application to the Families Clinics has been approved. To book appointments",
            "online, please activate your account of the Families Clinics Online Booking System",
            f"with the account ID and activation code below, on or before {en_deadline}.",
            "",
            f"  Account ID:             {content.account_id}",
            f"  Activation code:        {code}",
            f"  Activate on or before:  {en_deadline}",
            f"  Activation address:     {content.activation_url}",
            "",
            "The activation code works only once. Keep it to yourself and do not give it to",
            "anyone. If it expires before you have activated your account, ask the help desk to",
            "issue a new code; the old code will then no longer work.",
            "",
            _help_en(),
            "",
            _FOOTER_EN,
            "",
            "------------------------------------------------------------",
            "",
            _salutation_zh(content.name_zh, content.name_en),
            "",
            "閣下的公務員診所申請已獲批核。如欲在網上預約，請於"
            f"{zh_deadline}或之前，以下列帳戶號碼及啟動碼啟用閣下的公務員診所網上預約系統帳戶。",
            "",
            f"  帳戶號碼：{content.account_id}",
            f"  啟動碼：{code}",
            f"  啟用限期：{zh_deadline}",
            f"  啟用網址：{content.activation_url}",
            "",
            "啟動碼只可使用一次。請妥為保管，切勿告知他人。如啟動碼在閣下啟用帳戶前已過期，"
            "請聯絡查詢熱線重新發出啟動碼；原有的啟動碼隨即失效。",
            "",
            _help_zh(),
            "",
            _FOOTER_ZH,
            "",
        ]
    )


def _row(label_en: str, label_zh: str, value: str, mono: bool = False) -> str:
    style = ' style="font-family:monospace;font-size:120%;letter-spacing:1px"' if mono else ""
    return (
        f'<tr><th align="left" style="padding:2px 12px 2px 0">{label_en}<br>{label_zh}</th>'
        f"<td{style}>{value}</td></tr>"
    )


def _activation_html(content: ActivationEmail) -> str:
    e = html.escape
    code = e(format_code(content.code))
    account = e(content.account_id)
    url = e(content.activation_url, quote=True)
    en_deadline = format_date_en(content.deadline)
    zh_deadline = format_date_zh(content.deadline)
    table = (
        '<table style="border-collapse:collapse;margin:12px 0">'
        + _row("Account ID", "帳戶號碼", account, mono=True)
        + _row("Activation code", "啟動碼", code, mono=True)
        + _row("Activate on or before", "啟用限期", f"{en_deadline}<br>{zh_deadline}")
        + _row("Activation address", "啟用網址", f'<a href="{url}">{url}</a>')
        + "</table>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(SUBJECT)}</title></head>\n<body>\n"
        '<h2>Families Clinics Online Booking System<br lang="zh-HK">公務員診所網上預約系統</h2>\n'
        '<div lang="en">\n'
        f"<p>Dear {e(content.name_en)},</p>\n"
        "<p>Your application to the Families Clinics has been approved. To book appointments "
        "online, please activate your account of the Families Clinics Online Booking System "
        f"with the account ID and activation code below, on or before {en_deadline}.</p>\n"
        "</div>\n"
        '<div lang="zh-HK">\n'
        f"<p>{e(_salutation_zh(content.name_zh, content.name_en))}</p>\n"
        f"<p>閣下的公務員診所申請已獲批核。如欲在網上預約，請於{zh_deadline}或之前，"
        "以下列帳戶號碼及啟動碼啟用閣下的公務員診所網上預約系統帳戶。</p>\n"
        "</div>\n"
        f"{table}\n"
        '<p lang="en">The activation code works only once. Keep it to yourself and do not give '
        "it to anyone. If it expires before you have activated your account, ask the help desk "
        "to issue a new code; the old code will then no longer work.</p>\n"
        '<p lang="zh-HK">啟動碼只可使用一次。請妥為保管，切勿告知他人。如啟動碼在閣下啟用帳戶前已'
        "過期，請聯絡查詢熱線重新發出啟動碼；原有的啟動碼隨即失效。</p>\n"
        f'<p lang="en">{e(_help_en())}</p>\n'
        f'<p lang="zh-HK">{e(_help_zh())}</p>\n'
        f'<p style="color:#555"><span lang="en">{e(_FOOTER_EN)}</span><br>'
        f'<span lang="zh-HK">{e(_FOOTER_ZH)}</span></p>\n'
        "</body></html>\n"
    )


def _reminder_text(content: ReminderEmail) -> str:
    en_deadline = format_date_en(content.deadline)
    zh_deadline = format_date_zh(content.deadline)
    return "\n".join(
        [
            "Families Clinics Online Booking System / 公務員診所網上預約系統",
            "",
            f"Dear {content.name_en},",
            "",
            f"Your account {content.account_id} of the Families Clinics Online Booking System is",
            "not activated yet. The activation code sent to you on "
            f"{format_date_en(content.issued_on)} works until {en_deadline}.",
            f"Please activate your account at {content.activation_url} with your account ID and",
            "that activation code. If you no longer have the code, ask the help desk to issue a",
            "new one.",
            "",
            _help_en(),
            "",
            _FOOTER_EN,
            "",
            "------------------------------------------------------------",
            "",
            _salutation_zh(content.name_zh, content.name_en),
            "",
            f"閣下的公務員診所網上預約系統帳戶 {content.account_id} 尚未啟用。"
            f"於{format_date_zh(content.issued_on)}發出的啟動碼有效至{zh_deadline}。",
            f"請前往 {content.activation_url}，以帳戶號碼及該啟動碼啟用帳戶。"
            "如閣下已遺失啟動碼，請聯絡查詢熱線重新發出。",
            "",
            _help_zh(),
            "",
            _FOOTER_ZH,
            "",
        ]
    )


def _reminder_html(content: ReminderEmail) -> str:
    e = html.escape
    url = e(content.activation_url, quote=True)
    link = f'<a href="{url}">{url}</a>'
    account = e(content.account_id)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(REMINDER_SUBJECT)}</title></head>\n<body>\n"
        f'<p lang="en">Dear {e(content.name_en)},</p>\n'
        f'<p lang="en">Your account <b>{account}</b> of the Families Clinics Online Booking '
        "System is not activated yet. The activation code sent to you on "
        f"{format_date_en(content.issued_on)} works until "
        f"<b>{format_date_en(content.deadline)}</b>. Please activate your account at {link} "
        "with your account ID and that activation code. If you no longer have the code, ask "
        "the help desk to issue a new one.</p>\n"
        f'<p lang="en">{e(_help_en())}</p>\n'
        f'<p lang="zh-HK">{e(_salutation_zh(content.name_zh, content.name_en))}</p>\n'
        f'<p lang="zh-HK">閣下的公務員診所網上預約系統帳戶 <b>{account}</b> 尚未啟用。'
        f"於{format_date_zh(content.issued_on)}發出的啟動碼有效至"
        f"<b>{format_date_zh(content.deadline)}</b>。請前往 {link}，以帳戶號碼及該啟動碼啟用帳戶。"
        "如閣下已遺失啟動碼，請聯絡查詢熱線重新發出。</p>\n"
        f'<p lang="zh-HK">{e(_help_zh())}</p>\n'
        f'<p style="color:#555"><span lang="en">{e(_FOOTER_EN)}</span><br>'
        f'<span lang="zh-HK">{e(_FOOTER_ZH)}</span></p>\n'
        "</body></html>\n"
    )


def _subject(english: str, chinese: str) -> Header:
    # The English half stays readable in the raw message; the Chinese half is an encoded word.
    header = Header(f"{english} / ", "us-ascii", header_name="Subject")
    header.append(chinese, "utf-8")
    return header


def _message(
    to: str,
    subject: Header,
    text: str,
    html_text: str,
    *,
    mail_from: str,
    msg_id: str,
    at: datetime,
) -> EmailMessage:
    require_aware(at, "at")
    message = EmailMessage(policy=policy.compat32)
    message["From"] = _from_header(mail_from)
    message["To"] = to
    message["Subject"] = subject  # compat32 takes a Header (encoded words when flattened)
    message["Date"] = format_datetime(at.astimezone(HONG_KONG))
    message["Message-ID"] = msg_id
    message["MIME-Version"] = "1.0"
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies, please
    message.set_type("multipart/alternative")
    message.attach(_text_part(text, "plain"))
    message.attach(_text_part(html_text, "html"))
    return message


def _text_part(text: str, subtype: str) -> EmailMessage:
    part = EmailMessage(policy=policy.compat32)
    part.set_payload(text, "utf-8")  # compat32: Content-Type, MIME-Version, base64 body
    part.set_type(f"text/{subtype}")
    return part


def activation_message(content: ActivationEmail, *, mail_from: str, at: datetime) -> EmailMessage:
    """The F6 message for one member, dated ``at``."""
    return _message(
        content.to,
        _subject(SUBJECT_EN, SUBJECT_ZH),
        _activation_text(content),
        _activation_html(content),
        mail_from=mail_from,
        msg_id=message_id(content.account_id, content.code_version, mail_from),
        at=at,
    )


def reminder_message(content: ReminderEmail, *, mail_from: str, at: datetime) -> EmailMessage:
    """The reminder for one member whose account is not activated yet, dated ``at``."""
    return _message(
        content.to,
        _subject(REMINDER_SUBJECT_EN, REMINDER_SUBJECT_ZH),
        _reminder_text(content),
        _reminder_html(content),
        mail_from=mail_from,
        msg_id=message_id(content.account_id, content.code_version, mail_from, "reminder"),
        at=at,
    )
