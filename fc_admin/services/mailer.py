"""Sending email through the department's SMTP server (formats.md F6).

:class:`SmtpMailer` sends a batch over **one** connection (STARTTLS and login as the settings
say) and reports the outcome of every message through a callback, as soon as the server has
answered it: ``None`` when the server accepted the message, otherwise the reason in one line.
The caller records each outcome at once (commit per message), so a crash loses at most the
record of the one message in flight.

What counts as what:

- the server refuses the sender, the recipient (``550 no such user``) or the content: an error
  for that message; the connection is reset and the batch goes on;
- the connection drops before the message's data was sent (an idle connection closed by the
  server, ``421``): nothing can have been delivered, so the mailer reconnects and sends that
  message again, once;
- the connection drops or times out while the data is being sent or acknowledged: the server
  may or may not have taken the message. It is reported as an error (the caller sends a fresh
  code next time: never a message that might repeat a code that works) and the mailer
  reconnects;
- no connection can be made (server down, refused login, TLS failure), or
  :data:`MAX_CONNECTION_FAILURES` connection failures come in a row (a server that has stopped
  answering): :class:`MailerUnavailable` is raised; the messages not yet reported were not sent.

The password is never part of a message, a log line or an exception.
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
import ssl
from collections.abc import Callable, Iterable
from email.message import EmailMessage
from email.utils import getaddresses
from typing import TYPE_CHECKING, Final, Protocol

from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.services.errors import ServiceError

if TYPE_CHECKING:
    from fc_admin.settings import Settings

__all__ = [
    "MAX_CONNECTION_FAILURES",
    "Mailer",
    "MailerUnavailable",
    "OnResult",
    "SmtpMailer",
]

OnResult = Callable[[EmailMessage, str | None], None]

# A server that drops or times out this many times in a row is treated as down.
MAX_CONNECTION_FAILURES: Final = 3
# Port 465 is SMTP over TLS from the first byte (RFC 8314), not STARTTLS.
IMPLICIT_TLS_PORT: Final = 465


class MailerUnavailable(ServiceError):
    """The mail server cannot be used at all (down, login refused, TLS failed): one line."""


class Mailer(Protocol):
    def send_many(self, messages: Iterable[EmailMessage], on_result: OnResult) -> None:
        """Send each message; call ``on_result(message, error)`` for each as soon as it is
        known (``None`` = accepted by the server). Raises :class:`MailerUnavailable` when the
        server cannot be used; messages not reported by then were not sent."""
        ...


class _ConnectionLost(Exception):
    """The connection failed; ``maybe_delivered`` when the data had already gone out."""

    def __init__(self, reason: str, maybe_delivered: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.maybe_delivered = maybe_delivered


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "no reason given"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        message = exc.smtp_error
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
        return _one_line(f"{exc.smtp_code} {text}")
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return _one_line(exc.strerror)
    return _one_line(str(exc) or type(exc).__name__)


def _reply(code: int, text: bytes) -> str:
    return _one_line(f"{code} {text.decode('utf-8', 'replace')}")


def _address(header: object) -> str:
    if header is None:
        return ""
    found = getaddresses([str(header)])
    return found[0][1] if found else ""


class SmtpMailer:
    """The department's SMTP server; one connection per :meth:`send_many` batch."""

    def __init__(
        self,
        host: str,
        port: int,
        starttls: bool,
        user: str,
        password: str,
        timeout: float = 20,
        *,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.host = host.strip()
        self.port = port
        self.starttls = starttls
        self.user = user
        self._password = password
        self.timeout = timeout
        self._ssl_context = ssl_context

    @classmethod
    def from_settings(cls, settings: Settings, timeout: float = 20) -> SmtpMailer:
        """A mailer for the ``smtp_*`` settings; :class:`MailerUnavailable` if none is set."""
        if not settings.smtp_host.strip():
            raise MailerUnavailable(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "no mail server is set up (setting smtp_host, or FC_ADMIN_SMTP_HOST)",
                )
            )
        return cls(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_starttls,
            settings.smtp_user,
            settings.smtp_password,
            timeout,
        )

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    def __repr__(self) -> str:  # never the password
        return f"SmtpMailer({self.server}, starttls={self.starttls}, user={self.user!r})"

    # -- connections ---------------------------------------------------------------------------
    def _context(self) -> ssl.SSLContext:
        return self._ssl_context or ssl.create_default_context()

    def _unavailable(self, exc: BaseException) -> MailerUnavailable:
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            return MailerUnavailable(
                QT_TRANSLATE_NOOP(
                    "errors", "the mail server {server} refused the login of {user}: {reason}"
                ),
                server=self.server,
                user=self.user,
                reason=_reason(exc),
            )
        if isinstance(exc, smtplib.SMTPNotSupportedError):
            return MailerUnavailable(
                QT_TRANSLATE_NOOP(
                    "errors", "the mail server {server} does not offer {feature}: {reason}"
                ),
                server=self.server,
                feature="STARTTLS" if self.starttls else "AUTH",
                reason=_reason(exc),
            )
        return MailerUnavailable(
            QT_TRANSLATE_NOOP("errors", "the mail server {server} cannot be used: {reason}"),
            server=self.server,
            reason=_reason(exc),
        )

    def _connect(self) -> smtplib.SMTP:
        connection: smtplib.SMTP | None = None
        try:
            if self.port == IMPLICIT_TLS_PORT and not self.starttls:
                connection = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=self._context()
                )
            else:
                connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            connection.ehlo()
            if self.starttls:
                connection.starttls(context=self._context())
                connection.ehlo()
            if self.user:
                connection.login(self.user, self._password)
            return connection
        except (OSError, smtplib.SMTPException) as exc:
            if connection is not None:
                _close(connection)
            raise self._unavailable(exc) from None

    def check(self) -> None:
        """Connect, log in and say goodbye: "test the connection" in the settings."""
        _close(self._connect())

    # -- one message ---------------------------------------------------------------------------
    def _send_one(self, connection: smtplib.SMTP, message: EmailMessage) -> str | None:
        """None if accepted; the server's refusal; :class:`_ConnectionLost` if it dropped."""
        sender = _address(message["Return-Path"]) or _address(message["From"])
        recipient = _address(message["To"])
        if not recipient:
            return "the message has no recipient"
        data = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        options: list[str] = []
        if not data.isascii() and connection.has_extn("8bitmime"):
            options.append("BODY=8BITMIME")
        data_started = False
        try:
            code, text = connection.mail(sender, options)
            if code == 421:
                raise _ConnectionLost(_reply(code, text), maybe_delivered=False)
            if code != 250:
                _reset(connection)
                return "sender refused: " + _reply(code, text)
            code, text = connection.rcpt(recipient)
            if code == 421:
                raise _ConnectionLost(_reply(code, text), maybe_delivered=False)
            if code not in (250, 251):
                _reset(connection)
                return "recipient refused: " + _reply(code, text)
            data_started = True
            code, text = connection.data(data)
            if code != 250:
                _reset(connection)
                return "message refused: " + _reply(code, text)
            return None
        except smtplib.SMTPDataError as exc:  # DATA itself refused (no 354): nothing delivered
            _reset(connection)
            return "message refused: " + _reason(exc)
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            raise _ConnectionLost(_reason(exc), maybe_delivered=data_started) from None

    # -- the batch -----------------------------------------------------------------------------
    def send_many(self, messages: Iterable[EmailMessage], on_result: OnResult) -> None:
        connection: smtplib.SMTP | None = self._connect()
        failures = 0
        try:
            for message in messages:
                retried = False
                while True:
                    if connection is None:
                        connection = self._connect()
                    try:
                        error = self._send_one(connection, message)
                    except _ConnectionLost as lost:
                        _close(connection)
                        connection = None
                        failures += 1
                        if lost.maybe_delivered or retried:
                            on_result(
                                message,
                                "the connection to the mail server failed while sending "
                                f"({lost.reason}); the message may not have been delivered",
                            )
                            if failures >= MAX_CONNECTION_FAILURES:
                                raise self._stopped(lost.reason) from None
                            break
                        if failures >= MAX_CONNECTION_FAILURES:
                            raise self._stopped(lost.reason) from None
                        retried = True  # nothing went out: the same message, new connection
                        continue
                    failures = 0
                    on_result(message, error)
                    break
        finally:
            if connection is not None:
                _close(connection)

    def _stopped(self, reason: str) -> MailerUnavailable:
        return MailerUnavailable(
            QT_TRANSLATE_NOOP(
                "errors",
                "the mail server {server} stopped answering ({reason}); the rest was not sent",
            ),
            server=self.server,
            reason=reason,
        )


def _reset(connection: smtplib.SMTP) -> None:
    # If this fails, the next MAIL finds the connection dead and the mailer reconnects.
    with contextlib.suppress(OSError, smtplib.SMTPException):
        connection.rset()


def _close(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (OSError, smtplib.SMTPException):
        connection.close()
