import json

import pytest

from chatbot import Chatbot, Settings
from chatbot.reading.corpus import Corpus
from chatbot.errors import CorpusError
from chatbot.reading.faqfile import FaqColumns, parse_csv, parse_json, parse_jsonl, parse_yaml


def test_csv_with_alternates():
    ps, problems = parse_csv('question,answer,alternates\nQ one?,A one.,Alt a|Alt b\n', source="f.csv", title="F")
    assert problems == []
    assert ps[0].text == "Q one?\nA one." and ps[0].alternates == ("Alt a", "Alt b") and ps[0].kind == "faq"


def test_csv_bad_rows_are_skipped_and_named_by_line():
    text = 'question,answer\nGood?,Yes.\nonly one column\n"Quoted, with\nnewline?",Fine.\n,No question.\n'
    ps, problems = parse_csv(text, source="f.csv", title="F")
    assert [p.question for p in ps] == ["Good?", "Quoted, with newline?"]
    assert [(p.line, "row skipped" in p.reason) for p in problems] == [(3, True), (6, True)]
    assert str(problems[0]).startswith("f.csv line 3:")


def test_csv_row_with_a_comma_left_unquoted_or_a_quote_left_open_is_reported_and_the_rest_loads():
    # In a FAQ whose header names its columns otherwise, the wider row had been taken for the header: every row
    # above it was lost without a word, and the rest read as a table.
    text = ("Ticket Subject,Resolution Notes,Product\nHow do I pair it?,Open the app and tap Add.,Pro\n"
            "Why does it beep?,The battery is low.,Pro\nCan I use it in the rain?,It is splash proof, not more.,Mini\n"
            "Does it have a clock?,Yes it shows the time.,Mini\n")
    ps, problems = parse_csv(text, source="tickets.csv", title="Tickets")
    assert [(p.kind, p.question) for p in ps] == [("faq", "How do I pair it?"), ("faq", "Why does it beep?"),
                                                  ("faq", "Does it have a clock?")]
    assert [(p.line, p.reason) for p in problems] == [(4, "expected 3 columns, found 4; row skipped")]
    # A quote left open runs on over the next rows: they are named as lost with it.
    ps, problems = parse_csv('question,answer\nIs it free?,Yes.\n"Is it open?,Yes\nIs it fast?,Yes.\n',
                             source="f.csv", title="F")
    assert [p.question for p in ps] == ["Is it free?"] and [p.line for p in problems] == [3]
    assert "not closed where its cell ends, so lines 3 to 4 were read as this row" in problems[0].reason


def test_csv_without_question_and_answer_columns_is_read_as_a_table():
    ps, problems = parse_csv("Plan,Price,Storage\nBasic,Free,5 GB\nPro,5 EUR,1 TB\n,,\nTeam,9 EUR\n",
                             source="plans.csv", title="Plans")
    assert [(p.kind, p.text) for p in ps] == [("table", "Plans\nPlan | Price | Storage\nBasic | Free | 5 GB"),
                                               ("table", "Plans\nPlan | Price | Storage\nPro | 5 EUR | 1 TB")]
    # The reader is told how it was read and how to read it as a FAQ instead; the short row is reported.
    assert "question_column" in str(problems[0]) and problems[0].line == 1
    assert [p.line for p in problems[1:]] == [5]


