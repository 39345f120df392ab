"""Marking strings for translation outside Qt.

Services and domain code never import Qt; they raise errors whose English template is marked with
``QT_TRANSLATE_NOOP`` so that ``pyside6-lupdate`` collects it, and the views translate the template
with ``QCoreApplication.translate(context, template)`` before filling in the parameters.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    return source
