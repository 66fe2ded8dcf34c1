"""PDFs are drawn from our templates and use only the portal's own static files."""

import pytest

from participation import pdf


def _draw(html: str) -> bytes:
    return pdf.HTML(
        string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.StaticOnlyFetcher()
    ).write_pdf()


def test_a_pdf_is_drawn():
    assert _draw("<h1>Participation record</h1>").startswith(b"%PDF")


def test_a_static_stylesheet_is_read_from_disk():
    response = pdf.StaticOnlyFetcher().fetch(pdf.BASE_URL + "static/css/portal.css")
    assert b"{" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/tracker.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        pdf.BASE_URL + "my-data/",
        pdf.BASE_URL + "static/../config/settings.py",
    ],
)
def test_every_other_address_is_refused(url):
    with pytest.raises(ValueError):
        pdf.StaticOnlyFetcher().fetch(url)


def test_a_picture_from_another_host_in_the_text_is_never_fetched(monkeypatch):
    asked = []
    real_fetch = pdf.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(pdf.StaticOnlyFetcher, "fetch", spy)
    drawn = _draw('<p>Hi</p><img src="https://example.com/a.png"><img src="/static/x.png">')
    assert drawn.startswith(b"%PDF")
    assert asked == ["https://example.com/a.png", pdf.BASE_URL + "static/x.png"]


def test_a_download_is_private():
    response = pdf.pdf_response(b"%PDF-1.7", "participation-record.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="participation-record.pdf"' in response["Content-Disposition"]


def test_a_hashed_name_from_the_static_tag_is_read_from_the_collected_files(settings, tmp_path):
    # In production {% static %} names the collected copy with a hash in its name.
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "record.0123abcd.css").write_text("h1 { color: black }")
    response = pdf.StaticOnlyFetcher().fetch(pdf.BASE_URL + "static/css/record.0123abcd.css")
    assert b"color: black" in response.read()
