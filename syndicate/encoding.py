"""Bytes -> correct Unicode for HTML and XML documents, trusting declarations only as far as they hold.

Korean pages lie about their charset: ``euc-kr`` pages that are UTF-8, or that
use CP949's extra syllables. Valid UTF-8 with non-ASCII bytes is never an
accident in Korean text, so it wins over any declaration; then come the
declarations (HTTP header, XML prolog, meta), then CP949.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# EUC-KR and its aliases decode as CP949 (a strict superset used by every Korean site).
_ALIASES = {
    "euc-kr": "cp949", "euckr": "cp949", "ks_c_5601-1987": "cp949", "ks_c_5601": "cp949",
    "ksc5601": "cp949", "ksc_5601": "cp949", "korean": "cp949", "x-windows-949": "cp949",
    "windows-949": "cp949", "uhc": "cp949", "iso-2022-kr": "iso2022_kr",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252",  # browsers read all three as windows-1252
}
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:\-]+)[\"']", re.I)
_META = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
         (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def normalize_encoding(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None when it is unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_encodings(data: bytes) -> list[str]:
    head = data[:4096]
    found = []
    for pattern in (_XML_DECL, _META):
        m = pattern.search(head)
        if m:
            enc = normalize_encoding(m.group(1).decode("ascii", "ignore"))
            if enc and enc not in found:
                found.append(enc)
    return found


def decode_document(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns (NFC text without BOM, the codec used)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _finish(data[len(bom):].decode(enc, "replace")), enc
    try:
        text = data.decode("utf-8")
        return _finish(text), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = [normalize_encoding(http_charset)] + declared_encodings(data) + ["cp949"]
    for enc in candidates:
        if enc in (None, "utf-8", "utf-16", "utf-32") or enc.startswith(("utf_16", "utf_32")):
            continue  # UTF-8 already failed; UTF-16/32 without a BOM is a false declaration
        try:
            return _finish(data.decode(enc)), enc
        except (UnicodeDecodeError, LookupError):
            continue
    # Nothing decodes cleanly: keep the readable part rather than lose the document.
    best = max(("utf-8", "cp949"), key=lambda e: -data.decode(e, "replace").count("\ufffd"))
    return _finish(data.decode(best, "replace")), best


def _finish(text: str) -> str:
    return unicodedata.normalize("NFC", text)
