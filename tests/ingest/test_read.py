from pathlib import Path

import pytest

from vraagbaak.errors import ConfigurationError
from vraagbaak.ingest.metadata import file_title as document_title
from vraagbaak.ingest.read import DocumentError, TextReader, corpus_files, document_id


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_pages_start_at_a_line_with_one_leading_space(corpus):
    doc = TextReader().read(write(corpus, "r.txt", " Eerste pagina.\ntekst\n Tweede pagina.\n Derde.\n"))
    assert [(line.number, line.page, line.text) for line in doc.lines] == [
        (1, 1, "Eerste pagina."), (2, 1, "tekst"), (3, 2, "Tweede pagina."), (4, 3, "Derde."),
    ]
    assert doc.page_count == 3


def test_bullets_and_quotes_after_one_space_are_not_page_breaks(corpus):
    doc = TextReader().read(write(corpus, "r.txt", "Tekst over\n • een punt\n ‘Citaat’ loopt door.\n"))
    assert {line.page for line in doc.lines} == {1}


def test_page_break_rule_is_a_reader_setting(corpus):
    path = write(corpus, "r.txt", "een\n\fPAGINA\ntwee\n")
    doc = TextReader(page_break=r"^\f").read(path)
    assert [line.page for line in doc.lines] == [1, 2, 2]
    with pytest.raises(ConfigurationError):
        TextReader(page_break="(")


def test_offsets_point_into_the_source(corpus):
    text = " Eerste regel\ntweede regel\n"
    doc = TextReader().read(write(corpus, "r.txt", text))
    for line in doc.lines:
        assert text[line.start:line.start + len(line.text)] == line.text


def test_control_characters_become_spaces_and_offsets_stay(corpus):
    """A converter's backspace where a bullet was: a space in the text, the same length in the file."""
    text = "Inhoud\x08Voorwoord\x08 Samenvatting\ttabel\x1b\x85\u2028\n"
    doc = TextReader().read(write(corpus, "r.txt", text))
    assert doc.lines[0].text == "Inhoud Voorwoord  Samenvatting\ttabel   "
    assert len(doc.lines[0].text) == len(text) - 1


@pytest.mark.parametrize("name,data,phrase", [
    ("leeg.txt", b"", "leeg"),
    ("spaties.txt", b"  \n\n ", "leeg"),
    ("binair.txt", b"PK\x03\x04\x00\x00binary", "binair"),
    ("kapot.txt", b"Financi\x81n en \xff\xfe meer", "geen geldige UTF-8 (regel 1)"),  # no Windows-1252 either
    ("verslag.txt", b"%PDF-1.4 een pdf", "hernoem het bestand naar .pdf"),
    ("unicode.txt", b"\xff\xfe" + b"\x00k" * 40, "binair"),  # a byte-order mark before bytes that are no text
    ("zondermark.txt", "Thema Financiën".encode("utf-16-le"), "UTF-16 zonder byte-order mark"),
    ("kapot.pdf", b"%PDF-1.4 dit is geen echte pdf", "de PDF is beschadigd"),
    ("tekst.pdf", b"Dit is gewone tekst met de verkeerde extensie.", "dit is geen PDF (het bestand begint niet met %PDF-): het is beschadigd"),
])
def test_bad_files_get_a_message_naming_the_file(corpus, name, data, phrase):
    with pytest.raises(DocumentError) as error:
        TextReader().read(write(corpus, name, data))
    assert name in str(error.value) and phrase in str(error.value)


def test_text_saved_by_older_windows_programs_is_read_and_said(corpus):
    """Notepad's "Unicode" (UTF-16 with a byte-order mark) is read as it is; Windows-1252 is read with a note."""
    text = "Thema Financiën\n\nDe themagroep werkt aan een eerlijke verdeling van het gemeentefonds.\n"
    utf16 = TextReader().read(write(corpus, "utf16.txt", text.encode("utf-16")))
    assert utf16.lines[0].text == "Thema Financiën" and utf16.encoding is None
    windows = TextReader().read(write(corpus, "windows.txt", text.replace("\n", "\r\n").encode("cp1252")))
    assert windows.lines[0].text == "Thema Financiën" and windows.encoding == "Windows-1252 (regel 1)"
    pasted = text.encode("utf-8") + "Een “geplakt” citaat.\n".encode("cp1252")  # one line from elsewhere
    mixed = TextReader().read(write(corpus, "gemengd.txt", pasted))
    assert mixed.lines[0].text == "Thema Financiën" and mixed.lines[-1].text == "Een “geplakt” citaat."
    assert mixed.encoding == "Windows-1252 (regel 4)"  # the rest of the file is not garbled for it
    one_word = "Financiën en café ".encode("utf-8") + "Crème".encode("cp1252") + b"\n"  # nor the rest of its line
    assert TextReader().read(write(corpus, "woord.txt", one_word)).lines[0].text == "Financiën en café Crème"


