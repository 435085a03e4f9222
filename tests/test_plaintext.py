from chatbot.reading.markdown import parse_markdown
from chatbot.reading.plaintext import parse_plaintext

ARTICLE = """Salaries Explained
Introduction
Engineers earn well. This article explains why.
Pay by City Salary Range
Paris, FR €50,000 – €70,000
Berlin, DE €55,000 – €75,000
Tokyo, JP ¥8,000,000 – ¥11,000,000

Skills you need
To do the job you need:
- Python: used everywhere.
- Statistics: the basis of modelling.

Frequently Asked Questions

Is a degree required?

Usually yes. A degree in computer science helps. Some people get in through bootcamps.

What tools are common?

PyTorch and scikit-learn.
"""


def passages():
    return parse_plaintext(ARTICLE, source="a.txt")


def test_title_comes_from_the_first_heading():
    assert {p.title for p in passages()} == {"Salaries Explained"}


def test_table_rows_keep_their_header_and_are_one_passage_each():
    rows = [p for p in passages() if p.kind == "table"]
    assert [r.text.split("\n")[-1] for r in rows] == [
        "Paris, FR €50,000 – €70,000", "Berlin, DE €55,000 – €75,000", "Tokyo, JP ¥8,000,000 – ¥11,000,000"]
    assert all(r.text.split("\n")[0] == "Pay by City Salary Range" for r in rows)


def test_faq_pairs_hold_question_and_answer_together():
    faqs = [p for p in passages() if p.kind == "faq"]
    assert [f.question for f in faqs] == ["Is a degree required?", "What tools are common?"]
    assert faqs[0].text.startswith("Is a degree required?\nUsually yes.")
    assert "bootcamps" in faqs[0].text
    assert faqs[0].section == "Frequently Asked Questions"


def test_list_stays_with_its_introduction_and_heading():
    (lst,) = [p for p in passages() if "Python" in p.text]
    assert lst.section == "Skills you need"
    assert lst.text.startswith("To do the job you need:\n- Python")
    assert "Statistics" in lst.text


def test_paragraph_keeps_its_heading_and_source():
    (intro,) = [p for p in passages() if p.text.startswith("Engineers earn well")]
    assert (intro.section, intro.source, intro.kind) == ("Introduction", "a.txt", "text")


def test_long_paragraphs_are_cut_between_sentences_only():
    sentence = "This sentence is about twelve words long and ends here."
    text = "Title\n\nHeading\n" + " ".join([sentence] * 60)
    parts = parse_plaintext(text, source="x.md", max_chars=300)
    assert len(parts) > 5
    for p in parts:
        assert len(p.text) <= 300
        assert p.text.startswith("This sentence") and p.text.endswith("ends here.")
        assert p.section == "Heading"


def test_a_long_faq_answer_stays_one_passage_with_its_question():
    answer = " ".join(f"Step {i} is to do something useful with care." for i in range(80))
    md = f"# Help\n\n## How do I start?\n\n{answer}\n\n- one more step\n- and the last\n\n## Is it free?\n\nYes.\n"
    for parts in (parse_plaintext(f"Help\n\nHow do I start?\n\n{answer}\n", source="x.txt", max_chars=400),
                  parse_markdown(md, source="x.md", max_chars=400)):
        entry = next(p for p in parts if p.question == "How do I start?")
        assert [p.question for p in parts if p.kind == "faq"].count("How do I start?") == 1
        assert entry.text.startswith(f"How do I start?\n{answer}") and len(entry.text) > 400
        # Text that is not a FAQ answer is still cut to max_chars.
        assert all(len(p.text) <= 400 for p in parts if p.kind != "faq")
    assert entry.text.endswith("- one more step\n- and the last")


def test_markdown_headings_and_pipe_tables():
    md = "# Plans\n\n## Prices\n\n| Plan | Price |\n|---|---|\n| Basic | $5 |\n| Pro | $20 |\n"
    ps = parse_plaintext(md, source="p.md")
    rows = [p for p in ps if p.kind == "table"]
    # Cells stay apart, and the heading names the table.
    assert [r.text for r in rows] == ["Prices\nPlan | Price\nBasic | $5", "Prices\nPlan | Price\nPro | $20"]
    assert rows[0].title == "Plans" and rows[0].section == "Prices"


def test_question_headings_are_faq_entries():
    md = ("# Help\n\n## Frequently asked questions\n\n### How do I cancel my plan?\n\n"
          "Open Billing and click Cancel.\n\nYour data stays for 30 days.\n\n### Is there a free trial?\n\n"
          "Yes, for 14 days.\n\n## About us\n\nWe are a small team.\n")
    ps = parse_plaintext(md, source="help.md")
    faq = [p for p in ps if p.kind == "faq"]
    assert [(p.question, p.text) for p in faq] == [
        ("How do I cancel my plan?", "How do I cancel my plan?\nOpen Billing and click Cancel."),
        ("Is there a free trial?", "Is there a free trial?\nYes, for 14 days.")]
    # A second paragraph under a question heading stays under it; the next heading ends it.
    assert [(p.section, p.text) for p in ps if p.kind == "text"] == [
        ("How do I cancel my plan?", "Your data stays for 30 days."), ("About us", "We are a small team.")]


