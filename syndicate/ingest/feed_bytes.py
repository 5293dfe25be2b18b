"""Feed bytes made safe for feedparser: decoded, re-encoded as UTF-8, entity-free.

Decoding trusts the shared Korean-aware detection (syndicate.encoding) and adds
what only feeds need: XML's own UTF-16/32 autodetection, a server's default
Latin-1 label over EUC-KR bytes, and the prolog rewritten to say utf-8. The
internal DTD subset goes entirely, so no entity (a billion laughs, an external
file or URL) can ever expand.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

from syndicate.encoding import decode_document, normalize_encoding
from syndicate.errors import IngestError
from syndicate.config import DEFAULT_MAX_BYTES

_PROLOG_ENCODING = re.compile(r"""^(<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")
# XML 1.0 forbids these; Korean CMSs leave them in titles, and one of them would
# send the whole feed to feedparser's loose parser.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DOCTYPE = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:(?:<!--.*?-->|<\?.*?\?>)\s*)*(<!DOCTYPE\b[^\[>]*)\[",
                      re.DOTALL | re.IGNORECASE)
_SUBSET_END = re.compile(r"\]\s*>")
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_1", "ascii"})
_HANGUL = re.compile("[\uac00-\ud7a3]")
_XML_START = {b"<\x00\x00\x00?\x00\x00\x00": "utf-32-le", b"\x00\x00\x00<\x00\x00\x00?": "utf-32-be",
              b"<\x00?\x00": "utf-16-le", b"\x00<\x00?": "utf-16-be"}
UNMARKED_UTF16_32 = tuple(_XML_START)
_PROLOG_BYTES = re.compile(rb"""<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']""")


_ROOT_START = re.compile(r"<[A-Za-z_]")


def gunzip(data: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise IngestError(f"corrupt gzip data: {exc}", source=source) from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise IngestError(f"gzip data inflates past {max_bytes} bytes", source=source)
    return out


def prepare(data: bytes, http_charset: str | None = None) -> tuple[bytes, list[str]]:
    """The document as UTF-8 bytes feedparser can parse safely, and notes on what was changed."""
    notes: list[str] = []
    text, codec = decode_with_codec(data, http_charset)
    declared = _declared(data)
    if declared and declared[1] != codec and any(b > 0x7F for b in data[:1_000_000]):
        notes.append(f"declares encoding {declared[0]!r} but is {codec}; read as {codec}")
    text = _XML_ILLEGAL.sub("", text.lstrip())
    text = _PROLOG_ENCODING.sub(r'\1"utf-8"', text, count=1)
    m = _DOCTYPE.match(text)
    if m:
        end = _SUBSET_END.search(text, m.end())
        if end is None:
            raise IngestError("malformed DOCTYPE: its internal subset never ends")
        subset = text[m.end():end.start()]
        text = text[:m.start(1)] + m.group(1).rstrip() + ">" + text[end.end():]
        if "<!ENTITY" in subset.upper():
            notes.append("the DOCTYPE declares entities; they were ignored, not expanded")
    # The subset is cut at its first "]>", which an entity's value may also contain; the
    # DOCTYPE pattern may not match at all. Whatever declaration survived in front of the
    # root element is refused rather than left to the parser.
    root = _ROOT_START.search(text)
    if "<!ENTITY" in text[: root.start() if root else len(text)].upper():
        raise IngestError("the feed's DOCTYPE declares entities in a form that cannot be "
                          "removed safely; refusing to parse it")
    return text.encode("utf-8"), notes


def decode(data: bytes, http_charset: str | None = None) -> str:
    return decode_with_codec(data, http_charset)[0]


def decode_with_codec(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Shared detection, plus one feed case: a server default charset over EUC-KR bytes.

    Servers often label every XML file ``iso-8859-1``; CP949 bytes then decode to
    Latin-1 mojibake without an error. When the bytes are valid CP949 and mostly
    Hangul, they are Korean.
    """
    for start, codec in _XML_START.items():
        if data.startswith(start):
            # XML's own autodetection (XML 1.0 appendix F): "<?" in UTF-16/32 without a BOM.
            try:
                return unicodedata.normalize("NFC", data.decode(codec)), codec
            except UnicodeDecodeError:
                break
    text, codec = decode_document(data, http_charset)
    if codec.replace("-", "_") in _WESTERN and any(b > 0x7F for b in data):
        try:
            korean = data.decode("cp949")
        except UnicodeDecodeError:
            return text, codec
        wide = [c for c in korean if ord(c) > 0x7F]
        if wide and len(_HANGUL.findall(korean)) * 2 >= len(wide):
            return decode_document(data, "cp949")
    return text, codec


def _declared(data: bytes) -> tuple[str, str] | None:
    """The prolog's encoding as written and as a codec name, when it names one we know."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or data.startswith(UNMARKED_UTF16_32):
        return None  # a BOM outranks any declaration
    m = _PROLOG_BYTES.match(data.lstrip())
    if not m:
        return None
    written = m.group(1).decode("ascii")
    codec = normalize_encoding(written)
    return (written, codec) if codec else None