def test_csv_whose_header_names_its_columns_otherwise_is_read_as_a_faq_by_its_rows():
    # A help desk's export ("Solution Title", "Solution Description") or a FAQ in another language had been table
    # rows, which the confidence takes as guesses when the question names nothing of their first cell.
    text = ("Folder,Solution Title,Solution Description,Status\n"
            "Orders,Where is my order?,Track it from the link in your confirmation email.,Published\n"
            "Orders,Can I cancel an order?,Yes within one hour of ordering.,Published\n"
            "Returns,How do I send an item back?,Print the label from your account and drop the parcel off.,Draft\n")
    ps, problems = parse_csv(text, source="solutions.csv", title="Solutions")
    assert problems == [] and [(p.kind, p.question, p.answer, p.section) for p in ps] == [
        ("faq", "Where is my order?", "Track it from the link in your confirmation email.", "Orders / Published"),
        ("faq", "Can I cancel an order?", "Yes within one hour of ordering.", "Orders / Published"),
        ("faq", "How do I send an item back?", "Print the label from your account and drop the parcel off.",
         "Returns / Draft")]
    # A date column is an export's bookkeeping, not the numbers of a data table.
    ps, problems = parse_csv("Ticket Subject,Resolution Notes,Last Updated\nHow do I pair it?,Open the app and tap "
                             "Add.,2024-01-03\nWhy does it beep?,The battery is low.,3/9/2024\n", source="t.csv",
                             title="T")
    assert problems == [] and [(p.kind, p.section) for p in ps] == [("faq", ""), ("faq", "")]
    ps, problems = parse_csv("Pregunta,Respuesta\n¿Cómo cambio mi contraseña?,Ve a Ajustes y pulsa Cambiar.\n"
                             "¿Hacen envíos a Canarias?,\"Sí, en 3 a 5 días laborables.\"\n", source="faq.csv", title="F")
    assert problems == [] and [p.question for p in ps] == ["¿Cómo cambio mi contraseña?", "¿Hacen envíos a Canarias?"]


def test_json_records_whose_keys_name_the_question_and_answer_otherwise_are_read_by_their_values():
    text = json.dumps({"faq": [{"pregunta": "¿Cómo cambio mi contraseña?", "respuesta": "Ve a Ajustes y pulsa Cambiar.",
                                "categoria": "Cuenta"},
                               {"pregunta": "¿Hacen envíos a Canarias?", "respuesta": "Sí, en 3 a 5 días laborables.",
                                "categoria": "Envíos"}]}, ensure_ascii=False)
    ps, problems = parse_json(text, source="faq.json", title="F")
    assert problems == [] and [(p.question, p.answer, p.section) for p in ps] == [
        ("¿Cómo cambio mi contraseña?", "Ve a Ajustes y pulsa Cambiar.", "Cuenta"),
        ("¿Hacen envíos a Canarias?", "Sí, en 3 a 5 días laborables.", "Envíos")]
    lines = ('{"id": 1, "headline": "Where is my order?", "details": "Track it from the link in your email."}\n'
             '{"id": 2, "headline": "Can I cancel an order?", "details": "Yes, within one hour of ordering."}\n')
    ps, problems = parse_jsonl(lines, source="kb.jsonl", title="KB")
    assert problems == [] and [(p.question, p.line) for p in ps] == [("Where is my order?", 1),
                                                                      ("Can I cancel an order?", 2)]
    # Records that do not ask are still no FAQ, and the reader is told how to name their keys.
    ps, problems = parse_jsonl('{"name": "Fast search", "details": "Finds any file in a second."}\n'
                               '{"name": "Sync", "details": "Keeps two folders the same."}\n', source="f.jsonl", title="F")
    assert ps == [] and len(problems) == 2 and "corpus.toml" in str(problems[0])
    # Records with no keys at all (found by a property test: reading them by their values had failed).
    ps, problems = parse_json("[{}, {}]", source="empty.json", title="E")
    assert ps == [] and "no list of question and answer records" in str(problems[0])


def test_csv_of_questions_with_numbers_beside_them_stays_a_table():
    # A survey's results: the questions ask, but the numbers beside them are what a row says.
    text = ("Item,Agree,Disagree,Comment\nIs the product easy to use?,60,40,Most users agreed strongly\n"
            "Would you buy it again?,55,45,Some mentioned the price\n")
    ps, _ = parse_csv(text, source="survey.csv", title="Survey")
    assert [p.kind for p in ps] == ["table", "table"] and "60 | 40" in ps[0].text
    # Nor is a list of statements a FAQ, however worded its columns are.
    ps, _ = parse_csv("Feature,Details\nFast search,Finds any file in under a second.\nSync,Keeps two folders the same."
                      "\n", source="features.csv", title="Features")
    assert [p.kind for p in ps] == ["table", "table"]


def test_csv_without_a_header_or_with_named_columns_missing_is_rejected():
    ps, problems = parse_csv("150,4,setosa\n5.1,3.5,1.4\n", source="f.csv", title="F")
    assert ps == [] and "question_column" in str(problems[0]) and problems[0].line == 1
    ps, problems = parse_csv("name,value\nx,y\n", source="f.csv", title="F", columns=FaqColumns("name", "text"))
    assert ps == [] and "question_column" in str(problems[0])



