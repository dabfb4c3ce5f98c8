"""The command line's promise: an error is one Dutch sentence on stderr with exit code 1, never a traceback."""

import os
import socket
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def vraagbaak(*args: str, env: dict | None = None, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vraagbaak.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=120)


@pytest.mark.parametrize("variable,value,says", [
    ("VRAAGBAAK_PORT", "abc", "VRAAGBAAK_PORT='abc' is ongeldig: het moet een geheel getal zijn."),
    ("VRAAGBAAK_RATE_LIMIT", "-5", "VRAAGBAAK_RATE_LIMIT='-5' is ongeldig: het moet minimaal 0 zijn."),
    ("VRAAGBAAK_QUESTION_RETENTION_DAYS", "999999", "VRAAGBAAK_QUESTION_RETENTION_DAYS='999999' is ongeldig: het mag hoogstens 3650 zijn."),
    ("VRAAGBAAK_BACKEND", "gpu", "VRAAGBAAK_BACKEND='gpu' is ongeldig: het moet een van deze zijn: 'onnx' of 'torch'."),
    # A documentation review: these were taken as they came and went wrong silently (a link "not a url/source/…").
    ("VRAAGBAAK_PUBLIC_URL", "not a url", "VRAAGBAAK_PUBLIC_URL='not a url' is ongeldig: het moet leeg zijn, een adres"),
    ("VRAAGBAAK_CORS_ORIGINS", "https://a.nl, intranet.nl", "niet zo: intranet.nl."),
    ("VRAAGBAAK_TRUSTED_PROXIES", "10.0.0.1,proxy.local", "moet bestaan uit IP-adressen (geen namen of netwerken)"),
    # A black-box test: these passed (a link to another host, a port that is none, a wildcard no browser matches).
    ("VRAAGBAAK_PUBLIC_URL", "//host/pad", "VRAAGBAAK_PUBLIC_URL='//host/pad' is ongeldig"),
    ("VRAAGBAAK_PUBLIC_URL", "http://host:99999", "VRAAGBAAK_PUBLIC_URL='http://host:99999' is ongeldig"),
    ("VRAAGBAAK_CORS_ORIGINS", "https://*.gemeente.nl", "niet zo: https://*.gemeente.nl."),
    ("VRAAGBAAK_CORS_ORIGINS", "https://bücher.nl", "niet zo: https://bücher.nl."),
])
def test_a_wrong_setting_is_named_in_dutch(variable, value, says):
    out = vraagbaak("ask", "Wat doet de G40?", env={variable: value})
    assert out.returncode == 1 and says in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("variable,says", [
    ("VRAAGBAAK_PROT", "VRAAGBAAK_PROT is geen instelling van Vraagbaak. Bedoel je VRAAGBAAK_PORT?"),
    ("VRAAGBAAK_API_KEI", "Bedoel je VRAAGBAAK_API_KEY?"),
    ("VRAAGBAAK_8733", "VRAAGBAAK_8733 is geen instelling van Vraagbaak. De instellingen staan in de README."),
])
def test_a_variable_that_names_no_setting_is_refused_with_the_closest_name(variable, says):
    """A black-box test (2026-12-02): a misspelt name was taken without a word, its default silently in force (a
    key that is no key, a port that is not the one asked for)."""
    out = vraagbaak("documents", "list", env={variable: "8733"})
    assert out.returncode == 1 and says in out.stderr and "Traceback" not in out.stderr
    assert "is geen instelling" not in vraagbaak("documents", "list", env={variable: ""}).stderr  # set to nothing


def test_a_warning_is_one_line_without_python_s_file_and_source_line():
    """A code review: the fallback to torch printed "/…/cli.py:343: RuntimeWarning: …" and the source line."""
    out = vraagbaak("model", "info", env={"VRAAGBAAK_MODEL": "geen/model", "HF_HUB_OFFLINE": "1"})
    assert "Let op: VRAAGBAAK_BACKEND=onnx werkt alleen met" in out.stderr, out.stderr
    assert "RuntimeWarning" not in out.stderr and "cli.py" not in out.stderr