def test_a_question_without_an_answer_is_a_heading():
    ps = parse_plaintext("Doc\n\nWhy learn ML?\n\n- It pays.\n- It is fun.\n\nWhat next?\n", source="d.md")
    # A question followed by a list is a FAQ entry; a trailing question with nothing under it is kept as text.
    assert ps[0].kind == "faq" and "It pays." in ps[0].text
    assert ps[-1].text == "What next?"


def test_underlined_titles_are_headings_and_a_run_on_item_is_cut_between_words():
    # Release notes and READMEs underline their titles; a changelog item can run on for pages with no
    # full stop to cut it at.
    merges = " ".join(f"(merge {n:04d}abcd topic/branch-{n} later to maint)." for n in range(60))
    text = ("Tool 2.4 Release Notes\n======================\n\nUpdates since v2.3\n------------------\n\n"
            " * The parser learned the --end-of-options notation, which scripts use\n"
            "   to end their options.\n\n"
            "Fixes since v2.3\n----------------\n\n * Other code cleanup, docfix, build fix, etc.\n   " + merges + "\n")
    found = parse_plaintext(text, source="notes.txt")
    assert {p.title for p in found} == {"Tool 2.4 Release Notes"}
    assert [p.section for p in found][:2] == ["Updates since v2.3", "Fixes since v2.3"]
    assert not any("===" in p.text or "---" in p.text for p in found)
    assert len(found) > 2 and all(len(p.text) <= 1200 for p in found)
    assert "".join(p.text for p in found[1:]).replace(" ", "") == (
        "* Other code cleanup, docfix, build fix, etc. " + merges).replace(" ", "")


def test_q_and_a_lines_without_blank_lines_between_entries_are_one_entry_each():
    text = "Help centre\n\nQ: Is it free?\nA: Yes, for personal use.\nQ: Can I pay later?\nA: Within 30 days.\n"
    assert [(p.question, p.text) for p in parse_plaintext(text, source="faq.txt")] == [
        ("Is it free?", "Is it free?\nYes, for personal use."), ("Can I pay later?", "Can I pay later?\nWithin 30 days.")]


def test_an_answer_label_over_a_list_is_dropped_as_over_a_paragraph():
    # socat's FAQ: "A: Probably your socat program is ok; ...:" introduces a list, and had kept its "A:".
    text = ("Q: The tests fail for many of them.\nIs my build corrupt?\n\nA: Probably it is fine. These\n"
            "differences make tests fail:\n * Linux binds any address of 127.0.0.0/8.\n * Your system may have no IPv6.\n\n"
            "Q: Where do I report bugs?\n\nA: On the mailing list.\n")
    passages = parse_plaintext(text, source="FAQ")
    assert [p.text.split("\n")[1] for p in passages] == ["Probably it is fine. These differences make tests fail:",
                                                         "On the mailing list."]


def test_two_short_lines_on_their_own_are_a_title_over_its_text():
    # Read as two headings with nothing under them, both lines had been lost ("Parking" and where it is).
    ps = parse_plaintext("Opening hours\nMonday to Friday\n9am to 5pm\n\nParking\nBehind the building\n\n"
                         "Contact\nCall 030 1234 or write to info@example.org.\n", source="info.txt")
    assert ("Parking", "Behind the building") in [(p.section, p.text) for p in ps]
    # The text's last short line heads nothing: it is its closing words, not a lost heading.
    ps = parse_plaintext("Store\n\nWe sell bikes and repair them in our workshop every day.\n\nCall us on 030 1234\n",
                         source="store.txt")
    assert [p.text for p in ps][-1] == "Call us on 030 1234"


VIM_STYLE_FAQ = """The Vim FAQ

INDEX

SECTION 1 - GENERAL
    1.1. What is Vim?
    1.2. Who wrote Vim? Can I reach the
         authors by mail?
    1.3. Is Vim free?

SECTION 2 - BACKUP
    2.1. When I edit and save files, Vim creates a file with the same name as
         the original file and a "~" character at the end. How do I stop Vim
         from creating this file (or) How do I disable the Vim backup file
         feature?

SECTION 1 - GENERAL

1.1. What is Vim?

Vim is a text editor.

For more information, read

    :help intro

1.2. Who wrote Vim? Can I reach the
     authors by mail?

Bram Moolenar wrote most of it.

You can also use the command: ciwfoo

1.3. Is Vim free?

Yes, it is charityware.

SECTION 2 - BACKUP

2.1. When I edit and save files, Vim creates a file with the same name as
     the original file and a "~" character at the end. How do I stop Vim
     from creating this file (or) How do I disable the Vim backup file
     feature?

Reset the 'backup' option:

    :set nobackup
"""


