"""Evidence files are checked by what they contain, not by what they are called.

The project has no imaging library, and a file's first bytes are enough to tell the few kinds
we take (PDF, PNG, JPEG, GIF): a file named `photo.jpg` that does not start like a JPEG is
refused, so nobody can pass off a program or a web page as a picture.
"""

from django.core.exceptions import ValidationError

MAX_BYTES = 5 * 1024 * 1024

# kind -> (what its first bytes are, the names it may have, plain words for it)
KINDS = {
    "pdf": ((b"%PDF-",), (".pdf",), "a PDF document"),
    "png": ((b"\x89PNG\r\n\x1a\n",), (".png",), "a PNG picture"),
    "jpeg": ((b"\xff\xd8\xff",), (".jpg", ".jpeg"), "a JPEG picture"),
    "gif": ((b"GIF87a", b"GIF89a"), (".gif",), "a GIF picture"),
}
ALLOWED_WORDS = "a PDF document or a picture (JPEG, PNG or GIF)"


def sniff(head: bytes) -> str:
    for kind, (starts, _names, _words) in KINDS.items():
        if any(head.startswith(s) for s in starts):
            return kind
    return ""


def check_upload(upload) -> str:
    """The kind of an uploaded file, or a `ValidationError` saying plainly what is wrong."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            f"This file is too big. Files can be up to {MAX_BYTES // (1024 * 1024)} MB.",
            code="too_big",
        )
    name = (upload.name or "").lower().rsplit("/", 1)[-1]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    actual = sniff(head)
    claimed = next((k for k, (_s, names, _w) in KINDS.items() if name.endswith(names)), "")
    if actual and actual == claimed:
        return actual
    if claimed:
        raise ValidationError(
            f"This file is called {name} but it is not {KINDS[claimed][2]}. "
            f"It must be {ALLOWED_WORDS}.",
            code="bad_type",
        )
    raise ValidationError(
        f"We can't take this file. It must be {ALLOWED_WORDS}, with a name ending .pdf, "
        ".jpg, .png or .gif.",
        code="bad_type",
    )