@pytest.mark.parametrize("script", ["bench", "grouping", "outside", "typos", "shelf_bench", "pdf_bench"])
def test_the_benchmarks_name_a_wrong_setting_in_dutch_too(script):
    """A code review: they made their own Settings() and printed pydantic's traceback (``make bench`` runs them)."""
    out = subprocess.run([sys.executable, "-m", f"vraagbaak.eval.{script}"], capture_output=True, text=True,
                         env={**os.environ, "VRAAGBAAK_CHUNK_SIZE": "abc"}, cwd=ROOT, timeout=120)
    assert out.returncode == 1 and "VRAAGBAAK_CHUNK_SIZE='abc' is ongeldig" in out.stderr, out.stderr
    assert "Traceback" not in out.stderr


def test_a_wrong_page_break_pattern_is_named_in_dutch_with_where_it_goes_wrong():
    out = vraagbaak("ingest", "--inspect", env={"VRAAGBAAK_PAGE_BREAK": "^ ["})
    assert out.returncode == 1 and out.stderr.strip() == (
        "Fout: VRAAGBAAK_PAGE_BREAK is geen geldige reguliere expressie (bij teken 3).")


def test_serve_refuses_a_port_in_use_before_loading_anything(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = vraagbaak("serve", "--port", str(port), env={"VRAAGBAAK_DATA_DIR": str(tmp_path / "data")})
    assert out.returncode == 1 and f"Poort {port} op 127.0.0.1 is al in gebruik" in out.stderr
    assert "Traceback" not in out.stderr and "Errno" not in out.stderr


@pytest.mark.parametrize("command", [["ingest", "--quiet"], ["documents", "list"]])
def test_a_data_folder_that_is_a_file_is_a_wrong_setting(tmp_path, command):
    blocker = tmp_path / "data"
    blocker.write_text("geen map")
    out = vraagbaak(*command, env={"VRAAGBAAK_DATA_DIR": str(blocker)})
    assert out.returncode == 1 and out.stderr.strip() == (
        f"Fout: VRAAGBAAK_DATA_DIR='{blocker}' is ongeldig: het moet een map zijn, maar het is een bestand.")


def test_a_file_system_error_is_one_dutch_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "builds").write_text("geen map")  # a file where ingest makes a folder
    out = vraagbaak("ingest", "--quiet", env={"VRAAGBAAK_DATA_DIR": str(data)})
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith(f"Fout: {data / 'builds'}/") and out.stderr.strip().endswith(": een deel van het pad is geen map.")


def test_notes_come_before_the_error_each_on_its_own_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kapot.txt").write_bytes(b"\xff\xfe\x00kapot" * 20)
    (corpus / "los.meta.json").write_text("{}")
    out = vraagbaak("ingest", "--quiet", env={"VRAAGBAAK_DATA_DIR": str(tmp_path / "data"),
                                              "VRAAGBAAK_CORPUS_DIR": str(corpus)})
    lines = out.stderr.strip().splitlines()
    assert out.returncode == 1 and len(lines) == 3
    assert [line.split(":")[0] for line in lines] == ["Let op", "Let op", "Fout"]
    assert lines[-1].startswith(f"Fout: Geen bruikbare tekst gevonden in {corpus} (de redenen staan hierboven)")