def test_text_faq_with_a_contents_list_under_part_titles_and_lead_ins_to_examples():
    # Vim's FAQ (and slrn's): a contents list whose part titles stand to the left of its entries had been
    # read as dozens of FAQ entries; a line over an indented example ("For more information, read"), or a
    # clause without a full stop, was the section of every later entry; a question asked over four lines
    # in 45 words was not one.
    passages = parse_plaintext(VIM_STYLE_FAQ, source="vim-FAQ.txt")
    assert [(p.kind, p.section, p.question) for p in passages] == [
        ("faq", "SECTION 1 - GENERAL", "What is Vim?"),
        ("faq", "SECTION 1 - GENERAL", "Who wrote Vim? Can I reach the authors by mail?"),
        ("faq", "SECTION 1 - GENERAL", "Is Vim free?"),
        ("faq", "SECTION 2 - BACKUP", 'When I edit and save files, Vim creates a file with the same name as the '
         'original file and a "~" character at the end. How do I stop Vim from creating this file (or) How do I '
         'disable the Vim backup file feature?')]
    assert passages[0].text.endswith("For more information, read\n:help intro")
    assert passages[1].text.endswith("You can also use the command: ciwfoo")
    assert passages[3].text.endswith(":set nobackup")


def test_overstruck_letters_of_nroff_output_read_once():
    # Postfix's README files are nroff output: "P\bPo\bo" is a bold "Po", which read "PPoo".
    text = "I\bIn\bnt\btr\bro\bod\bdu\buc\bct\bti\bio\bon\bn\n\nPostfix is a _\bm_\ba_\bi_\bl server.\n"
    assert [(p.section, p.text) for p in parse_plaintext(text, source="README")] == [
        ("", "Postfix is a mail server.")]


DEBIAN_STYLE_FAQ = """The Debian FAQ

Chapter 1. Definitions and overview

1.1. What is Debian?

    Debian is an operating system.

1.2. How does one pronounce Debian?

    Deb'-ee-en, with a short e.

Chapter 2. Getting and installing Debian

    The official installation guide is online.

2.1. What is the latest version of Debian?

    Release 11, bullseye.

2.2. Where can I get it?

    From the mirrors.
"""


def test_text_faq_whose_answers_are_indented_keeps_its_chapters():
    # The Debian FAQ's text indents every answer: a chapter heading over its indented introduction had been read
    # as a lead-in to code, so the chapter ran into the answer before it.
    passages = parse_plaintext(DEBIAN_STYLE_FAQ, source="debian-faq.txt")
    assert [(p.kind, p.section, p.question or p.text) for p in passages] == [
        ("faq", "Chapter 1. Definitions and overview", "What is Debian?"),
        ("faq", "Chapter 1. Definitions and overview", "How does one pronounce Debian?"),
        ("text", "Chapter 2. Getting and installing Debian", "The official installation guide is online."),
        ("faq", "Chapter 2. Getting and installing Debian", "What is the latest version of Debian?"),
        ("faq", "Chapter 2. Getting and installing Debian", "Where can I get it?")]


def test_a_run_of_single_words_is_a_list_not_a_table():
    # A flattened table's lines each hold a label and a value at least. A word list (Sphinx's spelling list)
    # had been a table of one column under its first word, each other word a passage of its own.
    words = "\n".join(["AMQP", "Celery", "Kombu", "RabbitMQ", "Redis"])
    (passage,) = parse_plaintext(f"Spelling\n\n{words}\n", source="words.txt")
    assert passage.kind == "text" and passage.text == words and passage.title == "Spelling"
    # A table whose rows name a value stays a table, a passage per row.
    table = parse_plaintext("Skill Proficiency\nPython Advanced\nR Intermediate\nSQL Advanced\n", source="t.txt")
    assert [p.text for p in table] == ["Skill Proficiency\nPython Advanced", "Skill Proficiency\nR Intermediate",
                                       "Skill Proficiency\nSQL Advanced"]


SED_STYLE_FAQ = """The sed FAQ

1.0 GENERAL

1.1. What is sed?

   A stream editor.

1.2. Where do I get it?

   From the GNU project.

2. EXAMPLES

   CHANGING STRINGS

2.1. How do I search without regard to case?

   Use the I flag.

2.2. How do I replace only the first match?

   Leave out the g flag.

   FILES AND PATHS

2.3. How do I change every file in a directory?

2.3.1. - Unix solution

   Use find with sed -i.

2.3.2. - DOS solution

   Use a for loop.

2.4. How do I replace a path that has slashes?

   Use another delimiter, as in s|/a|/b|.
"""


def test_numbered_text_faq_keeps_the_parts_its_numbers_make():
    # sed's FAQ: a question answered only by its numbered parts (2.3 by 2.3.1 and 2.3.2) had stayed the section of
    # every later question (2.4); a part over its numbered questions ("2. EXAMPLES") had been an entry answered by
    # its first line; a heading in capitals, indented as the answer before it, was read as that answer's last
    # line; lsof's "1.0" numbers the part that "1.1" is in.
    passages = parse_plaintext(SED_STYLE_FAQ, source="sedfaq.txt")
    assert [(p.kind, p.section, p.question) for p in passages] == [
        ("faq", "GENERAL", "What is sed?"),
        ("faq", "GENERAL", "Where do I get it?"),
        ("faq", "CHANGING STRINGS", "How do I search without regard to case?"),
        ("faq", "CHANGING STRINGS", "How do I replace only the first match?"),
        ("faq", "How do I change every file in a directory?", "- Unix solution"),
        ("faq", "How do I change every file in a directory?", "- DOS solution"),
        ("faq", "FILES AND PATHS", "How do I replace a path that has slashes?")]
    assert passages[3].text == "How do I replace only the first match?\nLeave out the g flag."