def test_pdf_pages_are_read(corpus):
    doc = TextReader().read(write(corpus, "klein.pdf", minimal_pdf(["Eerste pagina tekst", "Tweede pagina tekst"])))
    assert [(line.page, line.text) for line in doc.lines if not line.blank] == [
        (1, "Eerste pagina tekst"), (2, "Tweede pagina tekst"),
    ]


def test_corpus_files_skip_hidden_and_unknown(corpus):
    for name in ("b.txt", "a.pdf", ".verborgen.txt", "notities.docx"):
        write(corpus, name, "x")
    assert [p.name for p in corpus_files(corpus)] == ["a.pdf", "b.txt"]


def test_ids_and_titles_come_from_the_file_name():
    assert document_id(Path("G40 Jaarverslag 2023 (def).txt")) == "g40-jaarverslag-2023-def"
    assert document_id(Path("Raadsbrief café Ølst – één 2021.pdf")) == "raadsbrief-cafe-olst-een-2021"
    assert document_title(Path("g40-jaarverslag-2023.txt")) == "G40 jaarverslag 2023"


def minimal_pdf(pages: list[str]) -> bytes:
    """A valid PDF with one line of Helvetica text per page, written by hand (no PDF writer needed)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
        content = len(objects) + 1
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        kids.append(len(objects) + 1)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R "
                       f"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_a_table_of_contents_is_left_out_and_its_lines_keep_their_numbers(tmp_path):
    path = tmp_path / "verslag-2024.txt"
    path.write_text("Inhoud\n1 Inleiding ............................ 3\n2.1 Nieuwbouw . . . . . . . . . . 12\n"
                    "Voorwoord ……… iv\n\n1 Inleiding\nDe stad bouwde 1.240 woningen. Dat waren er meer dan ooit.\n",
                    encoding="utf-8")
    lines = TextReader().read(path).lines
    assert [line.text for line in lines[:4]] == ["Inhoud", "", "", ""]
    assert lines[6].number == 7 and lines[6].text.startswith("De stad bouwde 1.240 woningen.")


@pytest.mark.parametrize("entries", [
    ["1 Inleiding ____________________ 2", "2 Wonen ____________________ 3", "3 Zorg ____________________ 5"],
    ["1 Inleiding ···················· 2", "2 Wonen ···················· 3", "3 Zorg ···················· 5"],
    ["1 Inleiding .................... | 2", "2 Wonen .................... | 3", "3 Zorg .................... | 5"],
    ["1 Inleiding | 2", "2 Wonen | 3", "3 Zorg | 5"],  # no leaders: under its heading only
])
def test_a_table_of_contents_goes_whatever_its_leaders(tmp_path, entries):
    """A black-box test of PDFs: with underscores or middle dots as leaders, the page number as a cell of its
    own (a wide gap before it) or no leaders at all, the contents stayed, and its passage outranked the chapters."""
    path = tmp_path / "verslag-2024.txt"
    path.write_text("\n".join(["Inhoudsopgave", *entries, "", "1 Inleiding", "De stad bouwde 1.240 woningen."]) + "\n",
                    encoding="utf-8")
    assert [line.text for line in TextReader().read(path).lines][:5] == ["Inhoudsopgave", "", "", "", ""]


def test_a_table_with_a_number_column_is_no_table_of_contents(tmp_path):
    path = tmp_path / "monitor-2024.txt"
    path.write_text("Woningen per wijk\nNoord | 12\nOost | 15\nZuid | 40\n", encoding="utf-8")
    assert [line.text for line in TextReader().read(path).lines][1:4] == ["Noord | 12", "Oost | 15", "Zuid | 40"]


def test_a_corpus_setting_that_names_a_file_says_so(tmp_path):
    from vraagbaak.config import Settings
    from vraagbaak.ingest.pipeline import ingest_corpus

    (tmp_path / "rapport.txt").write_text("tekst", encoding="utf-8")
    with pytest.raises(DocumentError, match="rapport.txt is een bestand, geen map"):
        ingest_corpus(Settings(corpus_dir=tmp_path / "rapport.txt", data_dir=tmp_path / "data"))


def test_a_summary_of_figures_with_dot_leaders_is_kept(tmp_path):
    path = tmp_path / "rekening-2024.txt"
    path.write_text("Lasten\nPersoneelskosten ........ 850\nMateriële kosten ........ 1240\nTotaal ........ 2090\n",
                    encoding="utf-8")
    assert [line.text for line in TextReader().read(path).lines][1] == "Personeelskosten ........ 850"
