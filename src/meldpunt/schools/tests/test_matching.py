from meldpunt.schools import matching


def test_fold_removes_accents_case_and_punctuation():
    """Folding gives lower-case ASCII words: accents go, "ĳ" becomes "ij", punctuation separates."""
    assert matching.fold("VERWONDÉ Ĳsselmonde Jan-Ligthart St.Jozef Straße Øster") == [
        "verwonde",
        "ijsselmonde",
        "jan",
        "ligthart",
        "st",
        "jozef",
        "strasse",
        "oster",
    ]


def test_fold_joins_words_at_apostrophes():
    """An apostrophe of any kind (straight, typographic, acute accent) joins the letters around it."""
    assert matching.fold("'t Kompas") == matching.fold("\u2018t Kompas") == ["t", "kompas"]
    assert matching.fold("Pieter\u00b4s") == ["pieters"]


def test_search_text_starts_with_the_name_and_holds_each_further_word_once():
    """The stored column is the name's words, then new place, municipality and code words, wrapped in spaces."""
    text = matching.search_text(
        name="BBS de Verwondering",
        place="ALTEVEER GEM NOORDENVELD",
        municipality="NOORDENVELD",
        code="32JK00",
        institution_code="32JK",
    )
    assert text == " bbs de verwondering alteveer gem noordenveld 32jk00 32jk "


def test_search_terms_are_distinct_and_bounded():
    """Query terms are folded, repeated terms dropped, and a long query is cut to a bounded number of terms."""
    assert matching.search_terms("  Alteveer  alteveer VERW ") == ["alteveer", "verw"]
    assert matching.search_terms("!!! ---") == []
    assert len(matching.search_terms(" ".join(f"w{n}" for n in range(50)))) == matching.MAX_TERMS