def test_a_closing_bracket_or_quote_after_a_full_stop_stays_with_its_sentence():
    # Split after the stop, the mark had been dropped: "(The default extension is z for MSDOS.) If" read
    # "(The default extension is z for MSDOS. If".
    from chatbot.text import sentences

    assert sentences('Files are replaced. (The default extension is z for MSDOS.) If no file is named, it reads '
                     'stdin. He said "Stop." Then he left.') == [
        "Files are replaced.", "(The default extension is z for MSDOS.)", "If no file is named, it reads stdin.",
        'He said "Stop."', "Then he left."]
    (passage,) = parse_markdown("# Gzip\n\n## Names\n\nFiles are replaced.  (The default extension is z for "
                                "MSDOS.)  If no file is named,\nit reads stdin.\n", source="gzip.md")
    assert passage.text == "Files are replaced. (The default extension is z for MSDOS.) If no file is named, it " \
                           "reads stdin."


def test_labels_with_their_descriptions_in_a_column_title_them():
    # lnav's help text sets each command's description in a column right of it, wrapped under that column, the
    # command alone on its line when it is long: each line had been a passage of its own, "filter-out <regex>"
    # one of 18 characters. A line that introduces the lines under it, a bullet's wrapped text and an assignment
    # are no labels; after the labels the text is under the heading again.
    text = ("lnav is a log file viewer.\n\nCOMMANDS\n\n"
            "  filter-in <regex> Only display lines that match the given regular\n"
            "                    expression.\n\n"
            "  disable-filter <regex>\n"
            "                    Disable an active 'filter-in' or 'filter-out'\n"
            "                    expression.\n\n"
            "h.  The `read' builtin has a number of new options:\n"
            "\t-t timeout\tonly wait timeout seconds for input\n\n"
            "\t* In the manual, fixed mis-placed const in certain function\n"
            "          prototypes.\n\n"
            "$string = Net::SSLeay::get_cipher($ssl)\n"
            "        Return the active cipher from SSL-session $ssl.\n\n"
            "Commands are case sensitive.\n")
    ps = parse_plaintext(text, source="help.txt")
    assert [(p.section, p.text) for p in ps] == [
        ("", "lnav is a log file viewer."),
        ("filter-in <regex>", "Only display lines that match the given regular expression."),
        ("disable-filter <regex>", "Disable an active 'filter-in' or 'filter-out' expression."),
        ("COMMANDS", "h. The `read' builtin has a number of new options: -t timeout only wait timeout seconds for input\n"
                     "* In the manual, fixed mis-placed const in certain function\n  prototypes."),
        ("COMMANDS", "$string = Net::SSLeay::get_cipher($ssl)"),
        ("COMMANDS", "Return the active cipher from SSL-session $ssl."),
        ("COMMANDS", "Commands are case sensitive.")]


def test_numbered_faq_parts_sub_headings_and_a_line_with_an_address():
    # curl's FAQ: a line that ends in an address ("See option ... on this page: https://...") had become the
    # heading of the 26 entries after it; an entry that opens in lower case ("4.18 file:// URLs ...") had been a
    # paragraph of the entry before; and the parts of an answer in capitals ("CLIENT CERTIFICATE" in 3.16) had
    # headed the entries after it.
    text = (" 3. Usage problems\n\n"
            "  3.16 What certificates do I need when I use SSL?\n\n"
            "  There are three different kinds of certificates to keep track of.\n\n"
            "  CLIENT CERTIFICATE\n\n  The server may require that you prove who you are.\n\n"
            "  SERVER CERTIFICATE\n\n  The server you communicate with has a server certificate.\n\n"
            "  3.17 How do I list the root directory of an FTP server?\n\n  Use a URL ending in a slash.\n\n"
            " 4. Running Problems\n\n"
            "  4.17 Non-functional connect timeouts\n\n  Windows sends only three SYN packets.\n\n"
            "  See option TcpMaxConnectRetransmissions on this page:\n"
            "  https://support.microsoft.com/en-us/kb/175523/en-us\n\n"
            "  4.18 file:// URLs containing drive letters (Windows, NetWare)\n\n"
            "  Use file:///D:/blah.txt instead.\n\n"
            "  4.19 Why do I get problems when I use & in the URL?\n\n  Quote the URL.\n")
    ps = parse_plaintext(text, source="FAQ")
    assert [(p.section, p.question) for p in ps] == [
        ("Usage problems", "What certificates do I need when I use SSL?"),
        ("Usage problems", "How do I list the root directory of an FTP server?"),
        ("Running Problems", "Non-functional connect timeouts"),
        ("Running Problems", "file:// URLs containing drive letters (Windows, NetWare)"),
        ("Running Problems", "Why do I get problems when I use & in the URL?")]
    assert ps[0].text.split("\n")[2:4] == ["CLIENT CERTIFICATE", "The server may require that you prove who you are."]
    assert ps[2].text.endswith("See option TcpMaxConnectRetransmissions on this page: "
                               "https://support.microsoft.com/en-us/kb/175523/en-us")


