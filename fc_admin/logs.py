"""Logging to a file in the data folder, with HKIDs masked (R9.3). Users never see tracebacks."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from fc_admin.domain.privacy import mask_hkids_in_text
from fc_admin.settings import data_dir


class HkidMaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_hkids_in_text(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # Render the traceback now so that it can be masked too.
            record.exc_text = mask_hkids_in_text(
                logging.Formatter().formatException(record.exc_info)
            )
            record.exc_info = None
        return True


def log_file() -> Path:
    return data_dir() / "logs" / "fc-admin.log"


def configure_logging() -> Path | None:
    """Log to a rotating file; returns its path (None if the folder cannot be written)."""
    root = logging.getLogger()
    if any(getattr(h, "_fc_admin", False) for h in root.handlers):
        return log_file()
    root.setLevel(os.environ.get("FC_ADMIN_LOG_LEVEL", "INFO").upper())
    path: Path | None = log_file()
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler, path = logging.NullHandler(), None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(HkidMaskingFilter())
    handler._fc_admin = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