@pytest.mark.parametrize("args,says", [
    (["ask", "-k", "0", "x"], "Fout: Ongeldige waarde voor '--top-k' / '-k': 0 ligt niet tussen 1 en 20. "
                              "Zie 'vraagbaak ask --help'."),
    (["ask", "--bogus", "x"], "Fout: Onbekende optie --bogus. Zie 'vraagbaak ask --help'."),
    (["ask"], "Fout: Het argument VRAAG ontbreekt. Zie 'vraagbaak ask --help'."),
    (["vragen", "--status", "foo"], "Fout: Ongeldige waarde voor '--status': 'foo' is niet een van 'not_found', "
                                    "'uncertain'. Zie 'vraagbaak vragen --help'."),
    (["nope"], "Fout: Onbekend commando: nope. Zie 'vraagbaak --help'."),
    (["documents", "lijst"], "Fout: Onbekend commando: lijst. Bedoel je list? Zie 'vraagbaak documents --help'."),
    (["vragen", "--since", "7 dagen"], "Fout: Ongeldige invoer: --since '7 dagen' begrijp ik niet; gebruik bijvoorbeeld 7d "
                                       "(dagen), 12h of 12u (uren) of 2w (weken). Zie 'vraagbaak vragen --help'."),
    (["ask", "-c", "  ", "x"], "Fout: Ongeldige invoer: --collection is leeg: noem een collectie, of laat de optie "
                               "weg. Zie 'vraagbaak ask --help'."),
    (["eval", "--qa", "/nergens.jsonl"], "Fout: Ongeldige waarde voor '--qa': '/nergens.jsonl' bestaat niet. "
                                         "Zie 'vraagbaak eval --help'."),
    (["eval", "--qa", "/tmp"], "Fout: Ongeldige waarde voor '--qa': '/tmp' is een map, geen bestand. "
                               "Zie 'vraagbaak eval --help'."),
])
def test_a_wrong_option_or_argument_is_one_dutch_line_with_exit_code_2(args, says):
    out = vraagbaak(*args)
    assert out.returncode == 2 and out.stderr.strip() == says


def test_help_and_version_still_exit_0():
    version, helped = vraagbaak("--version"), vraagbaak("--help")
    assert version.returncode == 0 and "Snel aan de slag" in helped.stdout
    # A documentation review: these two were English ("Show the version and exit.", "vraagbaak, version 0.1.0").
    assert "vraagbaak, versie " in version.stdout and "Toon de versie en stop." in helped.stdout


def test_eval_refuses_a_report_folder_it_cannot_make_before_it_runs(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    out = vraagbaak("eval", "--no-compare", "--report", str(blocker / "rapport"),
                    env={"VRAAGBAAK_DATA_DIR": str(tmp_path / "data")})
    assert out.returncode == 1 and "Kan de map" in out.stderr and "voor het rapport niet maken" in out.stderr
    assert "Evaluatie" not in out.stderr and "Traceback" not in out.stderr


def test_an_empty_setting_counts_as_not_set():
    """A compose file that leaves a value blank gets the default, not "het moet een geheel getal zijn"."""
    from vraagbaak.config import Settings

    with pytest.MonkeyPatch.context() as env:
        env.setenv("VRAAGBAAK_QUESTION_RETENTION_DAYS", "")
        env.setenv("VRAAGBAAK_PAGE_BREAK", "")  # empty matched every line: each line became a page
        settings = Settings()
    assert settings.question_retention_days == 90 and settings.page_break == Settings.model_fields["page_break"].default


def test_help_screens_are_dutch():
    out = vraagbaak("ask", "--help")
    assert out.returncode == 0 and out.stdout.startswith("Gebruik: vraagbaak ask [OPTIES] VRAAG")
    assert "Opties:" in out.stdout and "Toon deze hulp en stop." in out.stdout and "[standaard: 5;" in out.stdout
    assert "Commando's:" in vraagbaak("--help").stdout


def test_a_file_name_with_a_terminals_escape_codes_is_printed_as_plain_text(tmp_path):
    """A shared corpus folder may hold a file whose name sets a terminal's window title or prints a fake
    line; the command line printed names as they were."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rapport.txt").write_text("Een rapport over fietsen.\n\nDe stad bouwt fietspaden en stallingen.\n")
    (corpus / "leeg\x1b]0;PWNED\x07\nLet op: nep.txt").write_bytes(b"")
    out = vraagbaak("ingest", "--inspect", env={"VRAAGBAAK_CORPUS_DIR": str(corpus),
                                                 "VRAAGBAAK_DATA_DIR": str(tmp_path / "data")})
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stderr + out.stdout and "\x07" not in out.stderr
    assert [line for line in out.stderr.splitlines() if line.startswith("Let op:")] == [
        "Let op: leeg ]0;PWNED Let op: nep.txt: het bestand is leeg. Het bestand is overgeslagen; voeg tekst toe of "
        "haal het weg uit de corpusmap."]


def test_eval_says_what_it_cannot_do_instead_of_ignoring_it(tmp_path):
    """A code review: --calibrate ignored --json, --report, --no-compare and --part (and still made the report
    folder); a report folder that cannot be made was said with the system's English words."""
    combined = vraagbaak("eval", "--calibrate", "--part", "all", "--report", str(tmp_path / "rapport"))
    assert combined.returncode == 2 and "--calibrate stemt altijd af op het afstemdeel" in combined.stderr
    assert not (tmp_path / "rapport").exists()
    (tmp_path / "bestand").write_text("x")
    blocked = vraagbaak("eval", "--report", str(tmp_path / "bestand" / "rapport"),
                        env={"VRAAGBAAK_DATA_DIR": str(tmp_path / "data")})
    assert blocked.returncode == 1 and "een deel van het pad is geen map" in blocked.stderr, blocked.stderr
    assert "Not a directory" not in blocked.stderr


@pytest.mark.parametrize("variable,value", [
    ("VRAAGBAAK_PUBLIC_URL", "HTTPS://intranet.example.nl:8443/vraagbaak"), ("VRAAGBAAK_PUBLIC_URL", "/vraagbaak"),
    ("VRAAGBAAK_PUBLIC_URL", "http://[::1]:8000"), ("VRAAGBAAK_CORS_ORIGINS", "http://[::1]:8000, HTTPS://Intranet.nl/"),
    ("VRAAGBAAK_TRUSTED_PROXIES", "2001:db8::1, ::1, 10.0.0.1"),
])
def test_unusual_but_valid_settings_are_taken(variable, value, tmp_path):
    from vraagbaak.config import Settings

    settings = Settings(**{variable.removeprefix("VRAAGBAAK_").lower(): value})
    if variable == "VRAAGBAAK_CORS_ORIGINS":
        assert settings.allowed_origins == ["http://[::1]:8000", "https://intranet.nl"]  # as a browser sends them


def test_serve_tells_its_workers_how_many_there_are(monkeypatch, tmp_path):
    """Each worker process reads its settings anew; ``--workers`` must reach them, as they share the cores out."""
    import os

    import uvicorn
    from click.testing import CliRunner

    from vraagbaak.cli import cli
    from vraagbaak.config import get_settings

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: seen.update(
        workers=kwargs["workers"], variable=os.environ.get("VRAAGBAAK_WORKERS")))
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("VRAAGBAAK_WORKERS", "1")  # restored afterwards
    get_settings.cache_clear()
    try:
        assert CliRunner().invoke(cli, ["serve", "--port", "8719", "--workers", "2"]).exit_code == 0
        assert seen == {"workers": 2, "variable": "2"}
    finally:
        get_settings.cache_clear()


