"""Fill unfinished entries of the .ts from a JSON mapping {source: translation}.

    python tools/fill_translations.py mapping.json   then   python tools/update_translations.py

For translators working without Qt Linguist; entries not in the mapping stay unfinished.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = ROOT / "resources" / "translations" / "fc_admin_zh_HK.ts"


def main(mapping_file: str) -> int:
    mapping: dict[str, str] = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    tree = ET.parse(TS_FILE)
    filled = 0
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in mapping:
            translation.text = mapping[source]
            del translation.attrib["type"]
            filled += 1
    tree.write(TS_FILE, encoding="utf-8", xml_declaration=True)
    print(f"{filled} entries filled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
