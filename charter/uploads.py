"""Charter evidence uses the base's upload check (participation/uploads.py)."""

from participation.uploads import ALLOWED_WORDS, KINDS, MAX_BYTES, check_upload, sniff

__all__ = ["ALLOWED_WORDS", "KINDS", "MAX_BYTES", "check_upload", "sniff"]