def test_parts_between_rules_open_with_their_titles():
    # ncurses' FAQ: "********" between its entries, each opening with the trouble over its answer. The trouble
    # had been a passage apart from its answer, which was under no title.
    entries = [("Home/End keys don't work in some applications.",
                "The key sequences in terminfo entries are for full-screen applications only.\n\n"
                "Recognize the CSI sequences too."),
               ("If you hit the Print Screen key, your application will likely\ndump core.",
                "The kernel maps that key to a signal that quits."),
               ("The terminfo entry for xterm doesn't work with other xterms",
                "Set your terminal type to a feature-limited one.")]
    text = "This file lists frequently reported problems.\n\n" + "".join(
        f"********\n\n{trouble}\n\n{answer}\n\n" for trouble, answer in entries)
    passages = parse_plaintext(text, source="FAQ")
    assert [(p.kind, p.question) for p in passages[1:]] == [
        ("faq", "Home/End keys don't work in some applications."),
        ("faq", "If you hit the Print Screen key, your application will likely dump core."),
        ("faq", "The terminfo entry for xterm doesn't work with other xterms")]
    assert passages[1].text.endswith("Recognize the CSI sequences too.")
    # Elsewhere they are the parts' headings (a NEWS file's releases), and a text whose parts open with a
    # paragraph that runs on has none.
    news = "".join(f"----\n\nChanges in {v}\n\n* Fixed a crash.\n\n* Faster start.\n\n" for v in ("1.2", "1.1", "1.0"))
    assert [p.section for p in parse_plaintext(news, source="NEWS")] == [
        "Changes in 1.2", "Changes in 1.2", "Changes in 1.1", "Changes in 1.1", "Changes in 1.0", "Changes in 1.0"]
    prose = "".join(f"----\n\n{'Some words here. ' * 20}\n\nMore text.\n\n" for _ in range(3))
    assert {p.section for p in parse_plaintext(prose, source="notes.txt")} == {""}


def test_numbered_notes_that_ask_nothing_are_not_questions():
    # bash's COMPAT: numbered notes of a few sentences, some with an example indented under them, none asking.
    # Each note with an example had been a FAQ question a paragraph long, and the notes without one had gone into
    # the answer before them. zlib's FAQ, whose numbered entries mostly ask, keeps its one that does not.
    notes = ("Compatibility with previous versions\n\n"
             "1.  Bash uses a new quoting syntax, $\"...\", to do locale-specific\n"
             "    string translation.  Users who relied on the old behavior will\n"
             "    have to change their scripts.\n\n"
             "\teval var2=$\"$var1\"\n\n"
             "2.  The options to `bind' have changed.  Use `bind -p' instead\n"
             "    of `bind -d', as in\n\n"
             "\tbind -p > keys\n\n"
             "3.  The `ulimit' builtin now sets both limits.  The old behavior\n"
             "    can be obtained with\n\n"
             "\tulimit -S -c 0\n\n"
             "4.  The `long' invocation options must be prefixed by `--'.\n\n"
             "5.  Bash no longer exports HOME.  Scripts must export it.\n")
    ps = parse_plaintext(notes, source="COMPAT")
    assert {p.kind for p in ps} == {"text"}
    assert [line[:9] for p in ps for line in p.text.split("\n") if line[:1].isdigit()] == [
        "1. Bash u", "2. The op", "3. The `u", "4. The `l", "5. Bash n"]
    faq = (" 1. Is zlib Y2K-compliant?\n\n    Yes. zlib doesn't handle dates.\n\n"
           " 2. Where can I get a Windows DLL?\n\n    See win32/DLL_FAQ.txt.\n\n"
           " 3. compress() returns Z_BUF_ERROR.\n\n    Make sure the output buffer is big enough.\n\n"
           " 4. Can zlib handle .zip archives?\n\n    Not by itself.\n")
    assert [p.question for p in parse_plaintext(faq, source="FAQ")] == [
        "Is zlib Y2K-compliant?", "Where can I get a Windows DLL?", "compress() returns Z_BUF_ERROR.",
        "Can zlib handle .zip archives?"]


