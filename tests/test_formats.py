"""Every document format becomes the passages a reader would expect: FAQ entries paired with their own
answers, table rows with their header, code kept as code, page furniture dropped, nothing lost silently."""

import base64
import io
import json
import textwrap
import warnings
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from chatbot.cli import _format_files, main
from chatbot.errors import CorpusError, DocumentError
from chatbot.reading.corpus import Corpus, read_document
from chatbot.reading.outline import Block, build_passages

from .conftest import SHARED

MARKDOWN = """\
# Widget Guide

Widget keeps your files in sync. It runs on Linux, macOS and Windows, and it
needs no server of its own: every copy talks to the others directly.

* [How do I install Widget?](#install)
* [Why is the first sync slow?](#slow)

## Installation

1. Download the package for your system.

   #### Homebrew

   On macOS, we recommend Homebrew:

   ```sh
   brew install widget
   ```

2. Start it once so that it creates its folder.

Indented code works too:

    widget --version

name | default | description
---- | ------- | -----------
`WIDGET_HOME` | `~/.widget` | Where Widget keeps its state.<br>Also see `widget home`.
`WIDGET_DEBUG` | | Prints debug output.

<h3 name="install">
How do I install Widget?
</h3>

Follow the steps under Installation. They take
about two minutes.

<h3 name="slow">
Why is the first sync slow?
</h3>

The first sync hashes every file. Later syncs only look at files that
changed, so they finish in seconds.

```
widget status --verbose
```

## More questions

1. **Can I sync a network drive?** Not yet; mount it locally first.
2. **Does Widget encrypt my files?** Yes, with AES-256 in transit.
"""


def read(tmp_path, name, content, config=None):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    if config:
        (tmp_path / "corpus.toml").write_text(config, encoding="utf-8")
    return Corpus.open(tmp_path).read(path)


def faq(passages):
    return {p.question: p.text.split("\n", 1)[1] for p in passages if p.kind == "faq"}


def no_code_or_fragments_in_labels(passages):
    for p in passages:
        for label in (p.section, p.question):
            assert "```" not in label and not label.endswith((",", " and", " the", " to", " of")), label


def test_markdown_structure(tmp_path):
    passages, problems = read(tmp_path, "guide.md", MARKDOWN)
    assert problems == []
    no_code_or_fragments_in_labels(passages)
    assert {p.title for p in passages} == {"Widget Guide"}
    texts = [p.text for p in passages if p.kind == "text"]
    # A soft-wrapped paragraph is one line; the table of contents is gone.
    assert texts[0] == ("Widget keeps your files in sync. It runs on Linux, macOS and Windows, and it needs no "
                        "server of its own: every copy talks to the others directly.")
    assert not any("(#install)" in t or t.startswith("- How do I install") for t in texts)
    # Code stays inside the passage of the text that introduces it, under its own heading.
    homebrew = next(p for p in passages if "brew install widget" in p.text)
    assert homebrew.section == "Homebrew" and "recommend Homebrew" in homebrew.text
    assert any("widget --version" in p.text for p in passages)
    rows = [p.text for p in passages if p.kind == "table"]
    assert rows == [
        "Installation\nname | default | description\n`WIDGET_HOME` | `~/.widget` | Where Widget keeps its state. "
        "Also see `widget home`.",
        "Installation\nname | default | description\n`WIDGET_DEBUG` |  | Prints debug output."]
    entries = faq(passages)
    assert entries["How do I install Widget?"] == "Follow the steps under Installation. They take about two minutes."
    assert entries["Why is the first sync slow?"] == (
        "The first sync hashes every file. Later syncs only look at files that changed, so they finish in "
        "seconds.\nwidget status --verbose")
    assert entries["Can I sync a network drive?"] == "Not yet; mount it locally first."
    assert entries["Does Widget encrypt my files?"] == "Yes, with AES-256 in transit."
    # Each entry's section is its own heading, never the previous question.
    assert {p.section for p in passages if p.kind == "faq"} == {"Installation", "More questions"}


RST = """\
Frequently Asked Questions
==========================

This is the list of questions about Backup.

Will Backup resume an interrupted run?
--------------------------------------

Yes. Backup keeps an index of what it uploaded, so a new run
skips those files.

.. important:: Keep at least one finished snapshot.

How can I pass the password automatically?
------------------------------------------

Set the environment variable::

    export BACKUP_PASSWORD=secret

.. code-block:: console

    $ backup run --password-file ~/.pw

Why is the first run slow?
--------------------------

It reads every file once.

Tuning the CPU priority
-----------------------

Run it under ``nice`` to lower its priority.

Glossary
--------

Is a snapshot a full copy?
    No. A snapshot only refers to data that is already stored.
Pack
    A file holding many blobs.
"""


def test_restructuredtext_structure(tmp_path):
    passages, problems = read(tmp_path, "faq.rst", RST)
    assert problems == []
    no_code_or_fragments_in_labels(passages)
    entries = faq(passages)
    assert entries["Will Backup resume an interrupted run?"] == (
        "Yes. Backup keeps an index of what it uploaded, so a new run skips those files.\n"
        "Important: Keep at least one finished snapshot.")  # the admonition's kind, as Sphinx titles it
    answer = entries["How can I pass the password automatically?"]
    assert "export BACKUP_PASSWORD=secret" in answer and "$ backup run --password-file ~/.pw" in answer
    # On a page of questions, a title worded as a statement is an entry too.
    assert entries["Tuning the CPU priority"] == "Run it under nice to lower its priority."
    assert entries["Is a snapshot a full copy?"] == "No. A snapshot only refers to data that is already stored."
    assert any(p.section == "Pack" and p.text == "A file holding many blobs." for p in passages)
    assert {p.title for p in passages} == {"Frequently Asked Questions"}


def test_a_reader_failing_on_one_file_costs_that_file_only(tmp_path, monkeypatch):
    # A bug in a reader (an IndexError on one odd file) had stopped the whole build.
    import chatbot.reading.corpus as corpus

    (tmp_path / "good.md").write_text("# Good\n\nThis one reads.\n", encoding="utf-8")
    (tmp_path / "odd.rst").write_text("Odd\n===\n\nThis one trips the reader.\n", encoding="utf-8")
    real = corpus.read_document

    def failing(path, **kwargs):
        if path.suffix == ".rst":
            raise IndexError("list index out of range")
        return real(path, **kwargs)

    monkeypatch.setattr(corpus, "read_document", failing)
    loaded = Corpus.open(tmp_path).load()
    assert [p.text for p in loaded.passages] == ["This one reads."]
    assert [str(p) for p in loaded.problems] == [
        f"odd.rst: {corpus.READER_BUG} (IndexError: list index out of range); file skipped. "
        "Please report it with the file, if you can share it"]


def test_a_page_with_some_questions_keeps_its_named_sections_and_signs(tmp_path):
    # npm's pages: "Table of contents" (its links dropped) had been the section of every entry, and
    # "Description" a FAQ entry since the headings beside it ask; Click's "Help Pages and Exit Codes" too.
    # bash's manual: a term that is a sign ("?") had been a FAQ question.
    page = """<html><body><h1>registry</h1>
        <h2>Table of contents</h2><ul><li><a href="#d">Description</a></li><li><a href="#s">Does npm send data?</a></li></ul>
        <h3 id="d">Description</h3><p>npm is configured to use the public registry.</p>
        <h3>Does npm send data?</h3><p>It sends a random ID.</p>
        <h3>How can I keep a package private?</h3><p>Set "private": true.</p>
        <h3>Where are my packages?</h3><p>On the website.</p>
        <h3>Help Pages and Exit Codes</h3><p>Errors exit with code 1.</p>
        <h3>Special parameters</h3><dl><dt>?</dt><dd>The exit status.</dd></dl>
        </body></html>"""
    passages, problems = read(tmp_path, "registry.html", page)
    assert problems == []
    assert [(p.kind, p.section, p.question) for p in passages] == [
        ("text", "Description", ""),
        ("faq", "", "Does npm send data?"),
        ("faq", "", "How can I keep a package private?"),
        ("faq", "", "Where are my packages?"),
        ("text", "Help Pages and Exit Codes", ""),
        ("text", "Special parameters › ?", "")]  # a sign alone is named with its heading
    # A statement worded as a sentence is still an entry where the headings beside it ask.
    page = page.replace("Help Pages and Exit Codes", "My build fails with exit code 1.")
    assert [p.question for p in read(tmp_path, "registry.html", page)[0]][4] == "My build fails with exit code 1."


def test_a_question_answered_by_a_list_keeps_its_items_and_numbers(tmp_path):
    # Flask's tutorial: "So what did that code do?" over its numbered steps had read "- First ... - Next ..."
    # on one line, and reStructuredText's numbered lists had lost their numbers.
    rst = "Guide\n=====\n\nSo what did that code do?\n\n1. First we imported the class.\n2. Next we made an app.\n"
    md = "# Guide\n\nSo what did that code do?\n\n1. First we imported the class.\n2. Next we made an app.\n"
    for name, text in (("guide.rst", rst), ("guide.md", md)):
        passages, _ = read(tmp_path, name, text)
        assert [p.text for p in passages] == [
            "So what did that code do?\n1. First we imported the class.\n2. Next we made an app."], name


def test_footnotes_read_where_they_are_referred_to(tmp_path):
    # attrs' pages: the mark "[^fn1]" had been a word of the sentence, and the note glued to the front of the
    # list after it.
    md = ("# Hashing\n\nattrs writes a `__hash__` for you[^fn1], but not by default:\n\n"
          "[^fn1]: The hash is computed from the class id and\n    the attribute values.\n\n"
          "- equal objects have equal hashes\n\n```\nre.compile(r\"[^fn1]\")\n```\n")
    passages, problems = read(tmp_path, "hashing.md", md)
    assert problems == []
    assert [p.text for p in passages] == [
        "attrs writes a `__hash__` for you, but not by default: (The hash is computed from the class id and the "
        "attribute values.)\n- equal objects have equal hashes\nre.compile(r\"[^fn1]\")"]
    # Inside a MyST directive whose content is text (a note, a glossary) a mark is read too; inside a code
    # directive it is code.
    md = ("# Slots\n\n```{note}\nThey use less memory[^pypy].\n```\n\n```{code-block}\nx = a[^pypy]\n```\n\n"
          "[^pypy]: Not on PyPy.\n")
    passages, _ = read(tmp_path, "slots.md", md)
    assert [p.text for p in passages] == ["Note: They use less memory. (Not on PyPy.)\nx = a[^pypy]"]
    # A note that only a table's rows refer to (Node.js's supported platforms) had gone to the end of the last
    # row, a cell past the header's, and was dropped: it is a paragraph where it is written.
    md = ("# Platforms\n\n| OS | Version |\n|---|---|\n| Linux | kernel >= 4.18[^1] |\n| Windows | 10[^2] |\n\n"
          "[^1]: Older kernels may work.\n\n[^2]: WSL is not\n    supported.\n")
    passages, _ = read(tmp_path, "platforms.md", md)
    assert [p.text for p in passages] == ["Platforms\nOS | Version\nLinux | kernel >= 4.18",
                                          "Platforms\nOS | Version\nWindows | 10", "Older kernels may work.",
                                          "WSL is not supported."]
    # reStructuredText's marks, numbered or auto-numbered: arrow's format tokens had ended in "1".
    rst = ("Tokens\n======\n\n+-------+--------------------+\n| Token | Output             |\n"
           "+=======+====================+\n| MMMM  | January ... [#t1]_ |\n+-------+--------------------+\n\n"
           "See the guide [1]_.\n\n.. [#t1] localization support\n.. [1] It is short.\n")
    passages, _ = read(tmp_path, "tokens.rst", rst)
    assert [p.text for p in passages] == ["Tokens\nToken | Output\nMMMM | January ... (localization support)",
                                          "See the guide (It is short.)."]
    # A typeset minus sign in a manual's code reads as the hyphen it stands for.
    passages, _ = read(tmp_path, "expansion.md", "# Expansion\n\nUse ${parameter:\u2212word} for a default.\n")
    assert passages[0].text == "Use ${parameter:-word} for a default."


def test_a_definition_inside_a_definition_names_both_terms(tmp_path):
    # bash's manual: "read" lists its options as terms of their own; "-r" alone had been the section of
    # "Backslash does not act as an escape character.", which said nothing of which command it is.
    page = ("<html><body><h1>Builtins</h1><dl><dt>read</dt><dd><p>Read a line from standard input.</p>"
            "<dl><dt>-r</dt><dd>Backslash does not act as an escape character.</dd></dl>"
            "<p>The exit status is zero.</p></dd><dt>mapfile</dt><dd><p>Read lines into an array.</p>"
            "<dl><dt>-t</dt><dd>Remove a trailing newline.</dd></dl></dd></dl></body></html>")
    passages, problems = read(tmp_path, "builtins.html", page)
    assert problems == []
    assert [p.section for p in passages] == ["read", "read › -r", "read", "mapfile", "mapfile › -t"]
    # Under a signature, the function's name: libffi's Texinfo manual lists a function's arguments as terms inside
    # its definition, and "closure" alone had been the title of "The address of a ffi_closure object".
    page = ("<html><body><h3>The Closure API</h3><dl class=\"def\"><dt>Function: ffi_status ffi_prep_closure_loc "
            "(ffi_closure *closure, ffi_cif *cif, void (*fun) (ffi_cif *cif, void *ret), void *user_data)</dt>"
            "<dd><p>Prepare a closure function. The arguments to ffi_prep_closure_loc are:</p><dl compact>"
            "<dt>closure</dt><dd><p>The address of a ffi_closure object.</p></dd>"
            "<dt>fun</dt><dd><p>The function which will be called.</p><dl><dt>ret</dt><dd><p>A pointer to the "
            "memory used for the return value.</p></dd></dl></dd></dl></dd></dl></body></html>")
    assert [p.section for p in read(tmp_path, "closures.html", page)[0]][1:] == [
        "ffi_prep_closure_loc › closure", "The Closure API › ffi_prep_closure_loc › fun",
        "ffi_prep_closure_loc › fun › ret"]


def test_a_heading_drops_the_section_number_its_generator_marks(tmp_path):
    # Texinfo numbers a chapter without a stop ("1 What is libffi?"), which had stayed in the question and in
    # every title; docutils and Sphinx put the number in a span of its own.
    page = ("<html><body><h2 class=\"chapter\">1 What is libffi?</h2><p>A portable foreign function "
            "interface library.</p><h2 class=\"chapter\">2 Using libffi</h2><p>Closures are supported.</p>"
            "<h2><span class=\"sectnum\">3\u00a0\u00a0\u00a0</span>Memory Usage</h2><p>Closures need memory.</p>"
            "<h2>3 ways to call</h2><p>Call it directly.</p></body></html>")
    passages, problems = read(tmp_path, "libffi.html", page)
    assert problems == []
    assert [(p.kind, p.question or p.section) for p in passages] == [
        ("faq", "What is libffi?"), ("text", "Using libffi"), ("text", "Memory Usage"),
        ("text", "3 ways to call")]


def test_a_note_keeps_its_title_over_all_its_paragraphs_and_an_option_or_a_function_its_values(tmp_path):
    # Flask's "Externally Visible Server": the paragraph with the answer ("add --host=0.0.0.0") had lost the
    # note's title; a note opening with the line that introduces a list had left "Warning:" alone; npm's
    # options open with their default and type, which had been a passage with nothing to say what they set.
    rst = textwrap.dedent("""\
        Quickstart
        ==========

        .. admonition:: Externally Visible Server

           The server is only reachable from your own computer.

           To make it public, add ``--host=0.0.0.0`` to the command line.

        .. warning::

           Leave it at None, as it depends on:

           - whether the class is frozen
           - whether it compares by value
        """)
    passages, problems = read(tmp_path, "quickstart.rst", rst)
    assert problems == []
    assert [p.text for p in passages] == [
        "Externally Visible Server: The server is only reachable from your own computer. "
        "To make it public, add --host=0.0.0.0 to the command line.",
        "Warning: Leave it at None, as it depends on:\n- whether the class is frozen\n- whether it compares by value"]
    md = ("# config\n\n#### `save-dev`\n\n* Default: false\n* Type: Boolean\n\n"
          "Save installed packages to a package.json file as `devDependencies`.\n")
    passages, _ = read(tmp_path, "config.md", md)
    assert [(p.section, p.text) for p in passages] == [
        ("`save-dev`", "- Default: false\n- Type: Boolean\nSave installed packages to a package.json file as "
                       "`devDependencies`.")]
    # An API reference's parameters, over what the function does (Node.js's pages), go with it too, and so does the
    # rest of the function's entry while it fits (a heading that is a name in code opens an entry).
    md = ("# OS\n\n## `os.setPriority([pid, ]priority)`\n\n"
          "* `pid` {integer} The process ID to set scheduling priority for. **Default:** `0`.\n"
          "* `priority` {integer} The scheduling priority to assign to the process.\n\n"
          "Attempts to set the scheduling priority for the process specified by `pid`.\n\n"
          "On Windows, setting priority to `PRIORITY_HIGHEST` requires elevated user privileges.\n\n"
          "* `PRIORITY_LOW`\n* `PRIORITY_HIGH`\n\nThese constants are in `os.constants.priority`.\n")
    passages, _ = read(tmp_path, "os.md", md)
    assert [p.text for p in passages] == [
        "- `pid` {integer} The process ID to set scheduling priority for. Default: `0`.\n"
        "- `priority` {integer} The scheduling priority to assign to the process.\n"
        "Attempts to set the scheduling priority for the process specified by `pid`.\n"
        "On Windows, setting priority to `PRIORITY_HIGHEST` requires elevated user privileges.\n"
        "- `PRIORITY_LOW`\n- `PRIORITY_HIGH`\n"
        "These constants are in `os.constants.priority`."]
    # Under a heading in words, a list further into the section, or one that a paragraph introduces, stays where
    # it is.
    passages, _ = read(tmp_path, "os.md", md.replace("## `os.setPriority([pid, ]priority)`", "## Setting priorities"))
    assert [p.text for p in passages][1:] == [
        "On Windows, setting priority to `PRIORITY_HIGHEST` requires elevated user privileges.\n"
        "- `PRIORITY_LOW`\n- `PRIORITY_HIGH`",
        "These constants are in `os.constants.priority`."]


def test_a_scrap_that_goes_on_with_an_unfinished_sentence_is_part_of_it(tmp_path):
    # A manual printed to PDF, or written with its commands on lines of their own, had given passages of one
    # word ("and") or one command with nothing to say what it does ("declare -A name").
    text = textwrap.dedent("""\
        Arrays
        ======

        Associative arrays are created using

        declare -A name

        There are two forms for redirecting output and errors:

        &>word

        and

        >&word

        Of the two forms, the first is preferred.

        Warning: arrays are not exported

        Only scalars reach child processes.

        Printing
        ========

        If you write::

            echo ${#name[@]}

        prints

        ::

            3

        Listing
        =======

        To see each element with its subscript, you can use::

            declare -p name

        which quotes the values too, so that the output can be read back in.

        ::

            declare -a name=([0]="a")

        mapfile is a synonym for readarray, which reads lines into an array.

        Command-line arguments override the file. For example::

            bash --norc -i

        This starts an interactive shell that reads no startup file.
        """)
    passages, problems = read(tmp_path, "arrays.rst", text)
    assert problems == []
    assert [p.text for p in passages] == [
        "Associative arrays are created using\ndeclare -A name",
        "There are two forms for redirecting output and errors:\n&>word\nand\n>&word",
        "Of the two forms, the first is preferred.",
        # A short label goes with the text it stands over, not with the text before it.
        "Warning: arrays are not exported\nOnly scalars reach child processes.",
        # After code, a scrap in lower case goes on with it: what it "prints" is the code's result.
        "If you write:\necho ${#name[@]}\nprints\n3",
        # So does one that opens with a function word, however long; not one that opens with a name.
        "To see each element with its subscript, you can use:\ndeclare -p name\nwhich quotes the values too, so "
        'that the output can be read back in.\ndeclare -a name=([0]="a")',
        "mapfile is a synonym for readarray, which reads lines into an array.",
        # A sentence that tells what the example a paragraph announced does goes with it ("This will retry tests 5
        # times ..." under pytest-rerunfailures' command had been a passage apart from it).
        "Command-line arguments override the file. For example:\nbash --norc -i\n"
        "This starts an interactive shell that reads no startup file.",
    ]


def test_code_too_long_for_the_paragraph_announcing_it_opens_in_its_passage():
    # SQLAlchemy's "... can be configured as follows:" had been a passage ending in a colon, its example all in
    # the passages after it.
    code = "\n".join(f"    column_{n} = mapped_column(Integer)" for n in range(40))
    passages = build_passages([Block("heading", "Mapping", level=2),
                               Block("paragraph", "The class can be configured as follows:"),
                               Block("code", code)], source="orm.html", max_chars=400)
    assert all(len(p.text) <= 400 for p in passages)
    assert passages[0].text.startswith("The class can be configured as follows:\n    column_0 = mapped_column")
    assert "\n".join(p.text for p in passages) == "The class can be configured as follows:\n" + code


def test_an_example_goes_with_the_text_it_shows(tmp_path):
    # npm's "Use -- to pass flags" and its "For example: npm run test -- --grep" had been two passages: the
    # rule without its example, and an example with nothing to say what it shows. A tab's own case ("Zsh: Add
    # this to ~/.zshrc:") is no example of the case before it. A paragraph that announces a quote had been
    # a passage ending in a colon.
    md = textwrap.dedent("""\
        # npm run

        ## Description

        Any positional arguments are passed to the script. Use `--` to pass flags.

        For example:

        ```bash
        npm run test -- --grep="pattern"
        ```

        Bash: Add this to ~/.bashrc:

        ```bash
        eval "$(_FOO_COMPLETE=bash_source foo)"
        ```

        Zsh: Add this to ~/.zshrc:

        ```zsh
        eval "$(_FOO_COMPLETE=zsh_source foo)"
        ```

        ## Reviews

        One user of both tools writes:

        > It gives me peace of mind that I have everything.

        The next paragraph stands alone.
        """)
    passages, problems = read(tmp_path, "npm-run.md", md)
    assert problems == []
    assert [p.text for p in passages] == [
        'Any positional arguments are passed to the script. Use `--` to pass flags.\nFor example:\n'
        'npm run test -- --grep="pattern"',
        'Bash: Add this to ~/.bashrc:\neval "$(_FOO_COMPLETE=bash_source foo)"',
        'Zsh: Add this to ~/.zshrc:\neval "$(_FOO_COMPLETE=zsh_source foo)"',
        # What a paragraph announces with its colon goes with it too.
        "One user of both tools writes:\nIt gives me peace of mind that I have everything.",
        "The next paragraph stands alone.",
    ]
def test_sphinx_directives_keep_their_text(tmp_path):
    # Plain docutils drops the content of directives it does not know; Sphinx pages are full of them.
    rst = textwrap.dedent("""\
        API
        ===

        .. py:function:: connect(host, timeout=10)

           Open a connection to *host*.

           .. versionchanged:: 3.0
              The default timeout is now 10 seconds.

           .. deprecated:: 4.0

        .. seealso:: The :ref:`retries` section.

        .. toctree::
           :maxdepth: 2

           install

        Steps
        -----

        #. Install it

           .. code-block:: shell

              pip install tool
              tool --init

        Questions
        ---------

        .. dropdown:: Can I use a proxy?
           :open:

           Yes, set ``HTTPS_PROXY``.
        """)
    passages, problems = read(tmp_path, "api.rst", rst)
    assert problems == []
    assert [(p.kind, p.section, p.text) for p in passages] == [
        ("text", "connect(host, timeout=10)",
         "Open a connection to host.\nChanged in version 3.0: The default timeout is now 10 seconds.\n"
         "Deprecated since version 4.0."),
        ("text", "", "The retries section."),  # after the function's entry, under the page's title again
        ("text", "Steps", "1. Install it\n  pip install tool\n  tool --init"),  # a numbered step keeps its number
        ("faq", "Questions", "Can I use a proxy?\nYes, set HTTPS_PROXY.")]


def test_sphinx_tabs_and_cards_are_labelled_and_a_drop_down_answer_ends_with_it(tmp_path):
    # sphinx-design's and sphinx-tabs' titles name their text ("Linux: ..."), as MkDocs' tabs are read; they
    # had been dropped, and a drop-down's answer had run on into every tab after it.
    rst = textwrap.dedent("""\
        Install
        =======

        .. dropdown:: Does it run on Windows?

           Yes, from version 2.

        .. tab-set::

           .. tab-item:: Linux

              Install it with apt.

           .. tab-item:: macOS

              Install it with brew.

        .. grid-item-card:: Next steps

           Read the tutorial.
        """)
    passages, problems = read(tmp_path, "install.rst", rst)
    assert problems == []
    assert [(p.kind, p.text) for p in passages] == [
        ("faq", "Does it run on Windows?\nYes, from version 2."), ("text", "Linux: Install it with apt."),
        ("text", "macOS: Install it with brew."), ("text", "Next steps: Read the tutorial.")]


def test_page_furniture_named_in_compound_names_is_dropped_but_a_cards_header_is_kept(tmp_path):
    # Themes name their furniture "docs-header", "fixed-sidebar", "docs-bottom-navigation", "sidemenu": it had
    # been read as passages, and a footer ran on into the last answer of the page. docutils' table of
    # contents left its title ("Contents") as a passage.
    html = """<html><body>
    <div id="docs-version-header">Release: 1.3.24 | Release Date: March 30, 2021</div>
    <div id="fixed-sidebar" class="withsidebar"><h3>Need more help?</h3><p>Call us.</p></div>
    <div class="sidemenu"><div class="menutrigger">Menu</div></div>
    <div class="NAVHEADER"><table><tr><th colspan="3">Privoxy FAQ</th></tr><tr><td>Prev</td><td></td><td>Next</td></tr>
    </table></div>
    <div id="docs-body" class="withsidebar faq-connections">
    <h1>Connections</h1>
    <div class="contents topic" id="contents"><p class="topic-title">Contents</p>
    <ul><li><a href="#pool">How do I pool connections?</a></li></ul></div>
    <h2>How do I pool connections?</h2><p>The engine pools them.</p>
    <div class="card"><div class="card-header">Is the pool thread-safe?</div>
    <div class="card-body">Yes.</div></div>
    </div>
    <div id="docs-bottom-navigation" class="docs-navigation-links">Previous: <a href="i.html">FAQ</a>
    <div id="docs-copyright">&copy; Copyright 2007-2021.</div></div>
    <footer class="site-footer">Cookies</footer>
    </body></html>"""
    passages, problems = read(tmp_path, "connections.html", html)
    assert problems == []
    assert [(p.kind, p.text) for p in passages] == [
        ("faq", "How do I pool connections?\nThe engine pools them.\nIs the pool thread-safe?\nYes.")]


def test_a_footer_named_foot_is_dropped(tmp_path):
    # LuaJIT's pages end in <div id="foot">: "Copyright © 2005-2023 · Contact" had been a passage of its FAQ.
    html = ("<html><body><div id=\"main\"><h1>FAQ</h1><dl><dt>Q: Why is it fast?</dt><dd>A trace compiler.</dd></dl>"
            "</div><div id=\"foot\"><hr class=\"hide\">Copyright &copy; 2005-2023 &middot; <a href=\"c.html\">Contact</a>"
            "</div></body></html>")
    passages, problems = read(tmp_path, "faq.html", html)
    assert problems == []
    assert [(p.kind, p.text) for p in passages] == [("faq", "Why is it fast?\nA trace compiler.")]


def test_an_empty_table_row_is_no_passage_and_an_alpaca_faq_is_a_faq(tmp_path):
    # Word tables keep spare empty rows, which had been passages (" | ") ranked beside the real rows.
    passages, problems = read(tmp_path, "plans.md", "| Plan | Price |\n|---|---|\n| Team | $5 |\n|  |  |\n")
    assert problems == []
    assert [p.text for p in passages] == ["Plan | Price\nTeam | $5"]
    # A FAQ kept to train a chat model, in the Alpaca layout.
    record = {"instruction": "Is it free?", "input": "", "output": "Yes, for teams of five or fewer."}
    passages, problems = read(tmp_path, "faq.jsonl", json.dumps(record) + "\n")
    assert problems == []
    assert [(p.kind, p.text) for p in passages] == [("faq", "Is it free?\nYes, for teams of five or fewer.")]
    # A FAQ widget's data: a title and its text.
    record = {"topic": "general", "title": "What is this?", "text": "<p>Short <strong>HTML</strong> answer.</p>"}
    passages, problems = read(tmp_path, "info.json", json.dumps({"info": [record]}))
    assert problems == []
    assert [(p.kind, p.text) for p in passages] == [("faq", "What is this?\nShort HTML answer.")]


def test_a_folder_that_vanishes_while_the_corpus_is_opened_is_passed_over(tmp_path, monkeypatch):
    # A tool's temporary folder removed while the corpus was walked (pip's, beside a file given to `chatbot
    # inspect`) had stopped the corpus from opening with a traceback.
    import os

    (tmp_path / "faq.md").write_text("# FAQ\n\n## Is it free?\n\nYes.\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (tmp_path / "pip-install-x").mkdir()
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "pip-install-x":
            raise FileNotFoundError(path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert [p.name for p in Corpus.open(tmp_path).files] == ["faq.md"]


def test_a_projects_github_folder_gives_its_documents_and_no_more(tmp_path):
    # attrs keeps its contributing guide and security policy in .github, as GitHub looks for them there: the
    # folder, hidden, had been passed over, and questions about them answered from another project's guide.
    github = tmp_path / "attrs" / ".github"
    (github / "workflows").mkdir(parents=True)
    (github / "CONTRIBUTING.md").write_text("# Contributing\n\n## Tests\n\nRun `tox` to run them.\n", encoding="utf-8")
    (github / "SECURITY.md").write_text("# Security\n\nReport holes to security@example.org.\n", encoding="utf-8")
    (github / "FUNDING.yml").write_text("github: someone\n", encoding="utf-8")
    (github / "CODEOWNERS").write_text("* @owner\n", encoding="utf-8")
    (github / "workflows" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    (tmp_path / "attrs" / ".git").mkdir()
    (tmp_path / "attrs" / ".git" / "README.md").write_text("# Not this\n\nA repository's own.\n", encoding="utf-8")
    loaded = Corpus.open(tmp_path).load()
    assert [f.name for f in loaded.files] == ["attrs/.github/CONTRIBUTING.md", "attrs/.github/SECURITY.md"]
    assert loaded.problems == []
    assert [p.text for p in loaded.passages] == ["Run `tox` to run them.", "Report holes to security@example.org."]


def test_sphinx_markup_of_any_extension_reads_as_sphinx_shows_it(tmp_path):
    # Projects use roles and directives of their own and of extensions (":setting:", ".. confval::"):
    # docutils had shown such roles as raw markup and dropped such directives with their text.
    rst = textwrap.dedent("""\
        Workers
        =======

        .. contents::
           :local:

        .. _guide-canvas:

        Canvas
        ------

        Chain tasks with :py:meth:`~celery.canvas.Signature.link`, set :setting:`broker_url`, and read
        the :ref:`calling guide <guide-calling>`, the :ref:`guide-canvas` and :class:`.QueuePool`.
        Django's :class:`~django:django.test.TestCase` and :ref:`django:assertions` work, :file:`C:/tmp` too.

        .. sidebar:: Tip

           Keep tasks small.

        Options
        -------

        .. confval:: addopts

           Add the given options to every run.

        #. Define it:

           .. code-block:: python

              def add(x, y):
                  return x + y
        """)
    passages, problems = read(tmp_path, "workers.rst", rst)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        # A target in another project's inventory (intersphinx's "django:") shows without its name: pytest-django's
        # "~django:django.test.TestCase" had read as written.
        ("Canvas", "Chain tasks with link, set broker_url, and read the calling guide, the Canvas and QueuePool. "
                   "Django's TestCase and assertions work, C:/tmp too."),
        ("Canvas", "Tip: Keep tasks small."),
        ("addopts", "Add the given options to every run."),
        ("Options", "1. Define it:\n  def add(x, y):\n      return x + y")]


def test_sphinx_code_blocks_with_any_option_and_default_role_references_read_as_sphinx_shows_them(tmp_path):
    # Flask's tutorial names each file's code with ":caption:", which docutils' code-block does not take: every
    # such block had been dropped. marshmallow writes its cross-references in the default role ("`load
    # <Schema.load>`"), which had shown its target; doit's placeholders in it ("`<module-name>:<attribute-name>`") had
    # been read as a title and its target ("<module-name>:"). Celery's "If you experience an error like:" / code / "then
    # you may want to ..." is one sentence: its end had been a passage apart from its start.
    rst = textwrap.dedent("""\
        Tutorial
        ========

        Application Setup
        -----------------

        Create the factory.

        .. code-block:: python
            :caption: ``flaskr/__init__.py``
            :emphasize-lines: 2

            def create_app():
                app = Flask(__name__)

        The reverse of `dump <Schema.dump>` is `load <Schema.load>`, served at `localhost:5000`.
        The format is `<module-name>:<attribute-name>`.

        Key eviction
        ------------

        If you experience an error like:

        .. code-block:: text

            InconsistencyError: Probably the key has been removed from the Redis database.

        then you may want to configure the redis-server to not evict keys.
        """)
    passages, problems = read(tmp_path, "tutorial.rst", rst)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("Application Setup", "Create the factory."),
        ("Application Setup", "flaskr/__init__.py\ndef create_app():\n    app = Flask(__name__)"),
        ("Application Setup", "The reverse of dump is load, served at localhost:5000. "
                              "The format is <module-name>:<attribute-name>."),
        ("Key eviction", "If you experience an error like:\nInconsistencyError: Probably the key has been removed from the "
                         "Redis database.\nthen you may want to configure the redis-server to not evict keys.")]


def test_a_restructuredtext_table_without_a_header_row_is_all_rows(tmp_path):
    # h5py's file modes: a simple table between two rules, no header. Its first row had been read as the header of
    # the others, and had no passage of its own. A first row of column names without the rule that marks it
    # (Celery's "Variable | Template | Result") still heads the table.
    rst = textwrap.dedent("""\
        Files
        =====

        Valid modes are:

            ========  ===================================
             r        Readonly, file must exist (default)
             r+       Read/write, file must exist
            ========  ===================================

        These expand to:

        +----------+------------+
        | Variable | Result     |
        +----------+------------+
        | %h       | george.org |
        +----------+------------+
        """)
    passages, problems = read(tmp_path, "files.rst", rst)
    assert problems == []
    assert [p.text.split("\n", 1)[1] for p in passages] == [
        "r | Readonly, file must exist (default)", "r+ | Read/write, file must exist", "Variable | Result\n%h | george.org"]


def test_a_directive_of_its_own_that_holds_code_reads_as_code(tmp_path):
    # Click's ".. click:example::" (in every page of its documentation) had been read as text: its lines
    # became scraps of passages, and "class HashType(enum.Enum):" the section of the text after it.
    rst = textwrap.dedent("""\
        Parameter types
        ===============

        Choice
        ------

        Use a Choice to accept one of a list of values.

        .. click:example::

            class HashType(enum.Enum):
                MD5 = enum.auto()

            @click.command()
            @click.option('--hash-type',
                          type=click.Choice(HashType))
            def digest(hash_type):
                click.echo(hash_type)

        Any iterable may be passed to Choice.

        .. confval:: strict

           Fail on unknown values. Off by default.
        """)
    passages, problems = read(tmp_path, "types.rst", rst)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("Choice", "Use a Choice to accept one of a list of values.\nclass HashType(enum.Enum):\n    MD5 = enum.auto()\n\n"
                   "@click.command()\n@click.option('--hash-type',\n              type=click.Choice(HashType))\n"
                   "def digest(hash_type):\n    click.echo(hash_type)"),
        ("Choice", "Any iterable may be passed to Choice."),
        ("strict", "Fail on unknown values. Off by default.")]


def test_a_directive_of_its_own_that_holds_python_with_a_docstring_reads_as_code(tmp_path):
    # Click's examples of help texts are commands whose docstrings read as prose: they had been read as text, the
    # docstring's paragraphs passages of their own ("This is a very long second paragraph ... f") and ":param ...:"
    # a list item.
    rst = textwrap.dedent("""\
        Truncating Help Texts
        ---------------------

        You can use the ``\\f`` escape marker to have Click truncate the help text after the marker.

        Example:

        .. click:example::

            @click.command()
            def cli(ctx):
                \"\"\"First paragraph.

                This is a very long second paragraph.
                \\f

                :param click.core.Context ctx: Click context.
                \"\"\"

        .. click:example::

            A sentence, not a program.
        """)
    passages, problems = read(tmp_path, "documentation.rst", rst)
    assert problems == []
    assert [p.text for p in passages] == [
        "You can use the \\f escape marker to have Click truncate the help text after the marker.\nExample:\n"
        "@click.command()\ndef cli(ctx):\n    \"\"\"First paragraph.\n\n    This is a very long second paragraph.\n"
        "    \\f\n\n    :param click.core.Context ctx: Click context.\n    \"\"\"",
        "A sentence, not a program."]


def test_a_version_note_alone_goes_with_the_text_of_its_section(tmp_path):
    # Sphinx's ".. versionadded:: 2.0" with no text of its own had been a passage of its own ("New in version
    # 2.0."), under every section it opens, and ranked first for questions on the section's topic. It labels the
    # text after it when it opens a section, and dates the text before it when it closes one.
    rst = textwrap.dedent("""\
        Documenting Scripts
        ===================

        Help Parameter Customization
        ----------------------------

        .. versionadded:: 2.0

        The help parameter is implemented in a very special manner.

        Chaining
        --------

        You can chain commands.

        .. versionchanged:: 3.0

        Other
        -----

        .. deprecated:: 8.1
           Use chains instead.
        """)
    passages, problems = read(tmp_path, "documentation.rst", rst)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("Help Parameter Customization", "New in version 2.0.\nThe help parameter is implemented in a very special manner."),
        ("Chaining", "You can chain commands.\nChanged in version 3.0."),
        ("Other", "Deprecated since version 8.1: Use chains instead.")]


def test_references_to_other_pages_read_as_words(tmp_path):
    # Sphinx shows the title of the page or section a reference names; this page cannot see it, and the
    # target had been shown as written ("see exception-handling-exit-codes", "/deploying/index", "~.Flask.route").
    rst = "Routing\n=======\n\nUse :meth:`~.Flask.route`, see :doc:`/deploying/index` and :doc:`werkzeug:middleware/proxy_fix`.\n"
    passages, _ = read(tmp_path, "routing.rst", rst)
    assert [p.text for p in passages] == ["Use route, see deploying and proxy fix."]
    # Celery's names relative to its app ("~@current_task") had kept their signs.
    passages, _ = read(tmp_path, "faq.rst", "FAQ\n===\n\nBoth :attr:`~@current_task` and :meth:`@send_task` work.\n")
    assert [p.text for p in passages] == ["Both current_task and send_task work."]
    md = "# Errors\n\nFor exit codes, see {ref}`exception-handling-exit-codes` and {class}`~CompletionItem`.\n"
    passages, _ = read(tmp_path, "errors.md", md)
    assert [p.text for p in passages] == ["For exit codes, see exception handling exit codes and CompletionItem."]


def test_markdown_definition_lists_title_their_definitions(tmp_path):
    # Pandoc's, PHP Markdown Extra's and MkDocs' def_list ("Term" over ": definition"): each term had run into
    # its definition as one line ("How do I reset my password? : Use the link ..."). A question term makes a
    # FAQ entry; another term titles its definitions only, the next text being under the heading again.
    page = textwrap.dedent("""\
        # Help

        How do I reset my password?
        : Use the link on the sign-in page.

        ## Options

        `retries`
        :   How many times to retry a failed request.

            Set it to 0 to never retry.

        Logs go to stderr.
        """)
    passages, problems = read(tmp_path, "help.md", page)
    assert problems == []
    assert [(p.kind, p.section, p.text) for p in passages] == [
        ("faq", "", "How do I reset my password?\nUse the link on the sign-in page."),
        ("text", "`retries`", "How many times to retry a failed request.\nSet it to 0 to never retry."),
        ("text", "Options", "Logs go to stderr.")]


def test_list_too_long_for_one_passage_is_cut_between_items_not_inside_one(tmp_path):
    # jq's options, items of a name over its description in a paragraph of its own: packed line by line, a
    # passage had ended with "--raw-input/-R:" and the next had opened with what it does. An item goes whole with
    # its lines while it fits, and is cut between its lines only when it alone is too long.
    described = "Read the input in another way, as this option's description tells at some length here. " * 2
    items = "".join(f"- --option-{n}:\n\n  {described}\n\n" for n in range(8))
    huge = "An option too long for one passage, told sentence after sentence. " * 25
    page = f"# jq\n\n## Options\n\nSome options:\n\n{items}- --huge:\n\n  {huge}\n"
    passages, problems = read(tmp_path, "jq.md", page)
    assert problems == [] and len(passages) > 2
    for passage in passages[:-2]:
        lines = passage.text.split("\n")[1:]  # under the list's introduction
        assert [line.startswith("- --option-") for line in lines] == [True, False] * (len(lines) // 2), lines
    assert passages[-2].text.endswith("- --huge:") is False and "- --huge:" in passages[-2].text + passages[-1].text


def test_markdown_list_of_names_in_code_over_their_descriptions_is_a_definition_list(tmp_path):
    # Python-Markdown's options ("* **`marker`**: Text to find ..."): packed by size, ten options had made one
    # passage that said a little of each, and the question about one of them missed it. Each name titles its
    # text now, as a definition list's term does. Names over values ("`bigint`: `yellow`") are a table written
    # as a list, and the parts of an entry under its own heading are the entry's: both stay one list.
    page = textwrap.dedent("""\
        # Table of Contents

        ## Usage

        The following options are provided:

        * **`marker`**:
            Text to find and replace with the Table of Contents.

            Set to an empty string to disable searching for a marker.

        * **`title`**: Title to insert in the Table of Contents' `<div>`.

        - `bigint`: `yellow`
        - `date`: `magenta`

        ### `alphabetize`

        Sort imports in each group:

        - `order`: use `asc` to sort in ascending order, or `ignore`.
        - `caseInsensitive`: use `true` to ignore case when sorting.
        """)
    passages, problems = read(tmp_path, "toc.md", page)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("Usage", "The following options are provided:"),
        ("`marker`", "Text to find and replace with the Table of Contents.\n"
                     "Set to an empty string to disable searching for a marker."),
        ("`title`", "Title to insert in the Table of Contents' `<div>`."),
        ("Usage", "- `bigint`: `yellow`\n- `date`: `magenta`"),
        ("`alphabetize`", "Sort imports in each group:\n- `order`: use `asc` to sort in ascending order, or `ignore`.\n"
                          "- `caseInsensitive`: use `true` to ignore case when sorting.")]


def test_a_named_entry_that_introduces_its_values_keeps_them_as_a_list_of_its_own(tmp_path):
    # cors' options: "`origin`: Configures the header. Possible values:" over a list of the values had been two
    # passages, the introduction alone and the values, whose first item was at the margin and the others indented
    # under it; a question about one value found neither.
    page = textwrap.dedent("""\
        ## Configuration Options

        * `origin`: Configures the **Access-Control-Allow-Origin** CORS header. Possible values:
          - `Boolean` - set `origin` to `true` to reflect the request origin.
          - `String` - set `origin` to a specific origin. For example:
            - `"*"` for all domains to be allowed.
          - `Array` - set `origin` to an array of valid origins.
        * `methods`: Configures the **Access-Control-Allow-Methods** CORS header.
        """)
    passages, problems = read(tmp_path, "README.md", page)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("`origin`", "Configures the Access-Control-Allow-Origin CORS header. Possible values:\n"
                     "- `Boolean` - set `origin` to `true` to reflect the request origin.\n"
                     "- `String` - set `origin` to a specific origin. For example:\n"
                     "  - `\"*\"` for all domains to be allowed.\n"
                     "- `Array` - set `origin` to an array of valid origins."),
        ("`methods`", "Configures the Access-Control-Allow-Methods CORS header.")]


def test_a_paragraph_that_only_points_to_a_section_of_the_page_is_not_text(tmp_path):
    # Bottleneck's README: "[Need help debugging your application?](#debugging-your-application)" alone had been a
    # FAQ question whose answer was the next, unrelated paragraph.
    page = textwrap.dedent("""\
        ## Step 3 of 3

        [Need help debugging your application?](#debugging-your-application)

        Read the gotchas before you start.

        ## Debugging your application

        Set the `debug` option to log every event.
        """)
    passages, problems = read(tmp_path, "README.md", page)
    assert problems == []
    assert [(p.kind, p.section, p.text) for p in passages] == [
        ("text", "Step 3 of 3", "Read the gotchas before you start."),
        ("text", "Debugging your application", "Set the `debug` option to log every event.")]


def test_a_reference_entry_is_one_passage_while_it_fits(tmp_path):
    # Copier's settings reference: under each setting's heading, a field list, a description and a note had been
    # passages of their own, and "Info: Not supported in `copier.yml`." was the same scrap under a dozen settings,
    # saying nothing of the one it was under.
    page = textwrap.dedent("""\
        # Settings

        ### `cleanup_on_error`

        - Format: `bool`
        - Default value: `True`

        When Copier fails, it removes the destination folder.

        !!! info

            Not supported in `copier.yml`.

        ### Hooks

        Copier runs tasks after it copies.

        Migrations run when it updates.
        """)
    passages, problems = read(tmp_path, "configuring.md", page)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("`cleanup_on_error`", "- Format: `bool`\n- Default value: `True`\nWhen Copier fails, it removes the destination "
                               "folder.\nInfo: Not supported in `copier.yml`."),
        # a heading in words opens a section, whose paragraphs stay passages of their own
        ("Hooks", "Copier runs tasks after it copies."),
        ("Hooks", "Migrations run when it updates.")]
    # An entry too long for one passage goes on in the next.
    long = "This sentence describes the setting at some length. " * 20
    passages, _ = read(tmp_path, "long.md", f"# Settings\n\n### `tasks`\n\n{long}\n\n{long}\n")
    assert [p.section for p in passages] == ["`tasks`", "`tasks`"]


def test_myst_directive_of_a_project_with_its_argument_only_is_read(tmp_path):
    # scikit-build-core's own "{conftabs} wheel.build-tag 1" (the setting, shown in several forms) had been dropped,
    # and the sentence that introduced it ran on into the next paragraph. Known directives with nothing in them
    # ("{note}", "{toctree}") still say nothing.
    md = ("# Wheels\n\nYou can also specify a build tag:\n\n```{conftabs} wheel.build-tag 1\n\n```\n\n"
          "```{note}\n```\n\n```{toctree} api\n```\n\nYou can select the components to install.\n")
    passages, problems = read(tmp_path, "config.md", md)
    assert problems == [] and [p.text for p in passages] == [
        "You can also specify a build tag:\nwheel.build-tag 1", "You can select the components to install."]


def test_code_that_only_pulls_in_another_file_is_no_passage(tmp_path):
    # cibuildwheel's FAQ shows its workflow with '{% include "../examples/github-with-qemu.yml" %}' in a code block,
    # filled in when the site is built (so are PyMdown's '--8<--' snippets): that line had been a passage, ranked
    # first for the question the text around it answers. Code that also holds code of its own stays, and so does
    # an include in a template language's code, which shows how to write one (Copier's docs).
    md = ("# CI\n\nBuild ARM wheels with QEMU.\n\n```yaml\n{% include \"../examples/qemu.yml\" %}\n```\n\n"
          "```python\n--8<-- \"examples/setup.py\"\n```\n\n```\n{% include \"x\" %}\nHello\n```\n\n"
          "Include a template:\n\n```jinja\n{% include \"name.jinja\" %}\n```\n")
    passages, problems = read(tmp_path, "faq.md", md)
    assert problems == [] and [p.text for p in passages] == [
        "Build ARM wheels with QEMU.\n{% include \"x\" %}\nHello\nInclude a template:\n{% include \"name.jinja\" %}"]


def test_markdown_reference_with_no_definition_reads_as_its_text_and_icons_go(tmp_path):
    # pymdown-extensions' pages leave their link definitions to a file their build appends: the question read
    # "... a module like [MkDocs][mkdocs]?", and a page's icon link "[:octicons-file-code-24:][_highlight]" was a
    # passage of its own. Code's subscripts ("a['k'][:7]") stay as they are.
    page = ("# FAQ\n\n[:octicons-file-code-24:][_highlight]{: .source-link }\n\n## Function References\n\n"
            "How do I specify function references in YAML if I am using a module like [MkDocs][mkdocs]?\n\n"
            "Prepend the function with `!!python/name:`, as in config['revision'][:7] and [PyYAML][].\n")
    passages, problems = read(tmp_path, "faq.md", page)
    assert problems == [] and [(p.kind, p.question, p.text.split("\n")[-1]) for p in passages] == [
        ("faq", "How do I specify function references in YAML if I am using a module like MkDocs?",
         "Prepend the function with `!!python/name:`, as in config['revision'][:7] and PyYAML.")]


def test_a_closing_question_mark_in_code_asks_nothing(tmp_path):
    # jq(1)'s headings "Optional Object Identifier-Index: .foo?" and "Optional Operator: ?", and flock(1)'s example
    # "... /bin/echo $?", had been FAQ questions answered by the text under them. "What is .bashrc?" asks.
    page = ("# jq\n\n## Optional Object Identifier-Index: .foo?\n\nJust like .foo, but does not output an error "
            "when . is not an object.\n\n## Optional Operator: ?\n\nThe ? operator, used as EXP?, is shorthand "
            "for try EXP.\n\n## shell2> flock -w .007 /tmp -c echo; /bin/echo $?\n\nThe second command will "
            "fail.\n\n## What is .bashrc?\n\nThe file bash reads at startup.\n")
    passages, problems = read(tmp_path, "jq.md", page)
    assert problems == [] and [(p.kind, p.question or p.section) for p in passages] == [
        ("text", "Optional Object Identifier-Index: .foo?"), ("text", "Optional Operator: ?"),
        ("text", "shell2> flock -w .007 /tmp -c echo; /bin/echo $?"), ("faq", "What is .bashrc?")]


def test_myst_markdown_reads_as_sphinx_shows_it(tmp_path):
    # MyST (Sphinx's Markdown: pip's, black's and attrs' documentation): its directives had been read as
    # code, its colon fences and roles as raw text, and its link targets as passages of their own.
    md = textwrap.dedent("""\
        (configuration)=
        # Configuration

        ```{contents}
        :local:
        ```

        pip reads {doc}`the config files <../cli/pip_config>` and {class}`~pip.Config`.

        ```{tab} Unix
        In `$HOME/.config/pip/pip.conf`.
        ```

        ```{tab} Windows
        In `%APPDATA%\\pip\\pip.ini`.
        ```

        :::{warning}
        :class: strong
        Later files win.
        :::

        ```{versionadded} 24.1
        The `--user` flag.
        ```

        ```{code-block} ini
        [global]
        timeout = 60
        ```

        ```{only} html
        Shown on the web.
        ```
        """)
    passages, problems = read(tmp_path, "configuration.md", md)
    assert problems == []
    assert [p.text for p in passages] == [
        "pip reads the config files and Config.", "Unix: In `$HOME/.config/pip/pip.conf`.",
        "Windows: In `%APPDATA%\\pip\\pip.ini`.", "Warning: Later files win.",
        "New in version 24.1: The `--user` flag.\n[global]\ntimeout = 60", "Shown on the web."]


def test_restructuredtext_field_lists_in_the_text_are_kept(tmp_path):
    # Fields in the text had been dropped with the document's own (":orphan:"), and their facts with them.
    rst = ":orphan:\n\nWorkers\n=======\n\nRemote control\n--------------\n\nCommands sent to workers.\n\n" \
          ":pool support: all, terminate only supported by prefork\n:broker support: amqp, redis\n"
    passages, problems = read(tmp_path, "workers.rst", rst)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [(
        "Remote control", "Commands sent to workers.\n- pool support: all, terminate only supported by prefork\n"
        "- broker support: amqp, redis")]


def test_restructuredtext_fields_that_describe_what_they_name_are_terms(tmp_path):
    # pylint's messages: each a field named by the message over what it means. Listed as values are, ten of them
    # had made one passage that said a little of each; asked by its code (W0611), a message's passage was led by
    # another's.
    rst = ("Features\n========\n\nImports checker Messages\n------------------------\n\n"
           ":wildcard-import (W0401): *Wildcard import %s*\n  Used when `from module import *` is detected, which "
           "pollutes the namespace.\n"
           ":unused-import (W0611): *Unused %s*\n  Used when an imported module or variable is not used anywhere in "
           "the module.\n")
    passages, problems = read(tmp_path, "features.rst", rst)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("wildcard-import (W0401)", "Wildcard import %s Used when from module import * is detected, which pollutes "
                                    "the namespace."),
        ("unused-import (W0611)", "Unused %s Used when an imported module or variable is not used anywhere in the "
                                  "module.")]


def test_a_question_and_answer_table_after_an_entry_is_entries_of_its_own(tmp_path):
    # Such a table had been read into the answer before it, and its entries lost.
    html = ("<h2>Using the library</h2><h3>How many books can I borrow?</h3><p>Up to 20 items.</p>"
            "<table><tr><th>Question</th><th>Answer</th></tr><tr><td>Can I print?</td><td>Yes, 10 cents a page."
            "</td></tr><tr><td>Are pets allowed?</td><td>Only assistance dogs.</td></tr></table>")
    passages, problems = read(tmp_path, "library.html", html)
    assert problems == []
    assert faq(passages) == {"How many books can I borrow?": "Up to 20 items.", "Can I print?": "Yes, 10 cents a page.",
                             "Are pets allowed?": "Only assistance dogs."}


def test_markdown_collapsible_sections_hold_the_markdown_between_their_tags(tmp_path):
    # GitHub READMEs write <details> across Markdown: the summary had become the section of all that followed
    # ("Click to expand"), and a question's answer ran on past </details>.
    md = textwrap.dedent("""\
        # Tool

        ## Setup

        <details>
        <summary>Where are all the extensions?</summary>

        See the extensions page.

        </details>

        Run `tool init` to create a config file.

        <details>
          <summary>Click to expand</summary>

        Outer text.

        <details><summary>Show example</summary>

        ```json
        { "a": 1 }
        ```

        </details>

        </details>

        More setup text.
        """)
    passages, problems = read(tmp_path, "README.md", md)
    assert problems == []
    assert [(p.kind, p.section, p.text) for p in passages] == [
        ("faq", "Setup", "Where are all the extensions?\nSee the extensions page."),
        ("text", "Setup", "Run `tool init` to create a config file."),
        ("text", "Setup", "Outer text.\n{ \"a\": 1 }"),
        ("text", "Setup", "More setup text.")]


def test_markdown_code_block_inside_a_longer_fence_is_shown_as_written(tmp_path):
    # The inner "```" had been taken to close the outer "````", and the code after it read as a site's markup.
    md = "# Fences\n\nShow it:\n\n````md\n```js\nexport default {\n  a: 1\n}\n```\n````\n"
    passages, problems = read(tmp_path, "fences.md", md)
    assert problems == []
    assert [p.text for p in passages] == ["Show it:\n```js\nexport default {\n  a: 1\n}\n```"]


def test_mdx_module_statements_over_several_lines_are_not_text(tmp_path):
    # Docusaurus pages import and define components over several lines: all but the first had been text.
    mdx = ('import {\n  Highlight,\n  Callout,\n} from "../components";\nimport "./styles.css";\n\n'
           "export const Highlight = ({children, color}) => (\n  <span style={{ backgroundColor: color }}>\n"
           "    {children}\n  </span>\n);\n\nDocusaurus supports **Markdown**.\n\nexport your data often.\n")
    passages, problems = read(tmp_path, "features.mdx", mdx)
    assert problems == []
    assert [p.text for p in passages] == ["Docusaurus supports Markdown.", "export your data often."]


def test_markdown_bold_label_over_its_text_reads_as_a_label(tmp_path):
    # GitHub's notes before its alerts ("> **Note**" over the text) had read "Note The cache ...".
    md = ("# Guide\n\n> **Note**\n> The cache is cleared on restart.\n\n**Lifecycle scripts**\n"
          "npm runs them while publishing.\n\n**Bold start** of a sentence that goes on.\n")
    passages, problems = read(tmp_path, "guide.md", md)
    assert problems == []
    assert [p.text for p in passages] == ["Note: The cache is cleared on restart.",
                                          "Lifecycle scripts: npm runs them while publishing.",
                                          "Bold start of a sentence that goes on."]


def test_markdown_badges_and_pictures_alone_are_not_text(tmp_path):
    # A README's badges had made its title "np XO code style" and a passage "Build npm"; a demo GIF alone,
    # "Demo". An image in a sentence still reads as its alt text.
    md = ("# np [![XO code style](https://x/badge.svg)](https://xo)\n\n"
          "[![Build](https://b.svg)](https://ci) [![npm](https://n.svg)](https://npm)\n\n![Demo](demo.gif)\n\n"
          "Press the ![gear](gear.png) button to open the settings.\n")
    passages, problems = read(tmp_path, "readme.md", md)
    assert problems == []
    assert [(p.title, p.text) for p in passages] == [("np", "Press the gear button to open the settings.")]


def test_headings_under_a_faq_heading_are_entries_though_they_do_not_ask(tmp_path):
    # A README's FAQ section names its entries by their symptom ("np hangs during publishing"): they had been
    # sections, their answers cut into loose paragraphs. A heading with headings under it groups entries.
    md = textwrap.dedent("""\
        # np

        ## FAQ

        ### I get an error when publishing through Yarn

        Run it with npm.

        ### np hangs during the publishing step

        **Lifecycle scripts that don't exit**

        Rename them.

        ## Troubleshooting groups

        ### Network

        #### Is a proxy supported?

        Yes.
        """)
    passages, problems = read(tmp_path, "readme.md", md)
    assert problems == []
    assert faq(passages) == {
        "I get an error when publishing through Yarn": "Run it with npm.",
        "np hangs during the publishing step": "Lifecycle scripts that don't exit\nRename them.",
        "Is a proxy supported?": "Yes."}
    md = md.replace("## Troubleshooting groups", "## Frequently asked questions")
    passages, problems = read(tmp_path, "readme.md", md)
    assert {p.section for p in passages if p.question == "Is a proxy supported?"} == {"Network"}


def test_a_definition_list_inside_an_answer_stays_in_it(tmp_path):
    # Each term had put back the heading before the question, which ended the answer at the first term and
    # made one more copy of an earlier entry for each term after it.
    html = ("<h1>Privoxy FAQ</h1><h2>Helping</h2><h3>Can Privoxy make mistakes? This does not sound scientific.</h3>"
            "<p>Yes, it can.</p><h3>How can I become a sponsor?</h3><p>We offer these levels:</p>"
            "<dl><dt>Gold (12000 USD/year)</dt><dd>Logo on the home page.</dd>"
            "<dt>Silver (1200 USD/year)</dt><dd>Logo on the sponsor page.</dd></dl><p>Contact Fabian.</p>"
            "<h3>Is Privoxy free?</h3><p>Yes.</p>")
    passages, problems = read(tmp_path, "faq.html", html)
    assert problems == []
    assert faq(passages)["How can I become a sponsor?"] == (
        "We offer these levels:\nGold (12000 USD/year): Logo on the home page.\nSilver (1200 USD/year): "
        "Logo on the sponsor page.\nContact Fabian.")
    assert [p.question for p in passages] == [
        "Can Privoxy make mistakes? This does not sound scientific.", "How can I become a sponsor?", "Is Privoxy free?"]


def test_faq_titles_that_ask_in_any_sentence_and_pages_with_contents_headings(tmp_path):
    # sqlite's FAQ asks in bold paragraphs numbered "(12)", often after a statement ("... did not get any
    # smaller. Is this a bug?"); fetchmail's headings are labelled "G1." and half of them are statements, but
    # its contents page adds headings with no text of their own, which had kept the statements from being
    # entries.
    html = ("<h1>Mail FAQ</h1><h2>Contents</h2><h2>General problems</h2><h2>Build problems</h2>"
            "<h2>G1. What is it?</h2><p>A mail fetcher.</p><h2>G2. It does not start.</h2><p>Check the rc file.</p>"
            "<h2>G3. Can it use SSL?</h2><p>Yes.</p><h2>G4. The build fails on FreeBSD.</h2><p>Use gmake.</p>"
            "<h2>G5. Is it free?</h2><p>Yes, GPL.</p>"
            "<p><b>(12) I deleted a lot of data but the file did not get any smaller. Is this a bug?</b></p>"
            "<p>No. Run VACUUM.</p>")
    passages, problems = read(tmp_path, "faq.html", html)
    assert problems == []
    assert faq(passages) == {
        "What is it?": "A mail fetcher.", "It does not start.": "Check the rc file.", "Can it use SSL?": "Yes.",
        "The build fails on FreeBSD.": "Use gmake.", "Is it free?": "Yes, GPL.",
        "I deleted a lot of data but the file did not get any smaller. Is this a bug?": "No. Run VACUUM."}


def test_the_answer_label_of_an_entry_worded_as_a_statement_is_dropped(tmp_path):
    # Celery labels its answers "**Answer:**": an entry whose title is a statement (made an entry because the
    # page's other titles ask) had kept the label.
    rst = "".join(f"{q}\n{'-' * len(q)}\n\n**Answer:** {a}\n\n" for q, a in [
        ("Is it free?", "Yes."), ("Does it run on Windows?", "Yes."), ("Can I use Redis?", "Yes."),
        ("The worker is hanging", "See the deadlock entry.")])
    passages, problems = read(tmp_path, "faq.rst", "FAQ\n===\n\n" + rst)
    assert problems == []
    assert faq(passages)["The worker is hanging"] == "See the deadlock entry."


@pytest.mark.parametrize("name", ["faq.html", "faq.md"])
def test_bold_titles_of_a_page_whose_bold_titles_ask_are_entries(tmp_path, name):
    # sqlite's FAQ titles its entries in bold paragraphs, most of which ask: the ones worded as statements
    # ("... type integer!"), and one longer than a question that ends asking, had been read into the answer before
    # them. A short line that leads into the code quoted under it ("With this table, the statement") had been read
    # as a term titling that code, an entry of its own.
    unique = ("(6) The SQL standard requires that a UNIQUE constraint be enforced even if one or more of the columns "
              "in the constraint are NULL, but SQLite does not do this. Isn't that a bug?")
    entries = [("(1) How do I create an AUTOINCREMENT field?", "Declare it INTEGER PRIMARY KEY."),
               ("(2) What datatypes does SQLite support?", "Five storage classes."),
               ("(3) SQLite lets me insert a string into a column of type integer!", "That is a feature."),
               ("(4) Is SQLite threadsafe?", "Yes, by default."),
               ("(5) INSERT is really slow", "Wrap the inserts in one transaction."),
               (unique, "SQLite follows interpretation (1).")]
    if name.endswith(".html"):
        page = "<h1>SQLite FAQ</h1>" + "".join(f"<p><b>{q}</b></p><p>{a}</p>" for q, a in entries)
        page = page.replace("PRIMARY KEY.</p>", "PRIMARY KEY.</p><p>With this table, the statement</p>"
                                                "<blockquote><pre>INSERT INTO t1 VALUES(NULL,123);</pre></blockquote>")
    else:
        page = "# SQLite FAQ\n\n" + "".join(f"**{q}**\n\n{a}\n\n" for q, a in entries)
    passages, problems = read(tmp_path, name, page)
    assert problems == []
    assert list(faq(passages)) == [
        "How do I create an AUTOINCREMENT field?", "What datatypes does SQLite support?",
        "SQLite lets me insert a string into a column of type integer!", "Is SQLite threadsafe?",
        "INSERT is really slow", unique[4:]]
    if name.endswith(".html"):
        assert faq(passages)["How do I create an AUTOINCREMENT field?"] == (
            "Declare it INTEGER PRIMARY KEY.\nWith this table, the statement\nINSERT INTO t1 VALUES(NULL,123);")


def test_a_faq_answer_keeps_the_headings_below_its_question(tmp_path):
    # Parts of an answer under headings of their own had ended it, and the entries after them were shown
    # under the last part's heading.
    rst = textwrap.dedent("""\
        FAQ
        ===

        Misconceptions
        --------------

        Does it have many dependencies?
        ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

        Two.

        kombu
        ^^^^^

        Sends messages.

        billiard
        ^^^^^^^^

        Runs processes.

        Is it heavy?
        ~~~~~~~~~~~~

        No.
        """)
    passages, problems = read(tmp_path, "faq.rst", rst)
    assert problems == []
    assert [(p.kind, p.section, p.text) for p in passages] == [
        ("faq", "Misconceptions",
         "Does it have many dependencies?\nTwo.\nkombu\nSends messages.\nbilliard\nRuns processes."),
        ("faq", "Misconceptions", "Is it heavy?\nNo.")]


def test_asciidoc_saved_as_text_is_read_as_asciidoc(tmp_path):
    # Git ships its FAQ as AsciiDoc in a .txt file: read as lines, it had no entry and kept its markup.
    text = textwrap.dedent("""\
        gitfaq(7)
        =========

        Configuration
        -------------

        [[user-name]]
        What should I put in `user.name`?::
        	You should put your personal name.
        +
        This has no effect on authenticating to remote services.

        [[http-postbuffer]]
        What does `http.postBuffer` really do?::
        	It sets the size of the buffer used when pushing over HTTP.
        """)
    passages, problems = read(tmp_path, "gitfaq.txt", text)
    assert problems == []
    assert faq(passages) == {
        "What should I put in `user.name`?":
            "You should put your personal name.\nThis has no effect on authenticating to remote services.",
        "What does `http.postBuffer` really do?": "It sets the size of the buffer used when pushing over HTTP."}


def test_restructuredtext_saved_as_text_is_read_as_restructuredtext(tmp_path):
    # Django's and docutils' documentation is reStructuredText in .txt files; read as lines, its tables and
    # markup came out as raw text.
    rst = textwrap.dedent("""\
        What Python version can I use?
        ==============================

        See the :doc:`installation guide </intro/install>` first.

        ============== ===============
        Django version Python versions
        ============== ===============
        4.2            3.8 to 3.12
        5.1            3.10 to 3.12
        ============== ===============

        .. _Python: https://www.python.org/
        """)
    passages, problems = read(tmp_path, "install.txt", rst)
    assert problems == []
    assert [(p.kind, p.text) for p in passages] == [(
        "faq", "What Python version can I use?\nSee the installation guide first.\nDjango version | Python versions\n"
        "4.2 | 3.8 to 3.12\n5.1 | 3.10 to 3.12")]
    # An index page is a title and one directive with its option: read as lines, Django's faq/index.txt gave
    # ".. toctree::" as text and its entries as a table under a section named ":maxdepth: 2".
    index = "==========\nDjango FAQ\n==========\n\n.. toctree::\n   :maxdepth: 2\n\n   general\n   install\n"
    passages, problems = read(tmp_path, "index.txt", index)
    assert passages == [] and [p.reason for p in problems] == ["no text found; file skipped"]
    # A manual page's source (coverage.py's python-coverage.1.txt) marks itself only by a substitution, defined
    # with two spaces after its "..", and used throughout: "|command| **html**" had been its text.
    man = ("===============\npython-coverage\n===============\n\n..  |command| replace:: **python-coverage**\n\n"
           "COMMAND OVERVIEW\n================\n\n|command| **html**\n    Create an HTML report.\n\n"
           "|command| **erase**\n    Erase previously collected coverage data.\n")
    passages, problems = read(tmp_path, "python-coverage.1.txt", man)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("python-coverage html", "Create an HTML report."),
        ("python-coverage erase", "Erase previously collected coverage data.")]


HTML = """\
<!DOCTYPE html>
<html><head><meta charset="iso-8859-1"><title>Gadget FAQ</title>
<script>var tracking = 1;</script><style>body { color: red }</style></head>
<body>
<div id="nav"><a href="/">Home</a> | <a href="/download">Download</a></div>
<header><p>Gadget &mdash; the caf\xe9 edition</p></header>
<p><a href="prev.html">Previous</a> | <a href="toc.html">Contents</a> | <a href="next.html">Next</a></p>
<ul><li><a href="#a1">A.1 What is Gadget?</a></li><li><a href="#a2">A.2 Does it run on ARM?</a></li></ul>
<h1>Gadget FAQ</h1>
<h2><a name="s1"></a>A.1 General</h2>
<h3><a name="a1"></a>A.1.1 What is Gadget?</h3>
<p>Gadget is a small caf\xe9 ordering tool.</p>
<p>It runs in a browser.</p>
<h3>A.1.2 Gadget beeps when I type.</h3>
<p>Turn off the bell under Settings.</p>
<h3>A.1.3 Is Gadget free?</h3>
<p>Yes.</p>
<h3>A.1.4 Does it run on ARM?</h3>
<pre>
$ gadget --arch
arm64
</pre>
<dl>
<dt>Q: Why do I get "bad token"?<br>
<dt>Q: Login fails after an update.<br>
<dd>Clear the cache.<br>Then log in again.
</dl>
<details><summary>Can I export my orders?</summary><p>Yes, as CSV from the Orders page.</p></details>
<ul>
<li><b>Is there a mobile app?</b> Not yet.</li>
<li><b>Who wrote Gadget?</b> A team of three.</li>
</ul>
<h2>Prices</h2>
<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Basic</td><td>Free</td></tr><tr><td>Pro</td><td>5 EUR</td></tr></table>
<footer>Last changed: $Date: 2014-11-08 $</footer>
</body></html>
"""


def test_html_page_structure(tmp_path):
    passages, problems = read(tmp_path, "faq.html", HTML.encode("latin-1"))
    assert problems == []
    no_code_or_fragments_in_labels(passages)
    everything = "\n".join(p.text for p in passages)
    for furniture in ("tracking", "color: red", "Download", "Previous", "the café edition", "$Date"):
        assert furniture not in everything
    entries = faq(passages)
    assert entries["What is Gadget?"] == "Gadget is a small café ordering tool.\nIt runs in a browser."
    assert entries["Gadget beeps when I type."] == "Turn off the bell under Settings."
    assert entries["Does it run on ARM?"] == "$ gadget --arch\narm64"
    # Unclosed <dt>s, each with its "Q:", are wordings of one question: the first asks, the others are
    # its alternates, embedded each on its own.
    assert entries['Why do I get "bad token"?'] == "Clear the cache.\nThen log in again."
    assert next(p for p in passages if p.question == 'Why do I get "bad token"?').alternates == (
        "Login fails after an update.",)
    assert entries["Can I export my orders?"] == "Yes, as CSV from the Orders page."
    assert entries["Is there a mobile app?"] == "Not yet."
    assert entries["Who wrote Gadget?"] == "A team of three."
    assert [p.text for p in passages if p.kind == "table"] == ["Prices\nPlan | Price\nBasic | Free",
                                                               "Prices\nPlan | Price\nPro | 5 EUR"]
    assert {p.title for p in passages} == {"Gadget FAQ"}
    assert {p.section for p in passages if p.kind == "faq"} == {"General"}


def test_html_article_header_and_form_wrapped_pages_keep_their_content(tmp_path):
    page = ("<html><body><header><p>Site name</p></header><form id='aspnetForm'><article><header><h1>Returns</h1>"
            "</header><p>Send it back within 30 days.</p></article></form></body></html>")
    passages, problems = read(tmp_path, "returns.html", page)
    assert problems == [] and [(p.title, p.text) for p in passages] == [("Returns", "Send it back within 30 days.")]


def test_html_with_a_damaged_charset_declaration_is_still_read(tmp_path):
    # lxml refuses to build a parser for a charset name holding a control character.
    page = HTML.encode("latin-1").replace(b'charset="iso-8859-1"', b'charset="iso-\x01859-1"')
    passages, problems = read(tmp_path, "faq.html", page)
    assert problems == [] and faq(passages)["What is Gadget?"] == "Gadget is a small café ordering tool.\nIt runs in a browser."


def test_html_accordion_faqs_keep_their_questions(tmp_path):
    # Buttons are dropped as page controls, but an accordion's question is the text of a toggle button.
    page = ('<h1>Help</h1><div class="accordion"><div class="accordion-item"><h2 class="accordion-header">'
            '<button class="accordion-button" data-bs-toggle="collapse">How do I reset my password?</button></h2>'
            '<div class="accordion-collapse collapse"><div class="accordion-body">Open Settings and click Reset.'
            '</div></div></div></div>'
            '<h2>Shipping</h2><button class="accordion" aria-expanded="false">Do you ship abroad?</button>'
            '<div class="panel"><p>Yes, to 40 countries.</p></div><button onclick="subscribe()">Subscribe</button>')
    passages, problems = read(tmp_path, "help.html", page)
    assert problems == [] and faq(passages) == {"How do I reset my password?": "Open Settings and click Reset.",
                                                "Do you ship abroad?": "Yes, to 40 countries."}
    assert not any("Subscribe" in p.text for p in passages)
    # Page builders make the toggle a <div role="button"> around a link (Elementor); dropped as a line of links,
    # its question had been lost and the answer left with no question.
    page = ('<div class="elementor-accordion"><div class="elementor-tab-title" role="button" aria-controls="c1" '
            'aria-expanded="false"><a class="elementor-accordion-title" href="">Can I change my delivery address?'
            '</a></div><div id="c1" class="elementor-tab-content" role="region"><p>Yes, until it ships.</p>'
            '</div></div>')
    passages, problems = read(tmp_path, "elementor.html", page)
    assert problems == [] and faq(passages) == {"Can I change my delivery address?": "Yes, until it ships."}


TWO_PARAGRAPHS = "In your email.\nAnd under Billing."


@pytest.mark.parametrize("widget, second_answer", [
    # Bootstrap 3's panels: the toggle is a link in the panel's heading.
    ('<div class="panel-group"><div class="panel panel-default"><div class="panel-heading"><h4 class="panel-title">'
     '<a data-toggle="collapse" href="#c1">How do I cancel</a></h4></div><div id="c1" class="panel-collapse collapse">'
     '<div class="panel-body">In Settings.</div></div></div><div class="panel panel-default"><div class="panel-heading">'
     '<h4 class="panel-title"><a data-toggle="collapse" href="#c2">Where is my invoice?</a></h4></div><div id="c2" '
     'class="panel-collapse collapse"><div class="panel-body"><p>In your email.</p><p>And under Billing.</p></div>'
     '</div></div></div>', TWO_PARAGRAPHS),
    # Bootstrap 4's cards: a link alone in the card's header.
    ('<div class="card"><div class="card-header"><a class="btn btn-link" data-toggle="collapse" href="#c1">How do I '
     'cancel</a></div><div id="c1" class="collapse"><div class="card-body">In Settings.</div></div></div><div '
     'class="card"><div class="card-header"><a class="btn btn-link" data-toggle="collapse" data-target="#c2">Where is '
     'my invoice?</a></div><div id="c2" class="collapse"><div class="card-body"><p>In your email.</p><p>And under '
     'Billing.</p></div></div></div>', TWO_PARAGRAPHS),
    # Elementor's older accordion: tabs over their panels, all in one role="tablist".
    ('<div class="elementor-accordion" role="tablist"><div class="elementor-accordion-item"><div class="elementor-tab-'
     'title" role="tab" aria-controls="t1" aria-expanded="false"><a href="">How do I cancel</a></div><div id="t1" '
     'class="elementor-tab-content" role="tabpanel"><p>In Settings.</p></div></div><div class="elementor-accordion-'
     'item"><div class="elementor-tab-title" role="tab" aria-controls="t2" aria-expanded="false"><a href="">Where is '
     'my invoice?</a></div><div id="t2" class="elementor-tab-content" role="tabpanel"><p>In your email.</p><p>And '
     'under Billing.</p></div></div></div>', TWO_PARAGRAPHS),
    # Confluence's expand macro: a control over the content it expands, paired by their classes.
    ('<div class="expand-container"><div class="expand-control"><span class="expand-icon">&nbsp;</span><span '
     'class="expand-control-text">How do I cancel</span></div><div class="expand-content"><p>In Settings.</p></div>'
     '</div><div class="expand-container"><div class="expand-control"><span class="expand-control-text">Where is my '
     'invoice?</span></div><div class="expand-content"><p>In your email.</p><p>And under Billing.</p></div></div>',
     TWO_PARAGRAPHS),
    # Yoast SEO's FAQ block: an inline question before its answer paragraph.
    ('<div class="schema-faq"><div class="schema-faq-section"><strong class="schema-faq-question">How do I cancel'
     '</strong> <p class="schema-faq-answer">In Settings.</p></div><div class="schema-faq-section"><strong '
     'class="schema-faq-question">Where is my invoice?</strong> <p class="schema-faq-answer">In your email. And under '
     'Billing.</p></div></div>', "In your email. And under Billing."),
    # Rank Math's: a heading over an answer of paragraphs.
    ('<div class="rank-math-list"><div class="rank-math-list-item"><h3 class="rank-math-question">How do I cancel</h3>'
     '<div class="rank-math-answer"><p>In Settings.</p></div></div><div class="rank-math-list-item"><h3 class="rank-'
     'math-question">Where is my invoice?</h3><div class="rank-math-answer"><p>In your email.</p><p>And under '
     'Billing.</p></div></div></div>', TWO_PARAGRAPHS),
    # schema.org microdata with the question's name inline.
    ('<div itemscope itemtype="https://schema.org/FAQPage"><div itemscope itemprop="mainEntity" itemtype="https://'
     'schema.org/Question"><span itemprop="name">How do I cancel</span><div itemscope itemprop="acceptedAnswer" '
     'itemtype="https://schema.org/Answer"><div itemprop="text">In Settings.</div></div></div><div itemscope itemprop='
     '"mainEntity" itemtype="https://schema.org/Question"><span itemprop="name">Where is my invoice?</span><div '
     'itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer"><div itemprop="text"><p>In your email.'
     '</p><p>And under Billing.</p></div></div></div></div>', TWO_PARAGRAPHS)])
def test_html_faq_widgets_answer_their_titles_however_worded(tmp_path, widget, second_answer):
    # Accordions, expanders and the FAQ blocks of WordPress's SEO plugins and schema.org microdata pair each title
    # with its answer: that answer is the entry's, however the title is worded, and the entry ends with it.
    # Bootstrap 4's toggle links and Elementor's tabs had been dropped (navigation, a row of tabs) with or without
    # their panels; a title without "?" was a heading whose section ran on over the next entries, a paragraph of
    # its own (Confluence's expand, microdata) or text (Yoast's); an answer of two paragraphs kept only the
    # first; and the page's text after the block ran into the last answer.
    page = f"<html><body><h1>Billing</h1>{widget}<p>Still stuck? Email us.</p></body></html>"
    passages, problems = read(tmp_path, "billing.html", page)
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "How do I cancel\nIn Settings."), ("faq", f"Where is my invoice?\n{second_answer}"),
        ("text", "Still stuck? Email us.")]


def test_html_link_in_a_heading_to_a_part_of_the_page_opens_nothing(tmp_path):
    page = '<h1>Guide</h1><h2><a href="#setup">Setup</a></h2><div id="setup"><p>Run the installer.</p></div>'
    passages, _ = read(tmp_path, "guide.html", page)
    assert [(p.kind, p.section, p.text) for p in passages] == [("text", "Setup", "Run the installer.")]


def test_html_bar_of_links_beside_its_label_is_dropped(tmp_path):
    # A texinfo manual's index opens and ends with a bar "Jump to: A C F V", a link per letter: a short index has
    # fewer letters than the label has, and "Jump to: / Jump to:" had been the page's passage. A one-row table
    # whose first cell is more than a label keeps it.
    bar = ('<table><tr><th>Jump to: &nbsp;</th><td><a href="#A"><b>A</b></a> <a href="#C"><b>C</b></a> '
           '<a href="#F"><b>F</b></a></td></tr></table>')
    index = ('<table class="index-cp"><tr><td><a href="intro.html#abi">ABI</a>:</td><td><a href="intro.html">'
             'Introduction</a></td></tr><tr><td><a href="closures.html#c">closures</a>:</td><td>'
             '<a href="closures.html">The Closure API</a></td></tr></table>')
    page = f"<h1>libffi</h1><h2>Overview</h2><p>A foreign function interface.</p><h2>Index</h2>{bar}{index}{bar}"
    passages, problems = read(tmp_path, "Index.html", page)
    assert problems == [] and [p.text for p in passages] == ["A foreign function interface."]
    layout = ('<h1>Guide</h1><table><tr><td>Run the installer and restart the machine.</td>'
              '<td><a href="a.html">Setup</a> <a href="b.html">Help</a></td></tr></table>')
    passages, _ = read(tmp_path, "guide.html", layout)
    assert [p.text for p in passages] == ["Run the installer and restart the machine."]


def test_html_blocks_the_page_marks_as_questions_are_questions(tmp_path):
    page = ('<h1>Help</h1><div class="faq-list"><div class="faq-item"><div class="faq-question">How long does '
            'delivery take?</div><div class="faq-answer"><p>Three to five days.</p></div></div><div class="faq-item">'
            '<p class="question">Can I return an item?</p><p>Yes, within 30 days.</p></div>'
            '<div itemscope itemtype="https://schema.org/Question"><div itemprop="name">Do you ship abroad?</div>'
            '<div itemprop="acceptedAnswer"><div itemprop="text">Yes, to 40 countries.</div></div></div></div>'
            '<h2>About</h2><p class="question-note">Read these first.</p><p>Why does this matter? It saves time.</p>')
    passages, problems = read(tmp_path, "help.html", page)
    assert problems == [] and faq(passages) == {"How long does delivery take?": "Three to five days.",
                                                "Can I return an item?": "Yes, within 30 days.",
                                                "Do you ship abroad?": "Yes, to 40 countries."}
    # A question in prose, or a marked block that asks nothing, stays text.
    assert [p.text for p in passages if p.kind == "text"] == ["Read these first.", "Why does this matter? It saves time."]


def test_html_headings_that_are_links_and_docbook_question_rows(tmp_path):
    # mdBook writes every heading as a link of class "header": it is the heading, not page furniture.
    book = ('<nav class="sidebar"><a href="faq.html">FAQ</a></nav><main><h1 id="faq"><a class="header" href="#faq">'
            'Frequently Asked Questions</a></h1><h2 id="c"><a class="header" href="#c">Will Cargo work with C code?'
            '</a></h2><p>Yes! Use a build script.</p><h2 id="o"><a class="header" href="#o">Does Cargo work offline?'
            '</a></h2><p>Yes, with <code>--offline</code>.</p></main>')
    passages, problems = read(tmp_path, "book.html", book)
    assert problems == [] and faq(passages) == {"Will Cargo work with C code?": "Yes! Use a build script.",
                                                "Does Cargo work offline?": "Yes, with --offline."}
    # DocBook's qandaset (an XHTML page): a contents list of numbered links, then a table of question rows
    # and answer rows. A question row is a question however it is worded, and the code it quotes goes
    # with its answer.
    docbook = ('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
               '<h2>Valgrind FAQ</h2><dl><dt>1. <a href="#b">Background</a></dt><dd>1.1. <a href="#p">How do you '
               'pronounce "Valgrind"?</a></dd></dl><div class="qandaset"><table>'
               '<tr class="qandadiv"><td colspan="2"><h3>1. Background</h3></td></tr>'
               '<tr class="question"><td><b>1.1.</b></td><td><b>How do you pronounce "Valgrind"?</b></td></tr>'
               '<tr class="answer"><td></td><td><p>The "Val" as in the word "value".</p></td></tr>'
               '<tr class="question"><td><b>1.2.</b></td><td><p>My program dies like this:</p>'
               '<pre>valgrind: m_mallocfree.c:248: Assertion failed.</pre></td></tr>'
               '<tr class="answer"><td></td><td><p>Your program wrote outside a heap block.</p></td></tr>'
               '</table></div></body></html>')
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an XHTML page is read as a page, without a warning about XML
        passages, problems = read(tmp_path, "faq.html", docbook)
    assert problems == [] and faq(passages) == {
        'How do you pronounce "Valgrind"?': 'The "Val" as in the word "value".',
        "My program dies like this:": "valgrind: m_mallocfree.c:248: Assertion failed.\n"
                                      "Your program wrote outside a heap block."}
    assert [p.kind for p in passages] == ["faq", "faq"]  # the contents list is navigation


def test_html_question_labels_in_one_term_are_wordings_of_one_question(tmp_path):
    # LuaJIT's FAQ gives two wordings in one <dt>, each after its "Q:".
    page = ('<h1>FAQ</h1><dl><dt>Q: Why do I get "attempt to index global \'arg\'"?<br>Q: My vararg functions '
            'fail after switching to LuaJIT!</dt><dd>LuaJIT is compatible with Lua 5.1.</dd></dl>')
    passages, problems = read(tmp_path, "faq.html", page)
    assert problems == [] and [(p.question, p.alternates) for p in passages] == [
        ('Why do I get "attempt to index global \'arg\'"?', ("My vararg functions fail after switching to LuaJIT!",))]



def test_html_list_items_titled_over_their_own_paragraphs(tmp_path):
    # libxml's FAQ pages: each item opens with an <em> title over paragraphs of its own, which stay one text
    # (a paragraph like "Use" or "to get the linker flags" means nothing alone). Under a heading that names a
    # FAQ, a title is an entry whether or not it asks.
    page = ("<h1>libxslt</h1><h2>FAQ</h2><ol><li><em>Troubles linking programs</em><p>The compiler lacks the flags. Use</p>"
            "<p><code>xslt-config --libs</code></p><p>to get the linker flags.</p></li>"
            "<li><em>Is there C++ bindings ?</em><p>Yes, for example xmlwrapp.</p></li></ol>")
    passages, problems = read(tmp_path, "faq.html", page)
    assert problems == [] and [(p.kind, p.section, p.question, p.text) for p in passages] == [
        ("faq", "FAQ", "Troubles linking programs",
         "Troubles linking programs\nThe compiler lacks the flags. Use xslt-config --libs to get the linker flags."),
        ("faq", "FAQ", "Is there C++ bindings ?", "Is there C++ bindings ?\nYes, for example xmlwrapp.")]
    # A bold lead over a sub-list is the item's own text, with its sub-items under it.
    page = "<h1>Tool</h1><h2>Install</h2><ul><li><b>Linux</b><ul><li>apt install x</li></ul></li></ul>"
    passages, _ = read(tmp_path, "install.html", page)
    assert [(p.section, p.text) for p in passages] == [("Install", "- Linux\n  - apt install x")]

@pytest.mark.parametrize("name", ["syntax.html", "syntax.rst"])
def test_a_term_heads_its_definition_only(tmp_path, name):
    # Text after a definition list is under the section's heading again, not under the list's last term
    # (ninja's manual filed "In a name = value statement ..." under the term "$$").
    if name.endswith(".html"):
        page = ("<h1>Manual</h1><h2>Lexical syntax</h2><dl><dt>$$</dt><dd>A literal dollar sign.</dd></dl>"
                "<p>Whitespace at the start of a value is stripped.</p>")
    else:
        page = ("Manual\n======\n\nLexical syntax\n--------------\n\n$$\n   A literal dollar sign.\n\n"
                "Whitespace at the start of a value is stripped.\n")
    passages, problems = read(tmp_path, name, page)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("Lexical syntax › $$", "A literal dollar sign."),
        ("Lexical syntax", "Whitespace at the start of a value is stripped.")]


def test_html_table_with_bullets_in_its_cells_and_a_laid_out_quotation(tmp_path):
    # Beautiful Soup's parser table (a Sphinx list table): its advantages and disadvantages are bullets in the
    # cells, and any list in a table had made it a layout table, each cell a passage ("External C dependency"
    # alone). DocBook's epigraph is a table of a quotation between empty margin cells, its attribution in a row
    # of its own: no two values in a row, so a text, not rows of a table.
    page = ("<h1>Soup</h1><h2>Parsers</h2><table><tr><td><p>Parser</p></td><td><p>Advantages</p></td>"
            "<td><p>Disadvantages</p></td></tr>"
            "<tr><td>html.parser</td><td><ul><li>Batteries included</li><li>Decent speed</li></ul></td>"
            "<td><ul><li>Not as fast as lxml</li></ul></td></tr>"
            "<tr><td>lxml</td><td><ul><li>Very fast</li></ul></td><td><ul><li>External C dependency</li></ul></td>"
            "</tr></table>"
            "<h2>FAQ</h2><table border='0' summary='Block quote'><tr><td width='10%'></td>"
            "<td><p>I seek the Holy Grail!</p></td><td width='10%'></td></tr>"
            "<tr><td></td><td colspan='2' align='right'>-- Monty Python</td></tr></table>")
    passages, problems = read(tmp_path, "soup.html", page)
    assert problems == []
    assert [(p.kind, p.text.splitlines()[-1]) for p in passages] == [
        ("table", "Parser | Advantages | Disadvantages"),
        ("table", "html.parser | Batteries included; Decent speed | Not as fast as lxml"),
        ("table", "lxml | Very fast | External C dependency"),
        ("text", "I seek the Holy Grail!"), ("text", "-- Monty Python")]


def test_html_table_without_header_cells_has_no_header_row(tmp_path):
    # tig's manual (AsciiDoc's HTML): "Table 1. Browsing state variables" has data cells only; its first row
    # ("%(head) | The currently viewed head ID") had been read as the header, repeated in all 30 rows, and
    # libxslt's parameter tables lost their first parameter to it so. A first row in bold, or in <thead>, names
    # the columns all the same.
    page = ("<h1>tig</h1><h2>Browsing state</h2><table><caption>Table 1. Browsing state variables</caption>"
            "<tr><td><code>%(head)</code></td><td>The currently viewed head ID.</td></tr>"
            "<tr><td><code>%(branch)</code></td><td>The currently selected branch name.</td></tr></table>"
            "<h2>Keys</h2><table><tr><td><b>Key</b></td><td><b>Action</b></td></tr>"
            "<tr><td>j</td><td>Move down.</td></tr></table>"
            "<h2>Views</h2><table><thead><tr><td>View</td><td>Key</td></tr></thead>"
            "<tr><td>main</td><td>m</td></tr></table>")
    passages, problems = read(tmp_path, "manual.html", page)
    assert problems == [] and [p.text for p in passages] == [
        "Table 1. Browsing state variables\n%(head) | The currently viewed head ID.",
        "Table 1. Browsing state variables\n%(branch) | The currently selected branch name.",
        "Keys\nKey | Action\nj | Move down.",
        "Views\nView | Key\nmain | m"]


def test_table_whose_first_row_names_its_columns_by_its_words_has_that_header(tmp_path):
    # ntpsec's manual (AsciiDoc, and the HTML it makes): "Code | Message | Description" in data cells over
    # "07 | panic_stop | clock error more than 600 s" had been a row of its own, every other row read without
    # the names of its columns. A first row of capitalised names over cells that are not, in most columns, is
    # the header; a table of names and values ("Name | Alice" over "Age | 42") has none.
    rows = [("Code", "Message", "Description"), ("07", "panic_stop", "clock error more than 600 s"),
            ("08", "restart", "the daemon restarted")]
    page = ("<h1>ntpq</h1><h2>Event codes</h2><table>"
            + "".join("<tr>" + "".join(f"<td><p>{cell}</p></td>" for cell in row) + "</tr>" for row in rows)
            + "</table><h2>Owner</h2><table><tr><td>Name</td><td>Alice</td></tr><tr><td>Age</td><td>42</td></tr>"
            "<tr><td>City</td><td>Paris</td></tr></table>")
    passages, problems = read(tmp_path, "decode.html", page)
    assert problems == [] and [p.text for p in passages] == [
        "Event codes\nCode | Message | Description\n07 | panic_stop | clock error more than 600 s",
        "Event codes\nCode | Message | Description\n08 | restart | the daemon restarted",
        "Owner\nName | Alice", "Owner\nAge | 42", "Owner\nCity | Paris"]
    adoc = "= ntpq\n\n== Event codes\n\n|===\n" + "".join(f"|{' |'.join(row)}\n" for row in rows) + "|===\n"
    passages, problems = read(tmp_path, "decode.adoc", adoc)
    assert problems == [] and [p.text for p in passages] == [
        "Event codes\nCode | Message | Description\n07 | panic_stop | clock error more than 600 s",
        "Event codes\nCode | Message | Description\n08 | restart | the daemon restarted"]


def test_table_is_named_by_the_first_sentence_of_a_long_paragraph_leading_it_in(tmp_path):
    # ntpsec's peer status word: two tables under one heading, the second led in by "The Select Field displays
    # the current selection status. (The T Field ...) The values are coded as follows:", too long to be a label.
    # Its rows had been named by the heading alone, as the first table's were, and "which tally marks a
    # falseticker in the select field" found the other table.
    lead = ("The Select Field displays the current selection status. (The T Field in the following table gives the "
            "corresponding tally codes used in the ntpq peers display.) The values are coded as follows:")
    page = (f"<h1>ntpq</h1><h2>Peer Status Word</h2><p>{lead}</p><table><tr><th>Code</th><th>T</th></tr>"
            "<tr><td>1</td><td>x</td></tr></table><p>Flags, as they are coded:</p>"
            "<table><tr><th>Code</th><th>Flag</th></tr><tr><td>10</td><td>reach</td></tr></table>")
    passages, problems = read(tmp_path, "decode.html", page)
    assert problems == [] and [p.text for p in passages] == [
        lead,
        "Peer Status Word › The Select Field displays the current selection status\nCode | T\n1 | x",
        "Peer Status Word › Flags, as they are coded\nCode | Flag\n10 | reach"]


def test_tables_sharing_a_section_are_named_by_the_paragraph_right_before_each(tmp_path):
    # nbformat's cell metadata: two tables under one heading, each after a paragraph that says which namespace its
    # keys are in, without a colon. Named by the heading alone, the rows of both had read alike.
    rst = textwrap.dedent("""\
        Format
        ======

        Cell metadata
        -------------

        The following metadata keys are defined within the ``jupyter`` namespace

        ==============  =====  ================================
        Key             Value  Interpretation
        ==============  =====  ================================
        source_hidden   bool   Whether the cell's source should be shown
        ==============  =====  ================================

        The following metadata keys are defined within the ``execution`` namespace. Most users will not look at these.

        ==================  ========  ================================
        Key                 Value     Interpretation
        ==================  ========  ================================
        iopub.status.busy   ISO 8601  When the kernel started the work
        ==================  ========  ================================
        """)
    passages, problems = read(tmp_path, "format.rst", rst)
    assert problems == [] and [p.text for p in passages] == [
        "Cell metadata › The following metadata keys are defined within the jupyter namespace\n"
        "Key | Value | Interpretation\nsource_hidden | bool | Whether the cell's source should be shown",
        "The following metadata keys are defined within the execution namespace. Most users will not look at these.",
        "Cell metadata › The following metadata keys are defined within the execution namespace\n"
        "Key | Value | Interpretation\niopub.status.busy | ISO 8601 | When the kernel started the work"]


def test_long_faq_answer_in_parts_under_headings_is_split_into_them(tmp_path):
    # The Debian FAQ's "What programs does Debian provide for managing its packages?" answers in six parts under
    # their own headings (dpkg, APT, aptitude ...): one passage of 10,470 characters, which seemed to answer any
    # question on packages. Past three times a passage's size, the entry holds what opens it and each part is a
    # section; a short answer in parts (Celery's "celery" and "kombu") stays whole.
    tool = "{0} is one of the package tools. " * 60
    page = ("<h1>The Debian FAQ</h1><h2>What programs does Debian provide for managing its packages?</h2>"
            "<p>There are multiple tools that are used to manage Debian packages.</p>"
            + "".join(f"<h3>{name}</h3><p>{tool.format(name)}</p>" for name in ("dpkg", "APT", "aptitude"))
            + "<h2>Does Debian have many dependencies?</h2><p>Some.</p><h3>celery</h3><p>Needs kombu.</p>"
            "<h3>kombu</h3><p>Needs amqp.</p>")
    passages, problems = read(tmp_path, "pkgtools.html", page)
    assert problems == []
    assert [(p.kind, p.section, p.question or p.text[:8]) for p in passages][:2] == [
        ("faq", "", "What programs does Debian provide for managing its packages?"), ("text", "dpkg", "dpkg is ")]
    assert passages[0].text == ("What programs does Debian provide for managing its packages?\n"
                                "There are multiple tools that are used to manage Debian packages.")
    assert {p.section for p in passages} == {"", "dpkg", "APT", "aptitude"}
    assert passages[-1].text == "Does Debian have many dependencies?\nSome.\ncelery\nNeeds kombu.\nkombu\nNeeds amqp."


def test_html_spec_sheets_and_spanning_cells(tmp_path):
    # A spec sheet has no header row: its first row is a fact like the others, not the columns' names.
    # Spanning cells fill every column and row they span, and stacked header rows make one header.
    page = ("<h1>Widget</h1><h2>Pro plan</h2><table><caption>Limits</caption><tr><th>Price</th><td>5 EUR</td></tr>"
            "<tr><th>Storage</th><td>1 TB</td></tr></table>"
            "<h2>All plans</h2><table><tr><th>Plan</th><th>Price</th></tr><tr><th>Free</th><td>0 EUR</td></tr></table>"
            "<h2>Quotas</h2><table><thead><tr><th rowspan=2>Plan</th><th colspan=2>Limits</th></tr>"
            "<tr><th>Files</th><th>Users</th></tr></thead><tr><td rowspan=2>Team</td><td>100</td><td>5</td></tr>"
            "<tr><td>200</td><td>10</td></tr></table>")
    passages, problems = read(tmp_path, "plans.html", page)
    assert problems == [] and [(p.kind, p.section, p.text) for p in passages] == [
        ("text", "Pro plan", "Limits:\n- Price: 5 EUR\n- Storage: 1 TB"),
        ("table", "All plans", "All plans\nPlan | Price\nFree | 0 EUR"),
        ("table", "Quotas", "Quotas\nPlan | Limits Files | Limits Users\nTeam | 100 | 5"),
        ("table", "Quotas", "Quotas\nPlan | Limits Files | Limits Users\nTeam | 200 | 10")]


def test_grid_table_spans_and_a_group_written_once_stand_under_their_columns(tmp_path):
    # A reStructuredText grid table's cell spanning rows or columns fills each of them, as in HTML; a first
    # cell left blank under a filled one is the same group (arrow's and Babel's format tokens), in any format.
    # A "??" cell is text: the parser's message about it is no part of the row.
    rst = ("Formats\n=======\n\nDate fields\n-----------\n\n"
           "+-------+--------+-------------+\n| Field | Symbol | Description |\n+=======+========+=============+\n"
           "| Year  | y      | The year.   |\n|       +--------+-------------+\n|       | u      | ??          |\n"
           "+-------+--------+-------------+\n| Era   | The era's name.      |\n+-------+----------------------+\n")
    md = ("# Formats\n\n## Tokens\n\n| | Token | Output |\n|---|---|---|\n| **Year** | YYYY | 2000, 2001 |\n"
          "| | YY | 00, 01 |\n| **Month** | MM | 01, 02 |\n")
    rows = [p.text.split("\n")[-1] for name, text in (("dates.rst", rst), ("tokens.md", md))
            for p in read(tmp_path, name, text)[0] if p.kind == "table"]
    assert rows == ["Year | y | The year.", "Year | u | ??", "Era | The era's name. | The era's name.",
                    "Year | YYYY | 2000, 2001", "Year | YY | 00, 01", "Month | MM | 01, 02"]


def test_raw_html_in_markdown_is_read_as_html(tmp_path):
    # GitHub READMEs write FAQs as <details>, tables as <table> and anchors as <a id>; inline markup tags
    # are not text, but a bare "<String>" that nothing closes is.
    md = textwrap.dedent("""\
        # Tool

        <p align="center"><a href="https://ci"><img src="badge.svg" alt=""></a></p>

        ## FAQ

        <details>
        <summary>How do I install Tool?</summary>

        Run <kbd>pip install tool</kbd>, then <code>tool --init</code>.<a id="install"></a><script>track()</script>
        </details>

        <details><summary>Does it run on Windows?</summary>

        Yes, on <img src="win.png" alt="Windows"> 10 and later. It returns a List<String> of paths.
        </details>

        ## Limits

        <table><tr><th>Plan</th><th>Files</th></tr><tr><td>Free</td><td>100</td></tr></table>
        """)
    passages, problems = read(tmp_path, "README.md", md)
    assert problems == []
    assert faq(passages) == {"How do I install Tool?": "Run pip install tool, then tool --init.",
                             "Does it run on Windows?": "Yes, on Windows 10 and later. It returns a List<String> of paths."}
    assert [(p.kind, p.section, p.text) for p in passages if p.kind != "faq"] == [
        ("table", "Limits", "Limits\nPlan | Files\nFree | 100")]


def test_html_pages_of_documentation_sites(tmp_path):
    # What Sphinx, MkDocs, Docusaurus and GitHub write around their text: a heading's permalink ("¶", or the
    # Read the Docs theme's icon glyph) had been a word of it, so that a question heading did not ask; an admonition's title ("Older backups")
    # had been a passage of its own; a <details> answer had run on into what followed it; tab names had run
    # together ("pipconda") over panels that named nothing. makeinfo's links beside each heading ("#", "TOC"), hidden
    # from screen readers, had ended FFmpeg's 44 questions with "TOC".
    page = """<html><body><article>
<h1>Backups</h1>
<h2>Restoring</h2>
<h3>How do I restore a backup?<a class="headerlink" href="#restore" title="Link to this heading">\uf0c1</a></h3>
<p>Open the backup list and pick one.</p>
<div class="admonition warning"><p class="admonition-title">Warning</p><p>Restoring overwrites files.</p></div>
<h2>Retention <a class="mark" href="#retention">#</a></h2>
<div class="admonition note"><p class="admonition-title">Older backups</p><p>Ask support for them.</p></div>
<details class="question"><summary>Can I keep backups forever?</summary><p>Yes, on the Pro plan.</p></details>
<div class="markdown-alert markdown-alert-tip"><p class="markdown-alert-title">Tip</p><p>Back up at night.</p></div>
<h2>Installing</h2>
<h3>How do I install the client?<a class="headerlink" href="#install">¶</a></h3>
<div class="tabbed-set" data-tabs="1:2"><input checked id="t1" name="tabs" type="radio"><input id="t2" name="tabs"
type="radio"><div class="tabbed-labels"><label for="t1">pip</label><label for="t2">conda</label></div>
<div class="tabbed-content"><div class="tabbed-block"><p>Run pip install client.</p></div>
<div class="tabbed-block"><p>Run conda install client.</p></div></div></div>
<h3>Which systems does it run on?<span class="pull-right"><a class="anchor hidden-xs" href="#Systems"
aria-hidden="true">#</a> <a class="anchor hidden-xs" href="#toc-Systems" aria-hidden="true">TOC</a></span></h3>
<div class="tabs-container"><ul role="tablist"><li role="tab">Linux</li><li role="tab">macOS</li></ul>
<div role="tabpanel"><p>Any with glibc 2.28.</p></div><div role="tabpanel" hidden><p>Version 12 and later.</p></div></div>
</article></body></html>"""
    passages, problems = read(tmp_path, "backups.html", page)
    assert problems == []
    assert [(p.kind, p.section, p.text) for p in passages] == [
        ("faq", "Restoring", "How do I restore a backup?\nOpen the backup list and pick one.\nWarning: Restoring overwrites files."),
        ("text", "Retention", "Older backups: Ask support for them."),
        ("faq", "Retention", "Can I keep backups forever?\nYes, on the Pro plan."),
        ("text", "Retention", "Tip: Back up at night."),
        ("faq", "Installing", "How do I install the client?\npip: Run pip install client.\nconda: Run conda install client."),
        ("faq", "Installing", "Which systems does it run on?\nLinux: Any with glibc 2.28.\nmacOS: Version 12 and later.")]


def test_html_list_of_a_contents_class_without_links_is_text(tmp_path):
    # HomeBank's manual writes its steps in a list of class "toc": dropped as a table of contents, the nine steps of
    # reconciling an account were not in the index. A list of links of that class is still the page's contents.
    page = ("<html><body><h1>Reconcile</h1><ul class=\"toc\"><li><a href=\"#a\">Before</a></li><li><a href=\"#b\">"
            "After</a></li></ul><p>Reconciling needs no dialog.</p><ul class=\"toc\"><li>Step 1: Get your statement"
            "</li><li>Step 2: Open the account</li><li>Step 3: <a href=\"#b\">Mark each transaction</a></li></ul>"
            "<h2 id=\"b\">After</h2><p>Compare the balances.</p></body></html>")
    passages, problems = read(tmp_path, "reconcile.html", page)
    assert problems == [] and [p.text for p in passages] == [
        "Reconciling needs no dialog.\n- Step 1: Get your statement\n- Step 2: Open the account\n"
        "- Step 3: Mark each transaction", "Compare the balances."]


def test_html_definition_list_inside_a_faq_answer_stays_in_it(tmp_path):
    # Tux Paint's FAQ answers where drawings are saved with a list of systems over their folders: "Windows 10" had
    # been a passage of its own and "macOS" an entry, its answer taking in the rest of the answer. FFmpeg's answer
    # lists codecs over their files after a question heading. A FAQ's own terms worded as statements stay entries.
    page = ("<html><body><h1>FAQ</h1><dl><dt>Where does Tux Paint save my drawings?</dt><dd><p>Into a standard "
            "location:</p><dl><dt>Windows 10</dt><dd>In the user's AppData folder.</dd><dt>macOS</dt><dd>In "
            "Application Support.</dd></dl><p>The images are stored as PNG bitmaps.</p></dd><dt>Can I print?</dt>"
            "<dd><p>Yes, with the Print button.</p></dd><dt>Tux Paint always saves over my old picture</dt><dd><p>"
            "The save over option is on.</p></dd></dl><h2>Which codecs work on Windows?</h2><p>These:</p><dl><dt>"
            "wmv1</dt><dd><p>.asf only</p></dd><dt>mpeg1video</dt><dd><p>.mpg only</p></dd></dl></body></html>")
    passages, problems = read(tmp_path, "FAQ.html", page)
    assert problems == [] and [(p.question, p.answer) for p in passages] == [
        ("Where does Tux Paint save my drawings?", "Into a standard location:\nWindows 10: In the user's AppData "
         "folder.\nmacOS: In Application Support.\nThe images are stored as PNG bitmaps."),
        ("Can I print?", "Yes, with the Print button."),
        ("Tux Paint always saves over my old picture", "The save over option is on."),
        ("Which codecs work on Windows?", "These:\nwmv1: .asf only\nmpeg1video: .mpg only")]


def test_html_exports_of_notion_and_confluence(tmp_path):
    # Notion exports a FAQ as toggles: a <details> inside a list item, which had been read as one run-on item
    # ("How do I reset my password?Use the link..."); its callouts open with an icon, no text. Confluence's
    # information macros and Bootstrap's panels have a title of their own.
    page = """<html><body><article class="page sans"><div class="page-body">
<ul class="toggle"><li><details open=""><summary>How do I reset my password?</summary>
<p>Use the link on the sign-in page.</p><p>It expires after an hour.</p></details></li></ul>
<ul class="toggle"><li><details open=""><summary>Can I change my email?</summary><p>Yes, under Settings.</p></details></li></ul>
<figure class="callout"><div><span class="icon">💡</span></div><div>Contact support for anything else.</div></figure>
<div class="confluence-information-macro confluence-information-macro-warning"><p class="title">Refund time</p>
<div class="confluence-information-macro-body"><p>Five working days.</p></div></div>
<div class="panel panel-default"><div class="panel-heading"><h4 class="panel-title">Do you ship abroad?</h4></div>
<div class="panel-body"><p>Only within the EU.</p></div></div>
</div></article></body></html>"""
    passages, problems = read(tmp_path, "help.html", page)
    assert problems == []
    assert [(p.kind, p.text) for p in passages] == [
        ("faq", "How do I reset my password?\nUse the link on the sign-in page.\nIt expires after an hour."),
        ("faq", "Can I change my email?\nYes, under Settings."), ("text", "Contact support for anything else."),
        ("text", "Refund time: Five working days."), ("faq", "Do you ship abroad?\nOnly within the EU.")]
    # A Confluence space exported as HTML: each page says who changed it last, and lists its attachments under
    # it; both had been passages ("vpn-setup.png (image/png)" matched questions about the VPN's set-up).
    page = """<html><head><title>IT Help : VPN</title></head><body><div id="page"><div id="main">
<div id="main-header"><div id="breadcrumb-section"><ol id="breadcrumbs"><li><a href="index.html">IT Help</a></li></ol>
</div><h1 id="title-heading" class="pagetitle"><span id="title-text">IT Help : VPN</span></h1></div>
<div id="content" class="view"><div class="page-metadata">Created by <span class='author'> Jane Smith</span>, last
modified on Mar 03, 2021</div><div id="main-content" class="wiki-content group"><p>Contractors get VPN access for 90
days.</p></div><div class="pageSection group"><div class="pageSectionHeader"><h2 id="attachments"
class="pageSectionTitle">Attachments:</h2></div><div class="greybox" align="left"><a href="attachments/1/2.png">
vpn-setup.png</a> (image/png)<br/></div></div></div></div><div id="footer" role="contentinfo"><section
class="footer-body"><p>Document generated by Confluence on Nov 22, 2026 10:00</p></section></div></div></body></html>"""
    passages, problems = read(tmp_path, "VPN_65538.html", page)
    assert [(p.title, p.text) for p in passages] == [("IT Help : VPN", "Contractors get VPN access for 90 days.")]
    # WordPress's line of who posted an article and when.
    page = ("<article><header class='entry-header'><h1>Opening hours</h1><div class='entry-meta'>Posted on March 3 "
            "by admin</div></header><div class='entry-content'><p>We open at nine.</p></div></article>")
    passages, problems = read(tmp_path, "hours.html", page)
    assert [p.text for p in passages] == ["We open at nine."]


def test_a_help_centre_article_without_its_related_articles_and_comments(tmp_path):
    # A Zendesk help centre article saved as HTML: its question over its answer, then a "Related articles" list
    # of links (dropped as navigation) and the readers' comments. The heading over the dropped list and the
    # comments ("0 comments", "Article is closed for comments.") had been lines of the answer.
    page = """<html><body><main><article id="main-content" class="article"><header class="article-header">
<h1 class="article-title">How do I reset my password?</h1><div class="article-author"><div class="article-meta">
<a href="/hc/profiles/3">Support Team</a><ul class="meta-group"><li class="meta-data"><time>January 05, 2023</time>
</li><li class="meta-data">Updated</li></ul></div></div></header><section class="article-info"><div
class="article-body"><p>Choose Forgot password on the sign-in page.</p><h3>No email</h3><p>Call us.</p></div>
</section><section class="related-articles"><h3 class="related-articles-title">Related articles</h3><ul><li><a
href="/hc/articles/2">Can I change my username?</a></li></ul></section><div class="article-comments"><h2>Comments
</h2><p>0 comments</p><p>Article is closed for comments.</p></div></article></main></body></html>"""
    passages, problems = read(tmp_path, "reset.html", page)
    assert problems == [] and [p.text for p in passages] == [
        "How do I reset my password?\nChoose Forgot password on the sign-in page.\nNo email\nCall us."]
    # A documentation site's "Was this page helpful?" (MkDocs Material's feedback form, on every page) had been a
    # FAQ entry of each page, and an article's "Written by ... Updated over a week ago" a passage.
    page = """<article class="md-content__inner"><h1>Install</h1><p>Run pip install foo.</p><form class="md-feedback"
name="feedback" hidden><fieldset><legend class="md-feedback__title">Was this page helpful?</legend><div
class="md-feedback__note"><div data-md-value="1" hidden>Thanks for your feedback!</div></div></fieldset></form>
</article><div class="article__meta"><span>Written by Jane Doe</span><span>Updated over a week ago</span></div>"""
    passages, problems = read(tmp_path, "install.html", page)
    assert [p.text for p in passages] == ["Run pip install foo."]


def test_html_link_back_to_the_contents_at_a_paragraphs_end_is_dropped(tmp_path):
    # Lynx's guide ends sections with "... with Lynx. [ToC]", a link back to its contents: it had stayed in the text.
    html = ('<h2>Colors</h2><p>Colors are set in <a href="#cfg">lynx.cfg</a>. [<a href="#ToC-Colors">ToC</a>]</p>'
            '<h2>Mouse</h2><p>Enable it with <a href="#mouse">the top option</a>.</p>')
    passages, problems = read(tmp_path, "guide.html", html)
    assert problems == [] and [p.text for p in passages] == [
        "Colors are set in lynx.cfg.", "Enable it with the top option."]


def test_html_fragment(tmp_path):
    passages, problems = read(tmp_path, "part.htm", "<h2>Returns</h2><p>Send it back within 30 days.</p>"
                                                    "<h2>Refunds</h2><p>Paid within a week.</p>")
    assert problems == [] and [(p.title, p.section, p.text) for p in passages] == [
        ("part.htm", "Returns", "Send it back within 30 days."), ("part.htm", "Refunds", "Paid within a week.")]



def test_nested_html_lists_keep_their_items_apart_and_a_long_item_is_cut_between_sentences(tmp_path):
    # API references nest the options of a call under one item; flattened into one line, such an item
    # outgrew any passage and its options ran together.
    options = "".join(f"<li><code>option{n}</code> Sets limit {n} of the session. Default: {n}.</li>"
                      for n in range(40))
    page = (f"<h1>API</h1><h2>connect(options)</h2><ul><li>options &lt;Object&gt;<ul>{options}</ul></li>"
            f"<li>callback &lt;Function&gt;</li></ul>")
    passages, problems = read(tmp_path, "api.html", page)
    assert problems == [] and len(passages) > 1
    assert all(len(p.text) <= 1200 for p in passages)
    lines = [line for p in passages for line in p.text.split("\n")]
    assert lines[0] == "- options <Object>" and lines[-1] == "- callback <Function>"
    assert lines[1:-1] == [f"  - option{n} Sets limit {n} of the session. Default: {n}." for n in range(40)]

    sentence = "Each retry waits twice as long as the one before it, up to a minute. "
    passages, _ = read(tmp_path, "retry.md", "# Retries\n\n- " + sentence * 40 + "\n- Done.\n")
    assert len(passages) > 1 and all(len(p.text) <= 1200 for p in passages)
    assert passages[0].text.startswith("- Each retry") and passages[-1].text.endswith("- Done.")
    # A list's introduction, with its line break, counts against the passage's length too.
    item = "- " + (sentence * 20)[: 1200 - len("Limits:") - 2].strip()
    listed = build_passages([Block("list", item, intro="Limits:")], source="x.md", max_chars=1200)
    assert len(item) == 1200 - len("Limits:") and all(len(p.text) <= 1200 for p in listed)

PLAIN_FAQ = """\
                Frequently Asked Questions about Squash


If your question is not here, please check the web site, which may
have more recent information.


 1. Is Squash thread-safe?

    Yes. Each stream keeps its state in its own structure, so two threads
    can use two streams at once.

 2. I found a bug in Squash.

    Please send a small program that shows it to bugs@example.org.

 3. Why do I get "undefined reference to sq_open"?

    If "make test" produces something like

       example.o: undefined reference to `sq_open'

    check that no old copy of libsquash is installed.

10. Can Squash read .zip archives
    made by other tools?

    Not by itself, no.
"""


def test_numbered_plain_text_faq(tmp_path):
    passages, problems = read(tmp_path, "FAQ.txt", PLAIN_FAQ)
    assert problems == []
    no_code_or_fragments_in_labels(passages)
    entries = faq(passages)
    assert list(entries) == ["Is Squash thread-safe?", "I found a bug in Squash.",
                             'Why do I get "undefined reference to sq_open"?',
                             "Can Squash read .zip archives made by other tools?"]
    assert entries["Is Squash thread-safe?"] == ("Yes. Each stream keeps its state in its own structure, so two "
                                                 "threads can use two streams at once.")
    assert entries['Why do I get "undefined reference to sq_open"?'] == (
        'If "make test" produces something like\nexample.o: undefined reference to `sq_open\'\n'
        "check that no old copy of libsquash is installed.")
    assert {p.title for p in passages} == {"Frequently Asked Questions about Squash"}


def test_numbered_steps_inside_a_numbered_answer_are_not_questions(tmp_path):
    # lsof's FAQ: the steps of an answer, numbered and indented under it, had been questions of their own.
    text = ("1.1\tIs lsof free?\n\n\tYes.\n\n1.2\tHow do I check a distribution?\n\n"
            "\tThere are two ways:\n\n\t1.  Follow the instructions in the CHECKSUMS\n\t    file.\n\n"
            "\t    Checking with GPG is best.\n\n\t2.  Read the Security section.\n\n"
            "1.3\tWhere is the source?\n\n\tOn the FTP server.\n")
    passages, problems = read(tmp_path, "00FAQ", text)
    assert problems == []
    assert list(faq(passages)) == ["Is lsof free?", "How do I check a distribution?", "Where is the source?"]
    assert "Read the Security section." in faq(passages)["How do I check a distribution?"]


def test_hard_wrapped_text_joins_a_path_broken_after_a_slash(tmp_path):
    # Text dumps of manuals break lines after a slash: "/ etc/apt" and "https:// www" had not matched a search.
    text = ("Sources\n\nTo add a mirror, edit the file that lists them, which is the file called /\n"
            "etc/apt/sources.list on every system, and then run the update command again so\n"
            "that the new mirror is read before the next upgrade of the installed packages.\n\n"
            "The list of official mirrors is kept on the project's web site at https://\n"
            "www.debian.org/mirror/list and it is updated whenever a mirror is added or\n"
            "removed by the team that looks after the mirror network of the project.\n")
    passages, problems = read(tmp_path, "sources.txt", text)
    assert problems == []
    everything = " ".join(p.text for p in passages)
    assert "/etc/apt/sources.list" in everything and "https://www.debian.org/mirror/list" in everything


def test_symbol_font_bullets_of_word_pdfs_are_bullets(tmp_path):
    # Text taken from a Word PDF holds the Symbol font's bullet as a private-use character (shown as a box):
    # it had been text of a paragraph instead of a list's marker.
    passages, problems = read(tmp_path, "req.txt", "Requirements\n\nYou need:\n\uf0b7 Python 3.10\n\uf0b7 Two gigabytes\n")
    assert problems == [] and [(p.title, p.text) for p in passages] == [
        ("Requirements", "You need:\n• Python 3.10\n• Two gigabytes")]


def test_ligatures_of_text_copied_from_a_pdf_are_letters(tmp_path):
    # "ﬁ" is one character: a word holding it ("ﬁle") had not been the word "file" to a search.
    passages, problems = read(tmp_path, "faq.md", "# Files\n\nHow do I \ufb01nd a \ufb01le?\n\nUse the search \ufb01eld.\n")
    assert problems == [] and faq(passages) == {"How do I find a file?": "Use the search field."}


def test_question_and_answer_lines(tmp_path):
    text = "Help\n\nQ: How do I reset my password?\nA: Use the link on the sign-in page.\n\n" \
           "Q: Can I change my user name?\nA: No. Ask support to do it.\n"
    passages, _ = read(tmp_path, "qa.txt", text)
    assert faq(passages) == {"How do I reset my password?": "Use the link on the sign-in page.",
                             "Can I change my user name?": "No. Ask support to do it."}


def test_question_and_answer_labels_with_a_hanging_indent(tmp_path):
    # XZ Utils' FAQ: the answer's lines are indented to the text after its "A:" label, and so are the
    # paragraphs after it, which are prose, not code.
    text = ("XZ Utils FAQ\n============\n\nQ:  What do the letters XZ mean?\n\nA:  Nothing. They are just two "
            "letters, which come\n    from the file format suffix .xz.\n\n    The suffix was chosen because it "
            "was\n    pretty much unused.\n\n\nQ:  What are LZMA and LZMA2?\n\nA:  LZMA is the name of the "
            "compression\n    algorithm of 7-Zip.\n")
    passages, problems = read(tmp_path, "faq.txt", text)
    assert problems == [] and faq(passages) == {
        "What do the letters XZ mean?": "Nothing. They are just two letters, which come from the file format "
                                        "suffix .xz.\nThe suffix was chosen because it was pretty much unused.",
        "What are LZMA and LZMA2?": "LZMA is the name of the compression algorithm of 7-Zip."}


def test_a_table_of_contents_in_plain_text_is_not_read_as_entries(tmp_path):
    # The contents list names the questions again: read as text, each entry would be a FAQ question
    # "answered" by the entries after it, and would stand beside the real entry.
    body = ("1. GENERAL\n\n1.1. What is lsof?\n\n   Lsof lists the files that processes have open.\n\n"
            "1.2. Where do I get lsof?\n\n   From the project's download page.\n\n2. PROBLEMS\n\n"
            "2.1. Why does lsof report nothing on\n     a busy system?\n\n   It needs to run as root to see the "
            "files of other users.\n\n")
    contents = ("Frequently asked questions about lsof\n\nCONTENTS\n\n1. GENERAL\n1.1.  What is lsof?\n"
                "1.2.  Where do I get lsof?\n\n2. PROBLEMS\n2.1.  Why does lsof report nothing on a busy\n"
                "      system?\n\n")
    passages, problems = read(tmp_path, "lsof-faq.txt", contents + body)
    assert problems == [] and faq(passages) == {
        "What is lsof?": "Lsof lists the files that processes have open.",
        "Where do I get lsof?": "From the project's download page.",
        "Why does lsof report nothing on a busy system?": "It needs to run as root to see the files of other users."}
    assert not any("1.2" in p.text for p in passages)
    # A numbered list that is only repeated (a licence copied for two packages) is text, both times.
    clauses = ("1. Keep this notice in every copy of the source.\n2. Keep this notice in the documentation of "
               "every binary.\n3. Do not use our names to promote what you make.\n")
    licences = f"Licences\n\nWidget is under this licence:\n\n{clauses}\nGadget is under the same licence:\n\n{clauses}"
    passages, _ = read(tmp_path, "notices.txt", licences)
    assert sum("Do not use our names" in p.text for p in passages) == 2


def test_question_and_answer_lines_in_a_flattened_page_keep_its_table(tmp_path):
    text = ("Salaries\n\nPay by city Salary range\nParis €50,000\nBerlin €55,000\nTokyo ¥8,000,000\n\n"
            "Q: Is a degree required?\nA: Usually yes.\n\nQ: What tools are common?\nA: PyTorch.\n")
    passages, _ = read(tmp_path, "pay.txt", text)
    assert [p.text for p in passages if p.kind == "table"] == [
        "Pay by city Salary range\nParis €50,000", "Pay by city Salary range\nBerlin €55,000",
        "Pay by city Salary range\nTokyo ¥8,000,000"]
    assert faq(passages) == {"Is a degree required?": "Usually yes.", "What tools are common?": "PyTorch."}


def test_hard_wrapped_prose_never_becomes_a_table_or_headings(tmp_path):
    prose = textwrap.fill("Our office moved in spring. " * 12, width=60)
    table = "Plan      Storage    Price\nBasic     10 GB      Free\nTeam      1 TB       8 EUR\nLarge     10 TB      30 EUR"
    passages, _ = read(tmp_path, "notes.txt", f"Office news\n\n{prose}\n\n{prose}\n\nPrices\n\n{table}\n")
    assert [p.kind for p in passages] == ["text", "text", "table", "table", "table"]
    assert passages[0].text == ("Our office moved in spring. " * 12).strip() and passages[0].section == ""
    assert passages[2].text == "Prices\nPlan | Storage | Price\nBasic | 10 GB | Free"


def test_docx_tracked_changes_and_content_controls(tmp_path):
    # Text Word shows: a tracked insertion (python-docx's paragraph text leaves it out) and paragraphs in a
    # template's content controls (left out by python-docx's body items); not a tracked deletion, nor the
    # table of contents Word keeps in a content control of its own.
    import copy

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("Refunds", level=1)
    document.add_paragraph("How long do refunds take?")
    answer = document.add_paragraph("Refunds take ")
    inserted, deleted = OxmlElement("w:ins"), OxmlElement("w:del")
    for mark in (inserted, deleted):
        mark.set(qn("w:id"), "1"), mark.set(qn("w:author"), "Editor")
    run = copy.deepcopy(answer.runs[0]._r)
    run.find(qn("w:t")).text = "five working days."
    inserted.append(run)
    gone = copy.deepcopy(answer.runs[0]._r)
    gone.remove(gone.find(qn("w:t")))
    gone.append(OxmlElement("w:delText"))
    gone.find(qn("w:delText")).text = "a month."
    deleted.append(gone)
    answer._p.append(inserted), answer._p.append(deleted)

    def content_control(text: str, gallery: str = "") -> None:
        sdt, properties, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
        if gallery:
            part, kind = OxmlElement("w:docPartObj"), OxmlElement("w:docPartGallery")
            kind.set(qn("w:val"), gallery)
            part.append(kind), properties.append(part)
        held = document.add_paragraph(text)._p
        content.append(held)
        sdt.append(properties), sdt.append(content)
        document.element.body.insert(len(document.element.body) - 1, sdt)  # before the section properties

    content_control("Table of contents: Refunds ..... 1", gallery="Table of Contents")
    content_control("Can I get a refund in cash?")
    content_control("No, refunds go back to the card you paid with.")
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "refunds.docx", out.getvalue())
    assert problems == [] and faq(passages) == {
        "How long do refunds take?": "Refunds take five working days.",
        "Can I get a refund in cash?": "No, refunds go back to the card you paid with."}
    assert all("contents" not in p.text for p in passages)


def docx_bytes():
    import docx

    document = docx.Document()
    document.add_paragraph("Please edit this template before publishing.")
    document.add_heading("FAQ for Vault", level=1)
    document.add_paragraph("Who can deposit data here?")
    document.add_paragraph("Any member of the university can deposit data.")
    document.add_paragraph("What do I need to submit?")
    document.add_paragraph("You need:")
    document.add_paragraph("Permission from the PI", style="List Bullet")
    document.add_paragraph("Signed by the department head", style="List Bullet 2")
    document.add_paragraph("A title and an abstract", style="List Bullet")
    document.add_heading("Limits", level=2)
    table = document.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Item", "Limit"), ("File size", "10 GB"), ("Files", "1000")]):
        table.rows[r].cells[0].text, table.rows[r].cells[1].text = a, b
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_headings_questions_lists_and_tables(tmp_path):
    passages, problems = read(tmp_path, "faq.docx", docx_bytes())
    assert problems == []
    entries = faq(passages)
    assert entries == {"Who can deposit data here?": "Any member of the university can deposit data.",
                       "What do I need to submit?": "You need:\n- Permission from the PI\n  - Signed by the department head"
                                                     "\n- A title and an abstract"}
    assert {p.section for p in passages if p.kind == "faq"} == {"FAQ for Vault"}
    assert [p.text for p in passages if p.kind == "table"] == ["Limits\nItem | Limit\nFile size | 10 GB",
                                                               "Limits\nItem | Limit\nFiles | 1000"]


def test_docx_title_is_not_one_more_entry_of_a_faq_in_headings(tmp_path):
    # Word's Title style stands over the headings: on a FAQ whose level-1 headings ask (pandoc's export of
    # a FAQ page), the title had been read as one more entry, "FAQ", answered by the introduction.
    import docx

    document = docx.Document()
    document.add_heading("Backup FAQ", level=0)  # the Title style
    document.add_paragraph("Questions people ask about backups.")
    for question, answer in [("Will a backup resume?", "Yes."), ("Can I encrypt backups?", "Always."),
                             ("Where are backups kept?", "In your repository.")]:
        document.add_heading(question, level=1)
        document.add_paragraph(answer)
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "backup.docx", out.getvalue())
    assert problems == [] and [(p.kind, p.title, p.text) for p in passages] == [
        ("text", "Backup FAQ", "Questions people ask about backups."),
        ("faq", "Backup FAQ", "Will a backup resume?\nYes."), ("faq", "Backup FAQ", "Can I encrypt backups?\nAlways."),
        ("faq", "Backup FAQ", "Where are backups kept?\nIn your repository.")]


def test_docx_text_box_is_read_once_after_its_paragraph(tmp_path):
    # A text box (a note set beside the text) had been left out; Word keeps a copy of it for old versions
    # (VML), which is not read again.
    import docx
    from docx.oxml import parse_xml

    box = ('<w:txbxContent><w:p><w:r><w:t>Refunds over 500 dollars need a manager.</w:t></w:r></w:p>'
           '</w:txbxContent>')
    run = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>')
    document = docx.Document()
    document.add_heading("Refunds", level=1)
    document.add_paragraph("How long do refunds take?")
    answer = document.add_paragraph("Five working days.")
    answer._p.append(run)
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "refunds.docx", out.getvalue())
    assert problems == [] and faq(passages) == {
        "How long do refunds take?": "Five working days.\nRefunds over 500 dollars need a manager."}


def test_numbered_table_captions_name_the_rows_of_their_tables(tmp_path):
    # PreviSat's Word manual captions each table under it ("Table 3 : Launch sites"): the caption had been a
    # passage of three words, and each row named only by the section ("TTMTR" among the launch sites of the
    # "Satellite informations" tab). A document's captions stand on one side of its tables; a sentence that
    # refers to a table is no caption.
    import docx

    document = docx.Document()
    document.add_heading("Satellite informations", level=1)
    document.add_paragraph("The tab gives the satellite's launch site and country.")
    for caption, rows in (("Table 2 : Countries or organizations", [("EUME", "European Organization")]),
                          ("Table 3 : Launch sites", [("TTMTR", "Tyuratam missile and Space Center, Kazakhstan")])):
        table = document.add_table(rows=1 + len(rows), cols=2)
        for r, cells in enumerate([("Designation", "Signification"), *rows]):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text
        document.add_paragraph(caption)
    document.add_paragraph("Table 3 lists the launch sites.")
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "manual.docx", out.getvalue())
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("", "The tab gives the satellite's launch site and country."),
        ("", "Countries or organizations\nDesignation | Signification\nEUME | European Organization"),
        ("", "Launch sites\nDesignation | Signification\nTTMTR | Tyuratam missile and Space Center, Kazakhstan"),
        ("", "Table 3 lists the launch sites.")]


def test_questions_one_after_the_other_share_the_answer_after_them(tmp_path):
    # SNMPTT's FAQ (an EPUB's HTML): "Q: ... net_snmp_perl_enable ...?" in bold right over "Q: ...
    # translate_integers ...?" had been read as a heading with no answer, the section of every entry after it. A
    # bold lead-in inside an answer ("Native Windows:") had been an entry of its own.
    html = ("<html><body><h1>SNMPTT FAQ</h1><h2>General</h2>"
            "<p><strong>Q: How do I enable Perl support under Windows?</strong></p>"
            "<p>A: It depends on how you installed Net-SNMP.</p>"
            "<p><strong>Native Windows:</strong></p><p>Run the installer again.</p>"
            "<p><strong>Q: I have enabled net_snmp_perl_enable but names are not translated. Why?</strong></p>"
            "<p><strong>Q: I have enabled translate_integers but integers are not translated. Why?</strong></p>"
            "<p>A: You must have the Net-SNMP Perl module installed.</p>"
            "<p><strong>Q: Does SNMPTT use DNS?</strong></p><p>A: Only when asked to.</p></body></html>")
    passages, problems = read(tmp_path, "faqs.html", html)
    assert problems == [] and [(p.section, p.question, p.alternates) for p in passages] == [
        ("General", "How do I enable Perl support under Windows?", ()),
        ("General", "I have enabled translate_integers but integers are not translated. Why?",
         ("I have enabled net_snmp_perl_enable but names are not translated. Why?",)),
        ("General", "Does SNMPTT use DNS?", ())]
    assert passages[0].text.endswith("Native Windows:\nRun the installer again.")


def test_docx_lines_in_a_font_of_fixed_pitch_are_code(tmp_path):
    # PreviSat's Word manual sets its example of orbital elements in Courier New, a paragraph a line, with no code
    # style: they had been prose, their columns' spaces folded. A word in that font inside prose stays prose.
    import docx

    document = docx.Document()
    document.add_heading("Orbital elements", level=1)
    document.add_paragraph("The elements look like this, for the ISS:")
    for line in ("ISS (ZARYA)", "1 25544U 98067A   08289.55379628  .00014092"):
        document.add_paragraph().add_run(line).font.name = "Courier New"
    prose = document.add_paragraph("Run ")
    prose.add_run("previsat").font.name = "Courier New"
    prose.add_run(" to update them.")
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "manual.docx", out.getvalue())
    assert problems == [] and [p.text for p in passages] == [
        "The elements look like this, for the ISS:\nISS (ZARYA)\n1 25544U 98067A   08289.55379628  .00014092",
        "Run previsat to update them."]


def test_docx_headings_in_a_templates_own_styles(tmp_path):
    # A company template's "FAQ Question" style based on Heading 2, and a "Kapitel" style with an outline level
    # of its own, are headings, as Word's navigation pane shows them: they had been paragraphs, each chapter's
    # name glued to the question under it. Word's "TOC Heading", based on Heading 1 but of outline level 9
    # (body text), stays no heading.
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.styles.add_style("FAQ Question", WD_STYLE_TYPE.PARAGRAPH).base_style = document.styles["Heading 2"]
    for name, level in (("Kapitel", "0"), ("Contents title", "9")):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Heading 1"]
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), level)
        style.element.get_or_add_pPr().append(outline)
    for text, style in (("Accounts", "Kapitel"), ("Where do I reset my password?", "FAQ Question"),
                        ("Use the link on the sign-in page.", None), ("Billing", "Kapitel"),
                        ("Invoices", "Contents title"), ("Invoices are sent monthly.", None)):
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "help.docx", out.getvalue())
    assert problems == [] and [(p.kind, p.section, p.text) for p in passages] == [
        ("faq", "", "Where do I reset my password?\nUse the link on the sign-in page."),
        ("text", "Billing", "Invoices\nInvoices are sent monthly.")]


def test_docx_faq_laid_out_as_a_table_without_a_header(tmp_path):
    # A Word FAQ in a two-column table, a question and its answer a row, with no header row: its first row
    # had been read as the header of the others ("How do I pay? | By card." over every entry). A table with
    # a header stays a table.
    import docx

    document = docx.Document()
    document.add_heading("Billing", level=1)
    faq_table = document.add_table(rows=0, cols=2)
    for question, answer in [("How do I pay?", "By card or bank transfer."), ("Can I get a refund?", "Within 30 days."),
                             ("When am I billed?", "On the first of each month.")]:
        cells = faq_table.add_row().cells
        cells[0].text, cells[1].text = question, answer
    prices = document.add_table(rows=0, cols=2)
    for plan, price in [("Plan", "Price"), ("Pro", "10 dollars")]:
        cells = prices.add_row().cells
        cells[0].text, cells[1].text = plan, price
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "billing.docx", out.getvalue())
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "How do I pay?\nBy card or bank transfer."), ("faq", "Can I get a refund?\nWithin 30 days."),
        ("faq", "When am I billed?\nOn the first of each month."), ("table", "Billing\nPlan | Price\nPro | 10 dollars")]


def test_docx_questions_typed_on_lines_of_one_paragraph(tmp_path):
    # "Q: ...", Shift+Enter, "Q: ..." (two wordings of one question, as pandoc writes a definition term), or
    # "Q: ...", Shift+Enter, "A: ...": the line breaks had been read as spaces, the second label lost in the
    # first line, and the entry read as part of the answer before it.
    import docx

    document = docx.Document()
    document.add_paragraph("Q: Where can I learn more about it?")
    document.add_paragraph("Read the wiki.")
    asked = document.add_paragraph("Q: Why do I get the error arg is nil?")
    asked.add_run().add_break()
    asked.add_run("Q: My vararg functions fail after switching!")
    document.add_paragraph("Convert them to the new syntax.")
    entry = document.add_paragraph("Q: Can I pay later")
    entry.add_run().add_break()
    entry.add_run("A: Yes, within 30 days.")
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "faq.docx", out.getvalue())
    assert problems == [] and [(p.question, p.alternates, p.text.split("\n")[-1]) for p in passages] == [
        ("Where can I learn more about it?", (), "Read the wiki."),
        ("Why do I get the error arg is nil?", ("My vararg functions fail after switching!",),
         "Convert them to the new syntax."),
        ("Can I pay later", (), "Yes, within 30 days.")]

def test_docx_linked_contents_and_definition_lists_as_libreoffice_saves_them(tmp_path):
    # A web page saved as .docx (LibreOffice, pandoc) keeps its linked contents list and menu as lists and
    # lines of links: the entries' questions had been passages of their own, competing with the entries. Its
    # FAQ, a definition list, is in LibreOffice's "List Heading" and "List Contents" styles, which had been
    # read as one long bulleted list of questions and answers.
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()

    def linked(paragraph, *texts):
        for n, text in enumerate(texts):
            if n:
                paragraph.add_run(" | ")
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), f"a{n}")
            run = paragraph.add_run(text)._r
            paragraph._p.remove(run)
            link.append(run)
            paragraph._p.append(link)

    linked(document.add_paragraph(), "Previous", "Contents", "Next")
    for question in ("How do I pay?", "Can I cancel?"):
        linked(document.add_paragraph(style="List Bullet"), question)
    for name in ("List Heading", "List Contents"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    for question, answer in [("How do I pay?", "By card."), ("Can I cancel?", "Yes, any time.")]:
        document.add_paragraph(question, style="List Heading")
        document.add_paragraph(answer, style="List Contents")
    document.add_paragraph("See also:", style="List Bullet")
    linked(document.add_paragraph(style="List Bullet"), "the price list")
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "faq.docx", out.getvalue())
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "How do I pay?\nBy card."), ("faq", "Can I cancel?\nYes, any time.\n- See also:\n- the price list")]

def test_docx_short_bold_lines_are_headings_made_by_hand(tmp_path):
    # Word FAQs often bold a line instead of using a heading style (the first, the document's title). A bold
    # sentence stays text.
    import docx

    document = docx.Document()
    for text, bold in [("Help centre", True), ("Data retention", True), ("We keep your data for ten years.", False),
                       ("Who can deposit data?", True), ("Any member of staff.", False),
                       ("Never share your password.", True)]:
        document.add_paragraph().add_run(text).bold = bold
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "help.docx", out.getvalue())
    assert problems == [] and [(p.kind, p.section, p.text) for p in passages] == [
        ("text", "Data retention", "We keep your data for ten years."),
        ("faq", "Data retention", "Who can deposit data?\nAny member of staff.\nNever share your password.")]


def test_docx_code_paragraphs_keep_their_lines(tmp_path):
    # A web page's <pre> saved by Word or LibreOffice (HTML Preformatted), or a code block of pandoc's (Source
    # Code): its lines had been joined into one ("cd ~/app git pull").
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.styles.add_style("Source Code", WD_STYLE_TYPE.PARAGRAPH)
    document.add_heading("Upgrading", level=1)
    document.add_paragraph("Pull the latest version:")
    code = document.add_paragraph("cd ~/app", style="Source Code")
    code.add_run().add_break()
    code.add_run("git pull")
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "upgrade.docx", out.getvalue())
    assert problems == [] and [p.text for p in passages] == ["Pull the latest version:\ncd ~/app\ngit pull"]


ODT_NAMESPACES = " ".join(f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}:1.0"' for prefix, name in [
    ("office", "office"), ("style", "style"), ("text", "text"), ("table", "table"), ("draw", "drawing"),
    ("fo", "xsl-fo-compatible")])


def odt_bytes(body: str, automatic_styles: str = "", styles: str = "", kind: str = "text") -> bytes:
    """An OpenDocument file, as Writer (kind "text") or Calc ("spreadsheet") lays one out: `body` inside
    office:text or office:spreadsheet, the content's automatic styles, and the named styles of styles.xml."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                                        f'{ODT_NAMESPACES}><office:automatic-styles>{automatic_styles}'
                                        f'</office:automatic-styles><office:body><office:{kind}>{body}</office:{kind}>'
                                        f'</office:body></office:document-content>')
        archive.writestr("styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles '
                                       f'{ODT_NAMESPACES}><office:styles>{styles}</office:styles>'
                                       f'</office:document-styles>')
    return out.getvalue()


def test_odt_paragraphs_in_a_font_of_fixed_pitch_are_one_code_block(tmp_path):
    # aprx's manual sets its configuration examples in a style of its own ("verbatim", in Liberation Mono), a
    # paragraph a line: each line had been a passage of its own ("</interface>", "passcode -1").
    def p(text, style="Text_20_body"):
        return f'<text:p text:style-name="{style}">{text}</text:p>' if text else f'<text:p text:style-name="{style}"/>'

    body = ('<text:h text:outline-level="1">Minimal configuration</text:h>'
            + p("To make a receive-only iGate, you need simply to configure:")
            + p("", "P25") + p("<text:tab/>mycall N0CALL-1", "P25") + p("<text:tab/>&lt;aprsis&gt;", "P25")
            + p("<text:tab/><text:tab/>passcode -1", "P25") + p("<text:tab/>&lt;/aprsis&gt;", "P25") + p("", "P25")
            + p("Fix the callsign to your own."))
    styles = ('<style:font-face style:name="Liberation Mono" '
              'style:font-pitch="fixed"/><style:font-face style:name="Liberation Sans" '
              'style:font-pitch="variable"/>'
              '<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph">'
              '<style:text-properties style:font-name="Liberation Sans"/></style:style>'
              '<style:style style:name="verbatim" style:family="paragraph" style:parent-style-name="Text_20_body">'
              '<style:text-properties style:font-name="Liberation Mono"/></style:style>')
    automatic = '<style:style style:name="P25" style:family="paragraph" style:parent-style-name="verbatim"/>'
    passages, problems = read(tmp_path, "aprx-manual.odt", odt_bytes(body, automatic, styles))
    assert problems == [] and [p.text for p in passages] == [
        "To make a receive-only iGate, you need simply to configure:\n mycall N0CALL-1\n <aprsis>\n  passcode -1\n"
        " </aprsis>",
        "Fix the callsign to your own."]


def odt_faq() -> bytes:
    """docx_bytes() as Writer saves it."""
    def p(text, style="Standard"):
        return f'<text:p text:style-name="{style}">{text}</text:p>'

    def item(*content):
        return f"<text:list-item>{''.join(content)}</text:list-item>"

    def row(*cells):
        return "<table:table-row>" + "".join(f"<table:table-cell>{p(c)}</table:table-cell>" for c in cells) + \
            "</table:table-row>"

    return odt_bytes(
        p("Please edit this template before publishing.")
        + '<text:h text:style-name="Heading_20_1" text:outline-level="1">FAQ for Vault</text:h>'
        + p("Who can deposit data here?") + p("Any member of the university can deposit data.")
        + p("What do I need to submit?") + p("You need:")
        + "<text:list>" + item(p("Permission from the PI", "P1"),
                               f'<text:list>{item(p("Signed by the department head", "P1"))}</text:list>')
        + f'{item(p("A title and an abstract", "P1"))}</text:list>'
        + '<text:h text:outline-level="2">Limits</text:h>'
        + f'<table:table>{row("Item", "Limit")}{row("File size", "10 GB")}{row("Files", "1000")}</table:table>',
        automatic_styles='<style:style style:name="P1" style:family="paragraph" '
                         'style:parent-style-name="List_20_Paragraph"/>',
        styles='<style:style style:name="List_20_Paragraph" style:display-name="List Paragraph" '
               'style:family="paragraph"/>')


def test_odt_table_cells_spanning_rows_or_columns_fill_them(tmp_path):
    # Writer writes the cells a merged cell covers as covered cells: skipped, they had shifted the row's
    # other cells under the wrong columns ("1 TB" as the plan).
    def cell(text, rows=1, columns=1):
        return (f'<table:table-cell table:number-rows-spanned="{rows}" table:number-columns-spanned="{columns}">'
                f'<text:p>{text}</text:p></table:table-cell>')

    covered = "<table:covered-table-cell/>"
    rows = [cell("Plan") + cell("Storage") + cell("Users"), cell("Team", rows=2) + cell("100 GB") + cell("10"),
            covered + cell("1 TB") + cell("50"), cell("Enterprise") + cell("Unlimited", columns=2) + covered]
    body = ('<text:h text:outline-level="1">Plans</text:h><text:h text:outline-level="2">Limits</text:h><table:table>'
            + "".join(f"<table:table-row>{row}</table:table-row>" for row in rows) + "</table:table>")
    passages, problems = read(tmp_path, "plans.odt", odt_bytes(body))
    assert problems == [] and [p.text.split("\n")[-1] for p in passages] == [
        "Team | 100 GB | 10", "Team | 1 TB | 50", "Enterprise | Unlimited | Unlimited"]


def test_odt_reads_as_the_same_document_in_word_does(tmp_path):
    # LibreOffice's own format had been skipped with a hint to save it as .docx.
    odt, problems = read(tmp_path / "odt", "faq.odt", odt_faq())
    word, _ = read(tmp_path / "docx", "faq.docx", docx_bytes())
    assert problems == [] and odt and [(p.kind, p.section, p.question, p.text) for p in odt] == [
        (p.kind, p.section, p.question, p.text) for p in word]


def test_odt_styles_and_what_writer_does_not_show_as_text(tmp_path):
    # Bold lines are headings made by hand (bold by an automatic text style, or by a paragraph style derived
    # from a bold one); the Title style stands over them; footnotes, comments, the text of tracked
    # deletions and the table of contents are not the text; code lines are one block under their paragraph;
    # a line break before "A:" keeps the label.
    body = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>Old refund rules.'
        '</text:p></text:deletion></text:changed-region></text:tracked-changes>'
        '<text:table-of-content><text:index-body><text:p>Refunds 1</text:p></text:index-body></text:table-of-content>'
        '<text:p text:style-name="P1">Help centre</text:p>'
        '<text:p><text:span text:style-name="T1">Refunds</text:span></text:p>'
        '<text:p>How long do refunds take?</text:p>'
        '<text:p>Five<text:s text:c="1"/>working days.<text:note text:note-class="footnote"><text:note-citation>1'
        '</text:note-citation><text:note-body><text:p>Banks may add two.</text:p></text:note-body></text:note>'
        '<office:annotation><text:p>Check this with finance.</text:p></office:annotation></text:p>'
        '<text:p text:style-name="P2">Upgrading</text:p>'
        '<text:p>Pull the latest version:</text:p>'
        '<text:p text:style-name="P3">cd ~/app</text:p><text:p text:style-name="P3">git pull</text:p>'
        '<text:p>Q: Can I pay later?<text:line-break/>A: Yes, within 30 days.</text:p>')
    automatic = ('<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>'
                 '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Strong"/>'
                 '<style:style style:name="P3" style:family="paragraph" '
                 'style:parent-style-name="Preformatted_20_Text"/>'
                 '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/>'
                 '</style:style>')
    named = ('<style:style style:name="Title" style:family="paragraph"/>'
             '<style:style style:name="Strong" style:family="paragraph"><style:text-properties fo:font-weight="700"/>'
             '</style:style>'
             '<style:style style:name="Preformatted_20_Text" style:display-name="Preformatted Text" '
             'style:family="paragraph"/>')
    passages, problems = read(tmp_path, "help.odt", odt_bytes(body, automatic, named))
    assert problems == [] and [(p.kind, p.title, p.section, p.text) for p in passages] == [
        ("faq", "Help centre", "Refunds", "How long do refunds take?\nFive working days."),
        ("text", "Help centre", "Upgrading", "Pull the latest version:\ncd ~/app\ngit pull"),
        ("faq", "Help centre", "Upgrading", "Can I pay later?\nYes, within 30 days.")]


def test_odt_that_is_not_a_text_document_is_a_clear_error(tmp_path):
    passages, problems = read(tmp_path, "sheet.odt", odt_bytes("", kind="spreadsheet"))
    assert passages == [] and "not a readable OpenDocument text document (.odt) file" in str(problems[0])
    passages, problems = read(tmp_path, "letter.ods", odt_bytes("<text:p>Dear all,</text:p>"))
    assert passages == [] and "not a readable OpenDocument spreadsheet (.ods) file" in str(problems[0])


PDF_FONTS = {"body": "Helvetica", "bold": "Helvetica-Bold", "mono": "Courier", "bold mono": "Courier-Bold",
             "typewriter": "NimbusMonL-Regu"}  # Ghostscript's Courier, named for its maker: only its widths tell
# Fonts other than the PDF's standard ones carry their widths: the typewriter's are all 600 (thousandths of its size).
PDF_FONT_WIDTHS = {"NimbusMonL-Regu": " /FirstChar 32 /LastChar 126 /Widths [" + " ".join(["600"] * 95) + "]"}


def pdf_of_objects(objects: list[bytes]) -> bytes:
    """A PDF file of these objects, numbered from 1 (the catalog first), with its cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def pdf_bytes(pages: list[list], rules: list[tuple[float, float, float, float]] = ()) -> bytes:
    """A minimal PDF, top to bottom. A line is its text (Helvetica, 11 points, one every 16 points; an empty
    entry is a line holding a space, as Word's PDF export writes them) or (text, font, size, left, gap):
    font one of PDF_FONTS, then the space left above the line. `rules` are ruled lines (x0, y0, x1, y1)
    drawn on the first page (PDF coordinates: points from the bottom left)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               *(f"<< /Type /Font /Subtype /Type1 /BaseFont /{font}{PDF_FONT_WIDTHS.get(font, '')} >>"
                 for font in PDF_FONTS.values())]
    names = {key: f"F{k}" for k, key in enumerate(PDF_FONTS, start=1)}
    kids = []
    for number, lines in enumerate(pages):
        ops, y = "", 760.0
        for line in lines:
            text, font, size, left, gap = (line, "body", 11, 72, 5) if isinstance(line, str) else line
            y -= gap + size
            text = text.replace("\\", "").replace("(", "\\(").replace(")", "\\)") or " "
            ops += f"BT /{names[font]} {size} Tf {left} {y:.1f} Td ({text}) Tj ET\n"
        if number == 0:
            ops += "".join(f"{x0} {y0} m {x1} {y1} l S\n" for x0, y0, x1, y1 in rules)
        fonts = " ".join(f"/{names[key]} {k} 0 R" for k, key in enumerate(PDF_FONTS, start=3))
        objects.append(f"<< /Length {len(ops)} >>\nstream\n{ops}endstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << {fonts} >> >> "
                       f"/Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    return pdf_of_objects([body.encode("latin-1") for body in objects])


def test_pdf_numbered_questions(tmp_path):
    pages = [["Relay Add-on: FAQ", "", "1. General Questions", "", "1.1 What does the add-on do?", "",
              "It copies audit events into your search tool so that you can",
              "report on them.", "", "1.2 Is this add-on free to use?", "", "Yes, it is open source."],
             ["2", "1.3 Which versions are supported?", "Check the list:",
              "- Version 9 and above", "- The cloud edition"]]
    passages, problems = read(tmp_path, "faq.pdf", pdf_bytes(pages))
    assert problems == []
    no_code_or_fragments_in_labels(passages)
    assert faq(passages) == {
        "What does the add-on do?": "It copies audit events into your search tool so that you can report on them.",
        "Is this add-on free to use?": "Yes, it is open source.",
        "Which versions are supported?": "Check the list:\n- Version 9 and above\n- The cloud edition"}
    assert {p.section for p in passages if p.kind == "faq"} == {"General Questions"}


def test_pdf_page_set_tight_does_not_break_the_loose_pages_lines_apart(tmp_path):
    # A first page set tight (a list, a contents page) had made the usual gap between lines the tight one,
    # so every line of the looser pages after it was a paragraph of its own, cut mid-sentence.
    tight = [(f"Supported format number {k}", "body", 11, 72, 1) for k in range(12)]
    prose = []
    for k in range(3):
        prose += [(f"Paragraph {k} opens here and runs over", "body", 11, 72, 16 if k else 5),
                  ("several lines of text that belong", "body", 11, 72, 5),
                  ("together in one sentence which ends", "body", 11, 72, 5),
                  ("only on this line.", "body", 11, 72, 5)]
    passages, problems = read(tmp_path, "guide.pdf", pdf_bytes([tight, prose]))
    assert problems == []
    assert [p.text for p in passages if p.text.startswith("Paragraph")] == [
        f"Paragraph {k} opens here and runs over several lines of text that belong together in one sentence "
        "which ends only on this line." for k in range(3)]


def test_pdf_heading_wrapped_over_two_lines_is_one_question(tmp_path):
    # A LaTeX FAQ's long questions wrap: the first line had been a section and the second ("ages?") the
    # question, for every entry after it too.
    page = [("Debian FAQ", "bold", 20, 72, 0),
            ("Package tools", "bold", 16, 72, 14),
            ("What programs does Debian provide for managing its pack-", "bold", 14, 72, 14),
            ("ages?", "bold", 14, 72, 5),  # wider than the text's tight lines, closer than a paragraph
            ("Debian provides dpkg and apt, which install,", "body", 11, 72, 10),
            ("upgrade and remove packages and keep track", "body", 11, 72, 0),
            ("of what depends on what.", "body", 11, 72, 0),
            ("How do I put a package on hold?", "bold", 14, 72, 14),
            ("Use apt-mark hold.", "body", 11, 72, 10)]
    passages, problems = read(tmp_path, "faq.pdf", pdf_bytes([page]))
    assert problems == []
    assert [(p.section, p.question) for p in passages] == [
        ("Package tools", "What programs does Debian provide for managing its packages?"),
        ("Package tools", "How do I put a package on hold?")]


def test_pdf_contents_in_columns_with_dot_leaders_is_no_table(tmp_path):
    # A LaTeX contents page sets each entry's page number in a column of its own: its rows had been read as
    # a table, each entry a passage.
    def row(text, page, font="body"):
        return [(text, font, 11, 72, 6), (page, font, 11, 500, -11)]

    contents = [("Contents", "bold", 16, 72, 0), *row("10 Debian and the kernel", "45", "bold"),
                *row("10.1 Can I install a kernel without tweaking? . . . . . . . . .", "45"),
                *row("10.2 What tools build custom kernels? . . . . . . . . . . . . .", "45"),
                *row("10.3 What provisions deal with modules? . . . . . . . . . . . .", "46")]
    body = [("Debian and the kernel", "bold", 16, 72, 0),
            ("Can I install a kernel without tweaking?", "bold", 13, 72, 12), ("Yes, use make-kpkg.", "body", 11, 72, 8)]
    passages, problems = read(tmp_path, "faq.pdf", pdf_bytes([contents, body]))
    assert problems == []
    assert not [p for p in passages if p.kind == "table"]
    assert faq(passages) == {"Can I install a kernel without tweaking?": "Yes, use make-kpkg."}


def test_pdf_contents_list_of_list_items_and_questions_asked_again(tmp_path):
    # Word and LibreOffice print a linked contents list as list items: a bullet starts a paragraph, so each
    # entry had been a paragraph of its own, and each that asks a FAQ question answered by the next entry.
    # A "Q:" heading right under a question asks it again (an alternate), as a Word FAQ's bold questions do.
    bold = [("PuTTY FAQ", "bold", 16, 72, 5), "",
            "- A.1 Introduction", ("- A.1.1 What is PuTTY?", "body", 11, 90, 5), "- A.2 Features",
            ("- A.2.1 Does PuTTY support SSH-2?", "body", 11, 90, 5),
            ("- A.2.2 Does PuTTY support reading OpenSSH or", "body", 11, 90, 5),
            ("ssh.com private key files?", "body", 11, 100, 5), ""]
    body = [("A.1 Introduction", "bold", 14, 72, 12), ("A.1.1 What is PuTTY?", "bold", 11, 72, 12),
            "PuTTY is a client program for SSH on Windows.", ("A.2 Features", "bold", 14, 72, 12),
            ("A.2.1 Does PuTTY support SSH-2?", "bold", 11, 72, 12), "Yes, it does.",
            ("A.2.2 Does PuTTY support reading OpenSSH or ssh.com private key files?", "bold", 11, 72, 12),
            "Not directly: PuTTYgen converts them.",
            ("Q: Why do I get the error bad FPU precision?", "bold", 11, 72, 12),
            ("Q: I get weird behavior after starting Direct3D.", "bold", 11, 72, 5),
            "Direct3D sets the FPU to single precision."]
    passages, problems = read(tmp_path, "faq.pdf", pdf_bytes([bold + body]))
    assert problems == [] and [(p.question, p.alternates) for p in passages if p.kind == "faq"] == [
        ("What is PuTTY?", ()), ("Does PuTTY support SSH-2?", ()),
        ("Does PuTTY support reading OpenSSH or ssh.com private key files?", ()),
        ("Why do I get the error bad FPU precision?", ("I get weird behavior after starting Direct3D.",))]
    assert faq(passages)["Why do I get the error bad FPU precision?"] == "Direct3D sets the FPU to single precision."
    # So on a page of labelled questions, where every "Q:" paragraph is a question.
    page = ("## Why do I get the error bad FPU precision?\n\nQ: I get weird behavior after starting Direct3D.\n\n"
            "Direct3D sets the FPU to single precision.\n\n" + "".join(
                f"Q: {q}\n\n{a}\n\n" for q, a in [("Is it free?", "Yes."), ("Can I pay later?", "No."),
                                                     ("Does it run on a Mac?", "Yes.")]))
    passages, _ = read(tmp_path, "faq.md", page)
    assert [(p.question, p.alternates) for p in passages][:2] == [
        ("Why do I get the error bad FPU precision?", ("I get weird behavior after starting Direct3D.",)),
        ("Is it free?", ())]

def test_pdf_cover_page_gives_the_title_and_heads_no_chapter(tmp_path):
    # PyX's FAQ as Sphinx prints it: a cover of the title, the release, the author and the date, all set larger
    # than the text. Read as headings, the author's name ("Gert-Ludwig Ingold", a size above the chapters') had
    # been the section of every chapter after it.
    cover = [("A FAQ about PyX", "bold", 24, 72, 5), ("Release 0.16", "bold", 16, 72, 20),
             ("Gert-Ludwig Ingold", "bold", 16, 72, 20), ("2022/10/16", "bold", 14, 72, 20)]
    body = [("General aspects", "bold", 14, 72, 12), ("Where do I get PyX?", "bold", 12, 72, 12),
            "It is on the Python Package Index.", ("Plotting", "bold", 14, 72, 12),
            ("How do I stack graphs?", "bold", 12, 72, 12), "Insert one graph into another."]
    passages, problems = read(tmp_path, "pyxfaq.pdf", pdf_bytes([cover, body]))
    assert problems == [] and {p.title for p in passages} == {"A FAQ about PyX"}
    assert [(p.section, p.question or p.text) for p in passages] == [
        ("", "Release 0.16 · Gert-Ludwig Ingold · 2022/10/16"),
        ("General aspects", "Where do I get PyX?"),
        ("Plotting", "How do I stack graphs?")]


def test_pdf_index_of_a_manual_is_dropped(tmp_path):
    # GoldenCheetah's FAQ, a Texinfo PDF, ends with an index: its entries ("Aerolab. . . . 2, 13", several pages
    # after the leaders) and the page numbers of its pages had been passages of their own.
    faq = [("GoldenCheetah FAQ", "bold", 16, 72, 5), ("What is Aerolab?", "bold", 12, 72, 12),
           "Aerolab estimates your drag from a ride on a loop.", ("How do I zoom in on a chart?", "bold", 12, 72, 12),
           "Select the zoom area with the left click of the mouse."]
    index = [("Index", "bold", 16, 72, 5), ("A", "bold", 12, 72, 12),
             "Aerolab. . . . . . . . . . . . . . . . . . . . . . . . 2, 13", ("C", "bold", 12, 72, 12),
             "chart . . . . . . . . . . . . . . . . . . . . . . . . . 14", ("15", "body", 11, 300, 400)]
    passages, problems = read(tmp_path, "GC3-FAQ.pdf", pdf_bytes([faq, index]))
    assert problems == [] and [p.text for p in passages] == [
        "What is Aerolab?\nAerolab estimates your drag from a ride on a loop.",
        "How do I zoom in on a chart?\nSelect the zoom area with the left click of the mouse."]


def test_pdf_running_footer_naming_its_chapter_or_section_is_dropped(tmp_path):
    # PyX's FAQ as Sphinx prints it: each page's foot names its chapter or section beside the page's number ("4
    # Chapter 1. General aspects of PyX", "1.8 Will I be able to embed PyX output into a notebook? 5"), a
    # different one on each page, so no count of repeats finds it: it had been glued to the answer it followed.
    first = [("General aspects of PyX", "bold", 16, 72, 5), ("1.7 Does PyX provide a GUI?", "bold", 13, 72, 12),
             "No, PyX itself does not provide a means to view the produced image.",
             ("1.8 Will I be able to embed PyX output into a notebook?", "bold", 13, 72, 12),
             "Yes, a canvas can be shown in a notebook.",
             ("1.8 Will I be able to embed PyX output into a notebook? 5", "body", 10, 72, 400)]
    second = ["Just return the canvas as the last value of a cell.",
              ("6 Chapter 1. General aspects of PyX", "bold", 10, 72, 500)]
    passages, problems = read(tmp_path, "pyxfaq.pdf", pdf_bytes([first, second]))
    assert problems == [] and [p.text for p in passages] == [
        "Does PyX provide a GUI?\nNo, PyX itself does not provide a means to view the produced image.",
        "Will I be able to embed PyX output into a notebook?\nYes, a canvas can be shown in a notebook.\nJust return "
        "the canvas as the last value of a cell."]


def test_pdf_running_headers_and_footers_are_dropped(tmp_path):
    # Left in, "Acme Backup User Guide" atop every page read as a heading in the middle of the text and
    # the footer as a passage of its own. A sentence running on over a page break stays one paragraph.
    body = [["Installation", "", "Download the installer and run it. It asks for a folder and a"],
            ["licence key.", "", "The licence key is in the email you got when you bought Acme Backup."],
            ["Schedules", "", "Backups run every night at two."]]
    pages = [["Acme Backup User Guide", "", *lines, "", f"Acme Inc. Confidential - Page {n} of 3"]
             for n, lines in enumerate(body, start=1)]
    passages, problems = read(tmp_path, "guide.pdf", pdf_bytes(pages))
    assert problems == []
    assert [(p.title, p.section, p.text) for p in passages] == [
        ("Acme Backup User Guide", "Installation",
         "Download the installer and run it. It asks for a folder and a licence key."),
        ("Acme Backup User Guide", "Installation", "The licence key is in the email you got when you bought Acme Backup."),
        ("Acme Backup User Guide", "Schedules", "Backups run every night at two.")]


def test_pdf_structure_from_type_and_layout(tmp_path):
    # A PDF keeps no paragraphs or headings, only where its lines stand and in what type. Read as a flow of
    # lines, headings ran into the text, paragraphs with no blank line between them ran together, and
    # bullets and code were read as the paragraph's sentences.
    def body(text, gap=3):
        return (text, "body", 11, 72, gap)

    page = [("Backup Guide", "bold", 20, 72, 0),
            ("Installation", "bold", 14, 72, 14),
            body("Download the installer and run it. It asks for a folder and the identi-", 8),
            body("fier of your licence."),
            body("Keep the licence key somewhere safe: you need it for real-", 12),
            body("time backups."),
            body("You need:", 12),
            ("\xb7 a disk with 2 GB free", "body", 11, 80, 3),
            ("\xb7 a network connection that stays up", "body", 11, 80, 3),
            ("for the whole backup", "body", 11, 88, 3),
            ("backup --init /data", "mono", 10, 72, 12),
            ("backup --run", "mono", 10, 72, 3),
            ("Schedules", "bold", 14, 72, 14),
            body("Backups run every night at two.", 8),
            ("Note", "bold", 11, 72, 12),  # bold at the body's size beside larger headings: a label
            body("Backups pause while the disk is full."),
            ("Example", "bold", 11, 72, 12),  # a label over code stands over it, not over the text after it
            ("backup --verify", "mono", 10, 72, 3),
            body("Verifying takes an hour.", 12)]
    passages, problems = read(tmp_path, "guide.pdf", pdf_bytes([page]))
    assert problems == []
    assert [(p.title, p.section, p.text) for p in passages] == [
        ("Backup Guide", "Installation",
         "Download the installer and run it. It asks for a folder and the identifier of your licence."),
        ("Backup Guide", "Installation", "Keep the licence key somewhere safe: you need it for real-time backups."),
        ("Backup Guide", "Installation", "You need:\n- a disk with 2 GB free\n- a network connection that stays up "
                                         "for the whole backup\nbackup --init /data\nbackup --run"),
        ("Backup Guide", "Schedules", "Backups run every night at two."),
        ("Backup Guide", "Schedules", "Note: Backups pause while the disk is full."),
        ("Backup Guide", "Schedules", "Example\nbackup --verify"), ("Backup Guide", "Schedules", "Verifying takes an hour.")]


def test_pdf_code_in_a_monospaced_font_keeps_its_lines(tmp_path):
    # Code set in a monospaced font not named so (Ghostscript's "NimbusMonL") was read as text: an XML example
    # ran into one line, and its last line, after "...", was a passage of its own. Its glyphs, all one width,
    # tell it; a glyph set above the line (a mark drawn from another font: "lÃ¤ers") leaves its line code; and
    # in a PDF without headings, read as plain text, code stays code.
    def code(text, left, gap=3, font="typewriter", size=9):
        return (text, font, size, left, gap)

    marked = "<comment>verskille tussen l"
    mark = 83 + 0.6 * 9 * len(marked)  # where the marked line's glyphs, 0.6 of 9 points wide each, end
    example = [code("<mime-type type=\"text/x-diff\">", 72, 8), code("<comment>Differences</comment>", 83),
               code(marked, 83), code("a", mark, -9, "body", 6), code("ers</comment>", mark + 3.6, -6),
               code("...", 83), code("<glob pattern=\"*.diff\"/>", 83), code("</mime-type>", 72)]
    after = [("Only new information needs to be given.", "body", 11, 72, 12), ("It is merged.", "body", 11, 72, 12)]
    styled = [("Source files", "bold", 14, 72, 0), ("Here is an example, named diff.xml:", "body", 11, 72, 8),
              *example, *after]
    plain = [("Here is an example, named diff.xml:", "body", 11, 72, 0),
             *[(text, "mono" if font == "typewriter" else font, *rest) for text, font, *rest in example], *after]
    xml = ('<mime-type type="text/x-diff">\n  <comment>Differences</comment>\n'
           '  <comment>verskille tussen laers</comment>\n  ...\n  <glob pattern="*.diff"/>\n'
           '</mime-type>')
    for name, page in (("styled.pdf", styled), ("plain.pdf", plain)):
        passages, problems = read(tmp_path, name, pdf_bytes([page]))
        assert problems == []
        assert [p.text for p in passages] == [f"Here is an example, named diff.xml:\n{xml}",
                                              "Only new information needs to be given. It is merged."], name


def test_pdf_set_in_bold_throughout(tmp_path):
    # When the body itself is bold, bold marks no heading: its short lines are text under the real one.
    page = [("Opening hours", "body", 18, 72, 0), ("Monday to Friday", "bold", 11, 72, 16),
            ("From nine to five, also on holidays.", "bold", 11, 72, 16), ("Weekends", "bold", 11, 72, 16),
            ("Closed, except in December when we open on Saturdays from ten to two.", "bold", 11, 72, 16)]
    passages, problems = read(tmp_path, "hours.pdf", pdf_bytes([page]))
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        # (A line that is no sentence labels the paragraph under it, and goes on in it.)
        ("", "Monday to Friday\nFrom nine to five, also on holidays."),
        ("", "Weekends\nClosed, except in December when we open on Saturdays from ten to two.")]
    assert {p.title for p in passages} == {"Opening hours"}


def test_pdf_question_paragraphs_are_answered_by_all_that_follows(tmp_path):
    # A Word FAQ saved as PDF: questions are paragraphs in the body's type, answers run over paragraphs.
    # The answer's second paragraph had been a passage of its own. Under a heading that asks, a question
    # paragraph belongs to the answer.
    def body(text, gap=12):
        return (text, "body", 11, 72, gap)

    page = [("Dash FAQ", "bold", 18, 72, 0), body("Who can deposit data?", 14),
            body("Any member of staff can deposit data, and so can visiting researchers who hold a"),
            body("library card.", 3), body("Students need the approval of their supervisor."),
            body("How long will my data stay available?"), body("It is archived for good."),
            ("Why does my upload fail?", "bold", 14, 72, 16), body("Have you seen the error message above?"),
            body("It names the file that is too large.")]
    passages, problems = read(tmp_path, "faq.pdf", pdf_bytes([page]))
    assert problems == [] and faq(passages) == {
        "Who can deposit data?": "Any member of staff can deposit data, and so can visiting researchers who hold a "
                                 "library card.\nStudents need the approval of their supervisor.",
        "How long will my data stay available?": "It is archived for good.",
        "Why does my upload fail?": "Have you seen the error message above?\nIt names the file that is too large."}


def test_pdf_in_two_columns_is_read_column_by_column(tmp_path):
    # A paper's layout: a title over both columns, then two columns whose lines stand side by side. Read
    # line by line across the page, each line had joined half a sentence of one column to the other's.
    left = ["Backups run every night at two and keep", "thirty days of history. Each backup only",
            "copies the files that changed since the", "night before, so that it takes a few min-",
            "utes on most machines."]
    right = ["Restoring a file takes one command: pick", "the day and the folder, and the file is",
             "copied back to where it was before it", "was deleted or changed by mistake, with",
             "its owner unchanged."]
    page = [("How backups work", "bold", 16, 72, 0)]
    for k, (a, b) in enumerate(zip(left * 2, right * 2)):
        page += [(a, "body", 9, 72, 14 if k == 0 else (9 if k == 5 else 3)), (b, "body", 9, 320, -9)]
    passages, problems = read(tmp_path, "backups.pdf", pdf_bytes([page]))
    first_left = " ".join(left).replace("min- utes", "minutes")
    first_right = " ".join(right)
    assert problems == [] and [p.text for p in passages] == [first_left, first_left, first_right, first_right]


def test_pdf_faq_in_bold_with_a_linked_contents_list(tmp_path):
    # A FAQ page saved as PDF: its contents list (links on the page) runs its entries together, and its
    # questions are bold lines, numbered, some of them statements. The list named the entries again, and
    # the questions were read as the text's first sentence.
    def question(text):
        return (text, "bold", 11, 72, 14)

    def answer(text):
        return (text, "body", 11, 72, 4)

    page = [("Valgrind FAQ", "bold", 20, 72, 0),
            answer("1.1. How do you pronounce Valgrind?"), answer("1.2. Where does the name come from?"),
            answer("3.1. Programs run OK, but crash at exit."),
            question("1.1. How do you pronounce Valgrind?"), answer("The Val as in the word value."),
            question("1.2. Where does the name come from?"), answer("From Nordic mythology."),
            question("2.1. Why does make fail?"), answer("Install the static C library."),
            question("3.1. Programs run OK, but crash at exit."), answer("Upgrade your C library.")]
    passages, problems = read(tmp_path, "faq.pdf", pdf_bytes([page]))
    assert problems == []
    assert faq(passages) == {"How do you pronounce Valgrind?": "The Val as in the word value.",
                             "Where does the name come from?": "From Nordic mythology.",
                             "Why does make fail?": "Install the static C library.",
                             "Programs run OK, but crash at exit.": "Upgrade your C library."}
    assert [p.kind for p in passages] == ["faq"] * 4


def test_pdf_printed_from_a_browser(tmp_path):
    # A browser prints the date and title atop each page and the address and page count at its foot. On a
    # document of two pages they were read as text, and the footer as the section of what followed it.
    pages = [["11/30/26, 2:04 PM Frequently Asked Questions", "Q: Is it free?", "Yes, for everyone.",
              "Q: Does it run offline?", "Yes.", "file:///docs/faq.html 1/2"],
             ["11/30/26, 2:04 PM Frequently Asked Questions", "Q: Can I export my data?", "Yes, as CSV.",
              "file:///docs/faq.html 2/2"]]
    passages, problems = read(tmp_path, "faq.pdf", pdf_bytes(pages))
    assert problems == []
    assert faq(passages) == {"Is it free?": "Yes, for everyone.", "Does it run offline?": "Yes.",
                             "Can I export my data?": "Yes, as CSV."}
    assert all("file:" not in p.text + p.section and "PM" not in p.text + p.section for p in passages)


def test_pdf_of_a_manual_page_saved_as_text_is_read_as_a_manual_page(tmp_path):
    # gitfaq(7) saved as text and printed by a browser, all in one monospaced type: pdfplumber gives its header
    # single-spaced ("GITFAQ(7) Git Manual GITFAQ(7)"), so the page was not known for a manual page, and its
    # questions were read as four passages of 3,000 to 7,000 characters, without their sections. A line too long
    # for the paper goes on at the margin.
    text = ["GITFAQ(7)                  Git Manual                  GITFAQ(7)", "", "NAME",
            "       gitfaq - Frequently asked questions about using Git", "", "CONFIGURATION",
            "       What should I put in user.name?",
            "           You should put your personal name.", "", "CREDENTIALS",
            "       How do I use multiple accounts with the same hosting provider using", "       HTTP?",
            "           Usually the easiest way is to use the username in the URL:", "",
            "               # This is the key pair registered for author with",
            "git.example.org.", "               IdentityFile ~/.ssh/id_author", "",
            "Git 2.39.5                   10/07/2025                    GITFAQ(7)"]
    lines, blank = [], 0
    for line in text:
        if not line:
            blank += 1
            continue
        indent = len(line) - len(line.lstrip())
        lines.append((line.strip(), "mono", 10, 40 + 6 * indent, 1.5 + 11.5 * blank))
        blank = 0
    passages, problems = read(tmp_path, "gitfaq.pdf", pdf_bytes([lines]))
    assert problems == []
    assert [(p.kind, p.section, p.question, p.text) for p in passages] == [
        ("faq", "CONFIGURATION", "What should I put in user.name?",
         "What should I put in user.name?\nYou should put your personal name."),
        ("faq", "CREDENTIALS", "How do I use multiple accounts with the same hosting provider using HTTP?",
         "How do I use multiple accounts with the same hosting provider using HTTP?\n"
         "Usually the easiest way is to use the username in the URL:\n"
         "# This is the key pair registered for author with git.example.org.\nIdentityFile ~/.ssh/id_author")]
    assert {p.title for p in passages} == {"gitfaq - Frequently asked questions about using Git"}


def test_pdf_ruled_table_is_a_table(tmp_path):
    # Cells drawn in a grid: each row is a table row with its header, not a line of text.
    page = [("Prices", "bold", 14, 72, 0)]  # its baseline at 746 points
    for r, (plan, price) in enumerate([("Plan", "Price"), ("Pro", "10 dollars"), ("Team", "25 dollars")]):
        # baselines at 716, 696 and 676 points, between the grid's lines
        page += [(plan, "body", 11, 80, 19 if r == 0 else 9), (price, "body", 11, 240, -11)]
    grid = [(72, y, 400, y) for y in (730, 710, 690, 670)] + [(x, 670, x, 730) for x in (72, 230, 400)]
    passages, problems = read(tmp_path, "prices.pdf", pdf_bytes([page], rules=grid))
    assert problems == []
    assert [(p.kind, p.title, p.text) for p in passages] == [
        ("table", "Prices", "Prices\nPlan | Price\nPro | 10 dollars"),
        ("table", "Prices", "Prices\nPlan | Price\nTeam | 25 dollars")]


def test_pdf_table_ruled_round_its_body_only_keeps_a_row_per_name(tmp_path):
    # Graphviz's tables of attributes are ruled round the header and round the body only: the body had been one
    # row whose cells held every row's text, "fontname" one name among all, its default and meaning out of reach.
    rows = [("color", "black", "node shape color"), ("fontname", "Times-Roman", "font family name, e.g."),
            ("", "", "Courier, Helvetica"), ("fontsize", "14", "point size of label"), ("label", "", "any string"),
            ("shape", "ellipse", "ellipse, box, circle")]
    page = [("Attributes", "bold", 14, 72, 0), ("Name", "body", 11, 80, 19), ("Default", "body", 11, 200, -11),
            ("Meaning", "body", 11, 300, -11)]
    for k, (name, default, meaning) in enumerate(rows):
        page += [(name or " ", "body", 11, 80, 9 if k == 0 else 5), (default or " ", "body", 11, 200, -11),
                 (meaning, "body", 11, 300, -11)]
    grid = [(72, y, 500, y) for y in (730, 710, 600)] + [(x, 600, x, 730) for x in (72, 190, 290, 500)]
    passages, problems = read(tmp_path, "attributes.pdf", pdf_bytes([page], rules=grid))
    assert problems == []
    assert [p.text.split("\n")[-1] for p in passages] == [
        "color | black | node shape color", "fontname | Times-Roman | font family name, e.g. Courier, Helvetica",
        "fontsize | 14 | point size of label", "label |  | any string", "shape | ellipse | ellipse, box, circle"]


def test_pdf_ruled_table_cells_keep_the_spaces_between_tightly_set_words(tmp_path):
    # DBLaTeX's tables (FAI's guide) set a cell's words 2 points apart, with no space character: pdfplumber's fixed
    # 3-point tolerance had run them together ("471MBsoftware"). A gap is a space as in a line: past 0.15 of the size.
    page = [("Install times", "bold", 14, 72, 0)]
    for r, (disk, size) in enumerate([("Disk", "Software"), ("SATA", "471"), ("SSD", "6")]):
        page += [(disk, "body", 11, 80, 19 if r == 0 else 9), (size, "body", 11, 240, -11)]
        # the second word 2 points after the first one ends (Helvetica's digits are 0.556 of the size wide)
        page += [("installed" if r == 0 else "MB", "body", 11, 240 + len(size) * 6.116 + 2.0, -11)]
    grid = [(72, y, 400, y) for y in (730, 710, 690, 670)] + [(x, 670, x, 730) for x in (72, 230, 400)]
    passages, problems = read(tmp_path, "times.pdf", pdf_bytes([page], rules=grid))
    assert problems == [] and [p.text.split("\n", 1)[1] for p in passages] == [
        "Disk | Software installed\nSATA | 471 MB", "Disk | Software installed\nSSD | 6 MB"]


def test_pdf_inline_code_in_smaller_type_stays_in_its_line(tmp_path):
    # Inline code set smaller than the text beside it sits lower: pdfplumber, which groups characters by their
    # tops, had read it as a line of its own, so that the sentence lost it ("When you run to back up") and the
    # code stood after it. Chromium draws some glyphs twice in one place: they are read once.
    page = [("Backups", "bold", 16, 72, 0), ("When you run", "body", 12, 72, 10), ("restic backup", "mono", 8, 152, -8),
            ("restic backup", "mono", 8, 152, -8), ("to back up, type the password.", "body", 12, 220, -12)]
    passages, problems = read(tmp_path, "backups.pdf", pdf_bytes([page]))
    assert problems == [] and [(p.title, p.text) for p in passages] == [
        ("Backups", "When you run restic backup to back up, type the password.")]


def test_pdf_table_without_rules_is_a_table(tmp_path):
    # A browser's table with roomy cells and a bold header, printed: no rules, and each cell centred in
    # its row, so that "start" sits between the two lines of its effect. Each row is a row under its
    # header, as the same table in HTML; read as lines, "start" had landed inside the sentence beside it.
    page = [("Commands", "bold", 14, 72, 0), ("Command", "bold", 11, 72, 12), ("Effect", "bold", 11, 200, -11),
            ("Starts the server in the background and writes", "body", 11, 200, 12),
            ("start", "body", 11, 72, -5), ("its process id to the pid file.", "body", 11, 200, -5),
            ("stop", "body", 11, 72, 12), ("Stops the server.", "body", 11, 200, -11),
            ("status", "body", 11, 72, 12), ("Prints whether the server runs.", "body", 11, 200, -11),
            ("Each command needs a pid file that its user can write.", "body", 11, 72, 14)]
    passages, problems = read(tmp_path, "server.pdf", pdf_bytes([page]))
    assert problems == []
    assert [(p.kind, p.text) for p in passages] == [
        ("table", "Commands\nCommand | Effect\nstart | Starts the server in the background and writes its process id "
                  "to the pid file."),
        ("table", "Commands\nCommand | Effect\nstop | Stops the server."),
        ("table", "Commands\nCommand | Effect\nstatus | Prints whether the server runs."),
        ("text", "Each command needs a pid file that its user can write.")]


def test_pdf_table_under_a_rule_without_bold_is_a_table_and_columns_without_a_header_are_lines(tmp_path):
    # A typeset table (booktabs): rules above and below it and one under its header, set in the body's type.
    # Lines in columns with nothing to head them (a label and its value) stay lines.
    page = [("Limits", "bold", 14, 72, 0), ("Plan", "body", 11, 72, 10), ("Users", "body", 11, 240, -11)]
    page += [cell for plan, users in [("Free", "1"), ("Pro", "5"), ("Team", "25")]
             for cell in [(plan, "body", 11, 72, 6), (users, "body", 11, 240, -11)]]
    page += [("Storage", "body", 11, 72, 30), ("10 GB", "body", 11, 240, -11), ("Support", "body", 11, 72, 6),
             ("By email", "body", 11, 240, -11), ("Backups", "body", 11, 72, 6), ("Daily", "body", 11, 240, -11)]
    # The header's baseline is at 725 points, the rows' at 708, 691 and 674.
    rules = [(72, y, 400, y) for y in (738, 720, 668)]
    passages, problems = read(tmp_path, "limits.pdf", pdf_bytes([page], rules=rules))
    assert problems == []
    assert [(p.kind, p.text) for p in passages] == [
        ("table", "Limits\nPlan | Users\nFree | 1"), ("table", "Limits\nPlan | Users\nPro | 5"),
        ("table", "Limits\nPlan | Users\nTeam | 25"),
        ("text", "Storage 10 GB Support By email Backups Daily")]


# pdf_bytes([["Hello there."]]) encrypted with the user password "secret" (pypdf's PdfWriter.encrypt),
# zlib-compressed and base64-encoded.
ENCRYPTED_PDF = (
    "eNqdkz1v1EAQhisktEoKJArKpbgy8X57VzodUj5OoIByugANSrH2joPRYUf2XpRAwQ+IKBBUSEhUSCmhoeYXIEQJNNBR0NGzvlwS"
    "S04B2C5235l5Zryz0xutDZfoskC97z8+fkYUE1wmD1C/j6JRVbppChXuJ1qxWJFExgM0GCAoXOPDWr63D3YBRyO7AzWKVstp4TFF"
    "0UbuanwPi+A4xtutUN4JXbXeTsoddMzADXvcChDn5kLRLXC5XSn3QxYSXkUZjg0LuaIx1OW0SgOriRmWoaLZgmI5Y0dDhtV8xXF8"
    "ki98of7CQ+FrrI/tI1uFbacm2ampyYKirWniZ9tGDKewYmuY5Y+uw2QPfJ7aFkX9P2VppZy4Fir+Z1ToVJVD1WLoFuMmFDv+Phaq"
    "sde+AvsQPVv8TS4s8oXs/afDl0+Xr22Qb6OFrz9/vTh8+2r78tXHH95MrxyRi6/fPTm69PxLQ50Hzvmmxb+LWegT5qeZKNPhtLFg"
    "RhgVMxPMw3ziwxWMtrwtnK0cijZxn7hEaimzVHKmpDIQK2mISm2mBIgQbkXKiFNgjMocZEZxMIkkmmQGiOahx3dwHxLHQQOXDSz4"
    "CJ0I5TTEXFspZCgmyQRIEBBLbQVVgpCwV1mWWUKJbs/CfgUZIpgSRE4frKTkEmf4VKPhyswsxZkmTUejVHc1FXc0fg6P664mFOlo"
    "knVzKCbONF/ZfBKuRtOorfwRNP8WjcvSY348FTeKrMR0vl4LA9hXoWuJoBl3ImYOrEyd5pQbGxqlE0UGf+MSRne9SKuDXY/NycDV"
    "3lZ+dsSaG9TrrW8O0R8R6UPg")


def test_password_protected_pdf_is_reported(tmp_path):
    passages, problems = read(tmp_path, "locked.pdf", zlib.decompress(base64.b64decode(ENCRYPTED_PDF)))
    assert passages == [] and "encrypted with a password" in str(problems[0])


def test_scanned_pdf_is_reported_not_empty(tmp_path):
    passages, problems = read(tmp_path, "scan.pdf", pdf_bytes([[], []]))
    assert passages == [] and "no text layer" in str(problems[0]) and problems[0].path == "scan.pdf"


def test_faq_tables_find_their_columns(tmp_path):
    csv_text = ('id,q_fr,q_en,a_fr,a_en,category\n1,Pourquoi ?,Why is it free?,Parce que.,'
                '"Because it is <a href=\'x\'>funded</a> by\n  [grants](http://g.org).",Billing\n')
    passages, problems = read(tmp_path, "faq.csv", csv_text)
    assert problems == [] and [(p.question, p.text, p.section) for p in passages] == [
        ("Why is it free?", "Why is it free?\nBecause it is funded by grants.", "Billing")]
    passages, _ = read(tmp_path, "support.tsv", "query\tresponse\nHow do I log in?\tUse your email.\n")
    assert faq(passages) == {"How do I log in?": "Use your email."}
    passages, _ = read(tmp_path, "bot.jsonl", json.dumps({"prompt": "Is it open?", "reply": "Yes, 24/7."}) + "\n")
    assert faq(passages) == {"Is it open?": "Yes, 24/7."}


def test_faq_columns_set_in_corpus_toml(tmp_path):
    passages, problems = read(tmp_path, "faq.csv", "Frage,Antwort,Thema\nWie alt?,Zehn Jahre.,Allgemein\n",
                              config='[faq]\nquestion_column = "Frage"\nanswer_column = "Antwort"\n')
    assert problems == [] and [(p.question, p.section) for p in passages] == [("Wie alt?", "Allgemein")]


def test_files_excluded_in_corpus_toml_are_not_read(tmp_path):
    # A project's docs folder holds its changelogs, whose items name the same options as the guide: asked
    # "how do I run my Django project?", gunicorn's docs answered with its 2013 release notes.
    (tmp_path / "docs" / "news").mkdir(parents=True)
    (tmp_path / "docs" / "run.md").write_text("# Django\n\nRun `gunicorn myproject.wsgi`.\n")
    (tmp_path / "docs" / "2013-news.md").write_text("# 18.0\n\n- new: add `--env`\n")
    (tmp_path / "docs" / "news" / "2014.md").write_text("# 19.0\n\n- new: add `--chdir`\n")
    (tmp_path / "CHANGELOG.rst").write_text("Changes\n=======\n\nAll of them.\n")
    assert len(Corpus.open(tmp_path).files) == 4
    (tmp_path / "corpus.toml").write_text('[files]\nexclude = ["CHANGELOG*", "docs/*-news.md", "docs/news/*"]\n')
    corpus = Corpus.open(tmp_path)
    assert [corpus.name(p) for p in corpus.files] == ["docs/run.md"]
    assert [p.text for p in corpus.load().passages] == ["Run `gunicorn myproject.wsgi`."]
    # `chatbot build` says which files it left out.
    assert _format_files(corpus.load().files).splitlines()[-1] == (
        "  3 files left out (corpus.toml's exclude, a built site's copies of its pages, index pages, search index and "
        "not-found page): CHANGELOG.rst, docs/2013-news.md, docs/news/2014.md")
    # The admin page refuses an upload the folder would not read.
    assert corpus.leaves_out("CHANGELOG-2.md") and corpus.leaves_out("404.md") and not corpus.leaves_out("faq.md")
    (tmp_path / "corpus.toml").write_text('[files]\nexclude = "CHANGELOG*"\n')
    with pytest.raises(CorpusError, match=r'exclude = \["pattern", ...\]'):
        Corpus.open(tmp_path)


@pytest.mark.parametrize("config, message", [
    # A misspelt table or key had been ignored, changing nothing; a value where a table belongs had been a traceback.
    ('[titel]\n"faq.md" = "Help"\n', r"unknown table \[titel\].*\[titles\], \[synonyms\], \[faq\]"),
    ('[faq]\nquestion_colum = "Frage"\n', r"\[faq\] has no key 'question_colum'; it takes answer_column, question_column"),
    ('titles = "Help"\n', r"titles must be a table, \[titles\]"),
    ('synonyms = ["PM"]\n', r"synonyms must be a table, \[synonyms\]"),
])
def test_a_corpus_toml_of_the_wrong_shape_says_what_is_wrong(tmp_path, config, message):
    (tmp_path / "faq.md").write_text("# Help\n\n## Is it free?\n\nYes.\n")
    (tmp_path / "corpus.toml").write_text(config)
    with pytest.raises(CorpusError, match=message):
        Corpus.open(tmp_path)


def test_a_built_sphinx_site_is_read_from_its_pages_not_its_copies_of_their_sources_nor_its_index_pages(tmp_path):
    # Sphinx copies each page's source into _sources/ (faq.rst.txt for faq.html): a built site had been read
    # twice, every answer cited from a file nobody opens.
    (tmp_path / "_sources" / "guide").mkdir(parents=True)
    (tmp_path / "guide").mkdir()
    (tmp_path / "faq.html").write_text("<h1>FAQ</h1><h2>Is it free?</h2><p>Yes.</p>")
    (tmp_path / "_sources" / "faq.rst.txt").write_text("FAQ\n===\n\nIs it free?\n-----------\n\nYes.\n")
    (tmp_path / "guide" / "setup.html").write_text("<h1>Setup</h1><p>Run it.</p>")
    (tmp_path / "_sources" / "guide" / "setup.md.txt").write_text("# Setup\n\nRun it.\n")
    (tmp_path / "_sources" / "notes.rst.txt").write_text("Notes\n=====\n\nA page that was not built.\n")
    # The pages it generates to find the others hold no documentation ("| s | supervisor.xmlrpc |").
    for page in ("genindex.html", "search.html", "py-modindex.html"):
        (tmp_path / page).write_text("<h1>Index</h1><p>Searching for multiple words only shows matches.</p>")
    assert "search.html" in [p.name for p in Corpus.open(tmp_path).files]  # not a Sphinx build without its inventory
    (tmp_path / "objects.inv").write_bytes(b"# Sphinx inventory version 2\n")
    corpus = Corpus.open(tmp_path)
    assert [corpus.name(p) for p in corpus.files] == ["_sources/notes.rst.txt", "faq.html", "guide/setup.html"]


def test_a_built_mkdocs_site_is_read_from_its_pages_not_its_search_index_nor_its_not_found_page(tmp_path):
    # MkDocs writes every page again into search/search_index.json, which had been read as FAQ entries that
    # outranked the pages; the not-found page gave "Page not found" and its keyboard shortcuts as a table.
    index = {"docs": [{"location": "faq/", "title": "Is it free?", "text": "Yes."}]}
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index))
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "index.html").write_text("<h1>FAQ</h1><h2>Is it free?</h2><p>Yes.</p>")
    (tmp_path / "404.html").write_text("<h1>404</h1><p>Page not found</p>")
    (tmp_path / "404.md").write_text("# Page Not Found\n\nThe page you're looking for doesn't exist.\n")
    (tmp_path / "404").mkdir()  # MkDocs Material builds 404.md so
    (tmp_path / "404" / "index.html").write_text("<h1>Page Not Found</h1><p>The page doesn't exist.</p>")
    assert "search/search_index.json" in [p.relative_to(tmp_path).as_posix() for p in Corpus.open(tmp_path).files]
    (tmp_path / "sitemap.xml").write_text("<urlset/>")
    corpus = Corpus.open(tmp_path)
    assert [corpus.name(p) for p in corpus.files] == ["faq/index.html"]


def test_built_vitepress_and_starlight_sites_are_read_from_their_pages(tmp_path):
    # VitePress puts a page's text in <div class="VPContent has-sidebar">: "has-sidebar" had made the whole
    # text furniture, and every page gave nothing. Its code blocks carry a badge naming their language, which
    # had opened the code ("bash npm deprecate ..."); its map of page scripts (hashmap.json) is no FAQ file.
    page = """<html><head><title>npm-deprecate | npm Docs</title></head><body><div id="app"><div class="Layout">
<a href="#VPContent" class="VPSkipLink visually-hidden">Skip to content</a>
<header class="VPNav"><div class="VPNavBar"><a class="title" href="/">npm Docs</a></div></header>
<aside class="VPSidebar"><nav><a href="/using-npm/scripts.html">Scripts</a></nav></aside>
<div class="VPContent has-sidebar" id="VPContent"><div class="VPDoc has-sidebar has-aside"><div class="container">
<div class="aside"><nav class="VPDocAsideOutline"><div class="outline-title">On this page</div></nav></div>
<div class="content"><main class="main"><div class="vp-doc _commands_npm-deprecate"><div>
<h3 id="description" tabindex="-1">Description <a class="header-anchor" href="#description">​</a></h3>
<p>This command will update the npm registry entry for a package, providing a deprecation warning.</p>
<div class="language-bash vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">bash</span>
<pre class="shiki vp-code"><code><span class="line">npm deprecate my-thing@1.x "1.x is no longer supported"</span></code></pre></div>
</div></div></main><footer class="VPDocFooter"><a href="/">Edit this page</a></footer></div></div></div></div>
<footer class="VPFooter">Released under the MIT License.</footer></div></div></body></html>"""
    passages, problems = read(tmp_path, "npm-deprecate.html", page)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("Description", "This command will update the npm registry entry for a package, providing a deprecation warning.\n"
                        'npm deprecate my-thing@1.x "1.x is no longer supported"')]
    # Nor is the Pagefind search index of Starlight's and Hugo's sites.
    (tmp_path / "hashmap.json").write_text(json.dumps({"commands_npm-deprecate.md": "lBCwrSwJ"}))
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "pagefind-entry.json").write_text(json.dumps({"version": "1.6.0", "languages": {}}))
    assert len(Corpus.open(tmp_path).files) == 3
    (tmp_path / "404.html").write_text("<h1>404</h1><p>Page not found</p>")
    corpus = Corpus.open(tmp_path)
    assert [corpus.name(p) for p in corpus.files] == ["npm-deprecate.html"]


def test_html_code_blocks_keep_lines_written_as_breaks_or_divs(tmp_path):
    # Docusaurus' Prism ends each line of code with <br> inside a <div> of its own, gtk-doc breaks a long
    # signature with <br>; read as plain text, the lines ran together ('{  "license": "ISC"}').
    page = """<html><body><main><h2>license</h2><p>Use an SPDX expression, like this:</p>
<div class="language-json codeBlockContainer_Ckt0"><pre class="prism-code language-json"><code>\
<div class="token-line"><span class="token punctuation">{</span><br/></div>\
<div class="token-line"><span class="token plain">  </span><span class="token property">"license"</span>: \
<span class="token string">"ISC"</span><br/></div>\
<div class="token-line"><span class="token punctuation">}</span></div></code></pre></div>
<h2>exsltRegisterAll</h2><pre class="programlisting">int exsltDateXpathCtxtRegister (xmlXPathContextPtr ctxt, <br/>\
    const xmlChar * prefix)</pre></main></body></html>"""
    passages, problems = read(tmp_path, "package-json.html", page)
    assert problems == []
    assert [p.text for p in passages] == [
        'Use an SPDX expression, like this:\n{\n  "license": "ISC"\n}',
        "int exsltDateXpathCtxtRegister (xmlXPathContextPtr ctxt, \n    const xmlChar * prefix)"]


def test_html_faq_drawn_by_a_script_is_read_from_its_structured_data(tmp_path):
    # A page whose FAQ a script draws holds it only in its schema.org FAQPage data; it had given nothing but
    # the text around it. Entries the page shows as text are not read twice.
    data = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "FAQ"}, {
        "@type": "FAQPage", "mainEntity": [
            {"@type": "Question", "name": "How do I reset my password?",
             "acceptedAnswer": {"@type": "Answer", "text": "<p>Use the link.</p><p>It expires in an hour.</p>"}},
            {"@type": "Question", "name": "Can I pay by invoice?",
             "acceptedAnswer": {"@type": "Answer", "text": "Yes, on the Business plan."}}]}]}
    page = (f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head><body>'
            '<div id="root"></div><h2>Can I pay by invoice?</h2><p>Yes, on the Business plan.</p>'
            "<h2>Contact</h2><p>Write to us.</p></body></html>")
    passages, problems = read(tmp_path, "faq.html", page)
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "How do I reset my password?\nUse the link.\nIt expires in an hour."),
        ("faq", "Can I pay by invoice?\nYes, on the Business plan."), ("text", "Write to us.")]
    broken = page.replace('"@context"', '"@context" oops')
    passages, problems = read(tmp_path, "broken.html", broken)
    assert problems == [] and len(passages) == 2

@pytest.mark.parametrize("name", ["faq.docx", "faq.md", "faq.html"])
def test_numbered_questions_answered_by_the_paragraph_after_them(tmp_path, name):
    # Word numbers a FAQ's questions as a list, each answered by a plain paragraph: the answers had run on
    # into the next question ("Download it. - Is there a free trial?"). A list item of release notes that
    # ends with "?" among other items stays an item.
    faq = [("How do I install the app?", "Download it from the store."), ("Is there a free trial?", "Yes, 14 days.")]
    if name.endswith(".docx"):
        import docx

        document = docx.Document()
        for question, answer in faq:
            document.add_paragraph(question, style="List Number")
            document.add_paragraph(answer)
        out = io.BytesIO()
        document.save(out)
        content = out.getvalue()
    elif name.endswith(".md"):
        content = "".join(f"{n}. {q}\n\n{a}\n\n" for n, (q, a) in enumerate(faq, 1))
    else:
        content = "".join(f'<ol start="{n}"><li>{q}</li></ol><p>{a}</p>' for n, (q, a) in enumerate(faq, 1))
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and [(p.kind, p.question, p.text) for p in passages] == [
        ("faq", q, f"{q}\n{a}") for q, a in faq]
    passages, _ = read(tmp_path, "notes.txt", " * Fixed a crash.\n\n * Nobody needs this, right?\n\n * Faster.\n")
    assert [p.kind for p in passages] == ["text"] * len(passages)

@pytest.mark.parametrize("name", ["steps.docx", "steps.odt", "steps.html"])
def test_numbered_steps_keep_their_numbers(tmp_path, name):
    # Word's "List Number" paragraphs, Writer's numbered lists and an <ol> had been read as bullets ("- Download
    # ..."), while Markdown keeps "1.", "2.": the steps' order was lost. A bulleted sub-list stays bulleted.
    steps, options = ["Download the installer.", "Run it:", "Sign in with your e-mail."], ["on Windows;", "on macOS."]
    if name.endswith(".docx"):
        import docx

        document = docx.Document()
        document.add_heading("Installing", level=1)
        document.add_paragraph("To install the agent:")
        for step in steps:
            document.add_paragraph(step, style="List Number")
            for option in options if step == "Run it:" else ():
                document.add_paragraph(option, style="List Bullet 2")
        out = io.BytesIO()
        document.save(out)
        content = out.getvalue()
    elif name.endswith(".odt"):
        def item(text, inner=""):
            return f"<text:list-item><text:p>{text}</text:p>{inner}</text:list-item>"

        sub_list = "<text:list>" + "".join(item(option) for option in options) + "</text:list>"
        content = odt_bytes(
            '<text:h text:outline-level="1">Installing</text:h><text:p>To install the agent:</text:p>'
            '<text:list text:style-name="L1">'
            + "".join(item(step, sub_list if step == "Run it:" else "") for step in steps) + "</text:list>",
            automatic_styles='<text:list-style style:name="L1"><text:list-level-style-number text:level="1" '
                             'style:num-format="1" style:num-suffix="."/><text:list-level-style-bullet text:level="2" '
                             'text:bullet-char="•"/></text:list-style>')
    else:
        sub_list = "<ul>" + "".join(f"<li>{option}</li>" for option in options) + "</ul>"
        content = ("<h1>Installing</h1><p>To install the agent:</p><ol>"
                   + "".join(f"<li>{step}{sub_list if step == 'Run it:' else ''}</li>" for step in steps) + "</ol>")
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and [p.text for p in passages] == [
        "To install the agent:\n1. Download the installer.\n2. Run it:\n  - on Windows;\n  - on macOS.\n"
        "3. Sign in with your e-mail."]


def test_html_numbered_list_counts_from_its_start(tmp_path):
    # <ol start="..."> goes on with steps numbered before it; an item's value sets its number and the next ones'.
    passages, _ = read(tmp_path, "steps.html", "<h2>Restore</h2><p>Then finish the restore:</p><ol start=\"4\">"
                                                "<li>Pick a date.</li><li value=\"9\">Confirm.</li><li>Wait.</li></ol>")
    assert [p.text for p in passages] == ["Then finish the restore:\n4. Pick a date.\n9. Confirm.\n10. Wait."]


@pytest.mark.parametrize("name", ["logs.docx", "logs.odt", "logs.html"])
def test_a_line_break_in_a_paragraph_stays_one(tmp_path, name):
    # Shift+Enter between two paths in Word or Writer had joined them into one line, as if one path
    # ("C:\\...\\agent.log /var/log/acme/agent.log"); a <br> in a web page keeps them apart.
    paths = ["C:\\ProgramData\\Acme\\logs\\agent.log", "/var/log/acme/agent.log"]
    if name.endswith(".docx"):
        import docx

        document = docx.Document()
        document.add_heading("Troubleshooting", level=1)
        document.add_paragraph("Logs are stored in:")
        run = document.add_paragraph().add_run(paths[0])
        run.add_break()
        run.add_text(paths[1])
        out = io.BytesIO()
        document.save(out)
        content = out.getvalue()
    elif name.endswith(".odt"):
        content = odt_bytes('<text:h text:outline-level="1">Troubleshooting</text:h>'
                            "<text:p>Logs are stored in:</text:p>"
                            f"<text:p>{paths[0]}<text:line-break/>{paths[1]}</text:p>")
    else:
        content = f"<h1>Troubleshooting</h1><p>Logs are stored in:</p><p>{paths[0]}<br>{paths[1]}</p>"
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and [p.text for p in passages] == [f"Logs are stored in:\n{paths[0]}\n{paths[1]}"]


@pytest.mark.parametrize("name", ["support.html", "support.md", "support.docx"])
def test_a_table_under_the_documents_title_is_named_by_it(tmp_path, name):
    # A page's <h1> is its title, which heads no section: the rows of a table under it had had no name line,
    # while those of the same table under any other heading are named by it. A row's passage is embedded as it
    # reads, with nothing else to say what its table is about.
    rows = [("Plan", "First response"), ("Starter", "3 business days"), ("Business", "4 hours")]
    if name.endswith(".html"):
        content = ("<html><head><title>Support policy</title></head><body><h1>Support policy</h1>"
                   "<p>Response times depend on the plan.</p><table>"
                   + "".join(f"<tr><{c}>{a}</{c}><{c}>{b}</{c}></tr>" for (a, b), c in zip(rows, ["th", "td", "td"]))
                   + "</table></body></html>")
    elif name.endswith(".md"):
        content = ("# Support policy\n\nResponse times depend on the plan.\n\n| Plan | First response |\n|---|---|\n"
                   + "".join(f"| {a} | {b} |\n" for a, b in rows[1:]))
    else:
        import docx

        document = docx.Document()
        document.add_heading("Support policy", level=0)  # the Title style
        document.add_paragraph("Response times depend on the plan.")
        table = document.add_table(rows=0, cols=2)
        for a, b in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = a, b
        out = io.BytesIO()
        document.save(out)
        content = out.getvalue()
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and [p.text for p in passages] == [
        "Response times depend on the plan.", "Support policy\nPlan | First response\nStarter | 3 business days",
        "Support policy\nPlan | First response\nBusiness | 4 hours"]


def test_numbered_and_abbreviated_labels_mark_questions_and_answers(tmp_path):
    # "Q1." and "Ans:" had not been labels: each entry was one paragraph of text, its labels in it. A heading
    # labelled "Q:" asks even without its "?". A program's "q4: (error) ..." message is no label.
    passages, _ = read(tmp_path, "faq.txt", "Product FAQ\n\nQ1. How do I install the app?\nAns: From the store.\n\n"
                                            "Q2: Can I cancel anytime\nA2: Yes, from Settings.\n")
    assert [(p.kind, p.question, p.text) for p in passages] == [
        ("faq", "How do I install the app?", "How do I install the app?\nFrom the store."),
        ("faq", "Can I cancel anytime", "Can I cancel anytime\nYes, from Settings.")]
    passages, _ = read(tmp_path, "faq.md", "# FAQ\n\n## Q: Is there a free trial\n\nYes, 14 days.\n\n"
                                           "**Question 3: How do I cancel?**\n**A:** From Settings.\n")
    assert [(p.kind, p.question) for p in passages] == [("faq", "Is there a free trial"), ("faq", "How do I cancel?")]
    passages, _ = read(tmp_path, "notes.md", "# Errors\n\nConfigure may stop.\n\nq4: (error) vmunix not found.\n\n"
                                             "A1: (warning) not processed.\n")
    assert [(p.kind, p.text) for p in passages] == [
        ("text", "Configure may stop."), ("text", "q4: (error) vmunix not found."),
        ("text", "A1: (warning) not processed.")]

def test_xlsx_faq(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Category", "Question", "Answer"])
    sheet.append(["Orders", "Can I cancel an order?", "Yes, within one hour."])
    sheet.append([None, None, None])
    sheet.append(["Orders", "Where is my parcel?", None])
    out = io.BytesIO()
    book.save(out)
    passages, problems = read(tmp_path, "faq.xlsx", out.getvalue())
    assert [(p.question, p.section, p.line) for p in passages] == [("Can I cancel an order?", "Orders", 2)]
    assert [(p.line, "answer" in p.reason) for p in problems] == [(4, True)]



def test_xlsx_faq_under_a_title_row_with_bookkeeping_columns(tmp_path):
    # A sheet made by hand opens with its title; an export keeps dates and flags beside the entries. The
    # header had been taken from the title row (the whole sheet lost), the dates shown as sections.
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Acme support FAQ"])
    sheet.append([])
    sheet.append(["Category", "Question", "Answer", "Updated", "Published", "Views"])
    sheet.append(["Billing", "How do I pay?", "By card.", datetime.date(2024, 5, 1), "TRUE", 120])
    out = io.BytesIO()
    book.save(out)
    passages, problems = read(tmp_path, "faq.xlsx", out.getvalue())
    assert problems == [] and [(p.question, p.section, p.line) for p in passages] == [("How do I pay?", "Billing", 4)]

def ods_faq() -> bytes:
    """A Calc workbook: a sheet made by hand (a title over a blank row and the header; repeated cells and the
    empty rows that run to the sheet's edge written once each, as Calc writes them), and a sheet of notes."""
    def row(*cells, repeat=1):
        out = "".join(f'<table:table-cell table:number-columns-repeated="{n}"><text:p>{c}</text:p></table:table-cell>'
                      if n > 1 else c if c.startswith("<") else
                      f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" if c else
                      "<table:table-cell/>" for c, n in cells)
        return f'<table:table-row table:number-rows-repeated="{repeat}">{out}</table:table-row>'

    faq = (row(("Acme support FAQ", 1)) + row()
           + row(("Category", 1), ("Question", 1), ("Answer", 1))
           + row(("Billing", 1), ("How do I pay?", 1), ("<table:table-cell><office:annotation><text:p>Check with "
                                                       "finance</text:p></office:annotation><text:p>By card.</text:p>"
                                                       "</table:table-cell>", 1), ("", 16380))
           + row(("Billing", 1), ("Can I pay later?", 1), ("Yes,<text:s/>within 30 days.", 1))
           + row(("", 1), ("Where is my parcel?", 1)) + row(repeat=1048570))
    notes = row(("Question", 1), ("Answer", 1)) + row(("Is there a phone line?", 1), ("No.", 1))
    return odt_bytes(f'<table:table table:name="FAQ">{faq}</table:table>'
                     f'<table:table table:name="Notes">{notes}</table:table>', kind="spreadsheet")


def test_ods_faq_sheets_read_as_excel_ones(tmp_path):
    # LibreOffice Calc's own format had been skipped with a hint to save it as .xlsx.
    passages, problems = read(tmp_path, "faq.ods", ods_faq())
    assert [(p.question, p.section, p.line, p.text.split("\n")[-1]) for p in passages] == [
        ("How do I pay?", "Billing", 4, "By card."), ("Can I pay later?", "Billing", 5, "Yes, within 30 days."),
        ("Is there a phone line?", "", 2, "No.")]
    assert [(p.line, "sheet 'FAQ'" in p.reason and "answer" in p.reason) for p in problems] == [(6, True)]


def pptx_faq() -> bytes:
    """A deck: a title slide; a FAQ slide (the question its title, the answer in the body, a sub-point, a
    paragraph that turns its bullet off, a slide number, speaker notes); a slide with a table; a slide of
    "Q:"/"A:" lines in a text box inside a group, one given a bullet."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = "Vault FAQ"
    first.placeholders[1].text = "Questions researchers ask"
    entry = deck.slides.add_slide(deck.slide_layouts[1])
    entry.shapes.title.text = "Who can deposit data here?"
    body = entry.placeholders[1].text_frame
    body.text = "Any member of the university."
    sub = body.add_paragraph()
    sub.text, sub.level = "Students need a supervisor", 1
    plain = body.add_paragraph()
    plain.text = "Ask the library for help."
    plain._p.get_or_add_pPr().insert(0, plain._p.makeelement(qn_a("buNone"), {}))
    number = entry.shapes.add_textbox(Inches(9), Inches(7), Inches(1), Inches(0.4))
    number.text_frame.text = "2"
    number.element.nvSpPr.nvPr.append(number.element.makeelement(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}ph", {"type": "sldNum"}))
    entry.notes_slide.notes_text_frame.text = "Alumni keep their access for a year."
    limits = deck.slides.add_slide(deck.slide_layouts[5])  # a title only
    limits.shapes.title.text = "Limits"
    table = limits.shapes.add_table(4, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r, (a, b) in enumerate([("Item", "Limit"), ("File size", "10 GB"), ("Files", "1000"), ("Folders", "")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    table.cell(2, 1).merge(table.cell(3, 1))  # one limit for both rows: a merged cell fills each
    labelled = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    group = labelled.shapes.add_group_shape()
    box = group.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(3)).text_frame
    box.text = "Q: Can I delete a dataset?"
    answer = box.add_paragraph()
    answer.text = "A: Only within 30 days."
    bullet = box.add_paragraph()
    bullet.text = "After that, ask the curators."
    bullet._p.get_or_add_pPr().insert(0, bullet._p.makeelement(qn_a("buChar"), {"char": "•"}))
    # A menu of links is dropped; one link set on two runs is one link, kept as text.
    menu, linked = box.add_paragraph(), box.add_paragraph()
    for paragraph, pieces in [(menu, [("Previous", "a.html"), (" | ", None), ("Next", "b.html")]),
                              (linked, [("The curators' ", "c.html"), ("page", "c.html")])]:
        for text, address in pieces:
            run = paragraph.add_run()
            run.text = text
            if address:
                run.hyperlink.address = address
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def qn_a(name: str) -> str:
    return f"{{http://schemas.openxmlformats.org/drawingml/2006/main}}{name}"


def test_pptx_slides_read_as_sections_with_their_notes_and_tables(tmp_path):
    # Slides had been skipped with a hint to export them as PDF.
    passages, problems = read(tmp_path, "vault.pptx", pptx_faq())
    assert problems == [] and [(p.kind, p.title, p.section, p.text) for p in passages] == [
        ("text", "Vault FAQ", "", "Questions researchers ask"),
        ("faq", "Vault FAQ", "", "Who can deposit data here?\n- Any member of the university.\n"
                                 "  - Students need a supervisor\nAsk the library for help.\n"
                                 "Alumni keep their access for a year."),
        ("table", "Vault FAQ", "Limits", "Limits\nItem | Limit\nFile size | 10 GB"),
        ("table", "Vault FAQ", "Limits", "Limits\nItem | Limit\nFiles | 1000"),
        ("table", "Vault FAQ", "Limits", "Limits\nItem | Limit\nFolders | 1000"),
        ("faq", "Vault FAQ", "Limits",
         "Can I delete a dataset?\nOnly within 30 days.\n- After that, ask the curators.\nThe curators' page")]
    passages, problems = read(tmp_path, "broken.pptx", b"PK\x03\x04 not really a deck")
    assert passages == [] and "not a readable PowerPoint .pptx file" in str(problems[0])


WORD_RTF = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman Times New Roman{\*\falt Courier New};}"
    r"{\f1\fmodern\fprq1 Courier New;}{\f2\fnil\fcharset2 Symbol;}}"
    r"{\stylesheet{\s0 Normal;}{\s1\outlinelevel0\b\fs32 heading 1;}{\s15\fs48 Title;}"
    r"{\*\cs10 Default Paragraph Font;}}"
    r"{\info{\title Old title}{\author Someone}}"
    r"{\header\pard\plain Acme confidential\par}"
    r"\pard\plain\s15 Acme help\par"
    r"{\field{\*\fldinst TOC \\o \"1-3\"}{\fldrslt\pard\plain Billing\tab 1\par}}"
    r"\pard\plain {\field{\*\fldinst HYPERLINK \"a.html\"}{\fldrslt Previous}} | "
    r"{\field{\*\fldinst HYPERLINK \"b.html\"}{\fldrslt Next}}\par"
    r"\pard\plain\s1\b Billing\par"
    r"\pard\plain\b How do I pay?\b0\par"
    r"\pard\plain You need:{\footnote\pard\plain Since 2020.\par}\par"
    r"{\listtext\pard\plain\f2 \'b7\tab}\pard\plain\ls1\ilvl0 A card or a bank transfer\par"
    r"{\listtext\pard\plain\f2 \'b7\tab}\pard\plain\ls1\ilvl1 Caf\'e9 vouchers \u8212\'97 not coupons\par"
    r"\pard\plain\f1 pay --card 4242\line pay --confirm\par"
    r"\pard\plain\s1 Prices\par"
    r"\trowd\cellx2000\cellx4000\pard\plain\intbl Plan\cell Price\cell\row"
    r"\trowd\cellx2000\cellx4000\pard\plain\intbl Pro\cell 10 {\field{\*\fldinst HYPERLINK \"c\"}{\fldrslt dollars}}"
    r"\cell\row"
    r"{\pict\bin4 {{{{}"  # a picture's raw bytes, which are not RTF
    r"\pard\plain Prices include tax.\par}")
TEXTEDIT_RTF = (
    "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n\\cocoatextscaling0\\cocoaplatform0{\\fonttbl\\f0\\fswiss\\fcharset0 "
    "Helvetica;\\f1\\fnil\\fcharset0 Menlo-Regular;}\n{\\colortbl;\\red255\\green255\\blue255;}\n"
    "{\\*\\expandedcolortbl;;}\n{\\*\\listtable{\\list\\listtemplateid1{\\listlevel{\\*\\levelmarker \\{disc\\}}"
    "{\\leveltext\\'01\\uc0\\u8226 ;}{\\levelnumbers;}}\\listid1}}\n"
    "\\paperw11900\\paperh16840\\margl1440\\margr1440\\vieww11520\\viewh8400\\viewkind0\n"
    "\\pard\\tx720\\pardirnatural\\partightenfactor0\n\n\\f0\\b\\fs24 \\cf0 Opening hours\\\n"
    "\\b0 We open at nine and close at five.\\\n\\\n\\b Can I pay by card?\\\n\\b0 Yes, or in cash:\\\n"
    "\\pard\\tx220\\tx720\\li720\\fi-720\\pardirnatural\\partightenfactor0\n"
    "\\ls1\\ilvl0\\cf0 {\\listtext\t\\uc0\\u8226 \t}euros\\\n{\\listtext\t\\uc0\\u8226 \t}dollars\\\n}")
WORDPAD_RTF = (
    r"{\rtf1\ansi\ansicpg1252\deff0\nouicompat\deflang1033{\fonttbl{\f0\fnil\fcharset0 Calibri;}"
    r"{\f1\fnil\fcharset2 Symbol;}}{\*\generator Riched20 10.0.19041}\viewkind4\uc1 "
    "\n\\pard\\sa200\\sl276\\slmult1\\b\\f0\\fs22\\lang9 Where do I park?\\b0\\par\n"
    r"Behind the building:\par"
    "\n{\\pntext\\f1\\'B7\\tab}{\\*\\pn\\pnlvlblt\\pnf1\\pnindent0{\\pntxtb\\'B7}}\\fi-360\\li720 "
    r"spaces 1 to 40\par"
    "\n{\\pntext\\f1\\'B7\\tab}spaces for bikes\\par\n}")


def test_rtf_as_word_writes_it(tmp_path):
    # RTF had been skipped with a hint to save it as .docx. Word's styles are read from the stylesheet; its
    # header, footnotes, table of contents and document information are not the text; a line of links is
    # a menu; a fixed-pitch paragraph among others is code.
    passages, problems = read(tmp_path, "help.rtf", WORD_RTF)
    assert problems == [] and [(p.kind, p.title, p.section, p.text) for p in passages] == [
        ("faq", "Acme help", "Billing", "How do I pay?\nYou need:\n- A card or a bank transfer\n"
                                         "  - Café vouchers — not coupons\npay --card 4242\npay --confirm"),
        ("table", "Acme help", "Prices", "Prices\nPlan | Price\nPro | 10 dollars"),
        ("text", "Acme help", "Prices", "Prices include tax.")]


def test_rtf_as_textedit_and_wordpad_write_it(tmp_path):
    # TextEdit ends a paragraph with a backslash before the line break and lists its fonts without groups;
    # WordPad marks a bullet with the old \pntext. Neither has a stylesheet: bold lines are the headings.
    passages, problems = read(tmp_path / "mac", "hours.rtf", TEXTEDIT_RTF)
    assert problems == [] and [(p.kind, p.title, p.text) for p in passages] == [
        ("text", "Opening hours", "We open at nine and close at five."),
        ("faq", "Opening hours", "Can I pay by card?\nYes, or in cash:\n- euros\n- dollars")]
    passages, problems = read(tmp_path / "pc", "parking.rtf", WORDPAD_RTF)
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "Where do I park?\nBehind the building:\n- spaces 1 to 40\n- spaces for bikes")]
    passages, problems = read(tmp_path / "pc", "fake.rtf", "Dear all, this is not RTF.")
    assert passages == [] and "is not an RTF file" in str(problems[0])


POD = """=encoding utf8

=head1 NAME

backupFAQ - Frequently Asked Questions about Backup::Tool

=head1 DESCRIPTION

=head2 How do I restore one file?

Call C<< $tool->restore($path) >> with the file's path; see L<Backup::Tool/"restore"> and
L<the manual|https://example.org/manual>. It never overwrites a newer file E<lt>unless forcedE<gt>.

    my $tool = Backup::Tool->new;
    $tool->restore("notes.txt");

=head2 Which stores are supported?X<stores>

=over 4

=item *

Local disks

=item * Amazon S3 and I<compatible>
services

=back

=head1 OPTIONS

=over

=item --verbose

Prints every file.

=item Why is the first run slow?

It reads every file once.

=back

=begin html

<p>Generated page</p>

=end html

=for comment Not shown.

=cut

sub restore { }

=pod

Written by the tool's authors.

=cut
"""


def test_pod_as_perl_writes_its_faqs_and_manuals(tmp_path):
    # Perl's documentation (perlfaq, a module's FAQ) had been skipped as a format no reader takes.
    passages, problems = read(tmp_path, "backupFAQ.pod", POD)
    assert problems == []
    assert {p.title for p in passages} == {"backupFAQ - Frequently Asked Questions about Backup::Tool"}
    assert [(p.kind, p.text, p.line) for p in passages] == [
        ("faq", "How do I restore one file?\nCall `$tool->restore($path)` with the file's path; see restore and the "
                "manual. It never overwrites a newer file <unless forced>.\nmy $tool = Backup::Tool->new;\n"
                '$tool->restore("notes.txt");', 9),
        ("faq", "Which stores are supported?\n- Local disks\n- Amazon S3 and compatible services", 17),
        ("text", "Prints every file.", 36),
        ("faq", "Why is the first run slow?\nIt reads every file once.", 38),
        ("text", "Written by the tool's authors.", 58)]
    assert passages[2].section == "--verbose"


def test_a_module_faq_whose_entries_are_statements_after_its_description(tmp_path):
    # IO::Compress's FAQ.pod: a manual page's DESCRIPTION opens it, then groups of entries, some worded as
    # statements ("Dealing with concatenated gzip files"). DESCRIPTION, the first heading with text under it, had
    # set the entries' level to its own, and the statements were text, a passage per paragraph. A heading in
    # Title Case names a part ("Zip Resources"), as on any page that is all FAQ.
    pod = ("=head1 NAME\n\nIO::Compress::FAQ -- Frequently Asked Questions about IO::Compress\n\n=head1 DESCRIPTION"
           "\n\nCommon questions answered.\n\n=head1 GZIP\n\n=head2 Dealing with concatenated gzip files\n\nSet the "
           "MultiStream option.\n\nIt reads every member.\n\n=head2 Can I read bgzip files?\n\nYes.\n\n"
           "=head2 Gzip Resources\n\nSee RFC 1952.\n\n=head1 AUTHOR\n\nPaul Marquess.\n")
    passages, problems = read(tmp_path, "FAQ.pod", pod)
    assert problems == [] and [(p.kind, p.section, p.text) for p in passages] == [
        ("text", "DESCRIPTION", "Common questions answered."),
        ("faq", "GZIP", "Dealing with concatenated gzip files\nSet the MultiStream option.\nIt reads every member."),
        ("faq", "GZIP", "Can I read bgzip files?\nYes."), ("text", "Gzip Resources", "See RFC 1952."),
        ("text", "AUTHOR", "Paul Marquess.")]


def test_pod_nested_lists_and_code_that_holds_backticks(tmp_path):
    # A list inside an item is a sub-list; a verbatim paragraph holding ``` stays one code block.
    pod = ("=head1 Stores\n\n=over\n\n=item * Disks\n\n=over\n\n=item * SSD\n\n=item * HDD\n\n=back\n\n"
           "=item *\n\nCloud:\n\n    use `s3` or ```gcs```\n\n=back\n")
    passages, problems = read(tmp_path, "stores.pod", pod)
    assert problems == [] and [p.text for p in passages] == [
        "- Disks\n  - SSD\n  - HDD\n- Cloud:\nuse `s3` or ```gcs```"]


MANPAGE = """\
GZIP(1)                     General Commands Manual                    GZIP(1)

NAME
       gzip, gunzip, zcat - compress or expand files

SYNOPSIS
       gzip [ -acdfhklLnNrtvV19 ] [-S suffix] [ name ...  ]
       zcat [ -fhLV ] [ name ...  ]

DESCRIPTION
       The  gzip  command reduces the size of the named files using Lempel-Ziv
       coding (LZ77).  It will only attempt to compress regular files.  In par\u2010
       ticular, it will ignore symbolic links.

       By default, gzip keeps the original file name and timestamp in the com\u2010
       pressed file.

       Compressed  files  can be restored to their original form using gzip -d
       or gunzip or zcat.

OPTIONS
       -a --ascii
              Ascii  text  mode: convert end-of-lines using local conventions.
              For MS\u2010
              DOS, CR LF is converted to LF when compressing.

       -c --stdout --to-stdout
              Write output on standard output; keep original files  unchanged.

       -k --keep
              Keep (don't delete) input files during compression or decompres\u2010
              sion.

       -l --list
              For each compressed file, list the following fields:

                  compressed size: size of the compressed file
                  ratio: compression ratio (0.0% if unknown)

       -q     Suppress all warnings.

       The options may be given in any order.

ADVANCED USAGE
   Concatenation
       Multiple compressed files can be concatenated:

           gzip -c file1  > foo.gz
           gzip -c file2 >> foo.gz

                                     local                             GZIP(1)
"""


def test_manual_page_saved_as_text_is_read_by_its_layout(tmp_path):
    # `man gzip | col -bx > gzip.txt` had been read as hard-wrapped text: its headings glued to the paragraph
    # before them, every passage without a section, words hyphenated by groff ("com\u2010 pressed") left apart,
    # and each option's label glued to the end of the option before it, so that "what does -c do" answered
    # with -a's text.
    passages, problems = read(tmp_path, "gzip.txt", MANPAGE)
    assert problems == []
    assert {p.title for p in passages} == {"gzip, gunzip, zcat - compress or expand files"}
    assert [(p.kind, p.section, p.text, p.line) for p in passages] == [
        ("text", "SYNOPSIS", "gzip [ -acdfhklLnNrtvV19 ] [-S suffix] [ name ...  ]\nzcat [ -fhLV ] [ name ...  ]", 7),
        ("text", "DESCRIPTION", "The gzip command reduces the size of the named files using Lempel-Ziv coding (LZ77). "
                                "It will only attempt to compress regular files. In particular, it will ignore "
                                "symbolic links.", 11),
        ("text", "DESCRIPTION", "By default, gzip keeps the original file name and timestamp in the compressed file.",
         15),
        ("text", "DESCRIPTION", "Compressed files can be restored to their original form using gzip -d or gunzip or "
                                "zcat.", 18),
        ("text", "-a --ascii", "Ascii text mode: convert end-of-lines using local conventions. For MSDOS, CR LF is "
                               "converted to LF when compressing.", 23),
        ("text", "-c --stdout --to-stdout", "Write output on standard output; keep original files unchanged.", 28),
        ("text", "-k --keep", "Keep (don't delete) input files during compression or decompression.", 31),
        ("text", "-l --list", "For each compressed file, list the following fields:\ncompressed size: size of the "
                              "compressed file\nratio: compression ratio (0.0% if unknown)", 35),
        ("text", "-q", "Suppress all warnings.", 40),
        ("text", "OPTIONS", "The options may be given in any order.", 42),
        ("text", "Concatenation", "Multiple compressed files can be concatenated:\ngzip -c file1  > foo.gz\n"
                                  "gzip -c file2 >> foo.gz", 46)]


def test_bsd_manual_page_and_nested_tags(tmp_path):
    # BSD's pages indent their text 5 spaces and end with the system's name around the date; a tagged paragraph
    # inside a description (find's kinds of file under "-type c") is a list item of it. Without a NAME section
    # the page's name is its title.
    page = ("SSH(1)                    BSD General Commands Manual                   SSH(1)\n\n"
            "DESCRIPTION\n     The options are as follows:\n\n"
            "     -p port\n             Port to connect to on the remote host.  This can be speci\u2010\n"
            "             fied on a per-host basis in the configuration file.\n\n"
            "     -Q query_option\n             Queries for the algorithms supported:\n\n"
            "             cipher  Supported symmetric ciphers\n\n"
            "             mac     Supported message integrity codes\n\n"
            "BSD                            November 28, 2022                           BSD\n")
    passages, problems = read(tmp_path, "ssh.txt", page)
    assert problems == [] and {p.title for p in passages} == {"ssh(1)"}
    assert [(p.section, p.text) for p in passages] == [
        ("DESCRIPTION", "The options are as follows:"),
        ("-p port", "Port to connect to on the remote host. This can be specified on a per-host basis in the "
                    "configuration file."),
        ("-Q query_option", "Queries for the algorithms supported:\n- cipher: Supported symmetric ciphers\n"
                            "- mac: Supported message integrity codes")]


def test_manual_page_label_wrapped_over_two_lines_titles_its_description(tmp_path):
    # gitfaq(7) saved as text: a question too long for a line wraps at the label's indent. It had been read as a
    # paragraph that began with the question and ran on into its answer, and so had a long label alone in its
    # section and a label that is a sentence; such a label, on a page whose labels mostly ask, is an entry too.
    # A command wrapped under SYNOPSIS, its second line deeper, stays as written.
    page = ("GITFAQ(7)                        Git Manual                        GITFAQ(7)\n\n"
            "NAME\n       gitfaq - Frequently asked questions about using Git\n\n"
            "SYNOPSIS\n       git commit [-a | --interactive | --patch] [-s] [-v] [-u<mode>] [--amend]\n"
            "                  [--dry-run] [(-c | -C | --squash) <commit> | --fixup [<commit>]]\n\n"
            "CREDENTIALS\n       How do I store my credentials on a shared machine?\n"
            "           Do not store them in plain text.\n\n"
            "       How do I use multiple accounts with the same hosting provider using\n       HTTP?\n"
            "           Usually the easiest way to distinguish between these accounts is to\n"
            "           use the username in the URL.\n\n"
            "HOOKS\n       How do I use hooks to prevent users from making certain changes?\n"
            "           Only on the remote repository.\n\n"
            "CROSS-PLATFORM ISSUES\n       I'm on Windows and my text files are detected as binary.\n"
            "           Store text files as UTF-8.\n\n"
            "Git 2.43.0                        2024-11-20                        GITFAQ(7)\n")
    passages, problems = read(tmp_path, "gitfaq.txt", page)
    assert problems == []
    assert [(p.kind, p.section, p.question, p.text) for p in passages] == [
        ("text", "SYNOPSIS", "", "git commit [-a | --interactive | --patch] [-s] [-v] [-u<mode>] [--amend]\n"
                                 "           [--dry-run] [(-c | -C | --squash) <commit> | --fixup [<commit>]]"),
        ("faq", "CREDENTIALS", "How do I store my credentials on a shared machine?",
         "How do I store my credentials on a shared machine?\nDo not store them in plain text."),
        ("faq", "CREDENTIALS", "How do I use multiple accounts with the same hosting provider using HTTP?",
         "How do I use multiple accounts with the same hosting provider using HTTP?\n"
         "Usually the easiest way to distinguish between these accounts is to use the username in the URL."),
        ("faq", "HOOKS", "How do I use hooks to prevent users from making certain changes?",
         "How do I use hooks to prevent users from making certain changes?\nOnly on the remote repository."),
        # On a FAQ page whose labels mostly ask, one that is a sentence is an entry too.
        ("faq", "CROSS-PLATFORM ISSUES", "I'm on Windows and my text files are detected as binary.",
         "I'm on Windows and my text files are detected as binary.\nStore text files as UTF-8.")]


def test_manual_page_files_by_section_number(tmp_path):
    # "gzip.1" is read when it is the page as shown, "ls.1" and "cat.1" when it is its roff source (man or BSD's
    # mdoc macros), and a file that only ends in a number (a rotated log, "syslog.1") is no manual page. A text that names a page in its first line without the header's shape stays plain text.
    (tmp_path / "gzip.1").write_text(MANPAGE, encoding="utf-8")
    (tmp_path / "ls.1").write_text('.\\" Manual page for ls\n.TH LS "1" "September 2022"\n.SH NAME\nls \\- list\n'
                                   '.SH DESCRIPTION\nList the files.\n', encoding="utf-8")
    (tmp_path / "cat.1").write_text(".Dd May 1, 2022\n.Dt CAT 1\n.Sh NAME\n.Nm cat\n.Nd concatenate files\n"
                                    ".Sh DESCRIPTION\nThe\n.Nm\nutility reads files.\nFiles are read by\n.Nm .\n",
                                    encoding="utf-8")
    (tmp_path / "syslog.1").write_text("Jan  1 kernel: started\nJan  2 kernel: stopped\n", encoding="utf-8")
    (tmp_path / "environment.5").write_text(".so man5/pam_env.conf.5\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("See GZIP(1) for the options.\n\nNAME\n\nIt keeps the original file with "
                                        "-k.\n", encoding="utf-8")
    corpus = Corpus.open(tmp_path)
    found = {path.name: corpus.read(path) for path in corpus.files}
    assert [p.section for p in found["gzip.1"][0]][4:7] == ["-a --ascii", "-c --stdout --to-stdout", "-k --keep"]
    assert [(p.title, p.section, p.text) for p in found["ls.1"][0]] == [("ls - list", "DESCRIPTION", "List the files.")]
    assert [(p.title, p.section, p.text) for p in found["cat.1"][0]] == [
        # ".Nm ." is the page's name and a full stop (visudo(8): "... not recognized by ." had lost it).
        ("cat — concatenate files", "DESCRIPTION", "The cat utility reads files. Files are read by cat.")]
    assert found["syslog.1"][0] == [] and "not a manual page" in found["syslog.1"][1][0].reason
    assert found["environment.5"][1][0].reason.startswith("a link to another manual page (man5/pam_env.conf.5)")
    assert [p.text for p in found["notes.txt"][0]] == ["See GZIP(1) for the options.", "It keeps the original file "
                                                                                       "with -k."]


def test_manual_page_table_with_new_format_lines_and_a_cell_spanning_down(tmp_path):
    # systemd.unit(5), as DocBook writes tables: ".T&" brings new format lines after the header, which had been
    # rows of data ("l l | "), and a "^" cell holds the text of the cell above it, which had been empty.
    page = textwrap.dedent(r"""        .TH SYSTEMD.UNIT 5
        .SH "UNIT FILE LOAD PATH"
        .TS
        allbox tab(:);
        lB lB.
        T{
        Path
        T}:T{
        Description
        T}
        .T&
        l l
        l ^
        l l.
        T{
        /etc/systemd/system\&.control
        T}:T{
        Persistent configuration created using the dbus API
        T}
        T{
        /run/systemd/system\&.control
        T}:
        T{
        /run/systemd/transient
        T}:T{
        Dynamic configuration for transient units
        T}
        .TE
        """)
    passages, problems = read(tmp_path, "systemd.unit.5", page)
    assert problems == [] and [p.text.split("\n")[-1] for p in passages] == [
        "/etc/systemd/system.control | Persistent configuration created using the dbus API",
        "/run/systemd/system.control | Persistent configuration created using the dbus API",
        "/run/systemd/transient | Dynamic configuration for transient units"]


def test_manual_page_table_line_that_wraps_a_cell_goes_on_with_its_row(tmp_path):
    # signal(7) wraps a long comment onto a line of its own, its other cells empty, and writes a header over two
    # lines: each had been a row of its own (" | | | or death of controlling process", "| most others | SPARC").
    # A row that leaves only its group's label empty is a row still.
    page = textwrap.dedent("""\
        .TH SIGNAL 7
        .SH "Standard signals"
        .TS
        l c l
        l c l
        lB c l.
        Signal\tx86/ARM\tComment
        \tmost others
        SIGHUP\t1\tHangup detected on controlling terminal
        \t\tor death of controlling process
        SIGINT\t2\tInterrupt from keyboard.
        \t3\tFrom a terminal too.
        .TE
        """)
    passages, problems = read(tmp_path, "signal.7", page)
    assert problems == [] and [p.text.split("\n")[1:] for p in passages] == [
        ["Signal | x86/ARM most others | Comment",
         "SIGHUP | 1 | Hangup detected on controlling terminal or death of controlling process"],
        ["Signal | x86/ARM most others | Comment", "SIGINT | 2 | Interrupt from keyboard."],
        ["Signal | x86/ARM most others | Comment", "SIGINT | 3 | From a terminal too."]]


def test_manual_page_table_cells_keep_their_tab_character_and_a_first_row_of_data_heads_nothing(tmp_path):
    # rtcwake(8): "tab(:)" parts the cells, and a "T{ ... T}" cell's own colons ("hh:mm:ss") had parted it too,
    # read "hh mm ss". Its first row is one of the formats, with no description beside it: taken for the header,
    # it had been repeated over every other row.
    page = textwrap.dedent(r"""        .TH RTCWAKE 8
        .SH OPTIONS
        Format of the timestamp can be any of the following:
        .TS
        allbox tab(:);
        lt lt.
        T{
        YYYYMMDDhhmmss
        T}:T{
        T}
        T{
        YYYY\-MM\-DD hh:mm
        T}:T{
        (seconds will be set to 00)
        T}
        T{
        hh:mm:ss
        T}:T{
        (date will be set to today)
        T}
        .TE
        """)
    passages, problems = read(tmp_path, "rtcwake.8", page)
    rows = [p.text.split("\n")[1:] for p in passages if p.kind == "table"]
    assert problems == [] and rows == [["YYYYMMDDhhmmss | "], ["YYYY-MM-DD hh:mm | (seconds will be set to 00)"],
                                       ["hh:mm:ss | (date will be set to today)"]]


def test_manual_page_line_of_its_own_over_an_indented_block_is_its_term(tmp_path):
    # DocBook's stylesheets write every entry as a line of its own over an indented block (mosquitto.conf(5),
    # apt.conf(5)), and ISC's pages their options so: the name had been a passage of its own ("retain_available
    # [ true | false ]") and its description, with its notes, passages without it.
    page = textwrap.dedent(r"""        .TH MOSQUITTO.CONF 5
        .SH "GENERAL OPTIONS"
        .PP
        \fBretain_available\fR [ true | false ]
        .RS 4
        If set to false, then retained messages are not supported\&.
        .sp
        This option applies globally\&.
        .RE
        .PP
        \fBPre\-Invoke\fR, \fBPost\-Invoke\fR
        .RS 4
        Shell commands to run before/after invoking dpkg\&.
        .RE
        .PP
        The recommended form to use is
        .RS
        .nf
        coproc NAME command
        .fi
        .RE
        .TP
        .B \-\-reset
        Reset the components listed below
        .RS
        .IP mgmt
        Management processor
        .RE
        """)
    passages, problems = read(tmp_path, "mosquitto.conf.5", page)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("retain_available [ true | false ]",
         "If set to false, then retained messages are not supported.\nThis option applies globally."),
        ("Pre-Invoke, Post-Invoke", "Shell commands to run before/after invoking dpkg."),
        # a line that a sentence goes on from is text, and so is a tag's first line of description
        ("GENERAL OPTIONS", "The recommended form to use is\ncoproc NAME command"),
        ("--reset", "Reset the components listed below\n- mgmt: Management processor")]


def test_manual_page_tag_that_prints_nothing_goes_on_with_the_entry_open(tmp_path):
    # smartd.conf(5) goes on with "-s REGEXP" after an example under a tag that prints nothing (".TP" / ".B \&"): its
    # next line, "[NEW EXPERIMENTAL SMARTD FEATURE]", had been taken for the tag, and titled the rest of the entry.
    page = textwrap.dedent(r"""        .TH SMARTD.CONF 5
        .SH DIRECTIVES
        .TP
        .B \-s REGEXP
        Run Self-Tests on a schedule.
        .TP
        .B \&
        [NEW EXPERIMENTAL SMARTD FEATURE] Staggered tests are enabled.
        """)
    passages, problems = read(tmp_path, "smartd.conf.5", page)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("-s REGEXP", "Run Self-Tests on a schedule.\n[NEW EXPERIMENTAL SMARTD FEATURE] Staggered tests are enabled.")]


def test_bsd_mdoc_manual_page_source_is_read_by_its_macros(tmp_path):
    # OpenSSH's and tmux's pages are mdoc(7) source: they had been skipped. Its ".Bl -tag" items title their
    # descriptions (a ".Pp" inside stays in the item), "-column" lists are tables, ".Bd -literal" is code, and
    # the macros that mark words up print what they stand for; a token such as "%C" is a term, not a comment.
    page = textwrap.dedent(r"""        .Dd $Mdocdate: July 1 2024 $
        .Dt SSH_CONFIG 5
        .Os
        .Sh NAME
        .Nm ssh_config
        .Nd OpenSSH client configuration file
        .Sh DESCRIPTION
        .Xr ssh 1
        obtains configuration data from
        .Pa ~/.ssh/config .
        .Bl -tag -width Ds
        .It Cm ProxyJump
        Specifies one or more jump proxies as
        .Op Ar user No @
        .Ar host .
        .Pp
        Use
        .Dq none
        to disable it, or
        .Fl J
        on the command line.
        .It Cm Compression
        Specifies whether to use compression.
        .It Cm Level
        The number of
        .Em \*[Gt]
        characters, as in
        .Dq \*[Gt]0x18 leshort \*[Lt]0x40 \*[Am] 1 .
        .El
        .Sh TOKENS
        .Bl -tag -width XXXX
        .It %C
        Hash of %l%h%p%r.
        .El
        .Bl -column "Signal" "Action"
        .It Dv SIGHUP Ta reload the Target configuration
        .El
        .Sh EXAMPLES
        .Bd -literal -offset indent
        Host *.example.com
            Compression yes
        .Ed
        """)
    passages, problems = read(tmp_path, "ssh_config.5", page)
    assert problems == [] and {p.title for p in passages} == {"ssh_config — OpenSSH client configuration file"}
    assert [(p.section, p.text) for p in passages] == [
        ("DESCRIPTION", "ssh(1) obtains configuration data from ~/.ssh/config."),
        ("ProxyJump", "Specifies one or more jump proxies as [user @] host.\n"
                      "Use “none” to disable it, or -J on the command line."),
        ("Compression", "Specifies whether to use compression."),
        # The strings mdoc defines print what they stand for (file's magic(5): its operators had been dropped).
        ("Level", "The number of > characters, as in “>0x18 leshort <0x40 & 1”."),
        ("TOKENS › %C", "Hash of %l%h%p%r."),
        ("TOKENS", "TOKENS\nSIGHUP | reload the Target configuration"),
        ("EXAMPLES", "Host *.example.com\n    Compression yes")]


def test_manual_page_roff_source_is_read_by_its_macros(tmp_path):
    # Projects ship their manual pages as roff source ("logrotate.8"; "ack.1p", as Pod::Man writes Perl's): it
    # had been skipped, with the command that renders it. Its macros mark the structure: the NAME line is the
    # title, .TP tags (with a line a page's own macro adds to them) title their descriptions, bullets nested with
    # .RS are list items, Pod::Man's verbatim macros and SYNOPSIS are code, a tbl table's rows keep its header,
    # and escapes and strings print what they stand for.
    page = textwrap.dedent(r"""        .\" Automatically generated by Pod::Man 4.14
        .de Vb \" Begin verbatim text
        .ft CW
        .nf
        .ne \\$1
        ..
        .de Ve \" End verbatim text
        .ft R
        .fi
        ..
        .ie n \{\
        .    ds L" ""
        .    ds R" ""
        'br\}
        .el\{\
        .    ds L" ``
        .    ds R" ''
        'br\}
        .de tq
        .  br
        .  ns
        .  TP \\$1\" no doublequotes around argument!
        ..
        .TH TOOL 1p "2024-01-02" "tool 2.1" "User Commands"
        .SH "NAME"
        tool \- fetch and store files
        .SH SYNOPSIS
        .B tool
        [\fB\-q\fR]
        \fIurl\fR...
        .SH DESCRIPTION
        \fBtool\fR fetches each \fIurl\fR and stores it
        in the current directory \(em unless told otherwise.
        .PP
        Set \*(L"TOOL_HOME\*(R" to change where it keeps its cache:
        .PP
        .Vb 2
        \&    export TOOL_HOME=~/cache
        \&    tool https://example.org/a.txt
        .Ve
        .SH OPTIONS
        .TP
        .BR \-q ", " \-\-quiet
        Print nothing but errors.
        .TP
        \fB\-r\fR \fIcount\fR
        .tq
        \fB\-\-retries\fR=\fIcount\fR
        Retry a failed download
        .I count
        times.
        .RS
        .IP \(bu 2
        Timeouts count as failures.
        .IP \(bu 2
        So do 5xx replies.
        .RE
        .SS "Exit status"
        .TS
        tab(:);
        l l.
        Code:Meaning
        _
        0:All files fetched
        1:Some files failed
        .TE
        .IP
        1) a line that opens with a number is text.
        """)
    passages, problems = read(tmp_path, "tool.1p", page)
    assert problems == [] and {p.title for p in passages} == {"tool - fetch and store files"}
    assert [(p.section, p.text, p.line) for p in passages] == [
        ("SYNOPSIS", "tool [-q] url...", 28),
        ("DESCRIPTION", "tool fetches each url and stores it in the current directory — unless told otherwise.", 32),
        ("DESCRIPTION", 'Set "TOOL_HOME" to change where it keeps its cache:\n    export TOOL_HOME=~/cache\n'
                        "    tool https://example.org/a.txt", 35),
        ("-q, --quiet", "Print nothing but errors.", 44),
        ("-r count, --retries=count", "Retry a failed download count times.\n- Timeouts count as failures.\n"
                                      "- So do 5xx replies.", 49),
        ("Exit status", "Exit status\nCode | Meaning\n0 | All files fetched", 59),
        ("Exit status", "Exit status\nCode | Meaning\n1 | Some files failed", 59),
        ("Exit status", "1) a line that opens with a number is text.", 68)]


def epub_bytes(encrypted: bool = False, sphinx: bool = False) -> bytes:
    """A book as pandoc writes one: a title page, a navigation document, a FAQ whose questions are chapters of
    their own, and a note left out of the reading order. With `sphinx`, each chapter's text is its page's main
    part, beside a navigation bar, as Sphinx writes a book."""
    import zipfile
    from urllib.parse import quote

    def page(body: str, kind: str = "bodymatter") -> str:
        if sphinx:
            body = f'<div role="navigation"><p>Contents</p></div><div class="body" role="main">{body}</div>'
        return ('<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
                f'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>x</title></head>'
                f'<body epub:type="{kind}">{body}</body></html>')

    chapters = {
        "title.xhtml": page('<section epub:type="titlepage"><h1 epub:type="title">Vault FAQ</h1></section>',
                            "frontmatter"),
        "nav.xhtml": page('<nav epub:type="toc"><ol><li><a href="c1.xhtml">Who can deposit data?</a></li></ol></nav>'),
        "c0.xhtml": page("<h1>Vault FAQ</h1><p>Questions researchers ask.</p>"),
        "c1.xhtml": page("<h1>Who can deposit data?</h1><p>Any member of staff.</p>"),
        "c 2.xhtml": page("<h1>How long is data kept?</h1><p>Ten years.</p>"),  # its address: "c%202.xhtml"
        "c3.xhtml": page("<h1>Can I delete a dataset?</h1><p>Within 30 days.</p>"),
        "note.xhtml": page("<p>Printed in Utrecht.</p>"),
    }
    nav, aside = ' properties="nav"', ' linear="no"'
    items = "".join(f'<item id="i{k}" href="text/{quote(name)}" media-type="application/xhtml+xml"'
                    f'{nav if name == "nav.xhtml" else ""}/>' for k, name in enumerate(chapters))
    spine = "".join(f'<itemref idref="i{k}"{aside if name == "note.xhtml" else ""}/>'
                    for k, name in enumerate(chapters))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:'
                      'names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" '
                      'media-type="application/oebps-package+xml"/></rootfiles></container>')
        book.writestr("OEBPS/content.opf", '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
                      'version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Vault FAQ'
                      f'</dc:title></metadata><manifest>{items}</manifest><spine>{spine}</spine></package>')
        for name, text in chapters.items():
            book.writestr(f"OEBPS/text/{name}", text)
        if encrypted:
            book.writestr("META-INF/encryption.xml", '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:'
                          'container"><EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"/></encryption>')
    return out.getvalue()


def test_epub_chapters_read_as_one_page_in_reading_order(tmp_path):
    # Books (a manual downloaded from Read the Docs, pandoc's export) had been skipped with a hint to convert
    # them. A FAQ whose every question is a chapter of its own reads as on the web; the title page, the
    # navigation document and what is not in the reading order are left out.
    passages, problems = read(tmp_path, "vault.epub", epub_bytes())
    assert problems == [] and [(p.kind, p.title, p.text) for p in passages] == [
        ("text", "Vault FAQ", "Questions researchers ask."),
        ("faq", "Vault FAQ", "Who can deposit data?\nAny member of staff."),
        ("faq", "Vault FAQ", "How long is data kept?\nTen years."),
        ("faq", "Vault FAQ", "Can I delete a dataset?\nWithin 30 days.")]
    passages, problems = read(tmp_path, "locked.epub", epub_bytes(encrypted=True))
    assert passages == [] and "protected with DRM" in str(problems[0])


XLS = Path(__file__).parent / "data" / "faq.xls"  # saved by LibreOffice Calc 7.4 as Excel 97-2003


def test_xls_workbooks_read_as_xlsx_ones(tmp_path):
    # Excel 97-2003 workbooks had been skipped with a hint to save them as .xlsx. This one holds a sheet made
    # by hand (a title over a blank row and the header; dates and counts beside the entries; a row without an
    # answer) and a second sheet of entries.
    passages, problems = read(tmp_path, "faq.xls", XLS.read_bytes())
    assert [(p.question, p.section, p.line, p.text.split("\n")[-1]) for p in passages] == [
        ("How do I pay?", "Billing", 4, "By card."), ("Can I pay later?", "Billing", 5, "Yes, within 30 days."),
        ("Is there a phone line?", "", 2, "No.")]
    assert [(p.line, "sheet 'FAQ'" in p.reason and "answer" in p.reason) for p in problems] == [(6, True)]


DOC = Path(__file__).parent / "data" / "faq.doc"  # a .docx saved by LibreOffice 7.4 as Word 97-2003


def test_word_97_documents_read_as_the_docx_they_were_saved_from(tmp_path):
    # .doc files had been skipped with a hint to save them as .docx. This one was saved from a .docx holding a
    # title, a menu of web links, question headings over a paragraph and a list, a paragraph with a link in
    # it, and a table; it reads as that .docx did (the same passages, compared when it was made).
    passages, problems = read(tmp_path, "faq.doc", DOC.read_bytes())
    assert problems == [] and {p.title for p in passages} == {"Billing help"}
    assert [(p.kind, p.section, p.text) for p in passages] == [
        ("faq", "Payments", "How do I pay?\nBy card or by bank transfer.\n- Visa\n- Mastercard"),
        ("faq", "Payments", "Can I pay later?\nYes, within 30 days. See the terms."),
        ("table", "Prices", "Prices\nPlan | Price per month\nBasic | 5 EUR"),
        ("table", "Prices", "Prices\nPlan | Price per month\nTeam | 20 EUR")]


def test_a_doc_that_is_rtf_html_or_docx_inside_is_read_as_what_it_is(tmp_path):
    # Web apps and mail merges save RTF or HTML under ".doc", and Word opens them; so does a renamed .docx.
    import docx

    document = docx.Document()
    document.add_heading("How do I pay?", level=1)
    document.add_paragraph("By card.")
    out = io.BytesIO()
    document.save(out)
    for name, content in [("rtf.doc", rb"{\rtf1\ansi {\b How do I pay?}\par By card.\par}"),
                          ("page.doc", b"<html><body><h1>How do I pay?</h1><p>By card.</p></body></html>"),
                          ("renamed.doc", out.getvalue())]:
        passages, problems = read(tmp_path / name.split(".")[0], name, content)
        assert problems == [] and [(p.question, p.text) for p in passages] == [
            ("How do I pay?", "How do I pay?\nBy card.")], name
    for content, reason in [(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "not a readable Word 97-2003"),
                            (DOC.read_bytes()[:3000], "not a readable Word 97-2003"),
                            (b"plain words", "no OLE compound file header")]:
        passages, problems = read(tmp_path / "bad", "bad.doc", content)
        assert passages == [] and reason in str(problems[0])


def test_docx_links_written_as_fields_are_links(tmp_path):
    # Word 97 wrote links as HYPERLINK fields, and files converted from .doc (or saved by older Word) keep them
    # so: a menu of such links had been read as a passage of text.
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def field_link(paragraph, text):
        for kind, instruction in [("begin", None), (None, ' HYPERLINK "https://example.com/" '), ("separate", None)]:
            run = paragraph.add_run()._r
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run.append(char)
            else:
                code = OxmlElement("w:instrText")
                code.text = instruction
                run.append(code)
        paragraph.add_run(text)
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        paragraph.add_run()._r.append(end)

    document = docx.Document()
    menu = document.add_paragraph()
    field_link(menu, "Home")
    menu.add_run(" | ")
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), 'HYPERLINK "https://example.com/contact"')
    simple.append(menu.add_run("Contact")._r)
    menu._p.append(simple)
    document.add_heading("How do I pay?", level=1)
    answer = document.add_paragraph("By card; see ")
    field_link(answer, "the prices")
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "faq.docx", out.getvalue())
    assert problems == [] and [p.text for p in passages] == ["How do I pay?\nBy card; see the prices"]


def test_build_report_lists_every_file_and_unsupported_ones(tmp_path):
    (tmp_path / "guide.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "slides.key").write_bytes(b"PK\x03\x04")
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    (tmp_path / "old.pages").write_bytes(b"PK\x03\x04")
    (tmp_path / "notes.foo").write_text("x", encoding="utf-8")
    # Projects name text documents without a suffix (zlib's FAQ, README, INSTALL); they had been skipped.
    (tmp_path / "FAQ").write_text("Q: Is it free?\nA: Yes, it is free software.\n", encoding="utf-8")
    (tmp_path / "tool").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    # Sphinx copies its sources into a built site as "faq.rst.txt": read as reStructuredText, not as lines.
    (tmp_path / "_sources").mkdir()
    (tmp_path / "_sources" / "faq.rst.txt").write_text("FAQ\n===\n\n.. note:: Read this.\n", encoding="utf-8")
    loaded = Corpus.open(tmp_path).load()
    report = {f.name: f for f in loaded.files}
    assert report["guide.md"].format == "markdown" and report["guide.md"].counts["faq"] == 4
    assert report["guide.md"].counts["table"] == 2 and report["guide.md"].problems == ()
    # A format that can be saved as a readable one says how.
    assert report["slides.key"].format == "unsupported"
    assert "export it as .pptx" in str(report["slides.key"].problems[0])
    assert "export it as .docx" in str(report["old.pages"].problems[0])
    assert "format not supported (.foo); file skipped" in str(report["notes.foo"].problems[0])
    assert "no text" in str(report["empty.txt"].problems[0])
    assert report["FAQ"].format == "text" and report["FAQ"].counts["faq"] == 1
    assert report["_sources/faq.rst.txt"].format == "restructuredtext"
    assert [p.text for p in loaded.passages if p.source == "_sources/faq.rst.txt"] == ["Note: Read this."]
    assert "binary file" in str(report["tool"].problems[0])
    assert {p.path for p in loaded.problems} == {"slides.key", "empty.txt", "old.pages", "notes.foo", "tool"}
    # `chatbot build` lists the files it can say how to convert; a site's scripts, styles and fonts had been a
    # line each, and are counted by suffix.
    (tmp_path / "app.js").write_text("x()", encoding="utf-8")
    printed = _format_files(Corpus.open(tmp_path).load().files)
    assert "slides.key" in printed and "old.pages" in printed and "notes.foo" not in printed
    assert printed.splitlines()[-1] == "  2 more files skipped, in formats no reader takes: .foo (1), .js (1)"
    # Files a project's tools read are named, not counted by their suffix (a Makefile has none).
    (tmp_path / "Makefile").write_text("html:\n\tsphinx-build -b html . _build\n", encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("sphinx>=7\nfuro\nmyst-parser\n", encoding="utf-8")
    printed = _format_files(Corpus.open(tmp_path).load().files)
    assert printed.splitlines()[-1] == ("  4 more files skipped, in formats no reader takes: .foo (1), .js (1), "
                                        "Makefile (1), requirements.txt (1)")
    (tmp_path / "Makefile").unlink(), (tmp_path / "requirements.txt").unlink()
    # Release notes are named: their items can outrank the guide, and corpus.toml can leave them out.
    (tmp_path / "CHANGELOG.md").write_text("# 1.0.0\n\n- new: `--verbose`\n", encoding="utf-8")
    printed = _format_files(Corpus.open(tmp_path).load().files)
    assert printed.splitlines()[-1] == ('  Release notes? CHANGELOG.md: to answer from the guide alone, leave them out '
                                        'in corpus.toml ([files] exclude = ["CHANGELOG.md"], or a pattern).')


def test_inspect_prints_the_passages_of_one_file(tmp_path, capsys):
    (tmp_path / "guide.md").write_text(MARKDOWN, encoding="utf-8")
    assert main(["inspect", str(tmp_path / "guide.md")]) == 0
    out = capsys.readouterr().out
    assert "[faq] line 32  section: Installation  question: How do I install Widget?" in out
    assert "    Follow the steps under Installation. They take about two minutes." in out
    assert main(["inspect", "--json", str(tmp_path / "guide.md")]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sum(r["kind"] == "table" for r in rows) == 2
    # A corpus folder that does not hold the file: its corpus.toml would not apply, so it is said, not ignored.
    assert main(["inspect", "--corpus", str(tmp_path / "elsewhere"), str(tmp_path / "guide.md")]) == 2
    assert "is not inside the corpus folder" in capsys.readouterr().err


def test_unreadable_binary_formats_are_a_clear_per_file_error(tmp_path):
    for name in ("broken.pdf", "broken.docx", "broken.xlsx", "broken.xls", "broken.odt", "broken.ods", "broken.pptx",
                 "broken.epub"):
        passages, problems = read(tmp_path, name, b"not really " + name.encode())
        assert passages == [] and len(problems) == 1 and isinstance(problems[0], DocumentError)
        assert problems[0].path == name and "file skipped" in problems[0].reason


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.rst", "a.html"])
def test_empty_documents_are_reported(tmp_path, name):
    passages, problems = read(tmp_path, name, "")
    assert passages == [] and "no text found" in str(problems[0])


# ---- the real documents of ../shared/eval/realdocs-dev (read where they lie, never copied) ----------

REALDOCS = SHARED / "eval" / "realdocs-dev" / "corpus"
# FAQ entries each document holds, counted by hand from the document itself.
REALDOCS_ENTRIES = {
    "dash/FAQ.docx": 14, "gc-infobase/faq.csv": 13, "luajit/faq.html": 8, "putty/AppendixA.html": 82,
    "rbenv/README.md": 0, "restic/faq.rst": 11, "ripgrep/FAQ.md": 27, "sailpoint-nerm-splunk/FAQ.pdf": 29,
    "zlib/FAQ.txt": 44,
}


@pytest.fixture(scope="module")
def realdocs():
    if not REALDOCS.is_dir():
        pytest.skip("../shared/eval/realdocs-dev is not beside the checkout")
    return Corpus.open(REALDOCS).load()


def test_every_real_document_loads_without_problems(realdocs):
    assert {f.name: f.problems for f in realdocs.files} == {name: () for name in REALDOCS_ENTRIES}


@pytest.mark.parametrize("name", sorted(REALDOCS_ENTRIES))
def test_each_faq_entry_of_a_real_document_is_one_faq_question(realdocs, name):
    passages = [p for p in realdocs.passages if p.source == name]
    entries = [p for p in passages if p.kind == "faq"]
    assert len({p.question for p in entries}) == REALDOCS_ENTRIES[name]
    no_code_or_fragments_in_labels(passages)
    for p in entries:
        # Paired with its own answer: the question opens the passage, and no other question sits in it.
        question, answer = p.text.split("\n", 1)
        assert question == p.question and answer.strip()
        assert not any(other.question in answer for other in entries if len(other.question) > 30
                       and other.question != p.question and other.question not in p.question)


# ---- any bytes at all: passages or a clear per-file error, never a crash --------------------------

def _valid(suffix: str) -> bytes:
    import openpyxl

    if suffix == ".pdf":
        return pdf_bytes([["1.1 Is it free?", " ", "Yes."]])
    if suffix == ".docx":
        return docx_bytes()
    if suffix == ".odt":
        return odt_faq()
    if suffix == ".ods":
        return ods_faq()
    if suffix == ".pptx":
        return pptx_faq()
    if suffix == ".rtf":
        return WORD_RTF.encode()
    if suffix == ".epub":
        return epub_bytes()
    if suffix == ".xls":
        return XLS.read_bytes()
    if suffix == ".xlsx":
        book = openpyxl.Workbook()
        book.active.append(["question", "answer"])
        book.active.append(["Is it free?", "Yes."])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    return {".md": MARKDOWN, ".rst": RST, ".html": HTML, ".txt": PLAIN_FAQ, ".csv": "q,a\nIs it free?,Yes.\n",
            ".tsv": "q\ta\nIs it free?\tYes.\n", ".jsonl": '{"q": "Is it free?", "a": "Yes."}\n',
            ".json": '{"faqs": [{"q": "Is it free?", "a": "Yes."}]}',
            ".yaml": "faqs:\n  - q: Is it free?\n    a: Yes.\n", ".adoc": ASCIIDOC, ".ipynb": NOTEBOOK,
            ".org": ORG, ".pod": POD}[suffix].encode()


SUFFIXES = [".md", ".rst", ".adoc", ".html", ".txt", ".csv", ".tsv", ".jsonl", ".json", ".yaml", ".pdf", ".docx",
            ".odt", ".rtf", ".pptx", ".epub", ".xlsx", ".xls", ".ods", ".ipynb", ".org", ".pod"]


def _check_any_bytes(tmp_path, suffix, data):
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(data)
    passages, problems = Corpus.open(tmp_path).read(path)
    assert passages or problems
    for problem in problems:
        assert isinstance(problem, DocumentError) and problem.path == path.name and problem.reason
    for p in passages:
        assert p.kind in ("faq", "table", "text") and p.text.strip() and p.source == path.name


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_random_bytes_give_passages_or_a_per_file_error(tmp_path, suffix, data):
    _check_any_bytes(tmp_path, suffix, data)


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=st.lists(st.tuples(st.integers(min_value=0), st.binary(max_size=8)), min_size=1, max_size=4))
def test_damaged_files_give_passages_or_a_per_file_error(tmp_path, suffix, cuts):
    data = bytearray(_valid(suffix))
    for at, junk in cuts:
        at %= len(data)
        data[at:at + len(junk)] = junk
    _check_any_bytes(tmp_path, suffix, bytes(data))


def test_bold_questions_in_paragraphs_and_q_labels(tmp_path):
    md = ("# Help\n\n**Q: How do I pay?**\nBy card or by invoice.\n\n**Can I pay later?** Yes, within 30 days.\n\n"
          "## Prices\n\n**Note** that prices include tax.\n")
    passages, _ = read(tmp_path, "help.md", md)
    assert faq(passages) == {"How do I pay?": "By card or by invoice.", "Can I pay later?": "Yes, within 30 days."}
    assert any(p.kind == "text" and p.text == "Note that prices include tax." for p in passages)
    html = "<h1>Help</h1><p><strong>Q. Where do you ship?</strong><br>To the EU and the UK.</p>"
    passages, _ = read(tmp_path, "help.html", html)
    assert faq(passages) == {"Where do you ship?": "To the EU and the UK."}


def test_markdown_faqs_written_with_q_and_a_labels_or_as_list_items(tmp_path):
    # The forms of real READMEs' FAQs: labels in bold on two lines of one paragraph, labels in plain text,
    # numbered items with the answer's label on their next line or in a sub-item, a "- **A:**" item under
    # a "- **Q:**" item, and a numbered question with its answer in a paragraph of the item.
    md = ("# FAQ\n\n**Q:** How do I choose a stable revision?  \n**A:** Look at the tags list.\n\n"
          "Q: Does it support Windows?\nA: Only Windows 10 and later.\n\n"
          "**Q: Can I use it offline?**\n\nA: Yes, everything runs locally.\n\n"
          "1. **Q:** What is a Deployment?  \n   **A:** A controller that manages ReplicaSets.\n"
          "2. **Q:** What is a CPM?\n    * **A:** A message that shares what a sensor sees.\n\n"
          "- **Q:** How to show up in AI answers?\n- **A:** Publish well-cited content.\n\n"
          "1. Where are logs stored?\n\n   In `~/.widget/logs`.\n")
    passages, problems = read(tmp_path, "faq.md", md)
    assert problems == [] and faq(passages) == {
        "How do I choose a stable revision?": "Look at the tags list.",
        "Does it support Windows?": "Only Windows 10 and later.",
        "Can I use it offline?": "Yes, everything runs locally.",
        "What is a Deployment?": "A controller that manages ReplicaSets.",
        "What is a CPM?": "A message that shares what a sensor sees.",
        "How to show up in AI answers?": "Publish well-cited content.",
        "Where are logs stored?": "In `~/.widget/logs`."}
    # A "Q." that starts a name, not a question with an answer, stays text; "A.I." is no answer's label.
    passages, _ = read(tmp_path, "names.md", "# Team\n\nQ. Smith wrote the parser.\n")
    assert [(p.kind, p.text) for p in passages] == [("text", "Q. Smith wrote the parser.")]
    passages, _ = read(tmp_path, "ai.md", "# FAQ\n\n## Is it safe?\n\nA.I. systems here are reviewed.\n")
    assert faq(passages) == {"Is it safe?": "A.I. systems here are reviewed."}


@pytest.mark.parametrize("name", ["help.html", "help.rst", "help.docx", "help.txt"])
def test_q_and_a_labels_make_faq_entries_in_every_format(tmp_path, name):
    # A "Q:" that states a problem is a question too when an "A:" answers it; the "A:" label is dropped.
    pairs = [("Q: My account is locked.", "A: Wait 15 minutes, then sign in again."),
             ("Q: Is it free? A: Yes, for personal use.", "")]
    if name.endswith(".html"):
        content = "<h1>Help</h1>" + "".join(f"<p>{q}</p>" + (f"<p>{a}</p>" if a else "") for q, a in pairs)
    elif name.endswith(".docx"):
        import docx

        document = docx.Document()
        document.add_heading("Help", level=1)
        for q, a in pairs:
            document.add_paragraph(q)
            if a:
                document.add_paragraph(a)
        out = io.BytesIO()
        document.save(out)
        content = out.getvalue()
    else:
        content = "Help\n====\n\n" + "".join(f"{q}\n\n" + (f"{a}\n\n" if a else "") for q, a in pairs)
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and faq(passages) == {"My account is locked.": "Wait 15 minutes, then sign in again.",
                                                "Is it free?": "Yes, for personal use."}


@pytest.mark.parametrize("name", ["help.md", "help.html", "help.txt"])
def test_q_and_a_lines_with_no_blank_line_between_entries(tmp_path, name):
    lines = ["Q: Is it free?", "A: Yes, for personal use.", "Q: Can I pay later?", "A: Within 30 days."]
    content = "<h1>Help</h1><p>" + "<br>".join(lines) + "</p>" if name.endswith(".html") else (
        "Help\n\n" + "\n".join(lines) + "\n")
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and faq(passages) == {"Is it free?": "Yes, for personal use.",
                                                "Can I pay later?": "Within 30 days."}


@pytest.mark.parametrize("name", ["help.md", "help.txt"])
def test_q_labels_on_a_faq_page_and_questions_that_share_an_answer(tmp_path, name):
    # LuaJIT's FAQ: its "Q:" questions are answered by unlabelled paragraphs, one is a statement, and two
    # questions in a row share the answer after them. The statement had been a paragraph of the answer
    # before it, and plain text kept the "Q:" labels in the questions.
    content = ("LuaJIT FAQ\n\nQ: Where can I learn more about LuaJIT?\n\nThe mailing list.\n\n"
               "Q: Why do I get this error: bad FPU precision?\n\nQ: Some FPU operations crash after I load a DLL.\n\n"
               "Set the FPU_PRESERVE flag.\n\nQ: Ctrl-C fails to stop my program.\n\nPress it twice.\n\n"
               "Q: Can Lua code be safely sandboxed?\n\nAt the process level.\n")
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and faq(passages) == {
        "Where can I learn more about LuaJIT?": "The mailing list.",
        "Why do I get this error: bad FPU precision?": "Set the FPU_PRESERVE flag.",
        "Ctrl-C fails to stop my program.": "Press it twice.",
        "Can Lua code be safely sandboxed?": "At the process level."}
    shared = next(p for p in passages if p.question.startswith("Why do I get"))
    assert shared.alternates == ("Some FPU operations crash after I load a DLL.",)


def test_a_heading_that_ends_asking_is_a_question(tmp_path):
    # Valgrind's FAQ: "The stack traces seem wrong. What's happening?" asks, in two sentences.
    md = "# FAQ\n\n## The stack traces seem to have the wrong names. What's happening?\n\nInlining.\n"
    passages, _ = read(tmp_path, "faq.md", md)
    assert faq(passages) == {"The stack traces seem to have the wrong names. What's happening?": "Inlining."}


def test_a_rule_ends_the_answer_before_it(tmp_path):
    # A page's footer under a rule is not part of its last FAQ entry (PuTTY's, LuaJIT's pages).
    md = "# FAQ\n\n## Is it free?\n\nYes.\n\n---\n\n**Last updated:** 2026-07-15\n"
    passages, _ = read(tmp_path, "faq.md", md)
    assert [(p.kind, p.text) for p in passages] == [("faq", "Is it free?\nYes."), ("text", "Last updated: 2026-07-15")]
    page = "<h1>FAQ</h1><h2>Is it free?</h2><p>Yes.</p><hr><p>Copyright 2023. Contact</p>"
    passages, _ = read(tmp_path, "faq.html", page)
    assert [(p.kind, p.text) for p in passages] == [("faq", "Is it free?\nYes."), ("text", "Copyright 2023. Contact")]


def test_markdown_alerts_and_admonitions_keep_their_title_as_a_label_or_ask_a_question(tmp_path):
    md = ("# Guide\n\n## Install\n\n!!! note \"Python version\"\n    You need Python 3.10 or newer.\n\n"
          "??? question \"Why is the first run slow?\"\n    It downloads the model once.\n\n"
          "> [!WARNING]\n> Do not run as root.\n\nRun `tool init`.\n")
    passages, problems = read(tmp_path, "guide.md", md)
    assert problems == [] and [(p.kind, p.section, p.text) for p in passages] == [
        ("text", "Install", "Python version: You need Python 3.10 or newer."),
        ("faq", "Install", "Why is the first run slow?\nIt downloads the model once."),
        ("text", "Install", "Warning: Do not run as root."),
        ("text", "Install", "Run `tool init`.")]


def test_docusaurus_and_vitepress_callouts_and_mkdocs_content_tabs(tmp_path):
    # ":::" callouts (Docusaurus, VitePress) had been text that opened with their markers ("::: warning"),
    # and the indented content of MkDocs Material's tabs ('=== "pip"') a code block.
    md = ("# Install\n\n:::note\nNode 18 or later is needed.\n:::\n\n:::tip[Faster installs]\nUse pnpm.\n:::\n\n"
          "::: warning Breaking change\nVersion 3 drops Windows 7.\n:::\n\n"
          "::: details Why does install fail on Alpine?\nAlpine uses musl: install build-base first.\n:::\n\n"
          '=== "pip"\n\n    Install it with pip.\n\n=== "conda"\n\n    Install it from conda-forge.\n\n'
          "Run `widget init`.\n")
    passages, problems = read(tmp_path, "install.md", md)
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("text", "Note: Node 18 or later is needed."), ("text", "Faster installs: Use pnpm."),
        ("text", "Breaking change: Version 3 drops Windows 7."),
        ("faq", "Why does install fail on Alpine?\nAlpine uses musl: install build-base first."),
        ("text", "pip: Install it with pip."), ("text", "conda: Install it from conda-forge."),
        ("text", "Run `widget init`.")]


def test_tabs_of_code_stay_together_with_the_line_that_says_what_they_do(tmp_path):
    # Flask's "Bash" / "Fish" / "CMD" tabs had been a passage each: near copies of one another, all but the
    # first without the sentence that says what they do. Together they fit in one passage.
    rst = textwrap.dedent("""\
        Configuration
        =============

        Set the variable before starting the server:

        .. tabs::

           .. group-tab:: Bash

              .. code-block:: text

                 $ export APP_SETTINGS=/path/to/settings.cfg

           .. group-tab:: Fish

              .. code-block:: text

                 $ set -x APP_SETTINGS /path/to/settings.cfg

           .. group-tab:: CMD

              .. code-block:: text

                 > set APP_SETTINGS=\\path\\to\\settings.cfg
        """)
    md = ('# Install\n\nInstall the package:\n\n=== "Unix"\n\n    ```\n    python -m pip install widget\n    ```\n\n'
          '=== "Windows"\n\n    ```\n    py -m pip install widget\n    ```\n')
    passages, problems = read(tmp_path, "config.rst", rst)
    assert problems == [] and [p.text for p in passages] == [
        "Set the variable before starting the server:\nBash:\n$ export APP_SETTINGS=/path/to/settings.cfg\n"
        "Fish:\n$ set -x APP_SETTINGS /path/to/settings.cfg\nCMD:\n> set APP_SETTINGS=\\path\\to\\settings.cfg"]
    passages, problems = read(tmp_path, "install.md", md)
    assert problems == [] and [p.text for p in passages] == [
        "Install the package:\nUnix:\npython -m pip install widget\nWindows:\npy -m pip install widget"]


def test_a_page_without_a_title_is_not_titled_by_its_first_section_or_question(tmp_path):
    # "## Installation" over "## Usage" (no "#" title), or a FAQ that opens with its first question: that section
    # or question had titled every passage of the page ("Installation › Usage"). A top-level heading over others
    # at its level still titles the page, as READMEs head their name and their sections alike.
    for text, title in [("## Installation\n\nRun pip.\n\n## Usage\n\nCall run().\n", "docs/guide.md"),
                        ("## How do I install it?\n\nRun pip.\n\n## How do I run it?\n\nCall run().\n", "docs/guide.md"),
                        ("# widget\n\nA tool.\n\n# Usage\n\nCall run().\n", "widget")]:
        passages, problems = read(tmp_path, "docs/guide.md", text)
        assert problems == [] and {p.title for p in passages} == {title}


def test_compressed_documents_are_read_as_the_file_inside(tmp_path):
    # Debian installs manuals and notes compressed (ssh_config.5.gz, FAQ.gz, tinc.info.gz, a guide's .html.gz):
    # all had been skipped as ".gz", and FAQ.gz, named in capitals, read as text and refused as binary.
    import bz2, gzip, lzma

    (tmp_path / "FAQ.gz").write_bytes(gzip.compress(b"Q: Does it run on Windows?\nA: Yes, from version 2.\n"))
    (tmp_path / "guide.html.bz2").write_bytes(bz2.compress(b"<h1>Guide</h1><p>Run the installer.</p>"))
    (tmp_path / "tool.1.xz").write_bytes(lzma.compress(b".TH TOOL 1\n.SH NAME\ntool \\- does things\n"
                                                      b".SH DESCRIPTION\nIt runs.\n"))
    (tmp_path / "broken.md.gz").write_bytes(b"not gzip at all")
    (tmp_path / "site.tar.gz").write_bytes(gzip.compress(b"archive"))
    loaded = Corpus.open(tmp_path).load()
    report = {f.name: f for f in loaded.files}
    assert {name: f.format for name, f in report.items()} == {
        "FAQ.gz": "text", "guide.html.bz2": "html", "tool.1.xz": "man", "broken.md.gz": "markdown",
        "site.tar.gz": "unsupported"}
    assert {(p.source, p.text) for p in loaded.passages} == {
        ("FAQ.gz", "Does it run on Windows?\nYes, from version 2."), ("guide.html.bz2", "Run the installer."),
        ("tool.1.xz", "It runs.")}
    assert "is not a readable .gz file" in str(report["broken.md.gz"].problems[0])
    assert "format not supported (.tar.gz)" in str(report["site.tar.gz"].problems[0])


def test_sphinx_tabs_right_under_their_directive_keep_their_labels_and_lines(tmp_path):
    # Cython's ".. tabs::" with its first ".. group-tab:: Pure Python" on the next line: that line had been read as
    # the argument of "tabs", losing the tab and its label, and the code in tabs had no line (0).
    rst = textwrap.dedent("""\
        Types
        =====

        Containers are typed:

        .. tabs::
            .. group-tab:: Pure Python

                .. code-block:: python

                    bar: list[str] = []

            .. group-tab:: Cython

                .. code-block:: cython

                    cdef list[str] bar = []
        """)
    passages, problems = read(tmp_path, "types.rst", rst)
    assert problems == [] and [(p.line, p.text) for p in passages] == [
        (4, "Containers are typed:\nPure Python:\nbar: list[str] = []\nCython:\ncdef list[str] bar = []")]
    passages, problems = read(tmp_path, "types.rst", rst.replace("Containers are typed:\n\n", ""))
    assert problems == [] and [p.line for p in passages] == [5]


def test_a_note_that_opens_with_a_tab_keeps_the_tabs_name(tmp_path):
    # mkdocstrings' "!!! example" over '=== "docs/my_page.md"': the note's title had replaced the first tab's name.
    md = ('# Usage\n\n!!! example "Example with the Python handler"\n    === "docs/my_page.md"\n        ```md\n'
          '        # Documentation for MyClass\n        ```\n\n    === "mkdocs.yml"\n        ```yaml\n'
          '        nav: [my_page.md]\n        ```\n')
    passages, problems = read(tmp_path, "usage.md", md)
    assert problems == [] and [p.text for p in passages] == [
        "Example with the Python handler: docs/my_page.md:\n# Documentation for MyClass\nmkdocs.yml:\nnav: [my_page.md]"]


def test_the_text_after_a_tabs_code_is_labelled_with_the_tabs_name(tmp_path):
    # pip's "Unix/macOS" tab: the command, then "python -m pip executes pip using ..."; that text had lost the tab's
    # name, so the Unix and Windows explanations read alike.
    rst = textwrap.dedent("""\
        Running pip
        ===========

        .. tab:: Unix/macOS

           .. code-block:: shell

              python -m pip install widget

           ``python -m pip`` runs the pip of the interpreter you name.
        """)
    passages, problems = read(tmp_path, "guide.rst", rst)
    assert problems == [] and [p.text for p in passages] == [
        "Unix/macOS:\npython -m pip install widget", "Unix/macOS: python -m pip runs the pip of the interpreter you name."]


def test_a_heading_inside_a_tab_or_note_titles_nothing_past_it(tmp_path):
    # mkdocstrings' "Result" tab shows rendered HTML with its own <h3> and <h4>: they had become the sections of the
    # page's text after the tab ("method_b(self)" over "It is also possible to ...").
    md = ('# Usage\n\n## Autodoc syntax\n\n=== "Result"\n    <h3>Documentation for MyClass</h3>\n'
          '    <p>Print print print!</p>\n\nIt is also possible to use a header.\n')
    passages, problems = read(tmp_path, "usage.md", md)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("Autodoc syntax", "Result: Documentation for MyClass Print print print!"),
        ("Autodoc syntax", "It is also possible to use a header.")]


def test_markdown_and_html_under_their_other_suffixes(tmp_path):
    # README.mdown, notes.mkd, an old site's faq.shtml: skipped as formats no reader takes.
    for name, text, kind in [("README.mdown", "# Setup\n\nRun `make`.\n", "markdown"),
                             ("notes.mkd", "# Setup\n\nRun `make`.\n", "markdown"),
                             ("faq.shtml", "<h2>Setup</h2><p>Run <code>make</code>.</p>", "html")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    loaded = Corpus.open(tmp_path).load()
    assert {f.name: f.format for f in loaded.files} == {"README.mdown": "markdown", "notes.mkd": "markdown",
                                                         "faq.shtml": "html"}
    assert {(p.title, p.text) for p in loaded.passages} == {("Setup", "Run `make`."), ("Setup", "Run make.")}


def test_mdx_pages_without_their_module_lines_and_comments(tmp_path):
    # Docusaurus' .mdx pages: Markdown whose import/export lines and {/* comments */} are code for the site.
    mdx = ("---\ntitle: Getting started\n---\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n"
           "{/* for editors:\n   keep this short */}\n\n## How do I install it?\n\n<Tabs>\n  <TabItem value=\"apt\">\n\n"
           "Run `apt install widget`.\n\n  </TabItem>\n</Tabs>\n\n```js\nimport widget from 'widget';\n```\n\n"
           "export const meta = {draft: false};\n")
    passages, problems = read(tmp_path, "docs/start.mdx", mdx)
    assert problems == [] and [(p.kind, p.title, p.text) for p in passages] == [
        ("faq", "Getting started", "How do I install it?\nRun `apt install widget`.\nimport widget from 'widget';")]


def test_pymdown_blocks_are_callouts(tmp_path):
    # PyMdown's generic blocks ("/// details | Why ...?" closed by "///", an outer block nesting "////" ones),
    # as MkDocs Material sites write notes, tabs and collapsible FAQs: their lines had been text ("/// warning |
    # Emoji Image Licensing PyMdown Extensions has ..."). A block of markup only ("/// html | div.result") is its
    # content; in code they are code.
    md = ("# Widget\n\n## Questions\n\n/// details | How do I reset my password?\n    open: True\n\n"
          "Use the link on the sign-in page.\n///\n\n/// warning | Back up first\nKeep a copy.\n\n"
          "//// tab | Linux\nRun `widget backup`.\n////\n///\n\n/// html | div.result\nShown as a result.\n///\n\n"
          "```\n/// tab | Code\nnot a block\n///\n```\n")
    passages, problems = read(tmp_path, "faq.md", md)
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "How do I reset my password?\nUse the link on the sign-in page."),
        ("text", "Back up first: Keep a copy. Linux: Run `widget backup`."),
        ("text", "Shown as a result.\n/// tab | Code\nnot a block\n///")]


def test_docusaurus_markdown_pages_heading_ids_and_module_lines(tmp_path):
    # Docusaurus reads its .md pages as MDX too: their imports (also in "mdx-code-block" fences) are code for
    # the site, and "{#setup}" is a heading's id. Both had been text; prose that opens with "export" is not.
    md = ("# Guide\n\n```mdx-code-block\nimport Tabs from '@theme/Tabs';\n```\n\n## Setup {#setup}\n\n"
          "import UpgradeGuide from '@site/src/components/UpgradeGuide';\n\nRun the installer.\n\n"
          "export your data as CSV before you upgrade.\n")
    passages, problems = read(tmp_path, "guide.md", md)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("Setup", "Run the installer."), ("Setup", "export your data as CSV before you upgrade.")]


def test_notion_markdown_export_keeps_its_callouts(tmp_path):
    # Notion's Markdown export: toggles as list items with their answers indented under them, callouts in
    # <aside>, which the HTML reader drops as a page's sidebar; in Markdown it is the page's own text.
    md = ("# Help FAQ\n\n- How do I reset my password?\n    \n    Use the link on the sign-in page.\n    \n"
          "<aside>\n💡 Contact support for anything else.\n\n</aside>\n")
    passages, problems = read(tmp_path, "help.md", md)
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "How do I reset my password?\nUse the link on the sign-in page."),
        ("text", "💡 Contact support for anything else.")]


def test_jekyll_and_hugo_pages_without_their_template_tags(tmp_path):
    # A docs site's Markdown holds tags its build replaces (Hugo's shortcodes, Liquid's tags and site
    # variables, kramdown's attribute lists); they had been read as words of the answers. What a code span
    # or a raw block shows stays.
    md = ("---\ntitle: Troubleshooting\n---\n\n* TOC\n{:toc}\n\n## Why does the sync stop after an hour?\n\n"
          "{{< note >}}\nThe free plan stops syncing after an hour without changes.\n{{< /note >}}\n\n"
          "{% include warning.html %}\nRestart the client. See {{ site.baseurl }}/docs/setup.\n"
          "{: .highlight }\n\n## How do I write a template?\n\n{% comment %}Editors: keep this short.{% endcomment %}\n"
          "Write `{{ name }}` where the value goes.\n\n{% raw %}\nExample: {{ name }} is {% if admin %}admin{% endif %}.\n"
          "{% endraw %}\n")
    passages, problems = read(tmp_path, "docs/faq.md", md)
    assert problems == [] and faq(passages) == {
        "Why does the sync stop after an hour?":
            "The free plan stops syncing after an hour without changes.\nRestart the client. See /docs/setup.",
        "How do I write a template?":
            "Write `{{ name }}` where the value goes.\nExample: {{ name }} is {% if admin %}admin{% endif %}."}


@pytest.mark.parametrize("name", ["help.html", "help.md", "help.rst"])
def test_a_question_paragraph_is_answered_by_the_paragraph_after_it(tmp_path, name):
    # Exported Google Docs and plain Markdown FAQs write their questions as paragraphs. Inside a FAQ entry's
    # answer, a question is the answer's own (Cargo's "Have you seen the error message above?").
    paragraphs = ["Who can deposit data?", "Any member of staff.", "Why keep old versions? Because data changes."]
    entry = ["Why does the build fail?", "Have you seen the error above?", "It means two versions conflict."]
    if name.endswith(".html"):
        content = ("<h1>Help</h1>" + "".join(f"<p>{t}</p>" for t in paragraphs)
                   + f"<h2>{entry[0]}</h2>" + "".join(f"<p>{t}</p>" for t in entry[1:]))
    elif name.endswith(".md"):
        content = "# Help\n\n" + "\n\n".join(paragraphs) + f"\n\n## {entry[0]}\n\n" + "\n\n".join(entry[1:]) + "\n"
    else:
        content = ("Help\n====\n\n" + "\n\n".join(paragraphs) + f"\n\n{entry[0]}\n{'-' * len(entry[0])}\n\n"
                   + "\n\n".join(entry[1:]) + "\n")
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "Who can deposit data?\nAny member of staff."),
        ("text", "Why keep old versions? Because data changes."),
        ("faq", "Why does the build fail?\nHave you seen the error above?\nIt means two versions conflict.")]


@pytest.mark.parametrize("name", ["faq.md", "faq.html"])
def test_a_question_and_answer_table_gives_an_entry_for_each_row_that_asks(tmp_path, name):
    rows = [("Question", "Answer", "Since"), ("**Is it free?**", "Yes, under Apache-2.0.", "1.0"), ("Cost", "$99 a year", "")]
    if name.endswith(".md"):
        content = "# Tool\n\n## FAQ\n\n" + "\n".join(
            "| " + " | ".join(r) + " |" + ("\n|---|---|---|" if k == 0 else "") for k, r in enumerate(rows)) + "\n"
    else:
        content = "<h1>Tool</h1><h2>FAQ</h2><table>" + "".join(
            "<tr>" + "".join(f"<{'th' if k == 0 else 'td'}>{c.replace('**', '')}</{'th' if k == 0 else 'td'}>"
                             for c in r) + "</tr>" for k, r in enumerate(rows)) + "</table>"
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and [(p.kind, p.question, p.text) for p in passages] == [
        ("faq", "Is it free?", "Is it free?\nYes, under Apache-2.0.\nSince: 1.0"),
        ("table", "", "FAQ\nQuestion | Answer | Since\nCost | $99 a year | ")]


@pytest.mark.parametrize("name", ["faq.md", "faq.html"])
def test_an_entry_written_as_a_list_item_ends_with_its_item(tmp_path, name):
    if name.endswith(".md"):
        content = "# Help\n\n- **Is it free?** Yes.\n- **Can I pay later?** Within 30 days.\n\nWrite to us for more.\n"
    else:
        content = ("<h1>Help</h1><ul><li><b>Is it free?</b> Yes.</li><li><b>Can I pay later?</b> Within 30 days.</li></ul>"
                   "<p>Write to us for more.</p>")
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "Is it free?\nYes."), ("faq", "Can I pay later?\nWithin 30 days."), ("text", "Write to us for more.")]


def test_markdown_front_matter_is_metadata_and_gives_the_title(tmp_path):
    md = ("---\ntitle: Porting to New Distributions\nkeywords:\n- porting\n- distributions\nweight: 1\n---\n\n"
          "# Porting to New Distributions\n\nYou need a recent kernel.\n")
    passages, problems = read(tmp_path, "porting.md", md)
    assert problems == [] and [(p.title, p.section, p.text) for p in passages] == [
        ("Porting to New Distributions", "", "You need a recent kernel.")]
    # Text between two rules at the top of a page is the page's text, not metadata to drop.
    passages, problems = read(tmp_path, "ruled.md", "---\n\nWidget keeps files in sync.\n\n---\n\n## Install\n\nRun it.\n")
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("", "Widget keeps files in sync."), ("Install", "Run it.")]


@pytest.mark.parametrize("suffix", [".md", ".rst", ".html", ".txt", ".csv", ".jsonl"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("=-`*#|:.>?!\n\t Q1aZ<>/[](){}\"',_~+é")), max_size=400))
def test_markup_soup_gives_passages_or_a_per_file_error(tmp_path, suffix, text):
    _check_any_bytes(tmp_path, suffix, text.encode("utf-8"))


def test_markdown_saved_as_text_keeps_its_code_out_of_headings(tmp_path):
    text = "# Tool\n\nInstall it:\n\n```\npip install tool\ntool --init\n```\n\n## Usage\n\nRun `tool` in a folder.\n"
    passages, _ = read(tmp_path, "README.txt", text)
    no_code_or_fragments_in_labels(passages)
    assert [(p.section, p.text) for p in passages] == [
        ("", "Install it:\npip install tool\ntool --init"), ("Usage", "Run `tool` in a folder.")]


def test_plain_answers_with_angle_brackets_are_not_taken_for_html(tmp_path):
    passages, _ = read(tmp_path, "faq.jsonl", json.dumps(
        {"question": "How do I compare <a> and <b>?", "answer": "Write if a<b and b>c then swap."}) + "\n")
    assert [(p.question, p.text) for p in passages] == [
        ("How do I compare <a> and <b>?", "How do I compare <a> and <b>?\nWrite if a<b and b>c then swap.")]


ASCIIDOC = """= Acme Backup
:product: Acme Backup
:url-guide: https://example.org/guide

// A comment for the editors.
{product} keeps copies of your files. See the link:{url-guide}[user guide].

== Installing

[source,bash]
----
sudo apt install acme-backup
----

NOTE: The package needs Python 3.10 or later.

[WARNING]
====
Do not run two {product} backups at once.
====

.Supported systems
|===
|System |Since

|Debian |1.0
|Fedora |1.2
|===

== FAQ

Does {product} resume an interrupted backup?::
  Yes, it resumes where it stopped.
  Nothing is uploaded twice.

Can I encrypt my backups?:: Yes, with `--encrypt`.

include::licence.adoc[]
////
A comment block.
////
"""


def test_asciidoc_reads_its_sections_lists_tables_and_questions(tmp_path):
    # AsciiDoc files had been skipped ("convert it to HTML or Markdown").
    passages, problems = read(tmp_path, "guide.adoc", ASCIIDOC)
    assert problems == []
    assert [(p.kind, p.section, p.text) for p in passages] == [
        ("text", "", "Acme Backup keeps copies of your files. See the user guide."),
        ("text", "Installing", "sudo apt install acme-backup"),
        ("text", "Installing", "Note: The package needs Python 3.10 or later."),
        ("text", "Installing", "Warning: Do not run two Acme Backup backups at once."),
        # The label right over a table ("Supported systems:") names its rows, not a passage of its own (MkDocs' CLI
        # page labels each command's table of options "Options:").
        ("table", "Installing", "Installing › Supported systems\nSystem | Since\nDebian | 1.0"),
        ("table", "Installing", "Installing › Supported systems\nSystem | Since\nFedora | 1.2"),
        ("faq", "FAQ", "Does Acme Backup resume an interrupted backup?\nYes, it resumes where it stopped. Nothing is "
                       "uploaded twice."),
        ("faq", "FAQ", "Can I encrypt my backups?\nYes, with `--encrypt`.")]
    # Each passage names the line of the AsciiDoc file it starts at.
    assert [p.line for p in passages if p.kind == "faq"] == [32, 36]
    assert "comment" not in " ".join(p.text for p in passages)
    # A table that names its columns may put each cell on a line of its own.
    passages, _ = read(tmp_path, "t.adoc", '= T\n\n== Links\n\n[cols="2*", options="header"]\n|===\n|Name\n|Link\n'
                                           "|Guide\n|link:g.html[the guide]\n|===\n")
    assert [p.text for p in passages] == ["Links\nName | Link\nGuide | the guide"]
    # A "|" a cell writes (escaped in AsciiDoc) is the cell's text, not a "/" (ES|QL, a shell pipeline).
    passages, _ = read(tmp_path, "p.adoc", '= T\n\n== Languages\n\n[options="header"]\n|===\n|Language |Alias\n'
                                           "|ES\\|QL |esql\n|===\n")
    assert [p.text for p in passages] == ["Languages\nLanguage | Alias\nES|QL | esql"]
    # The header's author and revision lines are no text; a block title that asks is its block's question.
    passages, _ = read(tmp_path, "h.adoc", "= Foo FAQ\nJane Doe <jane@example.org>\nv1.2, 2024-03-01\n:toc: left\n\n"
                                           "== About\n\n.Why is it called Foo?\n****\nNobody remembers.\n****\n")
    assert [(p.kind, p.text) for p in passages] == [("faq", "Why is it called Foo?\nNobody remembers.")]
    # "<" is text, not a tag the Markdown reader would drop.
    passages, _ = read(tmp_path, "u.adoc", "== Usage\n\nRun `rg <pattern>` or rg <pattern> <path>.\n")
    assert [p.text for p in passages] == ["Run `rg <pattern>` or rg <pattern> <path>."]
    # Two-line section titles (Git's manuals); a line that introduces a listing block is no title (it leads in
    # an example of the text before it, and goes with that text).
    passages, _ = read(tmp_path, "g.adoc", "git-gc(1)\n=========\n\nOPTIONS\n-------\n\n--auto::\n\tChecks first.\n\n"
                                           "Run:\n----\ngit gc\n----\n\n[TIP]\n====\nRun it weekly.\n====\n")
    assert [(p.section, p.text) for p in passages] == [("--auto", "Checks first.\nRun:\ngit gc\nTip: Run it weekly.")]
    # A term that does not ask, with its description on its line, reads "term: description".
    passages, _ = read(tmp_path, "cpu.adoc", "== Terms\n\nCPU:: The processor.\n")
    assert [p.text for p in passages] == ["CPU: The processor."]
    # The terms of a [qanda] list are questions, asking or not.
    passages, _ = read(tmp_path, "qa.adoc", "== Help\n\n[qanda]\nResetting a password::\n  Use the link.\n\n"
                                            "Deleting an account::\n  Open Settings.\n")
    assert [(p.kind, p.question) for p in passages] == [("faq", "Resetting a password"), ("faq", "Deleting an account")]


NOTEBOOK = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    {"cell_type": "markdown", "metadata": {}, "source": ["# Quickstart\n", "\n", "This notebook trains a model.\n"]},
    {"cell_type": "markdown", "metadata": {}, "source": "## How do I load the data?\n\nCall `load_data()`."},
    {"cell_type": "code", "metadata": {}, "source": ["df = load_data()\n", "print(df.shape)"],
     "outputs": [{"output_type": "stream", "name": "stdout", "text": ["(150, 5)\n"]}]},
    {"cell_type": "raw", "metadata": {}, "source": "raw text for a converter"}]})


def test_asciidoc_table_cells_that_span_or_repeat(tmp_path):
    # A cell spanning rows (".2+|") or columns ("2+|") fills each cell it spans, and "2*|" is the cell twice, as
    # Asciidoctor lays them out: counted as one cell each, they had shifted every cell after them ("1 TB" as a plan).
    adoc = ("= Plans\n\n== Limits\n\n[cols=\"1,1,1\",options=\"header\"]\n|===\n|Plan |Storage |Users\n"
            ".2+|Team |100 GB |10\n|1 TB |50\n|Enterprise 2+|Unlimited\n|Free 2*|None\n|===\n")
    passages, problems = read(tmp_path, "plans.adoc", adoc)
    assert problems == [] and [p.text.split("\n")[-1] for p in passages] == [
        "Team | 100 GB | 10", "Team | 1 TB | 50", "Enterprise | Unlimited | Unlimited", "Free | None | None"]


def test_asciidoc_and_org_code_that_holds_a_markdown_fence(tmp_path):
    # A listing of Markdown (a README's code block) had closed the fence it was written in: the block lost its
    # last line, and what followed it was read as text.
    asciidoc = ("= Notes\n\n== Writing the README\n\nWrite code as Markdown does:\n\n----\n```sh\nmake install\n```\n"
                "----\n")
    org = ("* Writing the README\n\nWrite code as Markdown does:\n\n#+BEGIN_SRC markdown\n```sh\nmake install\n```\n"
           "#+END_SRC\n")
    for name, text in [("notes.adoc", asciidoc), ("notes.org", org)]:
        passages, problems = read(tmp_path, name, text)
        assert problems == [] and [p.text for p in passages] == [
            "Write code as Markdown does:\n```sh\nmake install\n```"]


def test_jupyter_notebooks_read_their_markdown_and_code_cells(tmp_path):
    # Notebooks (tutorials, examples) had been skipped as a format no reader takes. Outputs are left out.
    passages, problems = read(tmp_path, "quickstart.ipynb", NOTEBOOK)
    assert problems == [] and [(p.kind, p.text, p.line) for p in passages] == [
        ("text", "This notebook trains a model.", 0),
        ("faq", "How do I load the data?\nCall `load_data()`.\ndf = load_data()\nprint(df.shape)", 0)]
    passages, problems = read(tmp_path, "broken.ipynb", "{not json")
    assert passages == [] and "not a readable Jupyter notebook" in str(problems[0])


ORG = """#+TITLE: Foo
#+OPTIONS: toc:nil

Foo syncs your notes. See [[https://foo.example/docs][the docs]].

* Installation
:PROPERTIES:
:CUSTOM_ID: install
:END:
Install it with pip:

#+BEGIN_SRC shell
pip install foo
#+END_SRC

#+BEGIN_NOTE
Foo needs Python 3.10.
#+END_NOTE

* TODO FAQ                                                     :faq:
** Does Foo work offline?
Yes: it syncs when you are back online.

- Can I use two accounts? :: Not yet.

* Limits
| Plan | Notes |
|------+-------|
| Free | 100   |

# a comment
#+BEGIN_COMMENT
Hidden.
#+END_COMMENT
"""


def test_org_files_read_their_headlines_blocks_lists_and_tables(tmp_path):
    # Org files (a project's README.org) had been skipped as a format no reader takes.
    passages, problems = read(tmp_path, "README.org", ORG)
    assert problems == [] and [(p.kind, p.section, p.text, p.line) for p in passages] == [
        ("text", "", "Foo syncs your notes. See the docs.", 4),
        ("text", "Installation", "Install it with pip:\npip install foo", 10),
        ("text", "Installation", "Note: Foo needs Python 3.10.", 17),
        ("faq", "FAQ", "Does Foo work offline?\nYes: it syncs when you are back online.", 21),
        ("faq", "FAQ", "Can I use two accounts?\nNot yet.", 24),
        ("table", "Limits", "Limits\nPlan | Notes\nFree | 100", 27)]
    assert all(p.title == "Foo" for p in passages)
    # A description item that does not ask reads "term: description"; its term may run over lines.
    passages, _ = read(tmp_path, "terms.org", "* Terms\n\n- CPU :: the processor\n- Disk\n  cache :: a buffer\n")
    assert [p.text for p in passages] == ["- CPU: the processor\n- Disk cache :: a buffer"]
    # A description item that asks, in more than one sentence or in several wordings over lines, is an entry.
    passages, _ = read(tmp_path, "faq.org", "* FAQ\n\n- Q: Ctrl-C fails to stop my program. Why? :: The handler "
                                           "waits.\n  Press it twice.\n\n- Q: Why do I get a bad FPU precision?\\\\\n"
                                           "  Q: I get weird results after starting Direct3D. :: "
                                           "Direct3D sets the FPU.\n")
    assert [(p.question, p.alternates, p.text.split("\n", 1)[1]) for p in passages] == [
        ("Ctrl-C fails to stop my program. Why?", (), "The handler waits. Press it twice."),
        ("Why do I get a bad FPU precision?", ("I get weird results after starting Direct3D.",),
         "Direct3D sets the FPU.")]


def test_html_sentence_that_only_leads_to_other_pages_is_navigation(tmp_path):
    # Doxygen's manual ends each page with "Go to the next section or return to the index.", its two links the
    # neighbouring pages: it had been glued to the page's last FAQ answer. A sentence that links to a page of its
    # subject stays text.
    page = ("<html><body><h1>FAQ</h1><h2>How to prevent interleaved output</h2>"
            "<p>Use the <code>-b</code> option to make the output unbuffered.</p>"
            '<p>See the <a href="config.html">configuration</a> page and the <a href="index.html">index</a> of '
            "options.</p>"
            '<p>Go to the <a href="trouble.html">next</a> section or return to the <a href="index.html">index</a>.'
            "</p></body></html>")
    passages, problems = read(tmp_path, "faq.html", page)
    assert problems == [] and [p.text for p in passages] == [
        "How to prevent interleaved output\nUse the -b option to make the output unbuffered.\n"
        "See the configuration page and the index of options."]


def test_html_of_documentation_generators(tmp_path):
    # What Sphinx, docutils, MkDocs, texinfo, DocBook, Doxygen and Javadoc write, as read on their real pages:
    # a section whose id (made of its heading) holds a word of page furniture ("copyright", "navigation") had
    # been dropped; so had docutils' table header cells (class "head"), its footnotes and admonitions (HTML5
    # asides), a list of links the text introduces and a link showing its address. DocBook's and AsciiDoc's
    # notes and Doxygen's and Javadoc's labelled notes ("Returns:") had been headings, a layout table (its
    # title a passage of one word, "Warning") or nothing.
    page = """<html><head><title>Python FAQ</title></head><body><div role="main">
<section id="general"><h1>General</h1>
<section id="are-there-copyright-restrictions-on-python"><h2>Are there copyright restrictions on Python?</h2>
<p>You can do anything you want with the source.</p></section>
<section id="which-ides-have-a-debugger"><h2>Which IDEs have a debugger?</h2>
<p>Commercial IDEs with graphical debuggers include:</p>
<ul><li><a href="https://wingware.com/">Wing IDE</a></li><li><a href="https://www.jetbrains.com/pycharm/">PyCharm</a></li></ul>
<p>For serial ports, see:</p><p><a href="https://pypi.org/project/pyserial/">https://pypi.org/project/pyserial/</a></p>
</section></section>
<h2 id="configure-pages-and-navigation">Configure Pages and Navigation</h2>
<p>The nav setting lists the pages.<a class="footnote-reference" href="#f1">1</a></p>
<table class="docutils"><thead><tr><th class="head"><p>Task</p></th><th class="head"><p>Tool</p></th></tr></thead>
<tbody><tr><td><p>Show output</p></td><td><p>print()</p></td></tr><tr><td><p>Report events</p></td><td><p>logging.info()</p></td></tr></tbody></table>
<aside class="admonition note"><p class="admonition-title">Note</p><p>Pages not listed are still built.</p></aside>
<div class="tip"><table border="0" summary="Tip"><tr><td rowspan="2"><img alt="[Tip]" src="tip.png"/></td><th>Tip</th></tr>
<tr><td><p>Keep the nav short.</p></td></tr></table></div>
<div class="caution"><h3 class="title">Caution</h3><p>Names are case sensitive.</p></div>
<div class="admonitionblock"><table><tr><td class="icon"><div class="title">Warning</div></td>
<td class="content">Mail clients wrap lines.</td></tr></table></div>
<div class="admonitionblock important"><table><tr><td class="icon"><i class="fa icon-important" title="Important"></i></td>
<td class="content"><div class="paragraph"><p>Sign off your patches.</p></div></td></tr></table></div>
<dl class="section note"><dt>Note</dt><dd>You need the GNU install tool.</dd></dl>
<DIV CLASS="WARNING"><P></P><TABLE CLASS="WARNING" BORDER="1" WIDTH="100%"><TR><TD ALIGN="CENTER"><B>Warning</B></TD></TR>
<TR><TD ALIGN="LEFT"><P>Filters run with the proxy's privileges!</P></TD></TR></TABLE></DIV>
<h3>toCharacter</h3><p>Converts a character.</p>
<dl class="notes"><dt>Returns:</dt><dd>a Character</dd></dl>
<aside class="footnote-list brackets"><aside class="footnote brackets" id="f1" role="doc-footnote">
<span class="label">1</span><p>The nav is optional.</p></aside></aside>
<aside class="sidebar-drawer"><p>Search the docs</p></aside>
</div></body></html>"""
    passages, problems = read(tmp_path, "docs.html", page)
    assert problems == []
    assert [(p.kind, p.section, p.text) for p in passages] == [
        ("faq", "General", "Are there copyright restrictions on Python?\nYou can do anything you want with the source."),
        ("faq", "General", "Which IDEs have a debugger?\nCommercial IDEs with graphical debuggers include:\n- Wing IDE\n"
                           "- PyCharm\nFor serial ports, see:\nhttps://pypi.org/project/pyserial/"),
        ("text", "Configure Pages and Navigation", "The nav setting lists the pages.1"),
        ("table", "Configure Pages and Navigation", "Configure Pages and Navigation\nTask | Tool\nShow output | print()"),
        ("table", "Configure Pages and Navigation", "Configure Pages and Navigation\nTask | Tool\nReport events | logging.info()"),
        ("text", "Configure Pages and Navigation", "Note: Pages not listed are still built."),
        ("text", "Configure Pages and Navigation", "Tip: Keep the nav short."),
        ("text", "Configure Pages and Navigation", "Caution: Names are case sensitive."),
        ("text", "Configure Pages and Navigation", "Warning: Mail clients wrap lines."),
        ("text", "Configure Pages and Navigation", "Important: Sign off your patches."),
        ("text", "Configure Pages and Navigation", "Note: You need the GNU install tool."),
        # DocBook's DSSSL stylesheets (Privoxy's manual) set the title in a row of its own over the text's.
        ("text", "Configure Pages and Navigation", "Warning: Filters run with the proxy's privileges!"),
        ("text", "toCharacter", "Converts a character."),
        # (The footnote, last on the page, goes on after the label before it.)
        ("text", "toCharacter", "Returns: a Character\nThe nav is optional.")]


def test_a_docbook_title_pages_credits_head_nothing(tmp_path):
    # DocBook writes a book's authors as headings under its title: the last one had been the section of the
    # legal notice and of the subtitle's text (Debian's "Users and Groups", bzip2's manual, X11's specs).
    page = """<html><head><title>Users and Groups</title></head><body><div class="book"><div class="titlepage">
<h1 class="title">Users and Groups</h1><h3 class="AUTHOR">Joey Hess</h3><h3 class="author">Colin Watson</h3>
<div class="legalnotice"><p>This document is free; you can redistribute it under the GNU GPL.</p></div></div>
<div class="chapter"><h1>Chapter 1. Introduction</h1><p>The base-passwd package holds /etc/passwd.</p></div>
</div></body></html>"""
    passages, problems = read(tmp_path, "users-and-groups.html", page)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("", "This document is free; you can redistribute it under the GNU GPL."),
        ("Chapter 1. Introduction", "The base-passwd package holds /etc/passwd.")]


def test_an_option_described_by_fields_is_one_entry(tmp_path):
    # DocBook manuals describe each option with a variable list of fields (Privoxy's config.html: "Specifies:",
    # "Type of value:", "Default value:", "Effect if unset:", "Notes:"). Each field had been a passage of its own,
    # and "Specifies: How long a temporarily enabled tag remains enabled." ranked above the field that answers.
    # A page's introduction under two fields (Node's "Stability: 2 - Stable" / "Source Code: ...") stays prose.
    fields = lambda name, default: f"""<h4>{name}</h4><div class="variablelist"><dl>
<dt>Specifies:</dt><dd><p>How long a {name} lasts.</p></dd>
<dt>Type of value:</dt><dd><p><i>Time in seconds.</i></p></dd>
<dt>Default value:</dt><dd><p>{default}</p></dd>
<dt>Notes:</dt><dd><p>The default is quite high.</p><p>Reduce it on a slow proxy.</p></dd></dl></div>"""
    page = f"""<html><body><h1>The Main Configuration File</h1>
<h2>Timeouts</h2>{fields("socket-timeout", "300")}{fields("keep-alive-timeout", "None")}
<h2>Trace events</h2><p>Stability: 2 - Stable</p><p>Source Code: lib/trace_events.js</p>
<p>The trace_events module centralizes tracing information.</p><p>Tracing is enabled with a flag.</p>
<p>The log file is node_trace.log by default.</p></body></html>"""
    passages, problems = read(tmp_path, "config.html", page)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("socket-timeout", "Specifies: How long a socket-timeout lasts.\nType of value: Time in seconds.\n"
                           "Default value: 300\nNotes: The default is quite high.\nReduce it on a slow proxy."),
        ("keep-alive-timeout", "Specifies: How long a keep-alive-timeout lasts.\nType of value: Time in seconds.\n"
                               "Default value: None\nNotes: The default is quite high.\nReduce it on a slow proxy."),
        ("Trace events", "Stability: 2 - Stable\nSource Code: lib/trace_events.js\n"
                         "The trace_events module centralizes tracing information."),
        ("Trace events", "Tracing is enabled with a flag."),
        ("Trace events", "The log file is node_trace.log by default.")]


def test_three_fields_make_an_entry_however_long_its_notes_run_on():
    # Privoxy's actions-file.html opens each action with "Typical use:", "Effect:", "Type:", "Notes:", and its notes
    # run on for paragraphs: more of them than fields, and the fields had been passages of their own.
    notes = ["The header tells the browser what to do.", "It can also change the rendering mode.",
             "By default only text types are replaced.", "A server-header filter is often easier.",
             "Exceptions by URL take more work."]
    blocks = [Block("heading", "Actions", level=1), Block("heading", "content-type-overwrite", level=4),
              Block("paragraph", "Typical use: Stop download menus."),
              Block("paragraph", "Effect: Replaces the Content-Type header."),
              Block("paragraph", "Type: Parameterized."), *(Block("paragraph", n) for n in notes),
              Block("heading", "Trace events", level=4), Block("paragraph", "Stability: 2 - Stable"),
              Block("paragraph", "Source Code: lib/trace_events.js"), *(Block("paragraph", n) for n in notes)]
    passages = build_passages(blocks, source="actions-file.html")
    assert [p.text for p in passages] == [
        "Typical use: Stop download menus.\nEffect: Replaces the Content-Type header.\nType: Parameterized.\n"
        + "\n".join(notes),
        # Two fields over more prose than fields: a page's introduction, its paragraphs apart.
        "Stability: 2 - Stable\nSource Code: lib/trace_events.js\n" + notes[0], *notes[1:]]


def test_question_after_a_subsection_is_not_under_it(tmp_path):
    # A question ends the sections at its level: the next question after "Web forum" (a subsection of the
    # section before) had been shown under "Web forum" (Debian's FAQ, in HTML and PDF).
    text = ("# Support\n\n## Resources\n\n### Web forum\n\nThe forum is at forum.example.org.\n\n"
            "## How do I report a bug?\n\nUse the bug tracker.\n")
    passages, problems = read(tmp_path, "support.md", text)
    assert problems == [] and [(p.kind, p.section) for p in passages] == [("text", "Web forum"), ("faq", "")]


def test_epub_of_a_sphinx_manual_reads_every_chapter(tmp_path):
    # Sphinx marks each chapter's text as the page's main part; the chapters read as one page, only the first
    # chapter's had been read, and the rest of the book was lost.
    passages, problems = read(tmp_path, "vault.epub", epub_bytes(sphinx=True))
    assert problems == [] and [p.text for p in passages] == [
        "Questions researchers ask.", "Who can deposit data?\nAny member of staff.",
        "How long is data kept?\nTen years.", "Can I delete a dataset?\nWithin 30 days."]


def test_pdf_running_headers_naming_the_chapter_are_dropped(tmp_path):
    # A book's header names the chapter its page is in, beside the page number: "Chapter 1. Installing 2"
    # recurs on the chapter's pages only, fewer than half of them, and had stayed in the text.
    chapters = [("Installing", 3), ("Backing up", 5)]
    pages, number = [], 0
    for chapter, (name, count) in enumerate(chapters, start=1):
        for page in range(count):
            number += 1
            pages.append([f"Chapter {chapter}. {name} {number}", "",
                          *(f"The {name.lower()} text, part {page + 1}, line {n}." for n in range(1, 5))])
    passages, problems = read(tmp_path, "book.pdf", pdf_bytes(pages))
    assert problems == [] and not any("Chapter" in p.text or "Chapter" in p.section for p in passages)
    assert passages[0].text.startswith("The installing text, part 1, line 1.")


def test_pdf_running_headers_of_short_chapters_are_told_by_their_page_number(tmp_path):
    # A manual made with Texinfo (libtasn1's) heads each page after a chapter's first with the chapter and the
    # page number, "Chapter 2: Utilities 3". A chapter of two pages shows its header once or twice: read as
    # text, it opened a list in the middle, and cut it in two at the page break. The numbers count with the
    # pages, one behind the file's places (two front pages come first, and page 1 is the first chapter's), which
    # tells them from the text. A heading's number is its own, not a page's: "1 Introduction" atop page 1 stays a
    # heading (its chapter number dropped, as "3.1." is).
    def heading(text):
        return (text, "bold", 16, 72, 5)

    pages = [[heading("Libasn Manual"), "", "For version 4.1 of the library."],
             ["This manual may be copied freely."],
             [heading("1 Introduction"), "", "The library parses definitions.", "", "It handles these types:",
              "- INTEGER;", "- BOOLEAN;"],
             ["Chapter 1: Introduction 2", "", "- SEQUENCE;", "- CHOICE.", "", "It is portable to any system."],
             [heading("2 Utilities"), "", "The coder writes an encoding of the definitions."],
             ["Chapter 2: Utilities 4", "", "The decoder reads an encoding back into a structure."],
             [heading("3 Functions"), "", "Each function returns a status code."],
             ["Chapter 3: Functions 6", "", "A structure is deleted with one call."]]
    passages, problems = read(tmp_path, "manual.pdf", pdf_bytes(pages))
    assert problems == [] and not any("Chapter" in p.text or "Chapter" in p.section for p in passages)
    assert ("Introduction", "It handles these types:\n- INTEGER;\n- BOOLEAN;\n- SEQUENCE;\n- CHOICE.") in [
        (p.section, p.text) for p in passages]
    assert {p.section for p in passages} >= {"Introduction", "Utilities", "Functions"}


def test_pdf_running_headers_naming_the_chapter_without_a_page_number_are_dropped(tmp_path):
    # bzip2's manual heads each page of a chapter with the chapter's name, its page number a footer apart: on
    # fewer than half the pages, it had stayed in the text, and cut a sentence that runs on over the page break
    # ("... an overhead in the region of" / "50 bytes."), which a number goes on as a word does.
    def heading(text):
        return (text, "bold", 16, 72, 5)

    pages = [[heading("1 Introduction"), "", "The packer compresses files in blocks."],
             [heading("2 Using the packer"), "", "It reads the files named on its command line.",
              "Files of fewer than a hundred bytes grow, since the format", "has an overhead in the region of"],
             ["Using the packer", "", "50 bytes. Random data grows by half a percent."],
             ["Using the packer", "", "It keeps its input files when asked to."],
             ["Using the packer", "", "It exits with status zero when all went well."],
             [heading("3 Reporting bugs"), "", "Send the smallest file that shows the bug."],
             ["Reporting bugs", "", "Say which compiler built the packer."],
             ["Reporting bugs", "", "Say which system it runs on."],
             ["Reporting bugs", "", "Say what you expected it to do."]]
    passages, problems = read(tmp_path, "manual.pdf", pdf_bytes(pages))
    assert problems == []
    assert not any(line in ("Using the packer", "Reporting bugs") for p in passages for line in p.text.split("\n"))
    assert ("Using the packer", "It reads the files named on its command line. Files of fewer than a hundred bytes "
            "grow, since the format has an overhead in the region of 50 bytes. Random data grows by half a percent.") in [
        (p.section, p.text) for p in passages]


def test_pdf_page_in_three_columns_is_read_column_by_column(tmp_path):
    # AUCTeX's reference card sets its sections in three columns: read as two (the widest gap alone), the first two
    # columns' lines had run together ("Tabular or C-i TAB Multifile Handling"), each section's keys in another's.
    columns = [("Shell commands", "Run a command on the file"), ("Font selection", "Insert bold text into it"),
               ("Math mode", "Insert a Greek letter here")]
    page = []
    for row in range(9):
        for k, (heading, line) in enumerate(columns):
            text, font, size = (heading, "bold", 12) if row == 0 else (f"{line} {row}.", "body", 10)
            page.append((text, font, size, 40 + 190 * k, 5 if k == 0 else -size))
    passages, problems = read(tmp_path, "card.pdf", pdf_bytes([page]))
    assert problems == []
    # (The first column's heading, first on the page, titles the card.)
    assert [(p.title, p.section, p.text.split(" 3.")[0]) for p in passages] == [
        ("Shell commands", section, f"{line} 1. {line} 2. {line}")
        for section, (_, line) in zip(["", "Font selection", "Math mode"], columns)]


def test_pdf_running_headers_naming_the_section_and_the_chapter_are_dropped(tmp_path):
    # LaTeX's book layout heads each page with its section's and its chapter's names on one line ("2.4. BUILDING
    # SDCC CHAPTER 2. INSTALLING SDCC", the page number a footer apart): 77 of SDCC's guide's passages had been that
    # line alone, and it cut the sentences that run on over a page break.
    def heading(text, size=16):
        return (text, "bold", size, 72, 5)

    header = "2.1. BUILDING THE PACKER CHAPTER 2. INSTALLING THE PACKER"
    pages = [[heading("Chapter 1 The packer"), "", "The packer compresses files in blocks."],
             ["It reads the files named on its command line."], ["It keeps its input files when asked to."],
             [heading("Chapter 2 Installing the packer"), "", "The packer builds on any system with a compiler."],
             [heading("2.1 Building the packer", 13), "", "Run the configure script, then make,",
              "which builds the packer and its"],
             [header, "", "library. Building takes a minute."],
             [header, "", "Run make check to test what was built."],
             [header, "", "Run make install to install it."]]
    passages, problems = read(tmp_path, "guide.pdf", pdf_bytes(pages))
    assert problems == []
    assert not any(header in p.text for p in passages)
    assert ("Building the packer", "Run the configure script, then make, which builds the packer and its library. "
            "Building takes a minute.") in [(p.section.split(" › ")[-1], p.text) for p in passages]


def test_pdf_terms_over_text_indented_under_them_are_a_definition_list(tmp_path):
    # bzip2's options, as DocBook sets a variable list: each option in code at the margin, over its text indented
    # under it. Read as code, each option's name had gone with the text of the option before it. A line alone
    # over indented text (a lead-in to a formula) is no term.
    def mono(text, gap=8):
        return (text, "mono", 11, 72, gap)

    def indented(text, left=108):
        return (text, "body", 11, left, 3)

    pages = [[("Options", "bold", 16, 72, 5), "These options change what the packer does.",
              mono("-c --stdout"), indented("Compress or decompress to standard output."),
              mono("-d --decompress"), indented("Force decompression, whatever the program is called."),
              indented("The name of the program does not matter then."),
              mono("-k --keep"), indented("Keep the input files."),
              ("The options may be given in any order.", "body", 11, 72, 8),
              ("Sizes", "bold", 16, 72, 8), "The size of a block is worked out as follows.",
              ("It is easy to see that", "body", 11, 72, 8), indented("size = blocks * 100000", 200)]]
    passages, problems = read(tmp_path, "options.pdf", pdf_bytes(pages))
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("", "These options change what the packer does."),  # under the document's title
        ("-c --stdout", "Compress or decompress to standard output."),
        ("-d --decompress", "Force decompression, whatever the program is called. The name of the program does not "
                            "matter then."),
        ("-k --keep", "Keep the input files."),
        ("", "The options may be given in any order."),
        ("Sizes", "The size of a block is worked out as follows."),
        ("Sizes", "It is easy to see that size = blocks * 100000")]


def test_pdf_texinfo_definition_line_is_titled_by_its_whole_signature(tmp_path):
    # Texinfo sets a definition's line larger than the text, its category at the right ("[Function]"), wrapped
    # onto a second line: the heading had been the first line with "[Function]" in it, and the rest of the
    # signature opened the text under it.
    def line(text, left=119, size=11, gap=5):
        return (text, "body", size, left, gap)

    pages = [[("asn1 get tag der", "bold", 13, 90, 5),
              line("int asn1_get_tag_der (const char * der, int der_len, [Function]", 90, 12),
              line("int * len)", 140, 12, 1),
              line("der: DER data to decode."), line("len: Output variable holding the length of the tag."),
              line("Decode the class and tag from DER data; this text runs on for a while to"),
              line("make the body's type the most common one.", gap=1),
              line("Returns: ASN1_SUCCESS on success, or an error.")]]
    passages, problems = read(tmp_path, "tasn.pdf", pdf_bytes(pages))
    assert problems == []
    assert {p.section for p in passages} == {"int asn1_get_tag_der (const char * der, int der_len, int * len)"}
    assert passages[0].text == "der: DER data to decode."


def test_pdf_words_broken_over_lines_in_capitals_or_after_an_underscore_are_joined(tmp_path):
    # libtasn1's manual: "ELE-" / "MENT" and "asn1_der_" / "decoding()" had read "ELE- MENT", "asn1_der_ decoding()".
    pages = [[("Decoding", "bold", 16, 72, 5), "The decoder returns an error when the ELE-",
              ("MENT is missing and the OP-", "body", 11, 72, 1), ("TIONAL part is absent; call asn1_der_", "body", 11, 72, 1),
              ("decoding() first. A non-", "body", 11, 72, 1), ("English name is kept.", "body", 11, 72, 1)]]
    passages, problems = read(tmp_path, "decoding.pdf", pdf_bytes(pages))
    assert problems == []
    assert passages[0].text == ("The decoder returns an error when the ELEMENT is missing and the OPTIONAL part is "
                                "absent; call asn1_der_decoding() first. A non-English name is kept.")


def test_docx_contents_written_as_linked_paragraphs_is_dropped(tmp_path):
    # Google Docs and LibreOffice write a contents list as a paragraph per entry, each one link: the entries had
    # been passages of their own, a question's entry ranking beside its answer.
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("Billing", level=1)
    for n, entry in enumerate(("Paying", "Cancelling", "Invoices")):
        paragraph = document.add_paragraph()
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), f"h{n}")
        run = paragraph.add_run(entry)._r
        paragraph._p.remove(run)
        link.append(run)
        paragraph._p.append(link)
    for heading, text in [("Paying", "By card."), ("Cancelling", "Any time."), ("Invoices", "In the app.")]:
        document.add_heading(heading, level=2)
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "billing.docx", out.getvalue())
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("Paying", "By card."), ("Cancelling", "Any time."), ("Invoices", "In the app.")]


def test_statements_under_a_question_of_a_faq_section_stay_in_its_answer(tmp_path):
    # Under a "Frequently Asked Questions" heading, the first entry's statement subheadings ("It can lead to
    # confusion") had been read as the section's entries, each cut from the question they answer.
    text = ("# Release tool\n\n## Frequently Asked Questions\n\n### Why is the version not updated?\n\nIt need not be.\n\n"
            "#### It is not needed\n\nThe tag tracks it.\n\n#### It can lead to confusion\n\nThe registry is the truth.\n\n"
            "### Can I use it with GitLab?\n\nYes.\n")
    passages, problems = read(tmp_path, "faq.md", text)
    assert problems == [] and [(p.kind, p.question) for p in passages] == [
        ("faq", "Why is the version not updated?"), ("faq", "Can I use it with GitLab?")]
    assert passages[0].text.endswith("It can lead to confusion\nThe registry is the truth.")


def test_html_tab_opening_with_steps_or_a_command_keeps_its_name(tmp_path):
    # MkDocs Material's tabs had named their panel only when it opened with a paragraph: the macOS steps and
    # the Windows command read as one text with no system named. The paragraph announcing the tabs opens the
    # first; a tab's name is no example's lead-in ("For example:"), which would take the tab into the one before.
    page = """<html><head><title>Install</title></head><body><article><h2>Installers</h2><p>Install it with:</p>
<div class="tabbed-set" data-tabs="1:2"><input checked id="t1" name="tabs" type="radio"><input id="t2" name="tabs" type="radio">
<div class="tabbed-labels"><label for="t1">macOS</label><label for="t2">Windows</label></div>
<div class="tabbed-content"><div class="tabbed-block"><ol><li>Download the .pkg file.</li><li>Run it.</li></ol></div>
<div class="tabbed-block"><pre><code>msiexec /i tool.msi</code></pre></div></div></div>
</article></body></html>"""
    passages, problems = read(tmp_path, "install.html", page)
    assert problems == [] and [p.text for p in passages] == [
        "Install it with:\nmacOS:\n1. Download the .pkg file.\n2. Run it.", "Windows:\nmsiexec /i tool.msi"]


def test_unix_documentation_named_in_capitals_is_text_whatever_its_suffix(tmp_path):
    # Debian's "README.Debian" (and "README.tun", "INSTALL.unix") had been skipped: ".Debian" is no format.
    passages, problems = read(tmp_path, "README.Debian", "Notes for Debian\n\nThe daemon starts at boot.\n")
    assert problems == [] and [p.text for p in passages] == ["The daemon starts at boot."]
    passages, problems = read(tmp_path, "notes.Debian", "The daemon starts at boot.\n")
    assert passages == [] and "format not supported (.Debian)" in str(problems[0])


def test_headings_beside_a_faq_section_are_not_its_entries(tmp_path):
    # Most of ESLint's level-3 headings ask (its FAQ section's), so every level-3 heading had been an entry,
    # the "Team" section's "Reviewers" and "Committers" too. Only where a heading of that level asks are the
    # others entries worded as statements.
    text = ("# ESLint\n\n## FAQ\n\n### Does Prettier replace ESLint?\n\nNo.\n\n### Does ESLint support JSX?\n\nYes.\n\n"
            "### Why can't ESLint find my plugins?\n\nInstall them locally.\n\n### Plugins load slowly.\n\nCache them.\n\n"
            "## Team\n\n### Reviewers\n\nThey review.\n\n### Committers\n\nThey commit.\n")
    passages, problems = read(tmp_path, "README.md", text)
    assert problems == [] and [(p.kind, p.section) for p in passages] == [
        ("faq", "FAQ"), ("faq", "FAQ"), ("faq", "FAQ"), ("faq", "FAQ"), ("text", "Reviewers"), ("text", "Committers")]


def test_pdf_lines_whose_boxes_overlap_do_not_set_the_usual_gap(tmp_path):
    # A line holding a link in a taller font overlaps the line above (a gap under zero): such gaps, a sixth of
    # the Debian FAQ's, had made the usual gap negative, so that every ordinary gap of its small type read as
    # a paragraph break ("... provided the copyright" / "notice and this permission notice ...").
    words = "Permission is granted to copy this document provided the notice is kept".split()
    lines = [(" ".join(words[k:] + words[:k]), "body", 9, 72, -0.5 if k % 3 == 0 else 2) for k in range(12)]
    passages, problems = read(tmp_path, "notice.pdf", pdf_bytes([lines]))
    assert problems == [] and len(passages) == 1


def test_asciidoc_stacked_terms_title_their_description_together(tmp_path):
    # Git's manuals write an option's spellings as terms over one description ("-a::" over "--all::"): only the
    # last had titled it, so "remove" was lost; "linkgit:" links to manual pages were left as markup.
    text = ("git-remote(1)\n=============\n\nCOMMANDS\n--------\n\n'remove'::\n'rm'::\n\n"
            "Remove the remote. See linkgit:git-fetch[1].\n\n-a::\n--all::\n\tFetch all remotes.\n\n"
            "Why is it slow?::\nDoes it hang?::\n\tIt waits for the network.\n")
    passages, problems = read(tmp_path, "git-remote.adoc", text)
    assert problems == []
    assert [(p.kind, p.section, p.text) for p in passages] == [
        ("text", "'remove', 'rm'", "Remove the remote. See git-fetch(1)."),
        ("text", "-a, --all", "Fetch all remotes."),
        # Questions stacked are wordings of one entry (had been two, the first with no answer).
        ("faq", "COMMANDS", "Why is it slow?\nDoes it hang?\nIt waits for the network.")]


def test_asciidoc_attribute_in_a_link_and_conditional_badges(tmp_path):
    # Asciidoctor's README: a link whose address is an attribute had kept its markup
    # ("https://asciidoctor.org[Asciidoctor] is a fast..."), and badges inside "ifdef::status[]" were text
    # though the attribute is not set. A list of links the text introduces is the text's, in Markdown too.
    text = ("= Asciidoctor\n:url-home: https://asciidoctor.org\n:url-docs: {url-home}/docs\n\n"
            "{url-home}[Asciidoctor] is a fast text processor.\n\n"
            "ifdef::status[]\nimage:https://img.shields.io/gem/v/asciidoctor.svg[Latest Release]\nendif::[]\n"
            "ifndef::status[]\nRead the {url-docs}[documentation].\nendif::[]\n\n"
            ".Key documentation\n* {url-docs}/asciidoctor[Asciidoctor Documentation]\n* {url-docs}/syntax[Syntax Reference]\n")
    passages, problems = read(tmp_path, "README.adoc", text)
    assert problems == [] and [p.text for p in passages] == [
        "Asciidoctor is a fast text processor.", "Read the documentation.",
        "Key documentation:\n- Asciidoctor Documentation\n- Syntax Reference"]


def test_markdown_menu_of_links_is_dropped(tmp_path):
    # ESLint's README opens with a menu, "Website | Rules | Twitter | Discord": it had been a passage, as a
    # page's navigation bar is not in HTML.
    text = ("# ESLint\n\n[Website](https://eslint.org) |\n[Rules](https://eslint.org/rules) |\n"
            "[Discord](https://eslint.org/chat)\n\nESLint finds problems in JavaScript code.\n")
    passages, problems = read(tmp_path, "README.md", text)
    assert problems == [] and [p.text for p in passages] == ["ESLint finds problems in JavaScript code."]


def test_org_fixed_width_lines_escapes_italics_and_file_variables(tmp_path):
    # Org's NEWS file: ": (setq ...)" lines kept their colons, ",#+begin_src" its escaping comma, "/not/" its
    # slashes, and the first line's "-*- mode: org -*-" was part of the title.
    text = ("ORG NEWS -- history of changes.  -*- mode: org; coding: utf-8 -*-\n\n* Version 9.7\n\n"
            "This will /not/ work with older Emacs:\n\n: (setq org-startup-folded t)\n: (require 'org)\n\n"
            "#+begin_example\n,#+begin_src python\nprint(1)\n,#+end_src\n#+end_example\n")
    passages, problems = read(tmp_path, "NEWS.org", text)
    assert problems == [] and [p.text for p in passages] == [
        "ORG NEWS -- history of changes.",
        "This will not work with older Emacs:\n(setq org-startup-folded t)\n(require 'org)\n"
        "#+begin_src python\nprint(1)\n#+end_src"]


def test_a_date_or_an_unresolved_reference_is_no_faq_entry(tmp_path):
    # A title page's date set as the questions are had been promoted to an entry of a FAQ ("May 31, 2022"), and
    # LaTeX's mark for a reference it could not resolve made a bibliography line ask ("pages 169–??").
    text = ("# Debian FAQ\n\n## May 31, 2022\n\nCopyright notice.\n\n## What is Debian?\n\nAn operating system.\n\n"
            "## Who started it?\n\nIan Murdock.\n\n## Is it free?\n\nYes.\n\n"
            "In Golden and Hussain [GH84], pages 169–??\n\nThe method is described there.\n")
    passages, problems = read(tmp_path, "faq.md", text)
    assert problems == [] and [p.kind for p in passages] == ["text", "faq", "faq", "faq"]
    assert passages[-1].text.endswith("Yes.\nIn Golden and Hussain [GH84], pages 169–??\nThe method is described there.")


def test_rst_reference_to_another_page_reads_as_words_and_a_short_faq_page_keeps_its_statement_entry(tmp_path):
    # A :ref: to another page's label had shown the label ("See asyncio_install."); SQLAlchemy's FAQ page on
    # performance asks in two of its three titles, and its third ("I'm inserting 400,000 rows ... slow!") had
    # been text cut in pieces.
    text = ("Performance\n===========\n\nWhy is my application slow?\n---------------------------\n\n"
            "See :ref:`asyncio_install`.\n\nHow can I profile it?\n---------------------\n\nUse cProfile.\n\n"
            "I'm inserting 400,000 rows and it's slow!\n-----------------------------------------\n\n"
            "Use bulk inserts.\n\nOr Core.\n")
    passages, problems = read(tmp_path, "performance.rst", text)
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "Why is my application slow?\nSee asyncio install."), ("faq", "How can I profile it?\nUse cProfile."),
        ("faq", "I'm inserting 400,000 rows and it's slow!\nUse bulk inserts.\nOr Core.")]


HANDBOOK = [("How do I request time off?", ["Submit a request in the HR portal two weeks ahead.",
                                              "If your manager is away, the request goes to their deputy."]),
            ("Can I work from abroad?", ["Yes, for up to four weeks a year.",
                                         "Tell payroll first: taxes differ by country."]),
            ("Who pays for my laptop?", ["The company does."])]


def handbook_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Team handbook FAQ").runs[0].bold = True
    for question, answer in HANDBOOK:
        document.add_paragraph(question)
        for paragraph in answer:
            document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name, content", [
    ("handbook.md", "# Team handbook FAQ\n\n" + "".join(f"{q}\n\n" + "".join(f"{a}\n\n" for a in answer)
                                                     for q, answer in HANDBOOK)),
    ("handbook.html", "<h1>Team handbook FAQ</h1>" + "".join(f"<p>{q}</p>" + "".join(f"<p>{a}</p>" for a in answer)
                                                            for q, answer in HANDBOOK)),
    ("handbook.docx", handbook_docx())])
def test_faq_of_question_paragraphs_answers_with_every_paragraph_up_to_the_next_question(tmp_path, name, content):
    # An exported Google Docs FAQ: questions are paragraphs, answers run over paragraphs. In Markdown and HTML the
    # answer's second paragraph had been a passage of its own, under no question ("Tell payroll first: taxes
    # differ by country", about what?); the Word reader (and the PDF one) read such a FAQ so already.
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and faq(passages) == {q: "\n".join(answer) for q, answer in HANDBOOK}
    assert [p.kind for p in passages] == ["faq"] * 3


def test_question_paragraph_in_an_article_answers_with_the_next_paragraph_only(tmp_path):
    # Two questions among an article's paragraphs are no FAQ page: each asks what the paragraph after it says,
    # and the text after that is the article's again.
    article = ("# Backups\n\nWhy back up at all?\n\nDisks fail without warning.\n\nThe rest of this page shows how "
               "to set up nightly backups.\n\nHow often should I back up?\n\nEvery night.\n\nRestores are covered "
               "on the next page.\n")
    passages, problems = read(tmp_path, "backups.md", article)
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "Why back up at all?\nDisks fail without warning."),
        ("text", "The rest of this page shows how to set up nightly backups."),
        ("faq", "How often should I back up?\nEvery night."),
        ("text", "Restores are covered on the next page.")]


@pytest.mark.parametrize("syntax", ["sqlite3 dbcmd ?database-name? ?options?", "%?<sequence_char>?<optional_string>?"])
def test_question_mark_inside_syntax_asks_nothing(tmp_path, syntax):
    # A command's optional arguments and a format's conditional are written with "?" (SQLite's Tcl manual,
    # mutt's status_format): read as questions, each took the paragraphs under it as its answer.
    import html

    page = f"<h2>The API</h2><p>{html.escape(syntax)}</p><p>Opens the database.</p><p>The name is a file name.</p>"
    passages, problems = read(tmp_path, "api.html", page * 3)
    assert problems == [] and {p.kind for p in passages} == {"text"}


GLOSSARY_RST = """Glossary
========

.. glossary::
   :sorted:

   environment
      A structure where information about all documents under the root is saved.

   source directory
   root
      The directory which contains all source files for one Sphinx project.

      It holds ``conf.py``.

Building
--------

Run the builder.
"""


@pytest.mark.parametrize("name, content", [
    ("glossary.rst", GLOSSARY_RST),
    ("glossary.md", "# Glossary\n\n```{glossary}\n:sorted:\n\n" + GLOSSARY_RST.split(":sorted:\n\n")[1].split(
        "\nBuilding")[0].replace("``", "`") + "```\n\n## Building\n\nRun the builder.\n"),
    ("colons.md", "# Glossary\n\n:::{glossary}\n" + GLOSSARY_RST.split(":sorted:\n\n")[1].split(
        "\nBuilding")[0].replace("``", "`") + ":::\n\n## Building\n\nRun the builder.\n")])
def test_sphinx_glossary_terms_title_their_definitions(tmp_path, name, content):
    # Sphinx's glossary (and MyST's) stacks terms that share a definition, one to a line. reStructuredText had
    # read the stacked terms as one paragraph with the definition ("source directory root The directory ..."),
    # MyST each term run into its definition ("environment A structure ...").
    passages, problems = read(tmp_path, name, content)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("environment", "A structure where information about all documents under the root is saved."),
        ("source directory, root", "The directory which contains all source files for one Sphinx project.\n"
                                   + ("It holds `conf.py`." if name.endswith(".md") else "It holds conf.py.")),
        ("Building", "Run the builder.")]


def test_a_name_over_an_indented_block_titles_it_and_its_fields_go_with_its_text(tmp_path):
    # supervisor's configuration reference writes each key as a name in code over an indented block (no
    # definition list for docutils): the name had been joined to the fields of the key before it, its text
    # under no name at all ("The number of serial failure attempts ..." for startretries), and each field a
    # passage of its own ("Default: 3").
    text = textwrap.dedent("""\
        Program Settings
        ================

        ``startsecs``

          The total number of seconds which the program needs to stay running.

          *Default*: 1

          *Required*:  No.

        ``startretries``

          The number of serial failure attempts before giving up.

          *Default*: 3

          *Required*:  No.

          *Introduced*: 3.0

        *Note*: a field alone is a paragraph.

        Web Server

          A web user interface may be accessed via a browser.
        """)
    expected = [
        ("startsecs", "The total number of seconds which the program needs to stay running.\n"
                      "- Default: 1\n- Required: No."),
        ("startretries", "The number of serial failure attempts before giving up.\n"
                         "- Default: 3\n- Required: No.\n- Introduced: 3.0"),
        ("", "Note: a field alone is a paragraph."),
        ("Web Server", "A web user interface may be accessed via a browser.")]
    passages, problems = read(tmp_path, "configuration.rst", text)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == expected
    # The same page as docutils and Sphinx write it in HTML.
    html = ("<html><body><h1>Program Settings</h1>"
            "<p><span class='docutils literal'>startsecs</span></p><blockquote><p>The total number of seconds "
            "which the program needs to stay running.</p><p><em>Default</em>: 1</p><p><em>Required</em>:  No.</p>"
            "</blockquote><p><code>startretries</code></p><blockquote><p>The number of serial failure attempts "
            "before giving up.</p><p><em>Default</em>: 3</p><p><em>Required</em>:  No.</p><p><em>Introduced</em>: "
            "3.0</p></blockquote><p><em>Note</em>: a field alone is a paragraph.</p><p>Web Server</p><blockquote><p>A "
            "web user interface may be accessed via a browser.</p></blockquote></body></html>")
    passages, problems = read(tmp_path, "configuration.html", html)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == expected


def test_names_over_values_in_indented_blocks_are_one_list_and_a_lead_in_keeps_its_links(tmp_path):
    # Pyramid's "Pyramid Is Too Big" lists its folders, each over its size in an indented block: each folder had
    # been a section holding a size alone ("1.3MB"), and the sentence that introduced them a passage saying nothing.
    # numpydoc's style guide writes a line over its list of links with no blank line between, a term to docutils:
    # the links, a list of links only, had been dropped with it.
    text = textwrap.dedent("""\
        Design
        ======

        Pyramid Is Too Big
        ------------------

        No. Here's a breakdown of what's included in subdirectories of the package tree:

        docs/

          3.6MB

        pyramid/tests/

          1.3MB

        Overview
        --------

        We mostly follow the standard Python style conventions as described here:
         * `Style Guide for C Code <https://peps.python.org/pep-0007/>`_
         * `Style Guide for Python Code <https://peps.python.org/pep-0008/>`_
        """)
    passages, problems = read(tmp_path, "design.rst", text)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("Pyramid Is Too Big", "No. Here's a breakdown of what's included in subdirectories of the package tree:\n"
                               "- docs/: 3.6MB\n- pyramid/tests/: 1.3MB"),
        ("Overview", "We mostly follow the standard Python style conventions as described here:\n"
                     "- Style Guide for C Code\n- Style Guide for Python Code")]


def test_help2man_options_over_their_descriptions_title_them(tmp_path):
    # hyperfine's manual page, made by help2man from clap's long help: each option a hanging paragraph (".HP") alone,
    # its description an indented one (".IP") after it. The options had been passages of their own ("-s, --setup
    # <CMD>"), their descriptions passages named by no option. A hanging paragraph of text stays text.
    roff = (".TH HYPERFINE 1\n.SH DESCRIPTION\nA command\\-line benchmarking tool.\n.SS \"OPTIONS:\"\n.HP\n"
            "\\fB\\-w\\fR, \\fB\\-\\-warmup\\fR <NUM>\n.IP\nPerform NUM warmup runs before the actual benchmark.\n"
            ".HP\n\\fB\\-s\\fR, \\fB\\-\\-setup\\fR <CMD>\n.IP\nExecute CMD before each set of timing runs.\n"
            ".SH NOTES\n.HP\nA hanging paragraph of text, which says something.\n")
    passages, problems = read(tmp_path, "hyperfine.1", roff)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("DESCRIPTION", "A command-line benchmarking tool."),
        ("-w, --warmup <NUM>", "Perform NUM warmup runs before the actual benchmark."),
        ("-s, --setup <CMD>", "Execute CMD before each set of timing runs."),
        ("NOTES", "A hanging paragraph of text, which says something.")]


def test_pod2man_items_one_after_another_share_their_description(tmp_path):
    # pod2man sets "=item -a" and "=item --addresses" over one text as ".IP" tags one after another (".PD 0" between
    # them): the first had been a passage of its own, "-a :", and the text named by the last alone (binutils' and
    # dpkg's pages, tinyproxy's "Allow" and "Deny").
    roff = (".TH ADDR2LINE 1\n.SH OPTIONS\n.IP \"\\fB\\-a\\fR\" 4\n.IX Item \"-a\"\n.PD 0\n"
            ".IP \"\\fB\\-\\-addresses\\fR\" 4\n.IX Item \"--addresses\"\n.PD\n"
            "Display the address before the function name.\n.IP \"\\fB\\-f\\fR\" 4\n"
            "Display function names.\n")
    passages, problems = read(tmp_path, "addr2line.1", roff)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("-a, --addresses", "Display the address before the function name."), ("-f", "Display function names.")]


def test_a_manual_page_paragraph_of_only_references_to_other_pages_is_not_text(tmp_path):
    # curl's SEE ALSO, "ftp(1), wget(1)": where to read on, no text of its own; it had been the answer to "which wget
    # flags mirror a whole site?". A sentence that names a page stays.
    roff = (".TH CURL 1\n.SH NAME\ncurl \\- transfer a URL\n.SH DESCRIPTION\nTransfers data.\n"
            ".SH FILES\nThe configuration, described in \\fBcurlrc\\fP(5), is read first.\n"
            ".SH \"SEE ALSO\"\n.BR ftp (1),\n.BR wget (1)\n")
    passages, problems = read(tmp_path, "curl.1", roff)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("DESCRIPTION", "Transfers data."), ("FILES", "The configuration, described in curlrc(5), is read first.")]


def test_debian_news_entries_are_titled_by_their_package_version_and_date(tmp_path):
    # NEWS.Debian in /usr/share/doc: read as plain lines, each maintainer's trailer and the next entry's header had
    # been one paragraph ("-- Simon Boulet <...> Mon, 13 Nov 2006 ... / rsnapshot (1.2.0-1) unstable;
    # urgency=low"), and no passage said which version a change came in.
    news = ("widget (2.0-1) unstable; urgency=medium\n\n  The configuration moved to /etc/widget.d; rename your\n"
            "  old file.\n\n -- Ann Maintainer <ann@example.org>  Sun, 12 Jul 2015 14:56:48 +0000\n\n"
            "widget (1.2-1) unstable; urgency=low\n\n  The default port is now 8080.\n\n"
            " -- Bob Packager <bob@example.org>  Fri,  4 Feb 2005 12:33:31 +0100\n")
    passages, problems = read(tmp_path, "NEWS.Debian", news)
    assert problems == [] and [(p.section, p.text, p.line) for p in passages] == [
        ("widget version 2.0-1 (12 Jul 2015)", "The configuration moved to /etc/widget.d; rename your old file.", 3),
        ("widget version 1.2-1 (4 Feb 2005)", "The default port is now 8080.", 10)]


def test_a_signature_with_an_optional_parameter_asks_nothing(tmp_path):
    # p-queue's README: "#### PQueue(options?)" over its options. Read as a question, its nine options had made one
    # FAQ entry of 2,591 characters.
    md = ("# p-queue\n\n## API\n\n### PQueue(options?)\n\nReturns a new queue instance.\n\n#### concurrency\n\n"
          "Type: `number`\\\nDefault: `Infinity`\n\nConcurrency limit.\n\n### .add(fn, options?)\n\nAdds a task.\n\n"
          "### Can I add tasks while it runs?\n\nYes.\n")
    passages, problems = read(tmp_path, "readme.md", md)
    assert problems == [] and [(p.kind, p.section) for p in passages] == [
        ("text", "PQueue(options?)"), ("text", "concurrency"), ("text", ".add(fn, options?)"), ("faq", "API")]


def test_a_help_text_indented_under_unindented_text_keeps_its_columns(tmp_path):
    # youtube-dl's README as pandoc prints it as text: its options indented under a group's name at the margin, their
    # descriptions wrapped in a column. Indented code under unindented text had lost every line's indent, so the
    # wrapped lines fell out of their column and the list read as scraps ("proxy. To enable SOCKS proxy, specify
    # a"), named by no option.
    text = ("OPTIONS\n\n\nNetwork Options:\n\n"
            "    --proxy URL                          Use the specified HTTP/HTTPS/SOCKS\n"
            "                                         proxy. To enable SOCKS proxy, specify a\n"
            "                                         proper scheme.\n"
            "    --socket-timeout SECONDS             Time to wait before giving up, in\n"
            "                                         seconds\n"
            "    -4, --force-ipv4                     Make all connections via IPv4\n")
    passages, problems = read(tmp_path, "README.txt", text)
    assert problems == [] and [(p.section, p.text) for p in passages if p.section.startswith("-")] == [
        ("--proxy URL", "Use the specified HTTP/HTTPS/SOCKS proxy. To enable SOCKS proxy, specify a proper scheme."),
        ("--socket-timeout SECONDS", "Time to wait before giving up, in seconds"),
        ("-4, --force-ipv4", "Make all connections via IPv4")]


def test_a_commands_help_in_a_code_block_is_read_as_its_options(tmp_path):
    # csvkit's pages show each tool's --help in a code block: cut into passages by size, an option's name and its
    # description had been apart ("-f MATCHFILE" ending one passage, "A path to a file ..." opening the next), and
    # the pieces named neither the option nor the tool. Each option titles its description; the usage stays code.
    # json-server's README sets its options' descriptions on their lines (each a few words: one list, as names over
    # values are), npm-run-all's draws leaders to them and writes an option's second name on a line of its own. A
    # directory listing is no help.
    rst = textwrap.dedent("""\
        csvgrep
        =======

        Filter tabular data:

        .. code-block:: none

           usage: csvgrep [-h] [-c COLUMNS] [-f MATCHFILE] [-i] [FILE]

           optional arguments:
             -h, --help            show this help message and exit
             -c COLUMNS, --columns COLUMNS
                                   A comma-separated list of column indices, names or
                                   ranges to be searched.
             -f MATCHFILE, --file MATCHFILE
                                   A path to a file. For each row, if any line in the
                                   file matches the value, the row is output.
             -i, --invert-match    Select non-matching rows, instead of matching rows.

        Examples
        ========

        .. code-block:: console

           $ csvgrep -c 1 -m ILLINOIS examples/realdata/FY09_EDU_Recipients_by_State.csv
        """)
    passages, problems = read(tmp_path, "csvgrep.rst", rst)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("", "Filter tabular data:\nusage: csvgrep [-h] [-c COLUMNS] [-f MATCHFILE] [-i] [FILE]"),
        ("-h, --help", "show this help message and exit"),
        ("-c COLUMNS, --columns COLUMNS", "A comma-separated list of column indices, names or ranges to be searched."),
        ("-f MATCHFILE, --file MATCHFILE", "A path to a file. For each row, if any line in the file matches the "
                                           "value, the row is output."),
        ("-i, --invert-match", "Select non-matching rows, instead of matching rows."),
        ("Examples", "$ csvgrep -c 1 -m ILLINOIS examples/realdata/FY09_EDU_Recipients_by_State.csv")]
    markdown = ("# json-server\n\n## CLI usage\n\n```\njson-server [options] <source>\n\nOptions:\n"
                "  --port, -p         Set port                                    [default: 3000]\n"
                "  --watch, -w        Watch file(s)                                     [boolean]\n"
                "  --routes, -r       Path to routes file\n```\n\n## npm-run-all\n\n```\nOptions:\n"
                "    --aggregate-output   - - - Avoid interleaving output by delaying printing of\n"
                "                               each command's output until it has finished.\n"
                "    -s, --sequential <tasks> - Run a group of tasks sequentially.\n"
                "        --serial <tasks>       '--serial' is a synonym of '--sequential'.\n"
                "    --silent   - - - - - - - - Set 'silent' to the log level of npm.\n```\n"
                "\n## Listing\n\n```\n-rw-r--r--  1 root root  12 a\n-rw-r--r--  1 root root  12 b\n"
                "-rw-r--r--  1 root root  12 c\n```\n")
    passages, problems = read(tmp_path, "README.md", markdown)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("CLI usage", "json-server [options] <source>\n- --port, -p: Set port [default: 3000]\n"
                      "- --watch, -w: Watch file(s) [boolean]\n- --routes, -r: Path to routes file"),
        ("--aggregate-output", "Avoid interleaving output by delaying printing of each command's output until it "
                               "has finished."),
        ("-s, --sequential <tasks>, --serial <tasks>", "Run a group of tasks sequentially. '--serial' is a synonym "
                                                       "of '--sequential'."),
        ("--silent", "Set 'silent' to the log level of npm."),
        ("Listing", "-rw-r--r--  1 root root  12 a\n-rw-r--r--  1 root root  12 b\n-rw-r--r--  1 root root  12 c")]


def test_pictures_named_by_their_links_are_a_list_of_names_and_a_repeated_headings_terms_name_their_owner(tmp_path):
    # ESLint's README shows its team as a table of avatars, each a link holding the picture and the member's name:
    # every cell a link, it had been dropped as an index, and no passage named anyone on the team.
    # JSON5's README lists each function's parameters under a "Parameters" heading of its own: each parameter had
    # been a section named by itself alone ("`value`"), whose function no passage said.
    markdown = ("# ESLint\n\n## Team\n\n### Technical Steering Committee (TSC)\n\n"
                "The people who manage releases.\n\n<table><tbody><tr><td align=\"center\">\n"
                "<a href=\"https://github.com/nzakas\">\n<img src=\"https://github.com/nzakas.png\" alt=\"Avatar\">"
                "<br />\nNicholas C. Zakas\n</a>\n</td><td align=\"center\">\n<a href=\"https://github.com/fasttime\">\n"
                "<img src=\"https://github.com/fasttime.png\" alt=\"Avatar\"><br />\nFrancesco Trotta\n</a>\n"
                "</td></tr></tbody></table>\n\n## API\n\n### JSON5.parse()\n\n#### Parameters\n\n"
                "- `text`: The string to parse as JSON5.\n- `reviver`: A function that transforms the result.\n\n"
                "### JSON5.stringify()\n\n#### Parameters\n\n- `value`: The value to convert to a JSON5 string.\n"
                "- `space`: The white space to insert into the output.\n")
    passages, problems = read(tmp_path, "README.md", markdown)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("Technical Steering Committee (TSC)", "The people who manage releases.\n- Nicholas C. Zakas\n"
                                               "- Francesco Trotta"),
        ("JSON5.parse() › `text`", "The string to parse as JSON5."),
        ("JSON5.parse() › `reviver`", "A function that transforms the result."),
        ("JSON5.stringify() › `value`", "The value to convert to a JSON5 string."),
        ("JSON5.stringify() › `space`", "The white space to insert into the output.")]


def test_code_the_built_page_does_not_show_is_no_text(tmp_path):
    # pymongo's migration guides open with a doctest's ".. testsetup::" (its import had been a passage of its own);
    # xarray's glossary runs "import numpy as np" in a ":hide-code:" cell before its terms.
    rst = textwrap.dedent("""\
        Migrating
        =========

        .. testsetup::

          from pymongo import MongoClient

        .. jupyter-execute::
            :hide-code:

            import numpy as np

        .. ipython:: python
            :suppress:

            import xarray as xr

        Use ``count_documents`` instead of ``count``:

        .. code-block:: python

          collection.count_documents({})
        """)
    passages, problems = read(tmp_path, "migrate.rst", rst)
    assert problems == [] and [p.text for p in passages] == [
        "Use count_documents instead of count:\ncollection.count_documents({})"]


def test_q_and_a_terms_make_faq_entries(tmp_path):
    # supervisor's FAQ is a definition list whose terms are "Q" and "A": each had been a section named "Q"
    # holding the question alone, and one named "A" holding the answer alone.
    rst = textwrap.dedent("""\
        Frequently Asked Questions
        ==========================

        Q
          My program never starts and supervisor doesn't indicate any error?

        A
          Make sure the ``x`` bit is set on the executable file.

        Q
          How can I make Supervisor restart a process that uses too much memory?

        A
          The Superlance package has a memmon event listener.

          It works on Linux and Mac OS X.
        """)
    html = ("<html><body><h1>FAQ</h1><dl><dt>Q</dt><dd><p>Does it run on Windows?</p></dd>"
            "<dt>A</dt><dd><p>No, it needs a UNIX.</p></dd><dt>Q.</dt><dd><p>Is it free?</p></dd>"
            "<dt>A.</dt><dd><p>Yes.</p></dd></dl><p>Last updated in May.</p></body></html>")
    passages, problems = read(tmp_path, "faq.rst", rst)
    assert problems == []
    assert [(p.kind, p.question, p.text.split("\n", 1)[1]) for p in passages] == [
        ("faq", "My program never starts and supervisor doesn't indicate any error?",
         "Make sure the x bit is set on the executable file."),
        ("faq", "How can I make Supervisor restart a process that uses too much memory?",
         "The Superlance package has a memmon event listener.\nIt works on Linux and Mac OS X.")]
    passages, problems = read(tmp_path, "faq.html", html)
    assert [(p.kind, p.question or p.text) for p in passages] == [
        ("faq", "Does it run on Windows?"), ("faq", "Is it free?"), ("text", "Last updated in May.")]


def test_a_label_goes_on_in_the_text_under_it(tmp_path):
    # pexpect's overview names each exception in a paragraph of its own over what it says of it: "TIMEOUT"
    # had been a passage of one word, first for "how do I change the timeout?" at a confidence of 0.85.
    text = textwrap.dedent("""\
        Exceptions
        ----------

        If you wish to read up to the end of the output then use the ``expect(pexpect.EOF)`` method.

        :class:`~pexpect.TIMEOUT`

        The :meth:`~pexpect.spawn.expect` method will also time out if the child does not generate any output.

        Added in: v4.0

        Type: Runtime

        Windows support goes through ``PopenSpawn``.
        """)
    passages, problems = read(tmp_path, "overview.rst", text)
    assert problems == []
    assert [p.text for p in passages] == [
        "If you wish to read up to the end of the output then use the expect(pexpect.EOF) method.",
        "TIMEOUT\nThe expect method will also time out if the child does not generate any output.",
        "Added in: v4.0\nType: Runtime\nWindows support goes through PopenSpawn."]


def test_a_field_that_closes_its_section_goes_with_the_text_it_qualifies(tmp_path):
    # Flask's settings end their description with "Default: None", the next setting's heading after it: each
    # default had been a passage of its own, first for "why not put DEBUG = True in my config file?" under
    # the section "DEBUG". A field with text after it labels that text, and one at the end is the footer.
    text = textwrap.dedent("""\
        Settings
        ========

        .. py:data:: DEBUG

            Whether debug mode is enabled.

            Default: ``False``

        .. py:data:: SECRET_KEY

            A secret key for signing the session cookie.

            Default: ``None``

            Changed in version 2.3: Not set by default.

        Sessions
        --------

        Sessions are signed.

        Advanced

        Cookies
        -------

        Copyright: the Pallets team
        """)
    passages, problems = read(tmp_path, "config.rst", text)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("DEBUG", "Whether debug mode is enabled.\nDefault: False"),
        ("SECRET_KEY", "A secret key for signing the session cookie.\nDefault: None\n"
                       "Changed in version 2.3: Not set by default."),
        # A name alone is no field: it stays apart from the text above it.
        ("Sessions", "Sessions are signed."),
        ("Sessions", "Advanced"),
        ("Cookies", "Copyright: the Pallets team")]


def test_a_version_heading_keeps_its_version(tmp_path):
    # gunicorn's changelogs head each release "18.0 / 2013-08-26": the version had been dropped as a section
    # number, so every release was a section named by its date alone ("/ 2013-08-26").
    text = textwrap.dedent("""\
        # Changelog

        ## 18.0 / 2013-08-26

        - new: add `--chdir` to change directory before apps load

        ## 1.2.0 (2013-07-03)

        - new: add signals documentation

        ## 5.0.0 Penny - July 4, 2020

        - isort 5 is a full rewrite

        ## 5.3.2 [Hotfix] Aug 7, 2020

        - Fixed an infinite loop

        ## 3.9.1 and 3.9.2

        - Includes a bugfix for MySQL

        ## 3.1 Why is it slow?

        Workers are too few.
        """)
    passages, problems = read(tmp_path, "news.md", text)
    assert problems == []
    # isort's releases named ("Penny") or marked ("[Hotfix]") between version and date, and peewee's two versions
    # in one heading, had lost their (first) version too.
    assert [p.section or p.question for p in passages] == ["18.0 / 2013-08-26", "1.2.0 (2013-07-03)",
                                                           "5.0.0 Penny - July 4, 2020", "5.3.2 [Hotfix] Aug 7, 2020",
                                                           "3.9.1 and 3.9.2", "Why is it slow?"]


def test_a_changelog_that_opens_with_what_is_unreleased_has_no_title_from_it(tmp_path):
    # knex heads its changelog "# [Master (Unreleased)](...)" over "# 3.3.0 - 26 June, 2026" and the other releases:
    # the first heading had titled all 384 passages, and the file's name none.
    text = textwrap.dedent("""\
        # [Master (Unreleased)](https://github.com/knex/knex/compare/3.3.0...master)

        # 3.3.0 - 26 June, 2026

        - Add migration lifecycle hooks

        # 3.2.10 - 2 May, 2026

        - Fix a typo in the typings
        """)
    passages, problems = read(tmp_path, "CHANGELOG.md", text)
    assert problems == []
    assert [(p.title, p.section) for p in passages] == [
        ("CHANGELOG.md", "3.3.0 - 26 June, 2026"), ("CHANGELOG.md", "3.2.10 - 2 May, 2026")]


def test_a_changelog_heading_dated_in_words_keeps_its_version_and_names_its_subsections(tmp_path):
    # httpcore heads its releases "1.0.5 (March 27th, 2024)": the version had been dropped as a section number,
    # and each release's "Fixed" was a section named "Fixed" alone.
    text = textwrap.dedent("""        # Changelog

        ## 1.0.5 (March 27th, 2024)

        ### Fixed

        - Handle `EndOfStream` exception for anyio backend.

        ### Added

        - A `socket_options` argument.

        ## 1.0.4 February 21, 2024

        ### Fixed

        - Add `target` request extension.

        ### Added

        - Support HTTP/2 prior knowledge.

        ## 2.1 May the workers be many

        More workers take more memory.
        """)
    passages, problems = read(tmp_path, "CHANGES.md", text)
    assert problems == []
    assert [p.section for p in passages] == [
        "1.0.5 (March 27th, 2024) › Fixed", "1.0.5 (March 27th, 2024) › Added", "1.0.4 February 21, 2024 › Fixed",
        "1.0.4 February 21, 2024 › Added", "May the workers be many"]


def test_long_code_is_cut_before_a_statement_or_a_prompt_not_inside_one(tmp_path):
    # Cut line by line, a piece had opened inside what a command printed ("  psutil.Process(pid=29836, ...)]").
    printed = ",\n".join(f" psutil.Process(pid={pid}, name='python3', status='sleeping')" for pid in range(100, 112))
    others = "".join(f">>> p.cpu_times_{n}()\npcputimes(user=1.02, system=0.31, children_user=0.0, "
                     "children_system=0.0)\n" for n in range(8))
    session = (">>> import psutil\n>>> p = psutil.Process(7055)\n" + others + ">>> p.children(recursive=True)\n"
               f"[{printed.lstrip()}]\n>>> p.memory_percent()\n0.7823\n>>> p.num_threads()\n4\n")
    function = "def handler(event):\n" + "".join(f"    step_{n}(event, retries=3, timeout=30)\n" for n in range(40))
    code = function + "\n\ndef main():\n    handler(None)\n"
    text = f"# Tour\n\n## Processes\n\n```pycon\n{session}```\n\n## Handlers\n\n```python\n{code}```\n"
    passages, problems = read(tmp_path, "tour.md", text)
    assert problems == []
    pieces = [p.text for p in passages]
    assert all(piece.startswith((">>> ", "def ", "    step_")) for piece in pieces), pieces
    assert any(piece.startswith(">>> p.children(recursive=True)") for piece in pieces)
    assert pieces[-1].endswith("\n\n\ndef main():\n    handler(None)")  # a function too long for one piece: its lines


def test_markdown_numbered_list_counts_from_its_start(tmp_path):
    # "3." had read "1.": the steps after a break in the text counted from one again.
    text = ("# Steps\n\nFirst install it.\n\n1. Download.\n2. Unpack.\n\nThen, after a reboot:\n\n"
            "3. Run the setup.\n4. Log in.\n")
    passages, problems = read(tmp_path, "steps.md", text)
    assert problems == [] and [p.text for p in passages] == [
        "First install it.\n1. Download.\n2. Unpack.", "Then, after a reboot:\n3. Run the setup.\n4. Log in."]


def test_markdown_paragraph_between_two_lists_leads_in_the_second(tmp_path):
    # The paragraph had been lost, and the second list's items joined the first list's.
    text = textwrap.dedent("""        # Policy

        When there is a choice, the tool prefers APIs that:

        1. Have a per-thread worker pool.
        2. Only affect the current thread.

        Current libraries where the tool makes this choice are:

        * MKL, for all threading backends.
        * OpenBLAS when using the OpenMP backend.
        """)
    passages, problems = read(tmp_path, "policy.md", text)
    assert problems == []
    assert [p.text for p in passages] == [
        "When there is a choice, the tool prefers APIs that:\n1. Have a per-thread worker pool.\n"
        "2. Only affect the current thread.",
        "Current libraries where the tool makes this choice are:\n- MKL, for all threading backends.\n"
        "- OpenBLAS when using the OpenMP backend."]


def test_files_of_a_projects_tools_are_no_documents(tmp_path):
    # A Sphinx docs folder holds its Makefile, the packages to build it with and sphinxcontrib-spelling's word
    # list: the Makefile's rules had been passages of text, and each list a table of one column.
    files = {"Makefile": "html:\n\tsphinx-build -b html . _build\n", "requirements.txt": "sphinx>=7\nfuro\n",
             "requirements-docs.txt": "furo\n", "spelling_wordlist.txt": "AMQP\nCelery\nKombu\n",
             "Dockerfile": "FROM python:3.12\n", "CMakeLists.txt": "project(demo)\n",
             "README": "Demo is a tool that greets you.\n", "requirements-guide.md": "# Requirements\n\nPython 3.\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    loaded = Corpus.open(tmp_path).load()
    report = {f.name: f for f in loaded.files}
    tools = {name for name, f in report.items() if f.format == "unsupported"}
    assert tools == {"Makefile", "requirements.txt", "requirements-docs.txt", "spelling_wordlist.txt", "Dockerfile",
                     "CMakeLists.txt"}
    assert "Makefile is read by a project's tools" in str(report["Makefile"].problems[0])
    assert "Readable:" not in str(report["Makefile"].problems[0])
    assert {p.source for p in loaded.passages} == {"README", "requirements-guide.md"}
    with pytest.raises(DocumentError, match="not a document"):
        read_document(tmp_path / "Makefile", source="Makefile")
    # Known by what it holds: a word list under another name (coverage.py's doc/dict.txt) had been passages of
    # words, each holding a rare term of the project. Short lists stay text (a README's list of steps).
    (tmp_path / "dict.txt").write_text("\n".join(f"Term{n}" for n in range(40)) + "\n", encoding="utf-8")
    (tmp_path / "steps.txt").write_text("Install\nConfigure\nRun\n", encoding="utf-8")
    report = {f.name: f for f in Corpus.open(tmp_path).load().files}
    assert "a list of words or names, one a line" in str(report["dict.txt"].problems[0])
    assert report["steps.txt"].problems == () and report["steps.txt"].counts["text"] == 1


def test_a_site_generators_html_templates_are_no_pages(tmp_path):
    # Sphinx's _templates and _themes, MkDocs' themes and Jekyll's _layouts sit in docs folders: their
    # "{%- endif %} {% endblock %}" had been passages.
    templates = tmp_path / "_templates"
    templates.mkdir()
    (templates / "layout.html").write_text('{%- extends "basic/layout.html" %}\n{% block footer %}{{ super() }}'
                                           "<p>Hosted by us.</p>{% endblock %}\n", encoding="utf-8")
    (templates / "sourcelink.html").write_text("{# the source link #}\n{%- if show_source %}<h3>{{ _('This Page') }}"
                                               "</h3>{%- endif %}\n", encoding="utf-8")
    # Jinja's own guide, built by Sphinx, shows tags in code and also in <cite> ("writing <cite>{% set outer_loop =
    # loop %}</cite>"): a page of text, hundreds of words for each tag, not a template.
    prose = " ".join(["The loop variable always refers to the closest loop."] * 12)
    (tmp_path / "templates.html").write_text(
        "<h1>Templates</h1><p>A child template starts with <code>{% extends \"base.html\" %}</code> and fills "
        "blocks:</p><pre>{% block title %}Index{% endblock %}</pre><p>" + prose + " Rebind it by writing "
        "<cite>{% set outer_loop = loop %}</cite>, then print <cite>{{ outer_loop.index }}</cite>.</p>",
        encoding="utf-8")
    loaded = Corpus.open(tmp_path).load()
    problems = {f.name: str(f.problems[0]) for f in loaded.files if f.problems}
    assert set(problems) == {"_templates/layout.html", "_templates/sourcelink.html"}
    assert all("a template that a site generator fills in" in text for text in problems.values())
    assert {p.source for p in loaded.passages} == {"templates.html"}


def test_a_sites_moved_pages_and_an_mdbooks_print_page_are_no_pages_of_their_own(tmp_path):
    # A built site keeps a stub where a page used to be (the Cargo book's guide/build-cache.html, the Rust docs'
    # 15,626): each had been a passage "Redirecting to... ../reference/build-cache.html.".
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "build-cache.html").write_text(
        '<html><head><title>Redirecting...</title><meta http-equiv="refresh" content="0; URL=../reference/cache.html">'
        '</head><body><p>Redirecting to... <a href="../reference/cache.html">../reference/cache.html</a>.</p>'
        "<script>const fragmentMap = {}; window.location.replace(redirectUrl);</script></body></html>",
        encoding="utf-8")
    # sphinx-reredirects': the refresh in <noscript>, the attributes the other way round.
    (tmp_path / "old.html").write_text('<html><head><noscript><meta content="0; url=new.html" http-equiv="refresh" />'
                                       "</noscript></head><body></body></html>", encoding="utf-8")
    # pip's sources: "This page has moved", a refresh in the page's metadata.
    (tmp_path / "pip_show.rst").write_text(":orphan:\n\n.. meta::\n\n  :http-equiv=refresh: 3; url=../../cli/pip_show/\n"
                                           "\nThis page has moved\n===================\n\nYou should be redirected "
                                           "automatically in 3 seconds. If that didn't\nwork, here's a link: "
                                           ":doc:`../cli/pip_show`\n", encoding="utf-8")
    # A page that refreshes itself, or says more than where to go, is a page.
    status = " ".join(["All systems are running and every queue is drained."] * 5)
    (tmp_path / "status.html").write_text('<html><head><meta http-equiv="refresh" content="60"></head><body><p>'
                                          + status + "</p></body></html>", encoding="utf-8")
    moved = " ".join(["The installation guide now covers every platform and the build options."] * 5)
    (tmp_path / "install.html").write_text('<html><head><meta http-equiv="refresh" content="30; url=setup.html">'
                                           "</head><body><h1>Install</h1><p>" + moved + "</p></body></html>",
                                           encoding="utf-8")
    # mdBook writes the whole book on one page to print, and its table of contents as a page for browsers
    # without scripts: both would be every passage, or every heading, again.
    book = "<html><head>\n<!-- Book generated using mdBook -->\n<title>The Book</title></head><body>{}</body></html>"
    (tmp_path / "index.html").write_text(book.format("<h1>Introduction</h1><p>Cargo builds crates.</p>"))
    (tmp_path / "print.html").write_text(book.format("<h1>Introduction</h1><p>Cargo builds crates.</p>"))
    (tmp_path / "toc.html").write_text("<html><head><!-- sidebar iframe generated using mdBook --></head><body>"
                                       "<ol><li><a href='index.html'>Introduction</a></li></ol></body></html>")
    loaded = Corpus.open(tmp_path).load()
    report = {f.name: f for f in loaded.files}
    assert str(report["guide/build-cache.html"].problems[0]) == (
        "guide/build-cache.html: only redirects to another page (../reference/cache.html); file skipped. The page it "
        "names is read when it is in the corpus")
    assert str(report["old.html"].problems[0]).startswith("old.html: only redirects to another page (new.html)")
    assert {p.source for p in loaded.passages} == {"status.html", "install.html", "index.html"}
    assert report["print.html"].format == report["toc.html"].format == "left out"
    printed = _format_files(loaded.files).splitlines()
    assert str(report["pip_show.rst"].problems[0]).startswith("pip_show.rst: only redirects to another page "
                                                              "(../../cli/pip_show/)")
    assert "  3 pages only redirect to another (a site's moved pages), skipped: guide/build-cache.html, old.html, " \
           "pip_show.rst" in printed
    assert not any(line.startswith(("  old.html", "  guide/", "  pip_show")) for line in printed)
    # A book saved as its print page alone is read.
    alone = tmp_path / "alone"
    alone.mkdir()
    (tmp_path / "print.html").rename(alone / "print.html")
    assert [p.text for p in Corpus.open(alone).load().passages] == ["Cargo builds crates."]


def test_a_page_titled_as_a_faq_has_its_statement_headings_as_entries(tmp_path):
    # Fabric's FAQ page: every entry is a statement ("... doesn't match interactive shells!"), under a title that
    # names a FAQ with its abbreviation. Its answers had been text, a passage per paragraph.
    text = ("=========================================\nFrequently Asked/Answered Questions (FAQ)\n"
            "=========================================\n\nThese are problems we hear about often.\n\n"
            "The remote shell environment doesn't match interactive shells!\n"
            "===============================================================\n\n"
            "The SSH server runs commands through a limited shell.\n\nSet the variables in a file it reads.\n\n"
            "My cd calls don't seem to work\n==============================\n\nEach command runs in a shell of its own.\n")
    passages, problems = read(tmp_path, "faq.rst", text)
    assert problems == [] and [(p.kind, p.question) for p in passages] == [
        ("text", ""), ("faq", "The remote shell environment doesn't match interactive shells!"),
        ("faq", "My cd calls don't seem to work")]
    assert passages[1].answer == "The SSH server runs commands through a limited shell.\nSet the variables in a file it reads."


def test_an_answer_heading_under_an_entry_goes_on_with_the_entry(tmp_path):
    # Click's FAQ: entries grouped under "## General", each a problem told and then its "#### Answer". The answers
    # had been passages under a section called "Answer", cut from their entries; an entry with a part of its own
    # ("#### For library authors") stays a section.
    text = ("# Frequently Asked Questions\n\n## General\n\n### Calling a command as a regular function\n\n"
            "I call my decorated function from Python and it exits.\n\n#### Answer\n\n"
            "The decorator replaced the function with a command.\n\n### Output is garbled on Windows\n\n"
            "Help text with emoji fails.\n\n#### Answer\n\nRun Python in UTF-8 mode.\n\n#### For library authors\n\n"
            "Check the stream's encoding.\n")
    passages, problems = read(tmp_path, "faqs.md", text)
    assert problems == [] and [(p.kind, p.section, p.question) for p in passages] == [
        ("faq", "General", "Calling a command as a regular function"),
        ("text", "Output is garbled on Windows", ""), ("text", "Output is garbled on Windows", ""),
        ("text", "For library authors", "")]
    assert passages[0].answer == ("I call my decorated function from Python and it exits.\n"
                                  "The decorator replaced the function with a command.")
    assert passages[2].text == "Run Python in UTF-8 mode."


def test_a_heading_over_a_definition_list_on_a_faq_page_is_no_entry(tmp_path):
    # Sphinx's FAQ: "Using Sphinx with..." over a definition list of tools. The heading is put back after each
    # term, so after the last one nothing followed it: each tool had become an entry asking "Using Sphinx with...".
    text = ("Sphinx FAQ\n==========\n\nHow do I get section numbers?\n-----------------------------\n\n"
            "Give the toctree a numbered option.\n\nUsing Sphinx with...\n--------------------\n\nRead the Docs\n"
            "   A hosting service for documentation.\n\nDoxygen\n   Breathe bridges the two.\n\n"
            "Epub info\n---------\n\nSplit the text into several files.\n")
    passages, problems = read(tmp_path, "faq.rst", text)
    assert problems == [] and [(p.kind, p.section or p.question) for p in passages] == [
        ("faq", "How do I get section numbers?"), ("text", "Read the Docs"), ("text", "Doxygen"),
        ("faq", "Epub info")]


def test_questions_that_go_on_from_their_heading_are_read_whole(tmp_path):
    # Sphinx's FAQ: "How do I..." over a definition list of "... get section numbers?". The entries had asked
    # "... get section numbers?", and the paragraph after the list was read into the last answer.
    text = ("Sphinx FAQ\n==========\n\nHow do I...\n-----------\n\n... create PDF files without LaTeX?\n"
            "   rinohtype provides a PDF builder.\n\n... get section numbers?\n   Give the toctree a numbered option."
            "\n\nFor many more extensions, see sphinx-contrib.\n")
    passages, problems = read(tmp_path, "faq.rst", text)
    assert problems == [] and [(p.kind, p.question, p.line) for p in passages] == [
        ("faq", "How do I create PDF files without LaTeX?", 7), ("faq", "How do I get section numbers?", 10),
        ("text", "", 13)]
    assert faq(passages)["How do I get section numbers?"] == "Give the toctree a numbered option."
    markdown = "# Help\n\n## Where can I…\n\n### … find the logs?\n\nUnder `/var/log/tool`.\n"
    passages, _ = read(tmp_path, "help.md", markdown)
    assert [p.question for p in passages] == ["Where can I find the logs?"]
    # JupyterHub's troubleshooting page: "How do I...?" over its entries. It had been a question, answered by its
    # first entry's heading and text.
    markdown = ("# Troubleshooting\n\n## How do I...?\n\n### Use a chained SSL certificate\n\nConcatenate the "
                "files.\n\n### How do I set up rotating daily logs?\n\nUse logrotate.\n")
    passages, _ = read(tmp_path, "troubleshooting.md", markdown)
    assert [(p.section, p.question, p.answer) for p in passages] == [
        ("How do I...?", "Use a chained SSL certificate", "Concatenate the files."),
        ("How do I...?", "How do I set up rotating daily logs?", "Use logrotate.")]


def test_rst_logo_and_rows_of_badges_are_not_text(tmp_path):
    # tqdm's README: "|Logo|" over the title, rows of "|Py-Versions| |Build-Status|" under it and over its install
    # commands. Their alt texts, the substitutions' names, had been passages and lines of the text ("Versions
    # PyPI-Downloads" over "pip install tqdm"), and the logo the document's first passage. A picture named inside a
    # sentence stands for a word and stays.
    text = ("|Logo|\n\ntqdm\n====\n\n|Py-Versions| |Build-Status|\n\nA progress meter: run the |demo|.\n\n"
            "Install\n-------\n\n|Versions|\n\n.. code:: sh\n\n    pip install tqdm\n\n"
            ".. |Logo| image:: https://example.com/logo.gif\n"
            ".. |Py-Versions| image:: https://img.shields.io/pypi/pyversions/tqdm.svg\n   :target: https://pypi.org\n"
            ".. |Build-Status| image:: https://img.shields.io/build.svg\n   :target: https://ci.example.com\n"
            ".. |Versions| image:: https://img.shields.io/v.svg\n   :target: https://pypi.org\n"
            ".. |demo| image:: https://img.shields.io/demo.svg\n   :target: https://mybinder.org\n")
    passages, problems = read(tmp_path, "README.rst", text)
    assert problems == [] and [(p.title, p.section, p.text) for p in passages] == [
        ("tqdm", "", "A progress meter: run the demo."), ("tqdm", "Install", "pip install tqdm")]


def test_a_file_named_faq_has_its_headings_as_entries_though_they_lack_a_question_mark(tmp_path):
    # aHash's FAQ.md: no title, and its questions are headings without "?" ("How does aHash prevent DOS
    # attacks"). They had been sections of text; a heading in Title Case names a part, not an entry.
    text = ("Edit this file in place.\n\n## How does aHash prevent DOS attacks\n\nIt keys every hash.\n\n"
            "## Further Reading\n\nThe wiki has more.\n\n## Why not use a cryptographic hash in a hashmap.\n\n"
            "They are slow.\n")
    passages, problems = read(tmp_path, "docs/FAQ.md", text)
    assert problems == [] and [(p.kind, p.question or p.section) for p in passages] == [
        ("text", ""), ("faq", "How does aHash prevent DOS attacks"), ("text", "Further Reading"),
        ("faq", "Why not use a cryptographic hash in a hashmap.")]
    passages, _ = read(tmp_path, "docs/design.md", text)
    assert [p.kind for p in passages] == ["text", "text", "text", "text"]


def test_rst_list_of_questions_each_answered_in_its_item_is_a_faq(tmp_path):
    # Passlib's FAQ: a bullet list, each item a bold question over its answer's paragraphs. It had been one list
    # cut in pieces. A checklist of questions inside an answer stays a list: its items answer nothing.
    text = ("FAQ\n===\n\n* **Hashing the same input twice gives two results! What's going on?**\n\n"
            "  Each call makes a new salt.\n\n* **How do I decrypt the hashes?**\n\n  *Short answer:* you can't.\n\n"
            "  Only brute force reverses them.\n\nHow do I ask a question?\n   * Have you read the docs?\n"
            "   * Have you searched for your error message?\n")
    passages, problems = read(tmp_path, "faq.rst", text)
    assert problems == [] and [(p.kind, p.question) for p in passages] == [
        ("faq", "Hashing the same input twice gives two results! What's going on?"),
        ("faq", "How do I decrypt the hashes?"), ("faq", "How do I ask a question?")]
    assert passages[1].answer == "Short answer: you can't.\nOnly brute force reverses them."
    assert passages[2].answer == "- Have you read the docs?\n- Have you searched for your error message?"


def test_a_faq_whose_entries_are_headings_of_its_titles_level(tmp_path):
    # Pandoc's EPUB of Fabric's FAQ makes a chapter of each entry, each headed as the title is: the title's
    # section ended at the first entry, and none was one. A heading in Title Case names a part of the page.
    text = ("<html><head><title>Fabric FAQ</title></head><body><h1>Fabric FAQ</h1><p>Problems we hear about.</p>"
            "<h1>General Overview</h1><p>Fabric runs commands over SSH.</p>"
            "<h1>My cd calls don't seem to work!</h1><p>Each command runs in a shell of its own.</p>"
            "<h1>I'm asked for a passphrase instead of a password.</h1><p>It is a bug of our SSH layer.</p>"
            "</body></html>")
    passages, problems = read(tmp_path, "faq.html", text)
    assert problems == [] and [(p.kind, p.question or p.section) for p in passages] == [
        ("text", ""), ("text", "General Overview"), ("faq", "My cd calls don't seem to work!"),
        ("faq", "I'm asked for a passphrase instead of a password.")]


def test_html_list_of_questions_each_answered_in_its_item_is_a_faq(tmp_path):
    # Passlib's FAQ as pandoc writes it in HTML: each item's first paragraph a question, bold in parts around a
    # name in code, over its answer's paragraphs. It had been a list.
    text = ("<h1>Passlib</h1><ul><li><p><strong>Do I need to store the salt of</strong> <code>hash()</code> "
            "<strong>apart?</strong></p><p>No, it is part of the hash.</p></li>"
            "<li><p><strong>How do I decrypt the hashes?</strong></p><p><em>Short answer:</em> you can't.</p>"
            "<p>Only brute force reverses them.</p></li></ul>")
    passages, problems = read(tmp_path, "faq.html", text)
    assert problems == [] and [(p.kind, p.question) for p in passages] == [
        ("faq", "Do I need to store the salt of hash() apart?"), ("faq", "How do I decrypt the hashes?")]
    assert passages[1].answer == "Short answer: you can't.\nOnly brute force reverses them."


def test_rst_definition_terms_that_end_with_a_colon_label_their_text(tmp_path):
    # python-ldap's FAQ: a "Q:" paragraph over "Short answer:" and "Long answer:" terms. As section headings they
    # had ended the entry before its answer came; the HTML reader reads such terms as labels already.
    text = ("FAQ\n===\n\n**Q**: Does it work with Python 3?\n\n  **A**: Yes, from 3.0 on.\n\n"
            "**Q**: Does it work on Windows?\n\n  **A**: Yes.\n\n**Q**: Can I use LDAPv2?\n\n  **A**: Yes.\n\n"
            "**Q**: My build uses LDAP libs 3.3, but the docs say 2.x. I'm confused!\n\n"
            "  Short answer:\n      Read the install page.\n\n  Long answer:\n      The old libs are unmaintained.\n")
    passages, problems = read(tmp_path, "faq.rst", text)
    assert problems == [] and [(p.kind, p.question) for p in passages] == [
        ("faq", "Does it work with Python 3?"), ("faq", "Does it work on Windows?"), ("faq", "Can I use LDAPv2?"),
        ("faq", "My build uses LDAP libs 3.3, but the docs say 2.x. I'm confused!")]
    assert passages[3].answer == "Short answer: Read the install page.\nLong answer: The old libs are unmaintained."


def test_pdf_heading_printed_by_a_browser_keeps_its_inline_code_and_its_wrapped_line(tmp_path):
    # A web page's FAQ printed by Chromium: a heading's lines stand half their height apart (more than Word sets
    # them), its inline code is set smaller in another font, and the code's last glyph ends where the "?" after
    # it begins. The heading's first line had been lost ("$PATH?" was the question) and so had its code ("Why
    # use ?").
    body = [("Each answer is a paragraph of plain text set in the body type.", "body", 11, 72, 6)] * 3
    page = [("Widget FAQ", "bold", 24, 72, 0), *body,
            ("How do I call a program that isn't in", "bold", 20, 72, 24), ("$PATH", "bold mono", 16, 72, 14),
            ("?", "bold", 20, 120, -16),
            ("Give its full path: the shell looks the name up in each folder of the variable.", "body", 11, 72, 20),
            *body,
            ("Why use", "bold", 20, 72, 24), ("widgets", "bold mono", 16, 160, -20), ("?", "bold", 20, 227.19, -16),
            ("They keep your files in sync.", "body", 11, 72, 20), *body]
    passages, problems = read(tmp_path, "faq.pdf", pdf_bytes([page]))
    assert problems == [] and [p.question for p in passages if p.kind == "faq"] == [
        "How do I call a program that isn’t in $PATH?", "Why use widgets?"]
    # Cryptography's FAQ as Chromium printed it: "Why use ?" and "cryptography", the code's "y" ending a hundredth
    # of a point after the "?" begins.
    from chatbot.reading.pdf import _one_line

    def run(chars, top, bottom, size):
        return {"top": top, "bottom": bottom, "chars": [{"text": t, "x0": x0, "x1": x1, "size": size}
                                                        for t, x0, x1 in chars]}

    words = run([("W", 90.0, 114.0), ("e", 168.04, 178.69), ("?", 332.0, 344.0)], 35.2, 59.2, 24.0)
    code = run([("c", 184.69, 196.97), ("y", 319.73, 332.01)], 38.4, 58.8, 20.4)
    assert _one_line(words, code)
    above = run([("x", 100.0, 110.0)], 20.0, 44.0, 24.0)  # a superscript over the text stands apart
    assert not _one_line(words, run([("2", 112.0, 118.0)], 30.0, 40.0, 10.0)) and not _one_line(above, words)


def test_pdf_faq_entry_told_as_a_statement_in_heading_type(tmp_path):
    # Fabric's FAQ printed from its page: its entries are statements in heading type ("... don't seem to
    # work!"). Read as sentences in bold, they had been paragraphs, and the page had one entry of six.
    body = [("Each command runs in a shell of its own, so a change of folder does not last.", "body", 11, 72, 6)]
    page = [("Fabric FAQ", "bold", 24, 72, 0), ("Problems we hear about often.", "body", 11, 72, 12),
            ("My cd calls don't seem to work!", "bold", 16, 72, 20), *body,
            ("Why can't I run programs in the background?", "bold", 16, 72, 20), *body,
            ("I'm asked for a passphrase instead of a password.", "bold", 16, 72, 20), *body,
            ("A sentence in bold at the body's size is no heading.", "bold", 11, 72, 12), *body]
    passages, problems = read(tmp_path, "faq.pdf", pdf_bytes([page]))
    assert problems == [] and [p.question for p in passages if p.kind == "faq"] == [
        "My cd calls don’t seem to work!", "Why can’t I run programs in the background?",
        "I’m asked for a passphrase instead of a password."]
    assert "A sentence in bold at the body’s size is no heading." in passages[-1].text


def test_a_list_of_the_documentations_own_pages_is_navigation(tmp_path):
    # Black's guides/index.md: "Listed below are topic specific guides available:" over {doc} roles naming the
    # guides. The list named a guide better than the guide's own text did, and ranked first for "does black
    # work on jupyter notebooks"; the sentence that introduced it then ranked first for where the configuration
    # goes. Both go, as a toctree does; a list of links elsewhere stays the text's.
    text = ("# Guides\n\nWondering how to do something? Listed below are the guides:\n\n"
            "- {doc}`using_black_with_jupyter_notebooks`\n- {doc}`Other tools <./other_tools>`\n"
            "- [Editors](../integrations/editors.md#vim)\n\nIDEs with a debugger include:\n\n"
            "- [PyCharm](https://www.jetbrains.com/pycharm/)\n- [VS Code](https://code.visualstudio.com)\n")
    passages, problems = read(tmp_path, "guides/index.md", text)
    assert problems == [] and [p.text for p in passages] == [
        "Wondering how to do something?\nIDEs with a debugger include:\n- PyCharm\n- VS Code"]
    text = ("Guides\n======\n\nThe guides are:\n\n- :doc:`install`\n- :doc:`Configuring <config>`\n"
            "- `Usage <usage.html>`_\n\nSee also:\n\n- :doc:`install`\n- The `Python site <https://python.org>`_.\n")
    passages, problems = read(tmp_path, "guides/index.rst", text)
    assert problems == [] and [p.text for p in passages] == ["See also:\n- install\n- The Python site."]


def test_docx_as_pandoc_writes_a_faq_list_and_a_definition_list(tmp_path):
    # pandoc's .docx of Passlib's and psycopg2's FAQs. An item's second paragraph is numbered with a level that
    # shows no bullet, to indent it under the item: each had been an item of its own, so that the list of
    # questions over their answers was one list. A definition list's terms are paragraphs in "Definition Term"
    # style: one told as a statement had run into the answer before it; "Short answer:" labels its text.
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="990"><w:lvl w:ilvl="0">'
                                  '<w:numFmt w:val="bullet"/><w:lvlText w:val=" "/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="1000"><w:abstractNumId w:val="990"/></w:num>'))
    document.styles.add_style("Definition Term", WD_STYLE_TYPE.PARAGRAPH)
    document.add_heading("Passlib FAQ", level=0)

    def under_item(text):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="1000"/></w:numPr>'))

    document.add_paragraph("Hashing twice gives two results! What's going on?", style="List Bullet")
    under_item("Each call makes a new salt.")
    document.add_paragraph("How do I decrypt the hashes?", style="List Bullet")
    under_item("You can't.")
    under_item("Only brute force reverses them.")
    document.add_heading("Problems", level=1)
    document.add_paragraph("Arrays of TYPE are not casted to list.", style="Definition Term")
    document.add_paragraph("Only arrays of a known type are.")
    document.add_paragraph("Short answer:", style="Definition Term")
    document.add_paragraph("Register the type.")
    out = io.BytesIO()
    document.save(out)
    passages, problems = read(tmp_path, "faq.docx", out.getvalue())
    assert problems == [] and [(p.kind, p.question) for p in passages] == [
        ("faq", "Hashing twice gives two results! What's going on?"), ("faq", "How do I decrypt the hashes?"),
        ("faq", "Arrays of TYPE are not casted to list.")]
    assert passages[1].answer == "You can't.\nOnly brute force reverses them."
    assert passages[2].answer == "Only arrays of a known type are.\nShort answer: Register the type."
    # The same list as pandoc writes it in OpenDocument: an item's paragraphs inside its list item.
    def item(*paragraphs):
        return "<text:list-item>" + "".join(f"<text:p>{p}</text:p>" for p in paragraphs) + "</text:list-item>"

    body = ("<text:h text:outline-level='1'>Passlib FAQ</text:h><text:list>"
            + item("Hashing twice gives two results! What's going on?", "Each call makes a new salt.")
            + item("How do I decrypt the hashes?", "You can't.", "Only brute force reverses them.")
            + "</text:list><text:list>" + item("Read the docs.") + item("Ask on the list.", "It is answered daily.")
            + "</text:list>")
    passages, problems = read(tmp_path, "faq.odt", odt_bytes(body))
    assert problems == [] and [(p.kind, p.question) for p in passages] == [
        ("faq", "Hashing twice gives two results! What's going on?"), ("faq", "How do I decrypt the hashes?"),
        ("text", "")]
    assert passages[1].answer == "You can't.\nOnly brute force reverses them."
    assert passages[2].text == "- Read the docs.\n- Ask on the list.\n  It is answered daily."


def test_a_troubleshooting_section_is_a_faq_of_problems(tmp_path):
    # Huey's "Troubleshooting and Common Pitfalls" page and Celery's "Troubleshooting" section: each heading
    # under them a problem, the text under it its fix. They had been sections of text, a passage per paragraph.
    text = ("# Widget\n\nWidget syncs files.\n\n## Troubleshooting\n\n### Worker doesn't start: Permission Error\n\n"
            "Run it as the widget user.\n\nCheck the folder's owner too.\n\n### Tasks are always pending\n\n"
            "Start a worker first.\n\n## License\n\nMIT.\n")
    passages, problems = read(tmp_path, "README.md", text)
    assert problems == [] and [(p.kind, p.question or p.section) for p in passages] == [
        ("text", ""), ("faq", "Worker doesn't start: Permission Error"), ("faq", "Tasks are always pending"),
        ("text", "License")]
    assert passages[1].answer == "Run it as the widget user.\nCheck the folder's owner too."


def test_rst_option_lists_and_lists_of_names_in_code_title_each_description(tmp_path):
    # pytest-benchmark's options, an option list ("--benchmark-json PATH" over what it does): the options' names
    # had been lost, and only their descriptions were read. pytest-xdist's modes, a bullet list of names in code
    # over their descriptions ("* ``--dist load`` **(default)**: Sends ..."), had been packed by size, a passage
    # cut inside one mode's code. Each name titles its description now, as a definition list's term does.
    page = textwrap.dedent("""\
        Usage
        =====

        Options:

        --benchmark-json PATH   Dump a JSON report into PATH. Note that this will include all the timings.
        -h, --help              Show this help message and exit, whatever else is given.

        The distribution is set with ``--dist``:

        * ``--dist load`` **(default)**: Sends pending tests to any worker that is available.

        * ``--dist loadfile``: Tests are grouped by their containing file.

          .. code-block:: python

              def test_one(): pass
        """)
    passages, problems = read(tmp_path, "usage.rst", page)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("", "Options:"),
        ("--benchmark-json PATH", "Dump a JSON report into PATH. Note that this will include all the timings."),
        ("-h, --help", "Show this help message and exit, whatever else is given."),
        ("", "The distribution is set with --dist:"),
        ("--dist load (default)", "Sends pending tests to any worker that is available."),
        ("--dist loadfile", "Tests are grouped by their containing file.\ndef test_one(): pass")]


def test_terms_that_name_values_over_scraps_are_one_list(tmp_path):
    # useradd's exit values, a term each over a few words ("12" over "can't create home directory"): each had
    # been a tiny passage, and the sentence that introduced them, a passage saying nothing, outranked the value
    # asked about. They are a table written as terms: one list, under that sentence. Terms over sentences that
    # describe them stay entries of their own.
    page = textwrap.dedent("""\
        .TH USERADD 8
        .SH NAME
        useradd \\- create a new user
        .SH "EXIT VALUES"
        The useradd command exits with the following values:
        .TP
        .B 0
        success
        .TP
        .B 12
        can't create home directory
        .SH OPTIONS
        .TP
        .B \\-m
        Create the user's home directory if it does not exist.
        .TP
        .B \\-r
        Create a system account.
        """)
    passages, problems = read(tmp_path, "useradd.8", page)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("EXIT VALUES", "The useradd command exits with the following values:\n- 0: success\n"
                        "- 12: can't create home directory"),
        ("-m", "Create the user's home directory if it does not exist."),
        ("-r", "Create a system account.")]


def test_rst_rubric_inside_an_answer_stays_in_it(tmp_path):
    # borg's FAQ: ".. rubric:: Finding defective hardware" inside the answer to "I get an IntegrityError - what
    # now?". Read at its section's level, the rubric had ended the answer and become an entry of its own.
    text = ("FAQ\n===\n\nI get an IntegrityError - what now?\n-----------------------------------\n\n"
            "Errors have two causes.\n\n.. rubric:: Finding defective hardware\n\nRun a memory test.\n\n"
            "Can I back up to tape?\n----------------------\n\nNo.\n")
    passages, problems = read(tmp_path, "faq.rst", text)
    assert problems == [] and [(p.kind, p.question) for p in passages] == [
        ("faq", "I get an IntegrityError - what now?"), ("faq", "Can I back up to tape?")]
    assert passages[0].answer == "Errors have two causes.\nFinding defective hardware\nRun a memory test."


def test_pages_whose_text_the_sites_build_pulls_in_say_so(tmp_path):
    # A Sphinx docs folder: Celery's has 139 API pages that hold only an automodule directive, and pages that only
    # include a file from outside the folder. Each had been "no text found", a line and a problem apiece.
    for module in ("celery.app", "celery.result"):
        (tmp_path / f"{module}.rst").write_text(f"``{module}``\n{'=' * 20}\n\n.. automodule:: {module}\n"
                                                "    :members:\n", encoding="utf-8")
    (tmp_path / "changelog.rst").write_text(".. include:: ../Changelog.rst\n", encoding="utf-8")
    (tmp_path / "guide.md").write_text(MARKDOWN, encoding="utf-8")
    # MkDocs' pages do the same with mkdocstrings ("::: humanize.number" over its options: humanize's five API
    # pages had been passages of that line). In a page with text, the directive is dropped and the text read.
    (tmp_path / "number.md").write_text("# Number\n\n::: humanize.number\n    options:\n      show_source: false\n",
                                        encoding="utf-8")
    (tmp_path / "usage.md").write_text("# Usage\n\n## Sizes\n\nCall naturalsize.\n\n::: humanize.filesize\n\n"
                                       "::: tip\nSizes are decimal.\n:::\n", encoding="utf-8")
    # pymdownx.snippets' includes ('--8<-- "README.md"', in code too, or a block of names) are no text either:
    # mkdocstrings' index, license and credits pages had each been a passage of that line.
    (tmp_path / "index.md").write_text('--8<-- "README.md"\n', encoding="utf-8")
    (tmp_path / "changelog.md").write_text('--8<-- "CHANGELOG.md"\n', encoding="utf-8")
    (tmp_path / "api.md").write_text("# ::: humanize\n    options:\n        show_submodules: true\n", encoding="utf-8")
    (tmp_path / "license.md").write_text('# License\n\n```\n--8<-- "LICENSE"\n```\n', encoding="utf-8")
    (tmp_path / "faq.md").write_text("# FAQ\n\nAsk us.\n\n--8<--\nlinks.md\nabbr.md\n--8<--\n", encoding="utf-8")
    loaded = Corpus.open(tmp_path).load()
    report = {f.name: f for f in loaded.files}
    assert str(report["changelog.rst"].problems[0]) == ("changelog.rst: only includes ../Changelog.rst; file skipped. "
                                                        "An included file in the corpus is read on its own")
    assert [str(report[name].problems[0]).split(";")[0] for name in ("index.md", "license.md")] == [
        "index.md: only includes README.md", "license.md: only includes LICENSE"]
    assert [p.text for p in loaded.passages if p.source == "faq.md"] == ["Ask us."]
    assert "holds only an API reference made from the code (Sphinx's autodoc: celery.app)" in str(
        report["celery.app.rst"].problems[0])
    assert "(mkdocstrings: humanize.number)" in str(report["number.md"].problems[0])
    assert [p.text for p in loaded.passages if p.source == "usage.md"] == ["Call naturalsize.", "Tip: Sizes are decimal."]
    printed = _format_files(loaded.files).splitlines()
    assert "  4 files hold only an API reference made from the code (Sphinx's autodoc, mkdocstrings), which only the " \
           "built site has (add its HTML to answer from it), skipped: api.md, celery.app.rst, celery.result.rst and 1 " \
           "more" in printed
    assert not any(line.startswith(("  celery.", "  number.md", "  api.md", "  Release notes?")) for line in printed)


def test_rst_parameters_listed_numpydoc_style_keep_name_type_and_description_apart(tmp_path):
    # tqdm's README lists its parameters as "* iterable : iterable, optional" over an indented description, which
    # docutils reads as a definition list whose term has a classifier. Name, type and description had run together
    # ("iterable iterable, optional Iterable to decorate"); out of a list, the type had been lost. A wrapped line
    # read as a term and its classifier goes on as written.
    rst = ("Guide\n=====\n\nParameters\n----------\n\n* iterable : iterable, optional\n"
           "    Iterable to decorate with a progress bar.\n* desc : str, optional\n    Prefix for the progress bar.\n\n"
           "* Mandatory : YES\n* Default   : ``<name>.rpm`` with spaces\n              replaced by '-'\n\n"
           "Returns\n-------\n\nout : iterator\n    The iterable, decorated.\n")
    passages, problems = read(tmp_path, "README.rst", rst)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("Parameters", "- iterable (iterable, optional): Iterable to decorate with a progress bar.\n"
                       "- desc (str, optional): Prefix for the progress bar.\n"
                       "- Mandatory : YES\n- Default: <name>.rpm with spaces replaced by '-'"),
        ("out (iterator)", "The iterable, decorated.")]


def test_rst_badges_and_logos_are_not_text_nor_what_introduced_them(tmp_path):
    # psutil's README opens with lines of badges, tqdm's has its sponsors' logos in a table under a bold title, a
    # badge after "There are other places where tqdm may be downloaded:" and "|Py-Versions| (Since 19 May 2016)" over
    # its API. Their alt texts had been passages ("Downloads Github stars"), rows ("OpenAI | Your Logo Here") and the
    # opening of a code passage; the lead-ins had been left with nothing to introduce.
    rst = ("| |downloads| |stars|\n| |version|\n\ntqdm\n====\n\nA progress meter.\n\n**Featured Sponsors**\n\n"
           "======== ==============\n|OpenAI|  Your Logo Here\n======== ==============\nOpenAI    Sponsors\n"
           "======== ==============\n\nInstall\n-------\n\nWith pip. There are other places to get it, for CLI use:\n\n"
           "|repology|\n\nDocumentation\n-------------\n\n|versions| (Since 19 May 2016)\n\n.. code:: python\n\n"
           "    class tqdm():\n        pass\n\n"
           + "".join(f".. |{name}| image:: https://img.shields.io/{name}.svg\n   :target: https://example.com/{name}\n"
                     for name in ("downloads", "stars", "version", "OpenAI", "repology", "versions")))
    passages, problems = read(tmp_path, "README.rst", rst)
    assert problems == [] and [(p.title, p.section, p.text) for p in passages] == [
        ("tqdm", "", "A progress meter."), ("tqdm", "Install", "With pip."),
        ("tqdm", "Documentation", "class tqdm():\n    pass")]


def test_rst_list_of_links_only_is_dropped_unless_the_text_introduces_it(tmp_path):
    # psutil's README: "Quick links", a list of links named "Home page", "Install", "Forum", had been a passage of
    # bare names. Links the text introduces are the text's, as in Markdown, and so is an address written out.
    rst = ("psutil\n======\n\nQuick links\n-----------\n\n- `Home page <https://github.com/giampaolo/psutil>`_\n"
           "- `Forum <https://groups.google.com/group/psutil>`_\n\nSupport\n-------\n\nAsk on the forum:\n\n"
           "- `Forum <https://groups.google.com/group/psutil>`_\n\nMaintainers\n-----------\n\n"
           "- giampaolo@example.com\n")
    passages, problems = read(tmp_path, "README.rst", rst)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("Support", "Ask on the forum:\n- Forum"), ("Maintainers", "- giampaolo@example.com")]


def test_a_term_that_says_next_to_nothing_alone_is_named_with_its_heading(tmp_path):
    # GNU time's format letters: a definition titled "M" alone did not say what it is the letter of.
    html = ("<h1>GNU time</h1><h2>Memory Resources</h2><dl><dt><code>M</code></dt>"
            "<dd><p>Maximum resident set size of the process during its lifetime, in Kilobytes.</p></dd>"
            "<dt><code>-r</code></dt><dd><p>Recursive: walk the directory tree.</p></dd>"
            "<dt>Timeout</dt><dd><p>How long to wait for the process before it is killed.</p></dd></dl>")
    passages, problems = read(tmp_path, "time.html", html)
    assert problems == []
    assert [p.section for p in passages] == ["Memory Resources › M", "-r", "Timeout"]


def test_charts_laid_out_in_a_table_and_the_label_over_badges_are_not_text(tmp_path):
    # zstd's README: two charts side by side in a pipe table, and a bold label announcing its badges.
    text = textwrap.dedent("""\
        # Zstandard

        Zstandard is a fast lossless compression algorithm.

        **Development branch status:**

        [![Build Status](https://ci.example/badge.svg)](https://ci.example)

        ## Benchmarks

        Compression Speed vs Ratio | Decompression Speed
        ---------------------------|--------------------
        ![Compression Speed vs Ratio](doc/CSpeed2.png) | ![Decompression Speed](doc/DSpeed3.png)

        | Compressor | Ratio |
        |---|---|
        | lz4 1.9.3 | 2.101 |
        """)
    passages, problems = read(tmp_path, "README.md", text)
    assert problems == []
    assert [p.text for p in passages] == ["Zstandard is a fast lossless compression algorithm.",
                                          "Benchmarks\nCompressor | Ratio\nlz4 1.9.3 | 2.101"]


def test_pdf_numbered_subsection_in_its_own_type_heads_its_paragraphs(tmp_path):
    # groff's mom: "3.1. Creating targets" in italics a point larger than the text, under the bold "3. Links".
    # Below the size of a heading, it had been a passage of its own, or glued to the paragraph under it, and what
    # it heads filed under "Links". Inline code set larger than the text beside it ("TARGET red and ...") had made
    # its line larger type: a heading.
    body = [("A paragraph of the manual set in the body type, as the others are.", "body", 10, 72, 4)] * 2
    page = [("Links", "bold", 14, 72, 0), *body,
            ("3. Links", "bold", 12, 72, 14), *body,
            ("3.1. Creating targets", "body", 10.5, 72, 14),
            ("Give the heading a unique name with the TARGET macro.", "body", 10, 72, 4),
            ("3.2. Colouring links", "body", 10.5, 72, 14),
            ("The colour of links is set with a macro:", "body", 10, 72, 10),
            ("TARGET red", "mono", 12, 80, 8), ("and", "body", 10, 170, -10), ("TARGET 1 0 0", "mono", 12, 200, -12),
            ("both make the links red.", "body", 10, 72, 8)]
    passages, problems = read(tmp_path, "links.pdf", pdf_bytes([page]))
    assert problems == []
    assert [(p.section, p.text) for p in passages if "TARGET" in p.text or "red" in p.text] == [
        ("Creating targets", "Give the heading a unique name with the TARGET macro."),
        ("Colouring links", "The colour of links is set with a macro:\nTARGET red and TARGET 1 0 0\n"
                            "both make the links red.")]


def test_pdf_font_embedded_in_compact_form_reads_by_its_own_encoding(tmp_path):
    # dvipdfmx embeds TeX's fonts in the compact form (CFF) with no /Encoding, and its ToUnicode map lacks the
    # ligatures: the font's own encoding puts "fi" at code 12, which pdfminer did not read from that form, so the
    # glyph came out as "(cid:12)" and was lost ("implicit eld named RECNO", GLPK's MathProg manual).
    import io

    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    codes = {32: "space", 46: "period", 84: "T", 101: "e", 104: "h", 105: "i", 108: "l", 115: "s", 12: "fi"}
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", *codes.values()])
    outlines = {}
    for name in [".notdef", *codes.values()]:
        pen = T2CharStringPen(500, None)
        if name != "space":
            pen.moveTo((50, 0)), pen.lineTo((450, 0)), pen.lineTo((450, 600)), pen.closePath()
        outlines[name] = pen.getCharString()
    builder.setupCFF("Test", {}, outlines, {})
    cff = builder.font["CFF "].cff
    cff[cff.fontNames[0]].Encoding = [codes.get(code, ".notdef") for code in range(256)]
    compact = io.BytesIO()
    cff.compile(compact, builder.font)
    font_file = compact.getvalue()
    mapped = b" ".join(b"<%02x> <%04x>" % (code, ord(chr(code))) for code in sorted(codes) if code != 12)
    to_unicode = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <ff> "
                  b"endcodespacerange %d beginbfchar %s endbfchar endcmap CMapName currentdict /CMap "
                  b"defineresource pop end end" % (len(codes) - 1, mapped))
    ops = b"BT /F1 10 Tf 72 700 Td (This \\014le.) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Test /FirstChar 0 /LastChar 255 /Widths [%s] "
               b"/FontDescriptor 7 0 R /ToUnicode 6 0 R >>" % b" ".join([b"500"] * 256),
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops),
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(to_unicode), to_unicode),
               b"<< /Type /FontDescriptor /FontName /ABCDEF+Test /Flags 4 /FontBBox [0 0 500 600] /ItalicAngle 0 "
               b"/Ascent 600 /Descent 0 /CapHeight 600 /StemV 80 /FontFile3 8 0 R >>",
               b"<< /Subtype /Type1C /Length %d >>\nstream\n%s\nendstream" % (len(font_file), font_file)]
    out = pdf_of_objects(objects)
    passages, problems = read(tmp_path, "mathprog.pdf", out)
    assert problems == [] and [p.text for p in passages] == ["This file."]


def test_pdf_ligature_of_a_standard_font_mapped_to_its_letters_keeps_its_width(tmp_path):
    # groff's gropdf draws "fi" with Times-Roman's ligature and maps it to "f" "i": pdfminer, looking its width up
    # by those letters, gave it none, so the glyphs after it stood a ligature's width to the left, and the word
    # cut where the next run of text starts, placed right, read "grof f".
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS["Times-Roman"][1]
    first = "This \ufb01le is part of grof"
    advance = sum(widths[c] for c in first) / 100  # 10 points
    to_unicode = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <ff> " \
                 b"endcodespacerange 1 beginbfchar <8c> <00660069> endbfchar endcmap CMapName currentdict " \
                 b"/CMap defineresource pop end end"
    ops = f"BT /F1 10 Tf 72 700 Td (This \\214le is part of grof) Tj {advance:.3f} 0 Td (f.) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Type /Encoding "
               b"/Differences [140 /fi] >> /ToUnicode 6 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops),
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(to_unicode), to_unicode)]
    out = pdf_of_objects(objects)
    passages, problems = read(tmp_path, "groff.pdf", out)
    assert problems == [] and [p.text for p in passages] == ["This file is part of groff."]


INFO = (
    "This is widget.info, produced by makeinfo version 6.8 from widget.texi.\n\n"
    "   Copyright © 2024 Widget Makers.\n"
    "INFO-DIR-SECTION Utilities\nSTART-INFO-DIR-ENTRY\n* widget: (widget).   Make widgets.\nEND-INFO-DIR-ENTRY\n\n"
    "\x1f\nFile: widget.info,  Node: Top,  Next: Invoking,  Up: (dir)\n\n"
    "widget\n******\n\n‘widget’ makes widgets.\n\n* Menu:\n\n* Invoking::      How to run it.\n* Index::\n\n"
    "\x1f\nFile: widget.info,  Node: Invoking,  Next: Index,  Prev: Top,  Up: Top\n\n"
    "1 Invoking ‘widget’\n*******************\n\n"
    "The synopsis is\n\n     widget [OPTION...] FILE\n\n"
    "1.1 Options\n===========\n\n"
    "‘-c’\n‘--count’\n     Print how many widgets were made\n     instead of their names.\n\n"
    "‘-q’\n     Say nothing (*note Invoking::).\n\n"
    "   Widgets are made in this order:\n   • the frame, then\n     its wheels;\n   • the seat.\n\n"
    "\x1f\nFile: widget.info,  Node: Index,  Prev: Invoking,  Up: Top\n\nIndex\n*****\n\n"
    "\x00\x08[index\x00\x08]\n* Menu:\n\n* count:     Invoking.    (line 12)\n\n"
    "\x1f\nTag Table:\nNode: Top\x7f200\nNode: Invoking\x7f400\n\x1f\nEnd Tag Table\n")


def test_info_manual_is_read_by_its_nodes_and_titles(tmp_path):
    # GNU manuals ship as Info files (grep.info, from /usr/share/info): a file of that suffix had been skipped as
    # unsupported, and the index marker's NUL byte made it look like a binary file. Node headers, menus, the
    # preamble and the tag table are dropped; underlined titles are headings, a table's terms title their
    # descriptions, examples are code, and a cross-reference reads "see ...".
    passages, problems = read(tmp_path, "widget.info", INFO.encode())
    assert problems == []
    assert [(p.title, p.section, p.text) for p in passages] == [
        ("widget", "", "‘widget’ makes widgets."),
        ("widget", "Invoking ‘widget’", "The synopsis is\nwidget [OPTION...] FILE"),
        ("widget", "‘-c’, ‘--count’", "Print how many widgets were made instead of their names."),
        ("widget", "‘-q’", "Say nothing (see Invoking)."),
        ("widget", "Invoking ‘widget’ › Options",
         "Widgets are made in this order:\n- the frame, then its wheels;\n- the seat.")]
    assert [p.line for p in passages][:2] == [15, 28]


def test_info_cross_reference_to_another_manual_or_over_two_lines_reads_see(tmp_path):
    # lzip's manual: "*Note plzip manual: (plzip)Top." had read "See plzip manual)Top.", and a reference wrapped
    # over two lines was kept as it is ("*Note tarlz manual: (tarlz)Top."). Every line keeps its number. "See" is
    # said once ("Also see *note Common options::." had read "Also see see Common options."), and a node of another
    # manual is named with it ("*Note (gcc)Bugs::.").
    info = ("\x1f\nFile: lzip.info,  Node: Top,  Up: (dir)\n\nlzip\n****\n\n"
            "Large files compress faster with plzip. *Note plzip manual: (plzip)Top.\n\n"
            "Tar archives are kept aligned by tarlz. *Note tarlz manual:\n(tarlz)Top.\n\n"
            "   • It can repair damaged copies.  *Note Data\n     safety::.\n\n"
            "The options are these. Also see\n*note Common options::. Report bugs. *Note (gcc)Bugs::.\n")
    passages, problems = read(tmp_path, "lzip.info", info.encode())
    assert problems == [] and [p.text for p in passages] == [
        "Large files compress faster with plzip. See plzip manual.",
        "Tar archives are kept aligned by tarlz. See tarlz manual.\n- It can repair damaged copies. See Data safety.",
        "The options are these. Also see Common options. Report bugs. See gcc Bugs."]
    assert [p.line for p in passages] == [7, 9, 15]


def test_info_text_after_a_menu_is_kept_and_link_only_footnotes_dropped(tmp_path):
    # A node may go on after the menu of its sections (units' "CGS Units" introduces its systems there): all text
    # after "* Menu:" had been dropped, 9 KB of units' "Unit Lists" with it. A menu's group comments and the top
    # node's detailed listing are the menu's; a footnote that is only a link is no passage.
    top = ("\x1f\nFile: widget.info,  Node: Top,  Next: Units,  Up: (dir)\n\nwidget\n******\n\n* Menu:\n\n"
           "Basics\n* Units::\n\n -- The Detailed Node Listing --\n\nUnits\n\n* Sums::\n\n")
    units = ("\x1f\nFile: widget.info,  Node: Units,  Prev: Top,  Up: Top\n\n1 Units\n*******\n\n* Menu:\n\n"
             "* Sums::           Adding units\n* Lists\n\nA unit list converts to a sum of units, as feet\n"
             "plus inches(1).\n\n   ---------- Footnotes ----------\n\n   (1) Or pounds and ounces.\n\n"
             "   (2) See <https://example.org/units>.\n\n")
    passages, problems = read(tmp_path, "widget.info", ("This is widget.info, produced by makeinfo.\n" + top + units).encode())
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("Units", "A unit list converts to a sum of units, as feet plus inches(1)."),
        ("Units", "(1) Or pounds and ounces.")]


def test_info_text_leading_in_an_example_or_a_table_is_no_term(tmp_path):
    # Text right over an example ("For example, in the following record, ...:") had been read as a table's term over
    # its description: recutils' rule on comments was only the name of a section over its example, and coreutils'
    # "For example, with:" a section; a lead-in line right over a table's first item was part of its term.
    node = ("\x1f\nFile: widget.info,  Node: Comments,  Up: (dir)\n\n1 Comments\n**********\n\n"
            "A comment is a line that starts with '#'.\n\n"
            "   Unlike some file formats, comments in widget files must be complete\n"
            "lines.  For example, in the following record, the '#' does _not_ start a comment:\n"
            "     Name: Peter # the Great\n     Age: 53\n\n"
            "   Valid debug options include:\n'tree'\n     Show the expression tree.\n'stat'\n     Show statistics.\n\n")
    passages, problems = read(tmp_path, "widget.info", ("This is widget.info, produced by makeinfo.\n" + node).encode())
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("", "A comment is a line that starts with '#'."),
        ("", "Unlike some file formats, comments in widget files must be complete lines. For example, in the "
             "following record, the '#' does _not_ start a comment:\nName: Peter # the Great\nAge: 53"),
        ("", "Valid debug options include:\n- 'tree': Show the expression tree.\n- 'stat': Show statistics.")]


def test_info_manual_whose_top_node_is_titled_top_is_named_by_its_file(tmp_path):
    # tinc's manual titles its top node "Top" ("@top Top"): that had been the title of all its 322 passages.
    passages, problems = read(tmp_path, "widget.info", INFO.replace("widget\n******", "Top\n***").encode())
    assert problems == [] and {p.title for p in passages} == {"widget"}


def test_info_table_laid_out_in_columns_under_a_rule_is_a_table(tmp_path):
    # Ivy's hydra keys: "Short   Normal   Command name" over a rule of dashes had read as a title over its underline,
    # and the rows as one line of run-on keys.
    node = ("Hydra\n=====\n\nMenus display short aliases:\n\nShort   Normal      Command name\n"
            "------------------------------------\n‘o’     ‘C-g’       ‘keyboard-escape-quit’\n"
            "‘u’     ‘C-c C-o’   ‘ivy-occur’\n\nHydra reduces key strokes.\n")
    text = ("\x1f\nFile: ivy.info,  Node: Top,  Up: (dir)\n\nIvy\n***\n\n"
            "\x1f\nFile: ivy.info,  Node: Hydra,  Up: Top\n\n" + node)
    passages, problems = read(tmp_path, "ivy.info", text)
    assert problems == [] and [p.text.split("\n")[1:] for p in passages if p.kind == "table"] == [
        ["Short | Normal | Command name", "‘o’ | ‘C-g’ | ‘keyboard-escape-quit’"],
        ["Short | Normal | Command name", "‘u’ | ‘C-c C-o’ | ‘ivy-occur’"]]
    assert {p.section for p in passages} == {"Hydra"}


def test_info_faq_without_underlined_titles_is_headed_by_its_nodes_first_lines(tmp_path):
    # Asymptote's FAQ, written to Info by bfnnconv: no underlined titles. Each node's first line, alone, heads it at
    # the node's depth: a question under its section under the FAQ's title.
    text = ("Info file: faq.info,    -*-Text-*-\n\n"
            "\x1f\nFile: faq.info, Node: Top, Next: Section 1, Up: (dir)\n\n"
            "            SHAPES FREQUENTLY ASKED QUESTIONS\n                       2023-02-10\n\n"
            "* Menu:\n* Section 1::   About Shapes\n\n"
            "\x1f\nFile: faq.info, Node: Section 1, Next: Question 1.1, Previous: Top, Up: Top\n\n"
            "About Shapes\n\n* Menu:\n* Question 1.1::    What is Shapes?\n\n"
            "\x1f\nFile: faq.info, Node: Question 1.1, Previous: Section 1, Up: Section 1\n\n"
            "Question 1.1.  What is Shapes?\n\nShapes is a vector graphics language\nfor technical drawings.\n\n"
            "It has a C++-like syntax.\n")
    passages, problems = read(tmp_path, "faq.info", text)
    assert problems == [] and {p.title for p in passages} == {"SHAPES FREQUENTLY ASKED QUESTIONS"}
    assert [(p.kind, p.section, p.question) for p in passages if p.kind == "faq"] == [
        ("faq", "About Shapes", "What is Shapes?")]
    assert faq(passages) == {"What is Shapes?": "Shapes is a vector graphics language for technical drawings.\n"
                                                "It has a C++-like syntax."}


def test_info_manual_split_over_several_files_is_read_from_its_parts(tmp_path):
    # find.info names its parts (find.info-1, find.info-2), which hold the nodes: the parts are read, and the table
    # is skipped with why.
    # The parts are named as the table names them: "m4.info.gz-1, -2" had named no file, the parts of a compressed
    # manual being m4.info-1.gz and m4.info-2.gz.
    (tmp_path / "widget.info").write_text("This is widget.info, produced by makeinfo.\n\n\x1f\nIndirect:\n"
                                          "widget.info-1: 100\nwidget.info-2: 5000\n\x1f\nTag Table:\n(Indirect)\n"
                                          "Node: Top\x7f100\n\x1f\nEnd Tag Table\n", encoding="utf-8")
    (tmp_path / "widget.info-1").write_text(INFO.replace("\x00\x08[index\x00\x08]\n", ""), encoding="utf-8")
    loaded = Corpus.open(tmp_path).load()
    assert {p.source for p in loaded.passages} == {"widget.info-1"}
    assert [str(e) for e in loaded.problems] == [
        "widget.info: the table of an Info manual split over several files: the parts it names (widget.info-1, "
        "widget.info-2) hold its text, and are read; file skipped"]


def test_pdf_contents_of_entries_set_apart_with_page_numbers_and_no_leaders(tmp_path):
    # Network UPS Tools' FAQ as AsciiDoc prints it: each contents entry stands apart, its page number after it
    # with no dot leaders ("7 Which UPS should I buy? 2"), and a long question wraps over two lines further on.
    # Its 56 entries had been passages of their own, under "Contents", outranking the answers, and each question
    # kept its number ("7 Which UPS should I buy?").
    questions = ["Which UPS should I buy?", "Why is upssched not part of upsmon?",
                 "My UPS driver now says that it is broken and that it will not start at all. What now?",
                 "How do you make upsd reload the config file?"]
    contents = [("Contents", "bold", 14, 72, 0)] + [(f"{k} {q} {k + 1}", "body", 10, 72, 14)
                                                   for k, q in enumerate(questions, start=1)]
    body = []
    for k, question in enumerate(questions, start=1):
        heading = f"{k} {question}"
        body += ([(heading[:60], "bold", 13, 72, 20), (heading[60:], "bold", 13, 72, 3)] if len(heading) > 70
                 else [(heading, "bold", 13, 72, 20)])
        body.append((f"The answer to question {k} is set in the body type.", "body", 10, 72, 8))
    passages, problems = read(tmp_path, "faq.pdf", pdf_bytes([contents, body]))
    # Their chapter numbers, with no stop after them, are dropped as "3.1." is.
    assert problems == [] and [p.question for p in passages] == questions


def test_markdown_list_item_all_in_bold_over_text_after_the_list_is_a_title(tmp_path):
    # cryptsetup's FAQ: each entry a one-item list ("  * **2.1 ...**") whose text follows after the list, indented
    # less. The questions had titled their answers, but the others ("1.2 WARNINGS") and one of two sentences
    # ("... takes very long. Why?") had been list lines glued to the answer before: "What is this?" held 6,566
    # characters.
    page = ("# Cryptsetup FAQ\n\n# 1. General Questions\n\n"
            "  * **1.1 What is this?**\n\n  This is the FAQ for cryptsetup.\n\n"
            "  * **1.2 WARNINGS**\n\n  Back up your LUKS header.\n\n"
            "  * **1.3 Where is the project website?**\n\n  On GitLab.\n\n"
            "  * **1.4 Unlocking a LUKS device takes very long. Why?**\n\n  The iteration count is set for the "
            "machine that made it.\n\n  * **1.5 Is there a mailing list?**\n\n  Yes.\n")
    passages, problems = read(tmp_path, "FAQ.md", page)
    assert problems == [] and faq(passages) == {
        "What is this?": "This is the FAQ for cryptsetup.", "WARNINGS": "Back up your LUKS header.",
        "Where is the project website?": "On GitLab.",
        "Unlocking a LUKS device takes very long. Why?": "The iteration count is set for the machine that made it.",
        "Is there a mailing list?": "Yes."}


def test_text_faq_of_labels_keeps_a_short_line_inside_an_answer(tmp_path):
    # dnsmasq's FAQ, "Q:" and "A:" lines: an answer names a Windows version on a line of its own over a registry
    # key. Read as headings, the key had become the section of every entry after it, and the answer was cut there.
    text = ("Q: Why does the client get a new address each time?\n\n"
            "A: Windows sends its own client identifier, stored at:\n\n"
            "Windows 2000\n\n"
            "HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\TcpIp\n\n"
            "Set it to the same value on each machine.\n\n"
            "Q: Can dnsmasq do DHCP on alias interfaces?\n\n"
            "A: Yes, since version 2.21.\n\n"
            "Q: Does dnsmasq probe addresses before it allocates them?\n\n"
            "A: Yes, with a ping.\n")
    passages, problems = read(tmp_path, "FAQ", text)
    assert problems == [] and {p.section for p in passages} == {""}
    assert faq(passages)["Why does the client get a new address each time?"] == (
        "Windows sends its own client identifier, stored at:\nWindows 2000\n"
        "HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\TcpIp\nSet it to the same value on each machine.")


def test_asciidoc_literal_paragraph_and_a_link_for_a_new_window(tmp_path):
    # Asciidoctor's README: commands indented a space are a literal paragraph, shown as typed; read as text they
    # had run together ("$ brew update $ brew upgrade asciidoctor"). A link's text ending in "^" opens it in a new
    # window: the caret is no text.
    text = ("= Asciidoctor\n\n== Homebrew\n\nThe gem is named https://rubygems.org/gems/asciidoctor[asciidoctor^].\n"
            "To upgrade the gem, use:\n\n $ brew update\n $ brew upgrade asciidoctor\n\nUpgrades need no restart.\n")
    passages, problems = read(tmp_path, "README.adoc", text)
    assert problems == [] and [p.text for p in passages] == [
        "The gem is named asciidoctor. To upgrade the gem, use:\n$ brew update\n$ brew upgrade asciidoctor",
        "Upgrades need no restart."]


def test_asciidoc_description_indented_under_its_term_is_text(tmp_path):
    # ccache's manual indents each setting's description under its term: read as a literal paragraph, it had run
    # on as code through the "+" continuations and the listing after them, whose "# With base_dir = /:" lines
    # then became headings of the rest of the manual. A reference by a title ("<<Boolean values>>") is the title.
    text = ("= ccache(1)\n\n== Configuration\n\n*base_dir* (see <<Boolean values>>)::\n\n"
            "    This option should be an absolute path to a directory. If set, ccache will\n"
            "    rewrite absolute paths.\n+\nFor example:\n+\n" + "-" * 79 + "\n"
            "# With base_dir = /:\ngcc -c ../src/example.c\n" + "-" * 79 + "\n\n== Sharing a cache\n\nUse NFS.\n")
    passages, problems = read(tmp_path, "MANUAL.adoc", text)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("base_dir (see Boolean values)", "This option should be an absolute path to a directory. If set, ccache will "
                                          "rewrite absolute paths.\nFor example:\n# With base_dir = /:\n"
                                          "gcc -c ../src/example.c"),
        ("Sharing a cache", "Use NFS.")]


def test_asciidoc_blocks_attached_to_a_list_item_keep_the_list_going(tmp_path):
    # ccache's "Run modes": a listing attached to step 1 with "+" had ended the list, so step 2 read "1." again and
    # the paragraphs attached to it were passages without their step. A "+" over an open block's "--" had been a
    # section titled "+".
    text = ("= Guide\n\n== Install\n\nThere are two ways:\n\n. Prefix the command. Example:\n+\n----\n"
            "ccache gcc -c example.c\n----\n+\n. Masquerade as the compiler.\n+\n"
            "Alternatively, create the symlinks yourself.\n\n== Options\n\n* *layout*: How to store files.\n+\n"
            "Values:\n+\n--\n* *flat*: all in one directory.\n--\n")
    passages, problems = read(tmp_path, "MANUAL.adoc", text)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("Install", "There are two ways:\n1. Prefix the command. Example:\nccache gcc -c example.c\n"
                    "2. Masquerade as the compiler.\n   Alternatively, create the symlinks yourself."),
        ("Options", "- layout: How to store files.\n  Values:\n  - flat: all in one directory.")]


def test_vim_help_file_is_read_by_its_sections_examples_and_tags(tmp_path):
    # Vim's user manual (usr_21.txt): its "*21.1*" headings had been glued to the passage before, a line ending in
    # ">" (an example follows) had become the section of the text after it, and its tags and links were words.
    rule = "=" * 78
    text = ("*usr_21.txt*\tFor Vim version 9.0.  Last change: 2019 Apr 25\n\n"
            "\t\t     VIM USER MANUAL - by Bram Moolenaar\n\n\t\t\t   Go away and come back\n\n\n"
            "This chapter goes into mixing the use of other programs with Vim.\n\n"
            "|21.1|\tSuspend and resume\n|21.2|\tExecuting shell commands\n\n"
            "     Next chapter: |usr_22.txt|  Finding the file to edit\n\n"
            f"{rule}\n*21.1*\tSuspend and resume\n\n"
            "Vim can be suspended by pressing CTRL-Z.  Then bring back Vim with the\n\"fg\" command. >\n\n"
            "\tCTRL-Z\n\tfg\n\nYou are right back where you left Vim.\n\n"
            f"{rule}\n*21.2*\tExecuting shell commands\t\t\t*shell-commands*\n\n"
            "Other options you might want to use:\n"
            "\t:\tnumber of lines to save from the command line history\n"
            "\t@\tnumber of lines to save from the input line history\n\n"
            "GETTING BACK TO SOME FILE\n\nSee |:oldfiles| for the list.\n\n"
            f"{rule}\n\nNext chapter: |usr_22.txt|  Finding the file to edit\n\n"
            "Copyright: see |manual-copyright|  vim:tw=78:ts=8:noet:ft=help:norl:\n")
    passages, problems = read(tmp_path, "usr_21.txt", text)
    assert problems == [] and {p.title for p in passages} == {"Go away and come back"}
    assert [(p.section, p.text) for p in passages] == [
        ("", "This chapter goes into mixing the use of other programs with Vim."),
        ("Suspend and resume", "Vim can be suspended by pressing CTRL-Z. Then bring back Vim with the \"fg\" command."
                               "\n\nCTRL-Z\nfg"),
        ("Suspend and resume", "You are right back where you left Vim."),
        ("Executing shell commands", "Other options you might want to use:\n"
                                     ":       number of lines to save from the command line history\n"
                                     "@       number of lines to save from the input line history"),
        ("GETTING BACK TO SOME FILE", "See :oldfiles for the list."),
        ("GETTING BACK TO SOME FILE", "Copyright: see manual-copyright")]


def test_a_heading_that_is_an_identifier_opens_a_reference_entry(tmp_path):
    # Knot DNS' configuration reference: each setting's heading is its name, not in code. Its description, a note
    # and its fields had been three passages, 52 of 347 holding only "Change of this parameter requires restart
    # ..." and "Default: ...", which read the same under every setting. A heading in words stays a section.
    html = ("<html><body><h1>Configuration Reference</h1><h2>Server section</h2>"
            "<h3>quic-idle-close-timeout</h3><p>Time in seconds, after which any idle QUIC connection is closed.</p>"
            "<p>Change of this parameter requires restart of the Knot server to take effect.</p>"
            "<p><em>Minimum:</em> <code>1</code></p><p><em>Default:</em> <code>4</code></p>"
            "<h3>KNOT_CONF_DIR</h3><p>Where the configuration lives.</p><p>It is read at start.</p>"
            "<h3>Zone loading</h3><p>Zones are loaded at start.</p><p>A zone that fails is skipped.</p>"
            "</body></html>")
    passages, problems = read(tmp_path, "reference.html", html)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("quic-idle-close-timeout", "Time in seconds, after which any idle QUIC connection is closed.\nChange of this "
                                    "parameter requires restart of the Knot server to take effect.\n- Minimum: 1\n"
                                    "- Default: 4"),
        ("KNOT_CONF_DIR", "Where the configuration lives.\nIt is read at start."),
        ("Zone loading", "Zones are loaded at start."),
        ("Zone loading", "A zone that fails is skipped.")]


def test_an_item_number_alone_labels_what_follows_it(tmp_path):
    # exiftool's examples: each number in a table cell of its own beside the command's. The numbers had been
    # passages of their own ("0."), 13 of them on one page, and the commands passages without their number.
    html = ("<html><body><h1>FileName tags</h1><h2>Examples</h2>"
            "<table><tr><td>&nbsp;0.</td><td><code>exiftool -d %Y%m%d \"-testname&lt;CreateDate\" DIR</code></td></tr>"
            "</table><blockquote>Rename all images in directory 'DIR' to names like '20060327.jpg'.</blockquote>"
            "<p>12.</p><p>Apply the tags to every file.</p></body></html>")
    passages, problems = read(tmp_path, "filename.html", html)
    assert problems == [] and [p.text for p in passages] == [
        '0.\nexiftool -d %Y%m%d "-testname<CreateDate" DIR',
        "Rename all images in directory 'DIR' to names like '20060327.jpg'.",
        "12.\nApply the tags to every file."]


def test_html_exponent_in_a_superscript_reads_as_one(tmp_path):
    # PostgreSQL's documentation: "more than 2<sup>31</sup> identifiers" had read "more than 231 identifiers". An
    # ordinal's ending is no exponent: Knot DNS' "every N<sup>th</sup> response" had read "every N^th response".
    passages, problems = read(tmp_path, "numeric.html", "<html><body><h1>Serial Types</h1><p>Use bigserial if you "
                                                        "anticipate the use of more than 2<sup>31</sup> identifiers "
                                                        "over the lifetime of the table.</p><p>Only every "
                                                        "N<sup>th</sup> response is sent, from the 1<sup>st</sup>."
                                                        "</p></body></html>")
    assert problems == [] and [p.text for p in passages] == [
        "Use bigserial if you anticipate the use of more than 2^31 identifiers over the lifetime of the table.",
        "Only every Nth response is sent, from the 1st."]


def test_html_faq_listing_its_questions_under_group_headings_before_answering_them(tmp_path):
    # gettext's FAQ lists its questions under "General", "Problems building" ... (the lists of links dropped), then
    # answers them under the same headings, its entries a level below: the bare group headings of the contents had
    # set the entries' level, and the statements ("“make install” fails") were text, their question a section.
    page = ("<html><body><h1>Frequently Asked Questions about GNU gettext</h1><h1>Questions</h1>"
            "<h3>General</h3><ul><li><a href='#a'>Where is the mailing list?</a></li></ul>"
            "<h3>Problems building GNU gettext</h3><ul><li><a href='#b'>“make install” fails</a></li>"
            "<li><a href='#c'>How do I build it on Solaris?</a></li></ul>"
            "<h1>Answers</h1><h3>General</h3><h4 id='a'>Where is the mailing list?</h4><p>At bug-gettext.</p>"
            "<h3>Problems building GNU gettext</h3><h4 id='b'>“make install” fails</h4><p>Run it as root.</p>"
            "<h4 id='c'>How do I build it on Solaris?</h4><p>Use GNU make.</p></body></html>")
    passages, problems = read(tmp_path, "FAQ.html", page)
    assert problems == [] and faq(passages) == {"Where is the mailing list?": "At bug-gettext.",
                                                "“make install” fails": "Run it as root.",
                                                "How do I build it on Solaris?": "Use GNU make."}


def test_html_doxygen_title_area_is_page_furniture(tmp_path):
    # Doxygen writes the project's name over every page in a "titlearea": it had been a passage of one word
    # ("Doxygen") on each page.
    page = ("<html><head><title>Doxygen: FAQ</title></head><body><div id='top'><div id='titlearea'><table><tr>"
            "<td id='projectalign'><div id='projectname'>Doxygen</div></td></tr></table></div></div>"
            "<div class='contents'><h2>How do I exclude a file?</h2><p>List it in EXCLUDE.</p></div></body></html>")
    passages, problems = read(tmp_path, "faq.html", page)
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "How do I exclude a file?\nList it in EXCLUDE.")]


def test_html_layout_table_summarised_as_page_furniture_is_dropped(tmp_path):
    # fetchmail's pages open and close with a table summarised "Canned page header" ("Back to Fetchmail Home Page",
    # "$Date$"), which had been a passage of each page; a table whose summary says what its data is stays.
    canned = ('<table summary="Canned page {}"><tr><td>Back to <a href="index.html">Fetchmail Home Page</a></td>'
              '<td>$Date$</td></tr></table>')
    page = (f"<html><body>{canned.format('header')}<h1>Fetchmail Features</h1><p>STARTTLS is supported.</p>"
            '<table summary="Exit codes"><tr><th>Code</th><th>Meaning</th></tr><tr><td>1</td><td>No mail</td></tr>'
            f"</table>{canned.format('footer')}</body></html>")
    passages, problems = read(tmp_path, "features.html", page)
    assert problems == [] and [p.text for p in passages] == [
        "STARTTLS is supported.", "Fetchmail Features\nCode | Meaning\n1 | No mail"]


def test_a_list_of_the_documents_own_questions_is_no_passage(tmp_path):
    # rkhunter's FAQ opens with its questions numbered, as do FAQs printed to PDF (GoldenCheetah's): the list had
    # been a passage that ranked first with no answer. A paragraph that says something of its own stays.
    page = ("# Rootkit Hunter FAQ\n\nMail the list with anything else.\n\n"
            "1.1) Rootkit Hunter tells me there is something wrong with\nmy system. What do I do?\n"
            "1.2) How can I run Rootkit Hunter every day?\n\n"
            "## 1.1) Rootkit Hunter tells me there is something wrong with my system. What do I do?\n\n"
            "Read the log file first.\n\n## 1.2) How can I run Rootkit Hunter every day?\n\nRun it from cron.\n")
    passages, problems = read(tmp_path, "FAQ.md", page)
    assert problems == [] and [(p.kind, p.question or p.text) for p in passages] == [
        ("text", "Mail the list with anything else."),
        ("faq", "Rootkit Hunter tells me there is something wrong with my system. What do I do?"),
        ("faq", "How can I run Rootkit Hunter every day?")]


def test_on_a_page_of_answers_labelled_a_what_each_answers_is_its_question(tmp_path):
    # sysstat's FAQ numbers its questions without a "Q:" label, quotes the error between question and answer, and
    # labels each answer "A:": questions and answers had been passages apart, the question ranking first with no
    # answer. Inside an entry already asked, a paragraph over code and an "A:" is the answer's own.
    entry = ("1.{n}. When I run {cmd}, it fails with the following message:\n\n```\n{cmd}: error {n}\n```\n\n"
             "A: Install {cmd}.\n\n---\n")
    page = "# FAQ\n\n" + "\n".join(entry.format(n=n, cmd=cmd) for n, cmd in enumerate(("sar", "iostat", "pidstat"), 1))
    passages, problems = read(tmp_path, "FAQ.md", page)
    assert problems == [] and [(p.kind, p.question) for p in passages] == [
        ("faq", f"When I run {cmd}, it fails with the following message:") for cmd in ("sar", "iostat", "pidstat")]
    assert passages[0].text.endswith("sar: error 1\nA: Install sar.")


def test_questions_listed_inside_a_faq_answer_are_part_of_it(tmp_path):
    # The ctags FAQ's answer on tag files for a directory tree weighs factors, one of them a list of questions
    # answered in their items: they are the answer's, and the answer goes on after them under its question.
    md = ("# FAQ\n\n## How should I set up tag files for a directory tree?\n\nIt depends on these factors:\n\n"
          "D.\n:   Duplicate tags.\n\n    1. How common are duplicate tags?\n\n"
          "    1. Does your editor handle duplicates?\n\n       Vim has good facilities for them.\n\n"
          "I tend to favor a local tag file in each directory.\n\n"
          "## Does it support Unicode file names?\n\nYes, on all platforms.\n")
    passages, problems = read(tmp_path, "faq.md", md)
    entries = faq(passages)
    assert problems == [] and list(entries) == [
        "How should I set up tag files for a directory tree?", "Does it support Unicode file names?"]
    answer = entries["How should I set up tag files for a directory tree?"]
    assert "Vim has good facilities for them." in answer and answer.endswith(
        "I tend to favor a local tag file in each directory.")
    # Apart from an answer, the same items are entries of their own.
    passages, _ = read(tmp_path, "list.md", "# FAQ\n\n1. Does your editor handle duplicates?\n\n   Vim does.\n")
    assert faq(passages) == {"Does your editor handle duplicates?": "Vim does."}


DOXYGEN_PAGE = """<html><head><meta name="generator" content="Doxygen 1.9.4"/><title>json-c: json_util.h</title></head>
<body><div class="contents">
<p>Miscellaneous utility functions. <a href="#details">More...</a></p>
<table class="memberdecls">
<tr class="heading"><td colspan="2"><h2 class="groupheader">Macros</h2></td></tr>
<tr class="memitem:a1"><td class="memItemLeft">#define&#160;</td><td class="memItemRight">
<a class="el" href="#a1">JSON_FILE_BUF_SIZE</a>&#160;&#160;&#160;4096</td></tr>
<tr class="separator:a1"><td class="memSeparator" colspan="2">&#160;</td></tr>
<tr class="memitem:a2"><td class="memItemLeft">int&#160;</td><td class="memItemRight">
<a class="el" href="#a2">json_object_to_fd</a> (int fd, struct json_object *obj, int flags)</td></tr>
<tr class="memdesc:a2"><td class="mdescLeft">&#160;</td><td class="mdescRight">Write it to a descriptor.
<a href="#a2">More...</a></td></tr>
</table>
<a name="details" id="details"></a><h2 class="groupheader">Detailed Description</h2>
<div class="textblock"><p>Miscellaneous utility functions.</p>
<div class="fragment"><div class="line"><span class="lineno">1</span>fd = open(name, O_WRONLY);</div>
<div class="line"><span class="lineno">2</span>json_object_to_fd(fd, obj, 0);</div></div>
<div class="ttc" id="aa"><div class="ttname">json_object_to_fd</div><div class="ttdef"><b>Definition:</b>
json_util.h:27</div></div></div>
<h2 class="groupheader">Function Documentation</h2>
<a id="a2" name="a2"></a>
<h2 class="memtitle"><span class="permalink"><a href="#a2">&#9670;&nbsp;</a></span>json_object_to_fd()</h2>
<div class="memitem"><div class="memproto"><table class="memname">
<tr><td class="memname">int json_object_to_fd </td><td>(</td><td class="paramtype">int&#160;</td>
<td class="paramname"><em>fd</em>, </td></tr>
<tr><td class="paramkey"></td><td></td><td class="paramtype">struct json_object *&#160;</td>
<td class="paramname"><em>obj</em>, </td></tr>
<tr><td class="paramkey"></td><td></td><td class="paramtype">int&#160;</td><td class="paramname"><em>flags</em>&#160;</td></tr>
<tr><td></td><td>)</td><td></td><td></td></tr></table></div>
<div class="memdoc"><p>Write the object to the file descriptor.</p>
<p>Handles partial writes.</p>
<dl class="params"><dt>Parameters</dt><dd><table class="params">
<tr><td class="paramdir">[in]</td><td class="paramname">fd</td><td>an open, writable file descriptor</td></tr>
<tr><td class="paramdir">[in]</td><td class="paramname">flags</td><td>Allowed values: <dl><dt>0</dt><dd>Plain (default).</dd>
<dt>1</dt><dd>Pretty.</dd></dl></td></tr></table></dd></dl>
<dl class="section return"><dt>Returns</dt><dd>-1 if something fails.</dd></dl>
<p class="definition">Definition at line 27 of file json_util.h.</p>
</div></div>
<hr/>The documentation for this file was generated from the following file:<ul><li>json_util.h</li></ul>
</div></body></html>"""


def test_doxygen_member_reads_as_one_entry_under_its_name(tmp_path):
    # Doxygen's reference pages (json-c's, Opus'): a function's signature had been a passage per parameter, its
    # description a passage per paragraph, its values and each line of an example passages of their own, and
    # tooltips and "Definition at line 27" passages too. A member is now one entry: its signature on a line, its
    # text, parameters and return value; the summary table keeps only what has no entry of its own below.
    passages, problems = read(tmp_path, "json__util_8h.html", DOXYGEN_PAGE)
    assert problems == []
    assert [(p.section, p.text) for p in passages] == [
        ("Macros", "- #define JSON_FILE_BUF_SIZE 4096"),
        ("Detailed Description", "Miscellaneous utility functions.\nfd = open(name, O_WRONLY);\n"
                                 "json_object_to_fd(fd, obj, 0);"),
        ("json_object_to_fd()", "int json_object_to_fd(int fd, struct json_object * obj, int flags)\n"
                                "Write the object to the file descriptor.\nHandles partial writes.\nParameters:\n"
                                "- [in] fd: an open, writable file descriptor\n- [in] flags: Allowed values:\n"
                                "  - 0: Plain (default).\n  - 1: Pretty.\nReturns: -1 if something fails.")]


def test_rst_see_also_of_links_to_other_pages_only_is_no_passage(tmp_path):
    # SQLAlchemy's errors page closes entries with ".. seealso::" over :ref: links to other pages, whose titles
    # the page cannot see: read as their labels' words they were passages of nonsense ("pooling toplevel
    # connections toplevel"). A see-also that names code or says something, or shows an address, stays.
    rst = ("Errors\n======\n\nQueuePool limit reached\n-----------------------\n\nThe pool is exhausted.\n\n"
           ".. seealso::\n\n    :ref:`pooling_toplevel`\n\n    :ref:`connections_toplevel`\n\n"
           ".. seealso:: :meth:`.MigrationContext.get_current_heads`\n\n"
           ".. seealso:: :doc:`pooling` - how the pool hands out connections.\n\n"
           ".. seealso:: https://github.com/pypa/setuptools/issues/1684\n")
    passages, problems = read(tmp_path, "errors.rst", rst)
    assert problems == [] and [p.text for p in passages] == [
        "The pool is exhausted.",
        "MigrationContext.get_current_heads\npooling - how the pool hands out connections.",
        "https://github.com/pypa/setuptools/issues/1684"]


HOSTAPD_CONF = """##### hostapd configuration file #####
# Empty lines and lines starting with # are ignored

# AP netdevice name; wlan0 with many nl80211 drivers
interface=wlan0

# In case of nl80211 driver interfaces, an additional parameter, bridge, may be
# used to notify hostapd if the interface is included in a bridge.
#
# For nl80211, this parameter can be used to request the AP interface to be
# added to the bridge automatically.
#bridge=br0

##### IEEE 802.11n related configuration #####

# Levels (minimum value for logged events):
#  0 = verbose debugging
#  2 = informational messages
logger_syslog_level=2
"""

JAIL_CONF = """# --------------------

# Jail for more extended banning of persistent abusers
# !!! WARNINGS !!!
# 1. Make sure that your loglevel is not
#    at DEBUG level.

[recidive]

logpath  = /var/log/fail2ban.log
bantime  = 1w
"""


def test_configuration_file_settings_read_under_the_comments_that_describe_them(tmp_path):
    # hostapd.conf, fail2ban's jail.conf, mdadm.conf-example: example configurations whose comments are the
    # documentation of each setting had been skipped as a format no reader takes. Each run of settings, with the
    # comments right over it, is an entry named by its first setting; banners and sections are headings, and the
    # comment over a section describes it.
    passages, problems = read(tmp_path, "hostapd.conf", HOSTAPD_CONF)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("hostapd configuration file", "Empty lines and lines starting with # are ignored"),
        ("interface", "AP netdevice name; wlan0 with many nl80211 drivers\ninterface=wlan0"),
        ("bridge", "In case of nl80211 driver interfaces, an additional parameter, bridge, may be used to notify "
                   "hostapd if the interface is included in a bridge.\nFor nl80211, this parameter can be used to "
                   "request the AP interface to be added to the bridge automatically.\n#bridge=br0"),
        ("logger_syslog_level", "Levels (minimum value for logged events):\n- 0 = verbose debugging\n"
                                "- 2 = informational messages\nlogger_syslog_level=2")]
    passages, problems = read(tmp_path, "fail2ban/jail.conf-example", JAIL_CONF)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("[recidive]", "Jail for more extended banning of persistent abusers !!! WARNINGS !!! 1. Make sure that your "
                       "loglevel is not at DEBUG level."),
        ("logpath", "logpath  = /var/log/fail2ban.log\nbantime  = 1w")]
    # A comment indented under a setting is its remark, not the next setting's description.
    postgres = ("# - Connection Settings -\n\nport = 5432    # the port\n            # (change requires restart)\n"
                "max_connections = 100\n")
    passages, _ = read(tmp_path, "postgresql.conf", postgres)
    assert [(p.section, p.text) for p in passages] == [
        ("", "- Connection Settings -"),
        ("port", "port = 5432    # the port\n            # (change requires restart)\nmax_connections = 100")]
    # A ".conf" of XML (D-Bus', fontconfig's) is no such file; a project's tool settings are no document.
    _, problems = read(tmp_path, "fonts.conf", "<?xml version='1.0'?>\n<fontconfig></fontconfig>\n")
    assert [p.reason for p in problems] == [
        "an XML file, not a configuration file of settings and comments; file skipped"]
    passages, problems = read(tmp_path, "setup.cfg", "[metadata]\nname = widget\n")
    assert passages == [] and "is read by a project's tools" in problems[0].reason


def test_sphinx_field_list_labels_a_functions_parameters_and_return_in_its_entry(tmp_path):
    # Sphinx's autodoc writes a function's "Parameters", "Returns" and "Return type" as a definition list of class
    # "field-list": each had been a term of its own, a passage of a line ("Return type: boolean") apart from what
    # the function does.
    page = ('<html><body><h1>Simple Memory Backend</h1><dl class="py method"><dt class="sig">add(key, value)</dt>'
            '<dd><p>Works like set() but does not overwrite existing keys.</p><dl class="field-list simple">'
            '<dt class="field-odd">Parameters</dt><dd class="field-odd"><ul><li><p>key (str) – the key to set</p></li>'
            '</ul></dd><dt class="field-even">Return type</dt><dd class="field-even"><p>boolean</p></dd></dl>'
            '</dd></dl></body></html>')
    passages, problems = read(tmp_path, "simple.html", page)
    assert problems == [] and [(p.section, p.text) for p in passages] == [
        ("add(key, value)", "Works like set() but does not overwrite existing keys.\nParameters:\n"
                            "- key (str) – the key to set\nReturn type: boolean")]
