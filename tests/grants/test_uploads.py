"""Receipts and visit photos are checked by what they contain: a file named .jpg that is not
a picture is refused, and so is one that is too big; nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from grants import services
from grants.models import Award, Receipt, VisitPhoto
from participation.uploads import MAX_BYTES
from tests.grants.factories import World

pytestmark = pytest.mark.django_db

NOT_A_PICTURE = b"<html><script>alert(1)</script></html>"


def _paid_award():
    w = World()
    application = w.reviewed(w.submitted())
    w.award(application)
    award = Award.objects.get()
    services.payment_record(
        actor=w.worker, award=award, paid_on=timezone.localdate(), method="cheque"
    )
    return w, Award.objects.get()


def test_a_receipt_named_jpg_that_is_not_a_picture_is_refused(client):
    w, award = _paid_award()
    client.force_login(w.worker)
    upload = SimpleUploadedFile("receipt.jpg", NOT_A_PICTURE, content_type="image/jpeg")
    response = client.post(
        reverse("grants:receipt_add", args=[award.pk]),
        {"what": "Wool", "amount": "20", "upload": upload},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This file is called receipt.jpg but it is not a JPEG picture." in page
    assert 'value="Wool"' in page
    assert not Receipt.objects.exists()


def test_a_file_that_only_starts_like_a_jpeg_is_refused():
    w, award = _paid_award()
    fake = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff" + b"0" * 200)
    with pytest.raises(ValidationError):
        services.receipt_add(actor=w.worker, award=award, what="Wool", amount="20", upload=fake)
    assert not Receipt.objects.exists()


def test_an_oversized_receipt_is_refused():
    w, award = _paid_award()
    big = SimpleUploadedFile("receipt.pdf", b"%PDF-1.4\n" + b"0" * MAX_BYTES)
    with pytest.raises(ValidationError) as refused:
        services.receipt_add(actor=w.worker, award=award, what="Wool", amount="20", upload=big)
    assert "This file is too big." in refused.value.message_dict["upload"][0]
    assert not Receipt.objects.exists()


def test_a_visit_photo_that_is_not_a_picture_is_refused():
    w, award = _paid_award()
    visit = services.visit_plan(
        actor=w.worker, award=award, starts_at=timezone.now(), place="The hall"
    )
    fake = SimpleUploadedFile("smile.jpg", NOT_A_PICTURE)
    with pytest.raises(ValidationError) as refused:
        services.visit_record(
            actor=w.worker,
            visit=visit,
            happened=True,
            money_used="Wool.",
            people_said="Lovely.",
            wellbeing="better",
            photos=[(fake, "Smiles", True)],
        )
    assert "it is not a JPEG picture" in refused.value.message_dict["photo"][0]
    assert not VisitPhoto.objects.exists()
    visit.refresh_from_db()
    assert visit.status == "planned"


def test_a_good_receipt_is_kept_and_downloaded_as_what_it_is(client):
    w, award = _paid_award()
    pdf = SimpleUploadedFile("receipt.pdf", b"%PDF-1.4\n%%EOF\n")
    receipt = services.receipt_add(
        actor=w.worker, award=award, what="Wool", amount="20", upload=pdf
    )
    client.force_login(w.worker)
    response = client.get(reverse("grants:receipt_file", args=[receipt.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(w.applicant)
    assert client.get(reverse("grants:receipt_file", args=[receipt.pk])).status_code == 404