def test_titles_underlined_by_a_rule_are_headings_whatever_their_case_and_words():
    # GCC's README.Bugs: a title in lower case, one with a colon and one wrapped over two lines, each underlined
    # as long as it is, had been read as paragraphs of the section before. Lines set off between two rules are an
    # example, not a title.
    text = ("Reporting Bugs in GCC\n=====================\n\n"
            "Known Bugs and Non-Bugs\n-----------------------\n\n"
            "Please see the list of known bugs before you report one, as most reports are about them.\n\n"
            "cpp removes blank lines\n-----------------------\n\n"
            "With -P, cpp drops the blank lines and the line markers, as it is meant to.\n\n"
            "g++: g++ causes passing non const ptr to ptr to a func with const arg\n"
            "     to cause an error (not a bug)\n"
            "---------------------------------------------------------------------\n\n"
            "Converting char** to const char** is not allowed by the standard, so g++ refuses it.\n\n"
            "For example, highlighting:\n\n"
            "------------------------------\n-foo(buf, size);\n+foo(obj->buf, obj->size);\n"
            "------------------------------\n\n"
            "shows both changes at once.\n")
    wrapped = "g++: g++ causes passing non const ptr to ptr to a func with const arg to cause an error (not a bug)"
    assert [(p.section, p.text.split("\n")[0][:26]) for p in parse_plaintext(text, source="README.Bugs")] == [
        ("Known Bugs and Non-Bugs", "Please see the list of kno"),
        ("cpp removes blank lines", "With -P, cpp drops the bla"),
        (wrapped, "Converting char** to const"),
        (wrapped, "For example, highlighting:")]


def test_release_notes_in_emacs_outline_mode_are_read_by_their_releases():
    # GNU's NEWS files: Emacs' outline headings at the margin ("* Noteworthy changes in release 4.9 ..." over
    # "** Bug fixes"), or releases' lines over starred entries (tar's "version 1.34 - ..."). Read as lines of
    # text, their notes had been under no version, the stars kept, and short lines of the notes ("This can be
    # overridden by the" over an option) taken for headings. Each note is under its release now; a starred entry
    # with no text of its own, or wrapped into the lines under it, is a note, not a heading.
    sed = (
        "GNU sed NEWS                                    -*- outline -*-\n\n"
        "* Noteworthy changes in release 4.9 (2022-11-06) [stable]\n\n"
        "** Bug fixes\n\n"
        "  'sed --follow-symlinks -i' no longer loops forever when its operand\n  is a symbolic link cycle.\n\n"
        "** Changes in behavior\n\n  Sed now prints the less-surprising variant.\n\n"
        "* Noteworthy changes in release 4.8 (2020-01-14) [stable]\n\n"
        "** Bug fixes\n\n  \"sed -i\" now creates temporary files with correct umask.\n")
    assert [(p.section, p.text) for p in parse_plaintext(sed, source="NEWS")] == [
        ("", "GNU sed NEWS -*- outline -*-"),
        ("Noteworthy changes in release 4.9 (2022-11-06) [stable] › Bug fixes",
         "'sed --follow-symlinks -i' no longer loops forever when its operand is a symbolic link cycle."),
        ("Noteworthy changes in release 4.9 (2022-11-06) [stable] › Changes in behavior",
         "Sed now prints the less-surprising variant."),
        ("Noteworthy changes in release 4.8 (2020-01-14) [stable] › Bug fixes",
         "\"sed -i\" now creates temporary files with correct umask.")]
    tar = (
        "GNU tar NEWS - User visible changes.\n\n"
        "version 1.34 - Sergey Poznyakoff, 2021-02-13\n\n"
        "* Fix extraction over pipe\n\n"
        "* Support for zstd compression\n\nNew option '--zstd' instructs tar to use zstd.\n"
        "This can be overridden by the\n\n  --zstd-level=N\n\noption.\n\n"
        "* Fix memory leak in read_header\n\n"
        "version 1.33 - Sergey Poznyakoff, 2021-01-07\n\n"
        "* libtar: Fix a crash in the TLS RSA key exchange when the archive\n"
        "  is truncated. Reported by a user.\n")
    assert [(p.section, p.text) for p in parse_plaintext(tar, source="NEWS")] == [
        ("", "GNU tar NEWS - User visible changes."),
        ("version 1.34 - Sergey Poznyakoff, 2021-02-13", "Fix extraction over pipe"),
        ("version 1.34 - Sergey Poznyakoff, 2021-02-13 › Support for zstd compression",
         "New option '--zstd' instructs tar to use zstd. This can be overridden by the\n--zstd-level=N\noption."),
        ("version 1.34 - Sergey Poznyakoff, 2021-02-13", "Fix memory leak in read_header"),
        ("version 1.33 - Sergey Poznyakoff, 2021-01-07",
         "libtar: Fix a crash in the TLS RSA key exchange when the archive is truncated. Reported by a user.")]


def test_release_lines_over_their_indented_notes_and_a_first_release_that_is_no_title():
    # bc's NEWS: "Changes in bc from 1.06 to 1.07." at the margin over its notes indented under it, whose short
    # lines ("Fixed ibase extension causing problems for read()") had been headings and the releases text; and a
    # changelog's first release had been the document's title, its notes under no version.
    news = ("Changes in bc from 1.07 to 1.07.1.\n    Fixed ibase extension causing problems for read()\n"
            "    Fixed parallel make problem.\n\n"
            "Changes in bc from 1.06 to 1.07.\n    Added void functions.\n")
    assert [(p.section, p.text) for p in parse_plaintext(news, source="NEWS")] == [
        ("Changes in bc from 1.07 to 1.07.1.", "Fixed ibase extension causing problems for read() Fixed parallel make "
                                               "problem."),
        ("Changes in bc from 1.06 to 1.07.", "Added void functions.")]
    changes = "# Version 3.1.2\n\nFix the loop.\n\n# Version 3.1.1\n\nAdd a filter.\n"
    assert [(p.section, p.text) for p in parse_markdown(changes, source="CHANGES.md")] == [
        ("Version 3.1.2", "Fix the loop."), ("Version 3.1.1", "Add a filter.")]


