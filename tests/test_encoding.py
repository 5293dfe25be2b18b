"""Encoding detection: BOM, declarations checked by decoding, then validation."""

import codecs
import unicodedata

import pytest

from syndicate.encoding import decode_document, normalize_encoding, sniff_encoding
from tests.conftest import CORPUS, shared_file

KOREAN = "똠방각하 햏자 뷁, 한국일보 기사 본문입니다."   # 똠, 햏, 뷁 are CP949-only
EUCKR_SAFE = "한국일보 기사 본문입니다."


def page(body: str, charset: str | None, encoding: str, prolog: bool = False) -> bytes:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    head = f'<?xml version="1.0" encoding="{charset}"?>' if prolog else ""
    return f"{head}<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>".encode(encoding)


def test_declared_euc_kr_but_utf8():
    text, codec = decode_document(page(KOREAN, "euc-kr", "utf-8"))
    assert codec == "utf-8" and KOREAN in text


@pytest.mark.parametrize("label", ["euc-kr", "EUC-KR", "ks_c_5601-1987", "KS_C_5601-1987", "cp949"])
def test_declared_euc_kr_family_needing_cp949(label):
    text, codec = decode_document(page(KOREAN, label, "cp949"))
    assert codec == "cp949" and KOREAN in text and "\ufffd" not in text


def test_ks_c_5601_is_cp949():
    assert normalize_encoding("ks_c_5601-1987") == "cp949"
    assert normalize_encoding("euc-kr") == "cp949"
    assert normalize_encoding("no-such-charset") is None


def test_xml_prolog_declaration():
    text, codec = decode_document(page(KOREAN, "euc-kr", "cp949", prolog=True))
    assert codec == "cp949" and KOREAN in text


def test_declared_utf8_but_cp949():
    text, codec = decode_document(page(KOREAN, "utf-8", "cp949"))
    assert codec == "cp949" and KOREAN in text


def test_latin1_label_on_korean_bytes_is_cp949():
    text, codec = decode_document(page(EUCKR_SAFE, "iso-8859-1", "cp949"))
    assert codec == "cp949" and EUCKR_SAFE in text


def test_real_latin1_page_stays_western():
    text, codec = decode_document(page("Crème brûlée à la carte", "iso-8859-1", "cp1252"))
    assert codec == "cp1252" and "Crème brûlée à la carte" in text


def test_no_declaration_cp949():
    text, codec = decode_document(page(KOREAN, None, "cp949"))
    assert codec == "cp949" and KOREAN in text


def test_http_charset_is_a_declaration_too():
    sniffed = sniff_encoding(page(EUCKR_SAFE, None, "cp949"), http_charset="EUC-KR")
    assert sniffed.codec == "cp949" and sniffed.clean


@pytest.mark.parametrize("bom, enc", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                      (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_bom_wins_over_declaration(bom, enc):
    text, codec = decode_document(bom + page(KOREAN, "euc-kr", enc))
    assert codec == enc and text.startswith("<html>") and KOREAN in text


def test_output_is_nfc():
    decomposed = unicodedata.normalize("NFD", KOREAN)
    text, _ = decode_document(page(decomposed, "utf-8", "utf-8"))
    assert KOREAN in text and unicodedata.is_normalized("NFC", text)


def test_utf8_cut_inside_a_character_loses_only_that_character():
    data = f"<html><head><meta charset=utf-8></head><body><p>{KOREAN}".encode() + "한".encode()[:2]
    text, codec = decode_document(data)
    assert codec == "utf-8" and KOREAN in text and text.count("\ufffd") == 1


def test_iso_2022_kr():
    data = "<html><body>한국어</body></html>".encode("iso2022_kr")
    text, codec = decode_document(data)
    assert codec == "iso2022_kr" and "한국어" in text


def test_real_euc_kr_feeds_decode_cleanly():
    folder = shared_file(CORPUS / "korean" / "feeds" / "euc-kr")
    files = sorted(folder.glob("*.xml"))
    assert files
    for path in files:
        text, codec = decode_document(path.read_bytes())
        assert "\ufffd" not in text, path.name
        assert any("\uac00" <= ch <= "\ud7a3" for ch in text), path.name