def test_csv_saved_by_excel_with_semicolons_or_under_a_title():
    # Excel writes ";" between cells wherever "," is the decimal mark; the file had been one column.
    ps, problems = parse_csv('Question;Answer;Topic\nHow do I pay?;"By card; or, on request, by invoice.";Billing\n'
                             "Is there an app?;Yes, for phones.;General\n", source="f.csv", title="F")
    assert problems == [] and [(p.text, p.section) for p in ps] == [
        ("How do I pay?\nBy card; or, on request, by invoice.", "Billing"),
        ("Is there an app?\nYes, for phones.", "General")]
    # A comma file whose answers hold semicolons stays a comma file.
    ps, problems = parse_csv('question,answer\nA?,"x; y; z"\nB?,"p; q"\n', source="f.csv", title="F")
    assert problems == [] and [p.text for p in ps] == ["A?\nx; y; z", "B?\np; q"]
    ps, problems = parse_csv("Acme FAQ, May\n\nQuestion,Answer\nHow do I pay?,By card.\n", source="f.csv", title="F")
    assert problems == [] and [(p.question, p.line) for p in ps] == [("How do I pay?", 4)]
    ps, problems = parse_csv("Acme FAQ\n\n", source="f.csv", title="F")
    assert ps == [] and "no header row" in str(problems[0])


def test_html_answers_keep_their_paragraphs_and_list_items_apart():
    # get_text() had run blocks together: "link.It expires", "You can:pay by cardpay by invoice".
    ps, _ = parse_jsonl(json.dumps({"question": "How do I reset it?", "answer": (
        "<p>Use the <b>Forgot password</b> link.</p><p>It expires in an hour</p>You can:"
        "<ul><li>ask by mail</li><li>call <a href='/x'>us</a></li></ul>")}) + "\n", source="f.jsonl", title="F")
    assert ps[0].text == ("How do I reset it?\nUse the Forgot password link.\nIt expires in an hour\nYou can:\n"
                          "- ask by mail\n- call us")

def test_code_in_answers_keeps_its_lines():
    # A help desk's answers hold commands: in a fence, a <pre>, or indented after a colon. Each line of code had
    # run into the one before it ("Then run pip install foo foo --init and you are done."). A line indented
    # under prose with no blank line or colon before it is a wrapped line, as in Markdown. An HTML list's
    # steps had lost their numbers.
    records = [
        {"question": "How do I install it?", "answer": "Then run\n\n    pip install foo\n    foo --init\n\nand done."},
        {"question": "How do I test?", "answer": "Run:\n```\nnpm ci\nif [ -f x ]; then\n  npm test\nfi\n```\nto check."},
        {"question": "How do I build?", "answer": "<p>Run:</p><pre>make\nmake install</pre><ol><li>Done.</li></ol>"},
        {"question": "Is it free?", "answer": "Yes, for teams\n    of up to five people."}]
    ps, problems = parse_jsonl("\n".join(map(json.dumps, records)), source="f.jsonl", title="F")
    assert problems == [] and [p.answer for p in ps] == [
        "Then run\npip install foo\nfoo --init\nand done.",
        "Run:\nnpm ci\nif [ -f x ]; then\n  npm test\nfi\nto check.",
        "Run:\nmake\nmake install\n1. Done.",
        "Yes, for teams of up to five people."]


def test_jsonl_broken_line_is_reported_and_the_rest_loads():
    text = '{"question": "A?", "answer": "a", "alternates": ["aa"]}\n{broken\n{"question": "B?", "answer": "b"}\n[1]\n'
    ps, problems = parse_jsonl(text, source="f.jsonl", title="F")
    assert [p.question for p in ps] == ["A?", "B?"] and ps[0].alternates == ("aa",)
    assert [p.line for p in problems] == [2, 4]


def test_jsonl_wrong_types_are_reported():
    ps, problems = parse_jsonl('{"question": 3, "answer": "a"}\n{"question": "Q", "answer": "a", "alternates": 5}\n',
                               source="f.jsonl", title="F")
    assert ps == [] and len(problems) == 2


