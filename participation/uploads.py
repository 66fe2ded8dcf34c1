"""Uploaded files (charter evidence, grant receipts and photos, commissioning bids) are checked
by what they contain, not by what they are called.

A file's first bytes tell the few kinds we take (PDF, PNG, JPEG, GIF): a file named `photo.jpg`
that does not start like a JPEG is refused, so nobody can pass off a program or a web page as a
picture. A picture is then opened by Pillow, which reads it through: a file that only starts
like a JPEG, or a picture so large it would take the server's memory to draw, is refused too.
"""

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024

# kind -> (what its first bytes are, the names it may have, plain words for it)
KINDS = {
    "pdf": ((b"%PDF-",), (".pdf",), "a PDF document"),
    "png": ((b"\x89PNG\r\n\x1a\n",), (".png",), "a PNG picture"),
    "jpeg": ((b"\xff\xd8\xff",), (".jpg", ".jpeg"), "a JPEG picture"),
    "gif": ((b"GIF87a", b"GIF89a"), (".gif",), "a GIF picture"),
}
ALLOWED_WORDS = "a PDF document or a picture (JPEG, PNG or GIF)"
IMAGE_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF"}
# Pictures bigger than this many pixels are refused before they are drawn (a "decompression
# bomb" is a small file that opens as a gigantic picture).
MAX_PIXELS = 40_000_000


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
        if actual in IMAGE_FORMATS:
            _check_picture(upload, actual, name)
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


def _check_picture(upload, kind: str, name: str) -> None:
    broken = ValidationError(
        f"This file is called {name} but it is not a picture we can open. "
        f"It must be {ALLOWED_WORDS}.",
        code="bad_type",
    )
    try:
        with Image.open(upload) as picture:
            if picture.format != IMAGE_FORMATS[kind]:
                raise broken
            width, height = picture.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    "This picture is too big to show. Make it smaller and try again.",
                    code="too_big",
                )
            picture.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise broken from None
    finally:
        upload.seek(0)