def test_serve_takes_a_proxys_path_prefix_and_refuses_a_wrong_one(monkeypatch, tmp_path):
    """The owners' pages keep the ASGI root_path in their links; ``serve --root-path`` sets it."""
    import uvicorn
    from click.testing import CliRunner

    from vraagbaak.cli import cli
    from vraagbaak.config import get_settings

    given = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: given.update(kwargs))
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        assert CliRunner().invoke(cli, ["serve", "--port", "8719", "--root-path", "/vraagbaak"]).exit_code == 0
        assert given["root_path"] == "/vraagbaak"
        assert CliRunner().invoke(cli, ["serve", "--port", "8719", "--root-path", "vraagbaak/"]).exit_code == 2
    finally:
        get_settings.cache_clear()



def test_vragen_on_a_data_folder_without_a_log_says_so_and_makes_no_file(tmp_path):
    """A black-box test: it made questions.sqlite3 in a mistyped folder and said "Geen onbeantwoorde vragen"."""
    empty = tmp_path / "leeg"
    empty.mkdir()
    out = vraagbaak("vragen", env={"VRAAGBAAK_DATA_DIR": str(empty)})
    assert out.returncode == 0 and "Er is nog geen vragenlogboek" in out.stdout and "VRAAGBAAK_DATA_DIR" in out.stdout
    scripted = vraagbaak("vragen", "--json", env={"VRAAGBAAK_DATA_DIR": str(empty)})
    assert scripted.stdout.strip() == "[]" and "Er is nog geen vragenlogboek" in scripted.stderr
    assert list(empty.iterdir()) == []