def test_one_bad_file_never_empties_the_corpus(tmp_path):
    (tmp_path / "good.jsonl").write_text('{"question": "Q?", "answer": "A."}\n', encoding="utf-8")
    (tmp_path / "bad.csv").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 menu\n\nCoffee costs two euros.\n".encode("latin-1"))
    loaded = Corpus.open(tmp_path).load()
    assert {p.source for p in loaded.passages} == {"good.jsonl", "latin.txt"}
    assert any("Café" in p.title or "Café" in p.text for p in loaded.passages)
    messages = [str(p) for p in loaded.problems]
    assert any(m.startswith("bad.csv") and "binary" in m for m in messages)
    assert any(m.startswith("latin.txt") and "UTF-8" in m for m in messages)


def test_utf16_and_bom_files_load(tmp_path):
    (tmp_path / "u16.csv").write_bytes("question,answer\nWhy?,Because.\n".encode("utf-16"))
    (tmp_path / "bom.jsonl").write_bytes(b'\xef\xbb\xbf{"question": "When?", "answer": "Now."}\n')
    loaded = Corpus.open(tmp_path).load()
    assert sorted(p.question for p in loaded.passages) == ["When?", "Why?"]
    assert loaded.problems == []



def test_two_faq_files_of_one_name_are_told_apart_by_their_path(tmp_path):
    for folder, question in (("billing", "How do I pay?"), ("shipping", "Do you ship to Canada?")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "faq.csv").write_text(f"question,answer\n{question},Yes.\n", encoding="utf-8")
    (tmp_path / "returns.csv").write_text("question,answer\nCan I return it?,Within 30 days.\n", encoding="utf-8")
    titles = {p.source: p.title for p in Corpus.open(tmp_path).load().passages}
    # Both were "Faq": an answer's source line could not say which file it came from.
    assert titles == {"billing/faq.csv": "billing/faq.csv", "shipping/faq.csv": "shipping/faq.csv",
                      "returns.csv": "Returns"}


