"""Bytes -> text: UTF-8 (± BOM), UTF-16 with BOM, GB18030/GBK; anything else is a ReportError.

The decision is made on the bytes alone (no guessing library): a BOM wins; NUL bytes without a
UTF-16 BOM mean binary; strict UTF-8 is tried next (an incomplete sequence at the very end is a
truncated file, scattered invalid bytes in otherwise valid UTF-8 are a corrupt file); then
GB18030, accepted only if the result reads as text (few control characters, mostly CJK).
"""

from __future__ import annotations

import codecs
import re

from loaders.errors import ReportError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# a well-formed UTF-8 multi-byte sequence (2-4 bytes)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_MAX_CONTROL_SHARE = 0.001  # form feeds aside, real text has almost no control characters


def decode(data: bytes, file_name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`ReportError` saying why the bytes are not a text."""
    if len(data) > max_bytes:
        raise ReportError(file_name, f"file too large: {len(data):,} bytes (limit {max_bytes:,})")
    if not data.strip():
        raise ReportError(file_name, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-32":
                raise ReportError(file_name, "unsupported encoding: UTF-32 (use UTF-8, UTF-16 or GB18030)")
            return _decode_with_bom(data, file_name, encoding), encoding.replace("-sig", " with BOM")
    if b"\x00" in data:
        raise ReportError(file_name, f"binary file: NUL byte at offset {data.index(0)}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return _decode_non_utf8(data, file_name, err)
    _check_is_text(text, file_name)
    return text, "utf-8"


def _decode_with_bom(data: bytes, file_name: str, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReportError(file_name, f"invalid {encoding.upper()} at byte {err.start}: {err.reason}") from None
    _check_is_text(text, file_name)
    return text.lstrip("\ufeff")


def _decode_non_utf8(data: bytes, file_name: str, err: UnicodeDecodeError) -> tuple[str, str]:
    if err.reason == "unexpected end of data" and err.end == len(data):
        raise ReportError(file_name, f"truncated UTF-8: incomplete character at the end (byte {err.start})")
    if _mostly_utf8(data):
        raise ReportError(file_name, f"invalid UTF-8 at byte {err.start}: {err.reason}")
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReportError(file_name, f"unknown encoding: not UTF-8 (invalid byte at {err.start}), "
                                     "not GB18030, no UTF-16 BOM") from None
    _check_is_text(text, file_name)
    non_ascii = len(_NON_ASCII.findall(text))
    if non_ascii and len(_CJK.findall(text)) < 0.5 * non_ascii:
        raise ReportError(file_name, "unknown encoding: not UTF-8, and as GB18030 it is not Chinese text")
    return text, "gb18030"


def _mostly_utf8(data: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8 sequences (a damaged UTF-8 file, not GBK)."""
    non_ascii = len(_HIGH_BYTE.findall(data))
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return non_ascii > 0 and in_sequences >= 0.9 * non_ascii


def _check_is_text(text: str, file_name: str) -> None:
    controls = _CONTROL.findall(text, 0, 1 << 20)
    sample = min(len(text), 1 << 20)
    if controls and len(controls) > max(3, _MAX_CONTROL_SHARE * sample):
        raise ReportError(file_name, f"binary file: {len(controls)} control characters in the first {sample:,} characters")
