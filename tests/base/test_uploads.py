"""The base's upload check (participation/uploads.py), which charter evidence, grants and
commissioning share: a file is what its content is, a picture must open as one, and a picture
too big to draw is refused before it is drawn."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participation import uploads


def picture(kind: str, size=(8, 8), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, kind)
    return out.getvalue()


def upload(name: str, content: bytes):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("a.jpg", "JPEG", "jpeg"),
        ("b.jpeg", "JPEG", "jpeg"),
        ("c.png", "PNG", "png"),
        ("d.gif", "GIF", "gif"),
    ],
)
def test_real_pictures_are_taken(name, kind, expected):
    assert uploads.check_upload(upload(name, picture(kind))) == expected


def test_a_file_that_only_starts_like_a_jpeg_is_refused():
    fake = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"<script>alert(1)</script>" * 4
    with pytest.raises(ValidationError, match="is called photo.jpg but it is not a picture we"):
        uploads.check_upload(upload("photo.jpg", fake))


def test_a_program_named_jpg_is_refused():
    with pytest.raises(ValidationError, match="is called photo.jpg but it is not a JPEG"):
        uploads.check_upload(upload("photo.jpg", b"MZ\x90\x00 a program"))


def test_a_picture_too_big_to_draw_is_refused_before_it_is_drawn():
    # A one-bit picture compresses to a few kilobytes, but opens as 48 million pixels.
    bomb = picture("PNG", size=(8000, 6000), mode="1")
    assert len(bomb) < uploads.MAX_BYTES
    with pytest.raises(ValidationError, match="too big to show"):
        uploads.check_upload(upload("huge.png", bomb))


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(ValidationError, match="too big. Files can be up to 5 MB"):
        uploads.check_upload(upload("big.pdf", b"%PDF-1.4" + b"0" * uploads.MAX_BYTES))


def test_the_file_can_be_read_again_after_the_check():
    content = picture("PNG")
    file = upload("c.png", content)
    uploads.check_upload(file)
    assert file.read() == content
