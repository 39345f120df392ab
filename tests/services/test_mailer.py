"""The SMTP mailer against a real SMTP server (aiosmtpd on loopback): accepted, refused
recipient, server down, slow server, a dropped idle connection, STARTTLS and login.

:class:`SmtpServer` is also used by the activation tests: it records every envelope it accepted,
can refuse chosen recipients with 550, and can be slowed down.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from fc_admin.services.mailer import MAX_CONNECTION_FAILURES, MailerUnavailable, SmtpMailer
from fc_admin.settings import Settings

SENDER = "noreply@fc.example.gov.hk"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Recorder:
    """An aiosmtpd handler: keeps what it accepted; refuses chosen recipients; can be slow."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []
        self.refuse: set[str] = set()
        self.delay = 0.0
        self.lock = threading.Lock()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 <" + address + ">: no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.received.append(
                (envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content))
            )
        return "250 2.0.0 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        with self.lock:
            return [
                email.message_from_bytes(raw, _class=EmailMessage, policy=policy.default)
                for _, _, raw in self.received
            ]

    def recipients(self) -> list[str]:
        with self.lock:
            return [to for _, tos, _ in self.received for to in tos]


class SmtpServer:
    def __init__(self, **smtp_parameters: Any) -> None:
        self.recorder = Recorder()
        self.port = free_port()
        self.controller = Controller(
            self.recorder, hostname="127.0.0.1", port=self.port, **smtp_parameters
        )

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    def mailer(self, timeout: float = 5, **kwargs: Any) -> SmtpMailer:
        return SmtpMailer("127.0.0.1", self.port, False, "", "", timeout, **kwargs)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


def message(to: str, n: int = 0) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = SENDER
    msg["To"] = to
    msg["Subject"] = f"test {n}"
    msg["Message-ID"] = f"<test.{n}@fc.example.gov.hk>"
    msg.set_content(f"message {n}")
    return msg


def send(mailer: SmtpMailer, messages: list[EmailMessage]) -> list[tuple[str, str | None]]:
    results: list[tuple[str, str | None]] = []
    mailer.send_many(messages, lambda m, error: results.append((str(m["To"]), error)))
    return results


# -- accepted, refused ------------------------------------------------------------------------


def test_f6_one_connection_delivers_every_message(smtp_server: SmtpServer) -> None:
    addresses = [f"member{i}@example.org" for i in range(5)]

    results = send(smtp_server.mailer(), [message(a, i) for i, a in enumerate(addresses)])

    assert results == [(a, None) for a in addresses]
    assert smtp_server.recorder.recipients() == addresses
    assert [m["Subject"] for m in smtp_server.recorder.messages()] == [
        f"test {i}" for i in range(5)
    ]
    assert {sender for sender, _, _ in smtp_server.recorder.received} == {SENDER}


def test_f6_a_refused_recipient_is_an_error_for_that_message_only(
    smtp_server: SmtpServer,
) -> None:
    smtp_server.recorder.refuse.add("nobody@example.org")

    results = send(
        smtp_server.mailer(),
        [message("a@example.org", 1), message("nobody@example.org", 2), message("b@example.org")],
    )

    assert results[0] == ("a@example.org", None)
    assert results[2] == ("b@example.org", None)
    refused = results[1][1]
    assert refused is not None
    assert refused.startswith("recipient refused: 550")
    assert "no such user" in refused
    assert smtp_server.recorder.recipients() == ["a@example.org", "b@example.org"]


def test_f6_a_message_without_recipient_is_an_error(smtp_server: SmtpServer) -> None:
    msg = message("x@example.org")
    del msg["To"]
    results: list[str | None] = []
    smtp_server.mailer().send_many([msg], lambda m, error: results.append(error))
    assert results == ["the message has no recipient"]


# -- server down, slow, dropping --------------------------------------------------------------


def test_f6_server_down_raises_mailer_unavailable_in_one_line() -> None:
    mailer = SmtpMailer("127.0.0.1", free_port(), False, "", "", timeout=2)
    results: list[str | None] = []

    with pytest.raises(MailerUnavailable) as down:
        mailer.send_many([message("a@example.org")], lambda m, error: results.append(error))

    assert results == []
    text = str(down.value)
    assert f"127.0.0.1:{mailer.port}" in text
    assert "cannot be used" in text
    assert "\n" not in text


def test_no_mail_server_configured_is_refused_before_connecting() -> None:
    with pytest.raises(MailerUnavailable, match="no mail server is set up"):
        SmtpMailer.from_settings(Settings(smtp_host=""))


def test_from_settings_takes_server_port_starttls_and_login() -> None:
    mailer = SmtpMailer.from_settings(
        Settings(
            smtp_host="mail.dh.example",
            smtp_port=587,
            smtp_starttls=True,
            smtp_user="fc-admin",
            smtp_password="s3cret-pass",
        ),
        timeout=7,
    )
    assert (mailer.host, mailer.port, mailer.starttls, mailer.user, mailer.timeout) == (
        "mail.dh.example",
        587,
        True,
        "fc-admin",
        7,
    )
    assert "s3cret-pass" not in repr(mailer)