def test_a_folder_with_no_readable_documents_is_a_clear_error(tmp_path):
    (tmp_path / "notes.csv").write_text("nothing,here\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"(?s)No passages could be read.*notes.csv line 1"):
        Corpus.open(tmp_path).load()
    with pytest.raises(CorpusError, match="does not exist"):
        Corpus.open(tmp_path / "missing")
    with pytest.raises(CorpusError, match=f"is a file.*--corpus {tmp_path}"):  # a FAQ file named as the corpus
        Corpus.open(tmp_path / "notes.csv")
    # Said before the model is loaded: its ONNX export (90 MB) had been left in the index folder.
    index = tmp_path.parent / "index"
    with pytest.raises(CorpusError, match=r"\(1 document file found\)"):
        Chatbot.load(settings=Settings(corpus=tmp_path, index_dir=index, model=str(tmp_path / "no-model")))
    assert not index.exists()


def test_html_pages_are_reduced_to_their_main_text(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Shipping help</title><script>alert(1)</script></head><body>"
        "<nav>Home | About</nav><article><h2>Delivery times</h2>"
        "<p>Parcels to Europe arrive within five working days. Express delivery takes two days.</p>"
        "</article></body></html>", encoding="utf-8")
    loaded = Corpus.open(tmp_path).load()
    texts = " ".join(p.text for p in loaded.passages)
    assert "five working days" in texts and "alert(1)" not in texts
    assert loaded.passages[0].title == "Shipping help"


def test_a_help_page_gives_faq_entries_and_table_rows_with_columns(tmp_path):
    (tmp_path / "help.html").write_text(
        "<html><head><title>Acme help</title></head><body><main><h1>Acme help</h1>"
        "<h2>Questions</h2><h3>How do I cancel my subscription?</h3>"
        "<p>Go to Billing and click Cancel. Your data stays for 30 days.</p>"
        "<h3>Which regions host my data?</h3><p>Frankfurt, Dublin and Virginia host it.</p>"
        "<h2>Plans</h2><table><tr><th>Plan</th><th>Storage</th></tr><tr><td>Starter</td><td>10 GB</td></tr>"
        "<tr><td>Team</td><td>1 TB</td></tr></table></main></body></html>", encoding="utf-8")
    passages = Corpus.open(tmp_path).load().passages
    faq = {p.question: p.text for p in passages if p.kind == "faq"}
    assert faq["How do I cancel my subscription?"].endswith("Go to Billing and click Cancel. Your data stays for 30 days.")
    assert "Which regions host my data?" in faq
    assert [p.text for p in passages if p.kind == "table"] == ["Plans\nPlan | Storage\nStarter | 10 GB",
                                                               "Plans\nPlan | Storage\nTeam | 1 TB"]


def test_json_faq_export_at_the_top_or_under_a_key():
    records = [{"id": 7, "question": "Is it free?", "answer": "Yes.", "category": "Billing"},
               {"question": "Is there an app?"}, "junk", {"question": "Can I pay later?", "answer": "Within 30 days."}]
    for data in (records, {"meta": {"version": 2}, "data": {"faqs": records}}):
        ps, problems = parse_json(json.dumps(data), source="faq.json", title="FAQ")
        assert [(p.question, p.section) for p in ps] == [("Is it free?", "Billing"), ("Can I pay later?", "")]
        assert ["record 2" in str(e) and "answer" in str(e) for e in problems] == [True, False]
        assert "record 3" in str(problems[1])
    ps, problems = parse_json('{"name": "tool", "version": "1.0"}', source="package.json", title="P")
    assert ps == [] and "no list of question and answer records" in str(problems[0])
    ps, problems = parse_json('[{"question": "A?", "answer": "a"},', source="broken.json", title="B")
    assert ps == [] and "not valid JSON" in str(problems[0])
    ps, problems = parse_json("[" * 100_000, source="deep.json", title="D")
    assert ps == [] and "nested too deeply" in str(problems[0])


def test_help_centre_and_cms_exports_are_faqs():
    # Help centres and CMSs export articles as a title and its text ("body", "content", "description"), named
    # with prefixes or suffixes of their own; they had been tables, or no records at all.
    ps, _ = parse_csv("Title,Content,Category\nHow do I pay?,By card.,Billing\n", source="kb.csv", title="KB")
    assert [(p.kind, p.text, p.section) for p in ps] == [("faq", "How do I pay?\nBy card.", "Billing")]
    ps, problems = parse_jsonl('{"post_title": "Refunds?", "post_content": "<p>Within 30 days.</p>"}\n',
                               source="wp.jsonl", title="WP")
    assert problems == [] and [(p.question, p.text) for p in ps] == [("Refunds?", "Refunds?\nWithin 30 days.")]
    ps, problems = parse_json('[{"subject": "Is there an app?", "description_text": "Yes, for phones."}]',
                              source="desk.json", title="Desk")
    assert problems == [] and [p.text for p in ps] == ["Is there an app?\nYes, for phones."]
    ps, problems = parse_csv(",\n", source="empty.csv", title="E")  # no names at all: told, not a crash
    assert ps == [] and "question_column" in str(problems[0])


def test_json_and_yaml_faqs_in_named_groups_keep_every_group():
    # Exports and static sites group their entries: every group is read, under its name.
    data = {"title": "Help", "categories": [
        {"name": "Billing", "questions": [{"question": "Can I pay by invoice?", "answer": "Yes."},
                                          {"question": "Do you refund?", "answer": "Within 30 days."}]},
        {"name": "Accounts", "questions": [{"question": "How do I reset my password?", "answer": "Use the link."}]}]}
    ps, problems = parse_json(json.dumps(data), source="faq.json", title="FAQ")
    assert problems == [] and [(p.question, p.section) for p in ps] == [
        ("Can I pay by invoice?", "Billing"), ("Do you refund?", "Billing"), ("How do I reset my password?", "Accounts")]
    text = "- title: Billing\n  items:\n    - q: Can I pay by invoice?\n      a: Yes.\n" \
           "- title: Accounts\n  items:\n    - q: How do I reset my password?\n      a: Use the link.\n"
    ps, problems = parse_yaml(text, source="faq.yml", title="FAQ")
    assert problems == [] and [(p.question, p.section) for p in ps] == [
        ("Can I pay by invoice?", "Billing"), ("How do I reset my password?", "Accounts")]


def test_yaml_faq_keeps_answers_as_written_and_survives_alias_bombs():
    text = "faq:\n  - question: Is it free?\n    answer: Yes\n    category: Billing\n" \
           "  - question: Which version?\n    answer: 1.10\n"
    ps, problems = parse_yaml(text, source="faq.yml", title="FAQ")
    assert problems == [] and [(p.question, p.text, p.section) for p in ps] == [
        ("Is it free?", "Is it free?\nYes", "Billing"), ("Which version?", "Which version?\n1.10", "")]
    # Nine levels of nine aliases: looked at once each, not 9**9 times.
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9))
    ps, problems = parse_yaml(bomb, source="bomb.yml", title="B")
    assert ps == [] and "no list of question and answer records" in str(problems[0])
    ps, problems = parse_yaml("a: [1, 2", source="bad.yml", title="B")
    assert ps == [] and "not valid YAML" in str(problems[0]) and problems[0].line == 1