def test_bullets_titling_indented_paragraphs_are_entries_beside_questions_and_terms_elsewhere():
    # lm-sensors' README.Debian: "* Is motherboard XYZ supported?" and, at the same indent, "* The temperatures
    # are wrong" over what to do. The bullets that did not ask had run on into the answer before them; they are
    # entries of the FAQ too. Under a heading elsewhere, a bullet over its indented paragraph titles that paragraph
    # only, and the heading goes on after it.
    text = ("README.Debian for lm-sensors\n----------------------------\n\n"
            "* Is motherboard XYZ supported?\n\n  lm-sensors doesn't support boards, but support chips.\n\n\n"
            "* The temperatures are wrong\n\n  Try a different sensor type. Switching from diode input to\n"
            "  thermistor may help.\n\n  Reading the registers clears the alarms.\n")
    passages = parse_plaintext(text, source="README.Debian")
    assert [(p.kind, p.question, p.answer) for p in passages] == [
        ("faq", "Is motherboard XYZ supported?", "lm-sensors doesn't support boards, but support chips."),
        ("faq", "The temperatures are wrong", "Try a different sensor type. Switching from diode input to "
                                              "thermistor may help.\nReading the registers clears the alarms.")]
    notes = ("Release notes\n=============\n\nUpdates since v1.5.2\n--------------------\n\n"
             "* The submodule support has Porcelain layer.\n\n  Note that the support is minimal.\n\n"
             "* Comes with updated gitk.\n")
    assert [(p.section, p.text) for p in parse_plaintext(notes, source="notes.txt")] == [
        ("The submodule support has Porcelain layer.", "Note that the support is minimal."),
        ("Updates since v1.5.2", "* Comes with updated gitk.")]


def test_numbered_steps_that_lead_in_to_commands_are_a_procedure_and_an_item_marked_o_is_no_word():
    # postgresql-common's README.Debian: its steps, each over the commands indented under it, had been read as FAQ
    # entries whose questions were the steps ("Create a database "joework" which is owned by "joe":"), numbers
    # dropped. groff's NEWS marks its items "o": one after an example had gone on with the item before it.
    text = ("PostgreSQL for Debian\n=====================\n\nFirst steps\n-----------\n\nHere are the steps:\n\n"
            "1. Install a database server.\n\n"
            "2. Get a shell for the database superuser. If you have root, use su:\n\n   # su postgres\n\n"
            "3. In this shell, create a database user:\n\n   $ createuser joe\n\n"
            "4. Create a database owned by joe:\n\n   $ createdb -O joe joework\n\n"
            "Troff\n-----\n\no Strings can take arguments:\n\n      .ds xxx A \\\\$1 test.\n\n"
            "o It is now possible to have whitespace between the dots.\n")
    found = parse_plaintext(text, source="README.Debian")
    assert {p.kind for p in found} == {"text"}
    steps = [p.text for p in found if p.section == "First steps"]
    assert "2. Get a shell for the database superuser. If you have root, use su:\n# su postgres" in steps[-1]
    assert "4. Create a database owned by joe:\n$ createdb -O joe joework" in steps[-1]
    assert [p.text.split("\n")[0] for p in found if p.section == "Troff"] == [
        "o Strings can take arguments:", "o It is now possible to have whitespace between the dots."]


def test_numbered_titles_over_indented_text_that_ask_nothing_are_headings():
    # xz's README: "0. Overview" and "1.1. Overall documentation", each over its text indented under it, had been read
    # as FAQ entries asked by their titles ("Overview"), although none of them asks anything.
    text = ("XZ Utils\n========\n\n0. Overview\n-----------\n\n    XZ Utils provide a compression library.\n\n"
            "1. Documentation\n----------------\n\n1.1. Overall documentation\n\n    Read the manual first.\n\n"
            "1.2. Documentation for liblzma\n\n    The API is documented in the headers.\n\n"
            "2. Version numbering\n--------------------\n\n    Versions are X.Y.Z.\n")
    found = parse_plaintext(text, source="README")
    assert [(p.kind, p.section) for p in found] == [
        ("text", "Overview"), ("text", "Overall documentation"), ("text", "Documentation for liblzma"),
        ("text", "Version numbering")]