def test_f6_a_slow_server_times_out_and_the_message_counts_as_not_sent() -> None:
    with SmtpServer() as server:
        server.recorder.delay = 1.5
        mailer = server.mailer(timeout=0.3)
        results: list[tuple[str, str | None]] = []
        started = time.monotonic()

        with pytest.raises(MailerUnavailable, match="stopped answering"):
            mailer.send_many(
                [message(f"m{i}@example.org", i) for i in range(10)],
                lambda m, error: results.append((str(m["To"]), error)),
            )

        elapsed = time.monotonic() - started
    # Each message timed out once; after MAX_CONNECTION_FAILURES in a row the mailer gave up
    # instead of waiting on every message of the batch.
    assert len(results) == MAX_CONNECTION_FAILURES
    assert all(error is not None and "timed out" in error for _, error in results)
    assert all("may not have been delivered" in (error or "") for _, error in results)
    assert elapsed < 10 * 0.3 + 3


def test_f6_an_idle_connection_dropped_by_the_server_is_reopened_without_loss() -> None:
    with SmtpServer(timeout=0.3) as server:  # the server closes connections idle for 0.3 s

        def slow_messages() -> Iterator[EmailMessage]:
            yield message("first@example.org", 1)
            time.sleep(0.8)  # the server hangs up meanwhile
            yield message("second@example.org", 2)

        results: list[tuple[str, str | None]] = []
        server.mailer().send_many(
            slow_messages(), lambda m, error: results.append((str(m["To"]), error))
        )

        assert results == [("first@example.org", None), ("second@example.org", None)]
        assert server.recorder.recipients() == ["first@example.org", "second@example.org"]


def test_an_exception_in_the_callback_stops_the_batch_and_closes_the_connection(
    smtp_server: SmtpServer,
) -> None:
    seen: list[str] = []

    def crash_after_two(m: EmailMessage, error: str | None) -> None:
        seen.append(str(m["To"]))
        if len(seen) == 2:
            raise RuntimeError("crash")

    with pytest.raises(RuntimeError, match="crash"):
        smtp_server.mailer().send_many(
            [message(f"m{i}@example.org", i) for i in range(5)], crash_after_two
        )

    assert smtp_server.recorder.recipients() == ["m0@example.org", "m1@example.org"]


# -- STARTTLS and login ----------------------------------------------------------------------


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file = tmp_path / "cert.pem"
    key_file = tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class _Accounts:
    def __init__(self, user: str, password: str) -> None:
        self.user = user.encode()
        self.password = password.encode()
        self.tls_seen: list[bool] = []

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        self.tls_seen.append(session.ssl is not None)
        ok = (
            isinstance(data, LoginPassword)
            and data.login == self.user
            and data.password == self.password
        )
        return AuthResult(success=ok, handled=False)


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[SmtpServer, ssl.SSLContext, _Accounts]]:
    cert_file, key_file = _self_signed(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert_file, key_file)
    client_context = ssl.create_default_context(cafile=str(cert_file))
    accounts = _Accounts("fc-admin", "correct horse")
    with SmtpServer(
        tls_context=server_context,
        require_starttls=True,
        authenticator=accounts,
        auth_required=True,
    ) as server:
        yield server, client_context, accounts


def test_f6_starttls_and_login(tls_server: tuple[SmtpServer, ssl.SSLContext, _Accounts]) -> None:
    server, context, accounts = tls_server
    mailer = SmtpMailer(
        "127.0.0.1", server.port, True, "fc-admin", "correct horse", 5, ssl_context=context
    )

    assert send(mailer, [message("a@example.org")]) == [("a@example.org", None)]
    assert accounts.tls_seen == [True]  # the password went over TLS only
    assert server.recorder.recipients() == ["a@example.org"]


def test_a_refused_login_is_mailer_unavailable_without_the_password(
    tls_server: tuple[SmtpServer, ssl.SSLContext, _Accounts],
) -> None:
    server, context, _ = tls_server
    mailer = SmtpMailer(
        "127.0.0.1", server.port, True, "fc-admin", "wrong-secret-42", 5, ssl_context=context
    )

    with pytest.raises(MailerUnavailable) as refused:
        mailer.check()

    text = str(refused.value)
    assert "refused the login of fc-admin" in text
    assert "wrong-secret-42" not in text
    assert server.recorder.received == []


def test_a_server_certificate_that_is_not_trusted_is_refused(
    tls_server: tuple[SmtpServer, ssl.SSLContext, _Accounts],
) -> None:
    server, _, _ = tls_server
    mailer = SmtpMailer("127.0.0.1", server.port, True, "fc-admin", "correct horse", 5)

    with pytest.raises(MailerUnavailable, match="cannot be used"):
        mailer.check()
