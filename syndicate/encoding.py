"""Bytes -> correct Unicode for HTML and XML documents, trusting declarations only as far as they hold.

Order of evidence: a BOM; then the declarations (HTTP header, XML prolog, meta),
checked by decoding; then validation. Korean pages lie about their charset:
``euc-kr`` pages that are really UTF-8, ``euc-kr`` pages that use CP949's extra
syllables (똠, 햏, 쀍 are not in EUC-KR), ``iso-8859-1`` on Korean text. So:

- EUC-KR and its aliases (``ks_c_5601-1987`` included) are read as CP949, its
  strict superset, so nothing valid in EUC-KR changes.
- Valid UTF-8 that has non-ASCII bytes is never an accident in a Korean page, so
  it wins over any other declaration.
- A single-byte Western declaration on bytes that are clean CP949 Hangul is the
  classic mislabel, and CP949 wins.
- When nothing decodes cleanly the page is damaged (cut mid-character, a stray
  byte): the codec with the fewest errors is used, so U+FFFD appears only where
  the source itself was broken.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

# EUC-KR and its aliases decode as CP949 (a strict superset used by every Korean site).
_ALIASES = {
    "euc-kr": "cp949", "euckr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949", "ks_c_5601-1989": "cp949", "ksc5601": "cp949", "ksc_5601": "cp949",
    "korean": "cp949", "x-windows-949": "cp949", "windows-949": "cp949", "ms949": "cp949",
    "uhc": "cp949", "iso-2022-kr": "iso2022_kr", "csiso2022kr": "iso2022_kr",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252",  # browsers read all three as windows-1252
    "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
}
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:\-]+)[\"']", re.I)
_META = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
         (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_HANGUL = re.compile("[\uac00-\ud7a3]")
_SINGLE_BYTE = {"cp1252", "latin_1", "iso8859_15", "cp1250", "ascii"}
# Declarations sit in the head; browsers look at the first 1024 bytes, CMS pages
# sometimes put the meta after a long block of scripts.
_DECLARATION_WINDOW = 16384


@dataclass(frozen=True)
class Sniffed:
    codec: str          # a Python codec name
    bom: int = 0        # bytes of BOM to skip
    clean: bool = True  # the whole document decodes without errors in ``codec``


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
    """The XML prolog's and the first meta's charset, as codec names, in that order."""
    head = data[:_DECLARATION_WINDOW]
    found = []
    for pattern in (_XML_DECL, _META):
        m = pattern.search(head)
        if m:
            enc = normalize_encoding(m.group(1).decode("ascii", "ignore"))
            if enc and enc not in found:
                found.append(enc)
    return found


def _decodes(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def sniff_encoding(data: bytes, http_charset: str | None = None) -> Sniffed:
    """Decide how ``data`` is encoded, without keeping the decoded text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Sniffed(enc, len(bom), _decodes(data[len(bom):], enc) is not None)
    declared = [e for e in [normalize_encoding(http_charset)] + declared_encodings(data) if e]
    if data.isascii():
        if b"\x1b$)C" in data:  # ISO-2022-KR announces itself with this escape
            return Sniffed("iso2022_kr", 0, _decodes(data, "iso2022_kr") is not None)
        return Sniffed("utf-8")
    if _decodes(data, "utf-8") is not None:
        return Sniffed("utf-8")
    for enc in declared:
        if enc == "utf-8" or enc.startswith(("utf_16", "utf_32", "utf-16", "utf-32")):
            continue  # UTF-8 already failed; UTF-16/32 without a BOM is a false declaration
        if enc in _SINGLE_BYTE:
            text = _decodes(data, "cp949")
            if text is not None and _HANGUL.search(text):
                return Sniffed("cp949")
        if _decodes(data, enc) is not None:
            return Sniffed(enc)
    if _decodes(data, "cp949") is not None:
        return Sniffed("cp949")
    # Damaged: the codec with the fewest replacement characters. UTF-8 cut inside
    # its last character costs one U+FFFD; CP949 misread as UTF-8 costs hundreds.
    best = min(("utf-8", "cp949"), key=lambda e: data.decode(e, "replace").count("\ufffd"))
    return Sniffed(best, 0, False)


def decode_document(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns (NFC text without BOM, the codec used)."""
    sniffed = sniff_encoding(data, http_charset)
    text = data[sniffed.bom:].decode(sniffed.codec, "strict" if sniffed.clean else "replace")
    return unicodedata.normalize("NFC", text), sniffed.codec