def test_the_lines_a_table_of_contents_names_are_headings():
    # libpng's manual lists its chapters ("III. Reading") in its contents and writes each again over its chapter:
    # read as one-line passages, they had headed nothing, and 562 of 737 passages had no section.
    text = ("libpng-manual.txt - A description of libpng\n\n TABLE OF CONTENTS\n\n    I. Introduction\n"
            "   II. Structures\n  III. Reading\n\nI. Introduction\n\nThis file describes libpng.\n\n"
            "II. Structures\n\nThere are two main structures.\n\nIII. Reading\n\nWe'll now walk you through reading.\n")
    found = parse_plaintext(text, source="libpng-manual.txt")
    assert [(p.section, p.text) for p in found] == [
        ("", "libpng-manual.txt - A description of libpng"),
        ("Introduction", "This file describes libpng."), ("Structures", "There are two main structures."),
        ("Reading", "We'll now walk you through reading.")]


def test_a_contents_list_of_one_entry_a_paragraph_and_code_between_scissors():
    # Dovecot's wiki pages as text: a contents list with a blank line between entries had stayed in the text, its last
    # entry ("Client connections") heading the introduction after it; a configuration between scissor lines
    # ("---%<---") had run into one line with the paragraph over it.
    scissors = "---%<" + "-" * 40
    text = ("Dovecot SSL configuration\n=========================\n\nContents\n\n\n 1. Multiple certificates\n\n"
            " 2. Password protected key files\n\n 3. Client connections\n\n"
            f"The most important SSL settings are:\n\n{scissors}\nssl = yes\nssl_cert = </etc/ssl/dovecot.pem\n"
            f"{scissors}\n\nMultiple certificates\n---------------------\n\nUse one per protocol.\n\n"
            "Password protected key files\n----------------------------\n\nSet ssl_key_password.\n\n"
            "Client connections\n------------------\n\nSet ssl_client_ca_dir.\n")
    found = parse_plaintext(text, source="SSL.txt")
    assert [(p.section, p.text) for p in found] == [
        ("", "The most important SSL settings are:\nssl = yes\nssl_cert = </etc/ssl/dovecot.pem"),
        ("Multiple certificates", "Use one per protocol."), ("Password protected key files", "Set ssl_key_password."),
        ("Client connections", "Set ssl_client_ca_dir.")]


def test_definition_list_terms_alone_over_their_indented_text_title_it_up_to_the_next_term():
    # Mercurial's help text is reStructuredText: a term alone on its line, its definition indented under it ("0" over
    # "   The original revlog version."). Indented less than the column a help text's descriptions stand in, the
    # definitions had been paragraphs without their terms, and the first term was glued to the line before. Terms
    # that each name a value ("00 00 00 01" over "v1") are one list. base-passwd's users: the paragraphs indented
    # under a term's definition are its too, up to the next term; a heading ends the last definition, and the
    # section before the terms is not put back over the heading's text (gdb's NEWS).
    text = ("Revlogs\n=======\n\nThe following values are defined:\n\n"
            "0\n   The original revlog version.\n1\n   RevlogNG. It replaced version 0 in 2006.\n\n"
            "The following header values are common:\n\n00 00 00 01\n   v1\n00 01 00 01\n   v1 + inline\n\n"
            "Users\n=====\n\n   daemon\n          Some daemons run as daemon.\n\n"
            "          LSB 1.3 lists daemon as legacy.\n\n   bin\n          Nothing is owned by bin.\n\n"
            "Removed\n=======\n\nThe bin user is kept for old systems.\n")
    found = parse_plaintext(text, source="revlogs.txt")
    assert [(p.section, p.text) for p in found] == [
        ("", "The following values are defined:"),
        ("0", "The original revlog version."),
        ("1", "RevlogNG. It replaced version 0 in 2006."),
        ("", "The following header values are common:\n- 00 00 00 01: v1\n- 00 01 00 01: v1 + inline"),
        ("daemon", "Some daemons run as daemon.\nLSB 1.3 lists daemon as legacy."),
        ("bin", "Nothing is owned by bin."),
        ("Removed", "The bin user is kept for old systems.")]


def test_lettered_items_are_a_list_not_answers_and_their_wrapped_lines_go_on_in_them():
    # The Creative Commons licence letters each section's items ("a. Adapted Material means ..."), wrapped under
    # their text. Each "a." had been read as the label of an answer, making its section's title a FAQ question
    # answered by the rest of the licence (14,088 characters), and each item's first line a paragraph of its own.
    text = ("Attribution 4.0 International\n\nBy exercising the Licensed Rights (defined below), You accept and agree\n"
            "to be bound by the terms and conditions of this Creative Commons\nAttribution 4.0 International Public "
            "License (\"Public License\"). To the\nextent this Public License may be interpreted as a contract.\n\n"
            "Section 1 -- Definitions.\n\n"
            "  a. Adapted Material means material subject to Copyright and Similar\n"
            "     Rights that is derived from the Licensed Material.\n\n"
            "  b. Licensor means the individual(s) granting rights.\n\nSection 2 -- Scope.\n\n"
            "  a. License grant. The Licensor grants You a worldwide license.\n\n"
            "  b. Other rights. Moral rights are not licensed.\n")
    found = parse_plaintext(text, source="LICENSE-GRAPHICS")
    assert {p.kind for p in found} == {"text"}
    assert ("Section 1 -- Definitions.\na. Adapted Material means material subject to Copyright and Similar Rights "
            "that is derived from the Licensed Material.") in [p.text for p in found]
