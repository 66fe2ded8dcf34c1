"""Receipt codes and one-time voting codes: made, written, read back and hashed.

Pure functions, no database: the ballot, the models and the pages all use them. Why a receipt
proves counting and not choice, and why a voting code is kept only as a keyed hash, is in
ballot.py.
"""

from __future__ import annotations

import secrets
import uuid

from django.utils.crypto import salted_hmac

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
RECEIPT_LENGTH = 12

CODE_ALPHABET = RECEIPT_ALPHABET
CODE_LENGTH = 10


def new_receipt_code() -> str:
    # One read of the system's randomness, not one per letter; 256 is a multiple of 32, so
    # taking each byte modulo 32 favours no letter.
    return "".join(RECEIPT_ALPHABET[b % 32] for b in secrets.token_bytes(RECEIPT_LENGTH))


def receipt_number(code: str) -> int | None:
    """A receipt code as the number the database keeps (12 letters of 5 bits: 60 bits), or
    None for text that can't be a receipt. A number, not text, so its key needs one index."""
    text = normalise_receipt(code)
    if len(text) != RECEIPT_LENGTH or any(ch not in RECEIPT_ALPHABET for ch in text):
        return None
    number = 0
    for ch in text:
        number = number * 32 + RECEIPT_ALPHABET.index(ch)
    return number


def receipt_text(number: int) -> str:
    letters = []
    for _ in range(RECEIPT_LENGTH):
        number, digit = divmod(number, 32)
        letters.append(RECEIPT_ALPHABET[digit])
    return "".join(reversed(letters))


def format_receipt(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_receipt(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def new_voting_code() -> str:
    return "".join(CODE_ALPHABET[b % 32] for b in secrets.token_bytes(CODE_LENGTH))


def format_voting_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def hash_voting_code(text: str) -> uuid.UUID:
    """Keyed with the site's secret, so the stored hashes alone can't be tried against every
    possible code. 128 bits of the HMAC, kept as a UUID: a compact key with one index."""
    code = normalise_receipt(text)
    digest = salted_hmac("elections.voting_code", code, algorithm="sha256").digest()
    return uuid.UUID(bytes=digest[:16])
