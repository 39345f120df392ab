"""Errors the services raise for people: one line, English template plus parameters.

``str(error)`` is the English sentence (CLI, logs); the GUI translates ``error.template`` in the
``errors`` context and formats it with ``error.params``.
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    context = "errors"

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


class PermissionDenied(ServiceError):
    pass


class NotFound(ServiceError):
    pass


class InvalidInput(ServiceError):
    pass


class Conflict(ServiceError):
    """Somebody else changed the record first (optimistic locking): reload and try again."""


class SignInRefused(ServiceError):
    pass
