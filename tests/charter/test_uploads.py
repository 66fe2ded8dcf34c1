"""Evidence files are checked by what is in them, not by their names, and a bad one gets a
clear message on the page with nothing saved."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from charter import uploads
from charter.models import Evidence
from tests.charter.factories import World

pytestmark = pytest.mark.django_db


def picture_bytes(kind: str = "JPEG", size=(8, 8)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(out, kind)
    return out.getvalue()


JPEG = picture_bytes()
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 64
NOT_AN_IMAGE = b"MZ\x90\x00 this is a program, not a picture"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_a_jpg_that_is_not_a_picture_is_refused_with_a_clear_message():
    w = World()
    pledge = w.pledge(w.sign(), w.promises[0])
    with pytest.raises(ValidationError) as refused:
        w.evidence(pledge, text="", upload=upload("photo.jpg", NOT_AN_IMAGE))
    assert refused.value.message_dict == {
        "upload": [
            "This file is called photo.jpg but it is not a JPEG picture. It must be a PDF "
            "document or a picture (JPEG, PNG or GIF)."
        ]
    }
    assert not Evidence.objects.exists()


def test_a_real_picture_and_a_pdf_are_taken_and_their_kind_is_what_is_in_them():
    w = World()
    pledge = w.pledge(w.sign(), w.promises[0])
    photo = w.evidence(pledge, text="", upload=upload("Photo.JPG", JPEG))
    paper = w.evidence(pledge, text="", upload=upload("minutes.pdf", PDF))
    assert (photo.file_kind, paper.file_kind) == ("jpeg", "pdf")


def test_a_pdf_named_as_a_picture_or_an_unknown_kind_is_refused():
    with pytest.raises(ValidationError, match="is called minutes.png but it is not a PNG"):
        uploads.check_upload(upload("minutes.png", PDF))
    with pytest.raises(ValidationError, match="We can't take this file"):
        uploads.check_upload(upload("page.html", b"<html><script>alert(1)</script>"))


def test_a_file_too_big_is_refused(settings):
    big = upload("big.jpg", JPEG + b"\x00" * uploads.MAX_BYTES)
    with pytest.raises(ValidationError, match="too big"):
        uploads.check_upload(big)


def test_the_page_shows_the_message_and_keeps_what_was_typed(client, login):
    w = World()
    signed = w.sign()
    promise = w.promises[0]
    w.pledge(signed, promise)
    login(w.officer)
    response = client.post(
        reverse("charter:evidence_add", args=[signed.pk, promise.pk]),
        {"text": "Our feedback survey", "upload": upload("photo.jpg", NOT_AN_IMAGE)},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "This file is called photo.jpg but it is not a JPEG picture." in page
    assert "Our feedback survey" in page
    assert not Evidence.objects.exists()


def test_a_file_is_downloaded_as_the_kind_its_content_is(client):
    w = World()
    pledge = w.pledge(w.sign(), w.promises[0])
    evidence = w.evidence(pledge, text="", upload=upload("minutes.pdf", PDF))
    response = client.get(reverse("charter:evidence_file", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