def test_the_section_is_the_category_not_the_files_bookkeeping():
    # A FAQ dataset's source, maintainer and language columns had been the section of every entry
    # ("bygglov / PBL 9 kap.; Boverket / Zaragoza AB / sv"): a category column, when there is one, is the section;
    # without one, values every entry shares, addresses, emails, language codes and a copy of the question are not.
    text = ("id,category,question,answer,sources,maintainer,lang\n"
            "1,bygglov,What is a permit?,Consent to build.,PBL 9 kap.,Zaragoza AB,sv\n"
            "2,bygglov,How long does it take?,Ten weeks.,Boverket,Zaragoza AB,sv\n")
    ps, problems = parse_csv(text, source="faq.csv", title="F")
    assert problems == [] and [p.section for p in ps] == ["bygglov", "bygglov"]
    records = [{"title": question, "name": question, "body": f"<p>{answer}</p>",
                "html_url": f"https://example.zendesk.com/hc/articles/{n}", "locale": "en-us",
                "author": "help@example.com", "product": product}
               for n, (question, answer, product) in enumerate([
                   ("How do I reset my password?", "Open settings.", "VPN"),
                   ("How do I install the client?", "Download it.", "Desktop")])]
    ps, problems = parse_json(json.dumps({"articles": records}), source="articles.json", title="F")
    assert problems == [] and [(p.question, p.section) for p in ps] == [
        ("How do I reset my password?", "VPN"), ("How do I install the client?", "Desktop")]


def test_wrapped_question_and_answer_records():
    # schema.org FAQPage data saved as .json, Django fixtures, and chat models' training data (ShareGPT's
    # "conversations", OpenAI's "messages") had given no passage: their question and answer are not keys side
    # by side at one level.
    faq_page = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": "What is FXFunds?", "acceptedAnswer": {"@type": "Answer", "text": "<p>A fund.</p>"}}]}
    ps, problems = parse_json(json.dumps(faq_page), source="faq.json", title="F")
    assert problems == [] and [p.text for p in ps] == ["What is FXFunds?\nA fund."]
    fixture = [{"model": "faq.topic", "pk": 1, "fields": {"name": "Billing", "slug": "billing"}},
               {"model": "faq.question", "pk": 1, "fields": {"question": "How do I pay?", "answer": "By card.", "topic": 1}}]
    ps, problems = parse_json(json.dumps(fixture), source="faq.json", title="F")
    assert problems == [] and [p.text for p in ps] == ["How do I pay?\nBy card."]
    lines = [{"conversations": [{"from": "system", "value": "Be brief."}, {"from": "human", "value": "Can I cancel?"},
                                {"from": "gpt", "value": "Yes, any time."}]},
             {"messages": [{"role": "user", "content": "Is there a trial?"}, {"role": "assistant", "content": "30 days."}]}]
    ps, problems = parse_jsonl("\n".join(map(json.dumps, lines)), source="chat.jsonl", title="F")
    assert problems == [] and [p.text for p in ps] == ["Can I cancel?\nYes, any time.", "Is there a trial?\n30 days."]


def test_a_sheet_saved_as_tab_delimited_text_is_a_faq(tmp_path):
    # Excel's "Text (Tab delimited)" and "Unicode Text" save a sheet as .txt: it had been read as prose, every
    # row run into one paragraph.
    (tmp_path / "faq.txt").write_text('"id"\t"question"\t"answer"\n1\tHow do I pay?\tBy card.\n2\tCan I cancel?\tYes.\n',
                                      encoding="utf-16")
    passages, problems = Corpus.open(tmp_path).read(tmp_path / "faq.txt")
    assert problems == [] and [(p.kind, p.text) for p in passages] == [
        ("faq", "How do I pay?\nBy card."), ("faq", "Can I cancel?\nYes.")]
