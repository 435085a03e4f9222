from chatbot.search.analyzer import Analyzer, name_spans

CORPUS_WORDS = {"salary": 5, "engineer": 9, "engine": 1, "video": 7, "side": 1, "signing": 2, "replacing": 1,
                "visualization": 1, "among": 1, "learning": 4, "machine": 4}


def test_terms_drop_question_words_and_stem():
    assert Analyzer(CORPUS_WORDS).terms("How much do the engineers earn?") == ["engin", "earn"]


def test_an_ify_verb_and_its_ification_noun_share_a_stem():
    # Snowball stems "certified" to certifi and "certifications" to certif.
    analyzer = Analyzer(CORPUS_WORDS)
    assert analyzer.terms("Can I get certified?") == analyzer.terms("certifications") == ["certif"]
    assert analyzer.terms("verify the verification") == ["verif", "verif"]
    assert Analyzer.stem("notified") == Analyzer.stem("notification")


def test_a_name_and_its_number_match_however_they_are_joined():
    analyzer = Analyzer(CORPUS_WORDS)
    expected = ["covid", "19"]
    assert analyzer.terms("COVID-19") == analyzer.terms("covid19") == analyzer.terms("Covid 19") == expected
    assert analyzer.terms("python3") == ["python", "3"]
    # Only a name running into its number is split: "1st" and "3.5" stay whole.
    assert analyzer.terms("1st 3.5") == ["1st", "3.5"]


def test_code_names_match_by_their_parts():
    analyzer = Analyzer(CORPUS_WORDS)
    # A question names "cpus" for `os.cpus()` and "Node" for Node.js; a number's dot stays.
    assert analyzer.terms("`os.cpus().length`") == ["os", "cpus", "length"]
    assert analyzer.terms("Node.js 3.5") == ["node", "js", "3.5"]


def test_a_command_line_option_is_a_term_of_its_own():
    analyzer = Analyzer(CORPUS_WORDS)
    # "s" is a stopword and "small" a common word: "-s" and "--small" name the option.
    assert analyzer.terms("What does bzip2 -s do?") == ["bzip", "2", "-s"]
    assert analyzer.terms("-s --small") == ["small", "-s", "--small"]
    assert analyzer.terms("ls -S") == ["ls", "-S"]  # not -s: an option's case is part of its name
    # A hyphen inside a word, or a dash between words, is no option.
    assert analyzer.terms("a well-known e-mail - or -- not") == ["well", "known", "e", "mail"]


def test_a_version_after_its_name_is_a_term_of_its_own():
    analyzer = Analyzer(CORPUS_WORDS)
    # "http" and "2" are both in a passage on httplib2, and "3" in "Python 3": "HTTP/2" names the protocol.
    assert analyzer.terms("Does it support HTTP/2 and TLS/1.3?") == ["support", "http", "2", "tls", "1.3", "http/2",
                                                                    "tls/1.3"]
    assert analyzer.terms("24/7 and/or") == ["24", "7"]  # numbers over numbers, words over words: no version


def test_corrects_a_slip_to_the_corpus_word():
    analyzer = Analyzer(CORPUS_WORDS)
    assert analyzer.correct("salry enginer") == "salary engineer"
    assert analyzer.correct("machin lerning") == "machine learning"


def test_two_slips_only_in_long_words():
    analyzer = Analyzer(CORPUS_WORDS)
    assert analyzer.correct("data visualisaton") == "data visualization"
    assert analyzer.correct("sxlrx") == "sxlrx"  # two slips in a short word: too far to guess


def test_ties_go_to_the_word_the_corpus_uses_most():
    assert Analyzer(CORPUS_WORDS).correct("vide") == "video"
    assert Analyzer({**CORPUS_WORDS, "salty": 50}).correct("salry") == "salty"


def test_real_words_are_not_corrected_into_other_words():
    analyzer = Analyzer(CORPUS_WORDS)
    # Rarer English words near a corpus word are left alone: they mean something else.
    assert analyzer.correct("Singling out replicating") == "Singling out replicating"
    # Common English words and words the corpus has are never touched.
    assert analyzer.correct("the engine side") == "the engine side"


def test_a_word_that_differs_in_its_first_letter_is_another_word():
    analyzer = Analyzer({**CORPUS_WORDS, "paused": 3, "valgrind": 6, "operating": 4})
    # A slip rarely hits the first letter: these are other words (the negation, another tool), not typos.
    assert analyzer.correct("unpaused helgrind iterating") == "unpaused helgrind iterating"
    assert analyzer.correct("valgirnd") == "valgrind"


def test_letters_that_run_into_digits_are_a_name_not_a_typo():
    analyzer = Analyzer({**CORPUS_WORDS, "zip": 5, "pcre": 3})
    assert analyzer.correct("is bzip2 like PCRE2 or lz4") == "is bzip2 like PCRE2 or lz4"
    assert analyzer.correct("bzip2 salry") == "bzip2 salary"


def test_a_name_is_corrected_only_into_a_name_of_the_corpus():
    analyzer = Analyzer({**CORPUS_WORDS, "most": 9, "standard": 3, "francisco": 2, "san": 2},
                        names={"francisco", "san"})
    # A name the documents lack is the evidence of a near miss; it must not turn into a corpus word.
    assert analyzer.correct("Do engineers use Mosh or Zstandard?") == "Do engineers use Mosh or Zstandard?"
    assert analyzer.correct("is the SALRY in PuTTYs good") == "is the SALRY in PuTTYs good"
    # Not even where a document writes "Most" with a capital inside a sentence: no stopword is a name.
    assert Analyzer({**CORPUS_WORDS, "most": 9}, names={"most"}).correct("Does PuTTY support Mosh?") == \
        "Does PuTTY support Mosh?"
    # A misspelt name of the corpus is still fixed, in its capitals.
    assert analyzer.correct("salaries in San Fransisco") == "salaries in San Francisco"
    # A capital that only begins a sentence, or a message all in capitals, is no name.
    assert analyzer.correct("Salry? Enginer salry.") == "Salary? Engineer salary."
    assert analyzer.correct("WHAT IS THE SALRY") == "WHAT IS THE SALARY"


def test_names_are_capitalised_words_inside_a_sentence_or_words_with_inner_capitals():
    text = "Does PuTTY support Mosh? Yes. It runs on iPhone and in San Francisco (Microsoft)."
    assert sorted(name_spans(text).values()) == ["Francisco", "Mosh", "PuTTY", "San", "iPhone"]
    assert name_spans("WHAT IS THE SALARY IN SAN FRANCISCO") == {}


def test_chinese_and_japanese_are_read_as_pairs_of_characters():
    # Written without spaces, a question had been one word that no document uses: "运费多少" shared nothing with
    # "运费是多少", and was declined at answerability 0.
    a = Analyzer({})
    assert a.terms("运费是多少？") == ["运费", "费是", "是多", "多少"]
    assert set(a.terms("运费多少")) & set(a.terms("运费是多少？")) == {"运费", "多少"}
    assert a.terms("iPhone手机") == ["iphon", "手机"] and a.terms("東京の天気") == ["東京", "京の", "の天", "天気"]
    assert a.terms("Is shipping free?") == ["ship", "free"]
