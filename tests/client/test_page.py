"""The "I am a client" page with Streamlit's AppTest: no team, answer in three languages."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.client.page import check_uploads, page_words, sample_bytes

PAGE = "../../pages/1_Client.py"  # AppTest.from_file resolves relative to this file


def texts_of(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [a.value for a in app.success]
    parts += [a.value for a in app.warning] + [a.value for a in app.error]
    return "\n".join(str(p) for p in parts)


def test_the_page_checks_the_sample_brief_and_switches_language():
    app = AppTest.from_file(PAGE, default_timeout=90).run()
    assert not app.exception
    app.selectbox(key="client_lang").set_value("en").run()
    assert "I am a client" in app.title[0].value
    app.button(key="client_check").click().run()
    assert not app.exception
    shown = texts_of(app)
    assert "NOT REALISTIC" in shown and "Price: €18,920" in shown
    assert [h.value for h in app.subheader] == ["Money", "Dates"]
    app.selectbox(key="client_lang").set_value("fi").run()  # no new check needed
    shown = texts_of(app)
    assert "EI REALISTINEN" in shown and [h.value for h in app.subheader] == ["Raha", "Aikataulu"]
    assert "Hinta: 18\xa0920\xa0€" in shown
    app.radio(key="client_card_choice").set_value("pl").run()  # the Polish samples
    assert not app.exception and "brief-pl.yaml" in app.caption[0].value
    assert not app.subheader  # no answer for inputs it was not made for
    app.button(key="client_check").click().run()
    assert "Hinta: 37\xa0200\xa0PLN" in texts_of(app)  # Finnish writes PLN, not zł


def test_page_words_exist_in_every_language():
    english = page_words("en")
    for lang in ("fi", "pl"):
        words = page_words(lang)
        assert words.keys() == english.keys()
        assert words["check"] != english["check"]


def test_bad_upload_gives_located_sentences_not_a_traceback():
    card = sample_bytes("card", "fi")
    result = check_uploads((b"brief: x\nclient: y\n", "mine.yaml"), card, "pl")
    assert result.answer is None
    assert any("mine.yaml: start (wiersz 1): jest wymagane" in p for p in result.problems)
