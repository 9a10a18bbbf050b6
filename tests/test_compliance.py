"""The draft check: real checker (real MiniLM, Presidio, alt-profanity-check, VADER),
built once for the module with a fresh cache directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.compliance import CheckResult, DraftChecker
from bot.compliance.normalize import fold_obfuscation, normalize, profanity_hits, sentence_spans
from bot.errors import EmptyInput, InputTooLong, UnknownOrg, UnreadableInput

ZWSP = "\u200b"
CYRILLIC_I = "\u0456"  # looks like "i"
CYRILLIC_O = "\u043e"  # looks like "o"


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> DraftChecker:
    from knowledge.catalog import load_catalog
    from knowledge.embedding import load_embeddings

    return DraftChecker(
        load_catalog(),
        load_embeddings(),
        lambda clause: f"http://bot.test/policies/{clause.doc_id}#{clause.clause_id}",
        tmp_path_factory.mktemp("compliance-cache"),
    )


def rules_of(result: CheckResult, severities: tuple[str, ...] = ("violation", "review")) -> set[str]:
    return {f.rule for f in result.findings if f.severity in severities}


def assert_spans_exact(text: str, result: CheckResult) -> None:
    for f in result.findings:
        start, end = f.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == f.excerpt


# --- offsets survive normalisation -------------------------------------------------------


def test_normalised_views_map_back_to_the_original() -> None:
    text = f"😀{ZWSP} H{CYRILLIC_I} all, this is f*{ZWSP}ck{ZWSP}ing sh1t and a$$ and f u c k 🎉"
    base = normalize(text)
    assert f"H{CYRILLIC_I}" not in base.text and "Hi all" in base.text
    folded = fold_obfuscation(base)
    words = {w: text[s:e] for s, e, w, _ in ((*folded.to_original(s, e), w, st) for s, e, w, st in profanity_hits(folded))}
    assert words["fucking"] == f"f*{ZWSP}ck{ZWSP}ing"
    assert words["shit"] == "sh1t"
    assert words["ass"] == "a$$"
    assert words["fuck"] == "f u c k"


def test_sentence_spans_keep_addresses_whole() -> None:
    text = "Meet me at 12 King St. tonight. It's great!\nNew line here, with more words."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Meet me at 12 King St. tonight. It's great!", "New line here, with more words."]


def test_spans_point_into_the_submitted_text_despite_hidden_characters(checker: DraftChecker) -> None:
    prefix = f"😀{ZWSP}{ZWSP} H{CYRILLIC_I} everyone 🎉 — {ZWSP}questions? "
    text = prefix + "Email me at j.smith@saintjohn.ca about your permit."
    result = checker.check(text, "saint-john")
    email = [f for f in result.findings if f.rule == "sj.city-assets"]
    assert email, result
    start = text.index("j.smith@saintjohn.ca")
    assert email[0].span == (start, start + len("j.smith@saintjohn.ca"))
    assert_spans_exact(text, result)


def test_homoglyph_insult_is_read_and_spanned_on_the_original(checker: DraftChecker) -> None:
    text = f"🤡 These cl{CYRILLIC_O}wns on c{CYRILLIC_O}uncil have no clue."
    result = checker.check(text, "saint-john")
    assert result.verdict != "ok"
    assert "sj.disrespect" in rules_of(result)
    assert_spans_exact(text, result)


# --- the behaviour the policies ask for -------------------------------------------------


def test_city_email_is_a_violation_with_the_span_on_the_address(checker: DraftChecker) -> None:
    text = "For the hockey pool, contact me at m.leblanc@saintjohn.ca before Friday."
    result = checker.check(text, "saint-john")
    assert result.verdict == "violation"
    finding = next(f for f in result.findings if f.rule == "sj.city-assets")
    assert finding.severity == "violation"
    assert finding.excerpt == "m.leblanc@saintjohn.ca"
    assert text[finding.span[0]:finding.span[1]] == "m.leblanc@saintjohn.ca"
    assert "m.leblanc@saintjohn.ca" in finding.suggestion
    assert finding.citation.clause_id == "com-001.personal-use.b.vii"
    assert finding.citation.url.endswith("#com-001.personal-use.b.vii")


def test_disguised_city_email_is_caught_but_a_strong_password_boast_is_not(checker: DraftChecker) -> None:
    text = "hmu at jsmith [at] saintjohn [dot] ca for the office pool"
    result = checker.check(text, "saint-john")
    finding = next(f for f in result.findings if f.rule == "sj.city-assets")
    assert finding.excerpt == "jsmith [at] saintjohn [dot] ca"
    assert checker.check("My password is strong and two-factor is on, happy cyber security month!", "saint-john").verdict == "ok"


def test_disclaimer_absent_asks_for_one_and_present_is_ok(checker: DraftChecker) -> None:
    opinion = "I work for the City of Mission and I think the new downtown bike lanes are great."
    without = checker.check(opinion, "mission")
    assert without.verdict == "review"
    finding = next(f for f in without.findings if f.rule == "mi.self-identify")
    assert "Views are my own and do not represent the City of Mission." in finding.suggestion
    assert finding.excerpt == "I work for the City"

    with_disclaimer = checker.check(opinion + " Views are my own and do not represent the City of Mission.", "mission")
    assert with_disclaimer.verdict == "ok"
    assert "mi.self-identify" not in rules_of(with_disclaimer)


def test_saint_john_disclaimer_rule_on_city_business(checker: DraftChecker) -> None:
    result = checker.check("As a City employee, I think council's new transit routes are a mistake.", "saint-john")
    assert "sj.disclaimer" in rules_of(result)
    assert any("City of Saint John" in f.suggestion for f in result.findings if f.rule == "sj.disclaimer")


def test_masked_profanity_is_caught_for_mission(checker: DraftChecker) -> None:
    text = "What a f*ck of a Monday, honestly."
    result = checker.check(text, "mission")
    assert result.verdict == "violation"
    finding = next(f for f in result.findings if f.rule == "mi.profane")
    assert finding.excerpt == "f*ck"
    assert finding.citation.clause_id == "hum-11a.definitions.inappropriate-use.ii"


def test_council_post_ok_but_insult_is_not(checker: DraftChecker) -> None:
    fine = checker.check("long council meeting tonight, proud of our parks crew", "saint-john")
    assert fine.verdict == "ok", fine.findings
    rude = checker.check("these clowns on council", "saint-john")
    assert rude.verdict != "ok"
    assert "sj.disrespect" in rules_of(rude)
    assert all(f.suggestion for f in rude.findings)


def test_a_post_signed_as_a_department_speaks_for_the_city(checker: DraftChecker) -> None:
    signed = "Crews are out on Westmorland Rd fixing the water main, expect delays till 5 — Dana, Public Works"
    result = checker.check(signed, "saint-john")
    assert "sj.speak-for-city" in rules_of(result)
    finding = next(f for f in result.findings if f.rule == "sj.speak-for-city")
    assert "Public Works" in finding.excerpt
    as_city = checker.check("we (the City) are aware of the outage on Cedar Valley Connector, fix coming", "mission")
    assert "mi.speak-for-city" in rules_of(as_city)
    # A dash before ordinary words is not a signature.
    assert checker.check("Long walk by the river today - love our parks", "mission").verdict == "ok"


def test_offering_to_dispatch_city_staff_is_city_business(checker: DraftChecker) -> None:
    text = "Street light out on your block? comment your street + house # here and I'll get the crew out tomorrow"
    assert "sj.city-business" in rules_of(checker.check(text, "saint-john"))


def test_a_rumour_about_a_named_facility_is_a_claim_to_check(checker: DraftChecker) -> None:
    rumour = checker.check("Heard the Millbrook Memorial Arena is shutting down next spring?? can anyone confirm", "saint-john")
    assert "sj.fact-check" in rules_of(rumour)
    assert checker.check("Skating at the Millbrook Memorial Arena with the kids tonight, so fun", "saint-john").verdict == "ok"


def test_relaying_the_citys_own_post_needs_no_approval(checker: DraftChecker) -> None:
    shared = checker.check("The City just posted the new leaf pickup dates, check them out on the City's website 🍂", "mission")
    assert "mi.official-approval" not in rules_of(shared)
    early = checker.check("Uploaded the new parks brochure to my page before it goes live on the City site, enjoy", "mission")
    assert rules_of(early) & {"mi.speak-for-city", "mi.official-approval"}


def test_pointing_to_the_citys_own_channels_is_fine(checker: DraftChecker) -> None:
    for text in (
        "@sam not sure, maybe try calling 658-CITY? they sorted my recycling question fast",
        "Beach cleanup at Rockwood this Saturday! Sign-up link is on the City's Facebook page, who's in",
        "Sharing from the City: the Harbour Passage boardwalk is closed Tuesday to Thursday for repairs",
    ):
        assert checker.check(text, "saint-john").verdict == "ok", text


def test_a_published_draft_is_not_an_internal_document(checker: DraftChecker) -> None:
    published = checker.check("Reading through the City's draft budget online tonight, lots in there", "saint-john")
    assert "sj.city-assets" not in rules_of(published)
    internal = checker.check("here's a screenshot of our draft budget spreadsheet from the finance drive", "saint-john")
    assert "sj.city-assets" in rules_of(internal)


def test_more_ways_of_speaking_for_the_city_and_using_its_things(checker: DraftChecker) -> None:
    assert "sj.speak-for-city" in rules_of(checker.check("On behalf of all of us at @cityofsaintjohn, happy Canada Day!!", "saint-john"))
    assert "sj.speak-for-city" in rules_of(checker.check("Answering for the department since comms is slow: the Harbour Passage closure is not being extended", "saint-john"))
    assert "sj.city-assets" in rules_of(checker.check("Sunday cruise out to the lake in the work truck, perks of the job", "saint-john"))
    leaked = checker.check("lol the shared drive password at work is STILL 'Summer2023' it's 2024 people", "saint-john")
    assert any(f.rule == "sj.city-assets" and "Summer2023" in f.excerpt for f in leaked.findings)


def test_a_short_fragment_is_read_with_its_draft(checker: DraftChecker) -> None:
    # Alone, "12/10 would go back tomorrow" sits near nothing the rules know; the classifier
    # used to score such fragments as harassment.
    text = "Lunch at the Saturday market was amazing. 12/10 would go back tomorrow 🍜"
    assert checker.check(text, "saint-john").verdict == "ok"


def test_a_plain_question_claims_nothing(checker: DraftChecker) -> None:
    asked = checker.check("Does anyone know if the spray park at Heritage Park is open yet? couldn't find it anywhere", "mission")
    assert asked.verdict == "ok"
    # A question that carries a rumour still needs checking.
    rumour = checker.check("Is it true council is shutting the Millbrook Memorial Arena next spring?", "saint-john")
    assert "sj.fact-check" in rules_of(rumour)


def test_the_disclaimer_is_asked_for_only_with_an_opinion_or_city_business(checker: DraftChecker) -> None:
    anniversary = "Three years with the City today! Grateful for the people I work with 💙"
    assert "sj.disclaimer" not in rules_of(checker.check(anniversary, "saint-john"))
    # Mission's 3.iv.d is about opinions and content: a thank-you publishes none to disclaim.
    assert "mi.self-identify" not in rules_of(checker.check(anniversary, "mission"))
    assert "mi.self-identify" in rules_of(checker.check("Three years with the City of Mission today, and the new OCP is a big mistake", "mission"))
    opinion = "Proud to be part of the City of Saint John team, and the new transit routes are the best thing council has done"
    assert "sj.disclaimer" in rules_of(checker.check(opinion, "saint-john"))


def test_altering_a_persons_picture_is_cyber_bullying(checker: DraftChecker) -> None:
    edited = checker.check("photoshopped the new deputy's headshot for the office group chat 🤡 huge upgrade", "saint-john")
    assert "sj.cyberbullying" in rules_of(edited)
    own = checker.check("Edited my vacation photos last night, the sunsets came out great", "saint-john")
    assert own.verdict == "ok"


def test_reusing_a_work_password_is_using_a_city_password(checker: DraftChecker) -> None:
    text = "set my tiktok password to the same as my work login so I stop forgetting it lol"
    assert any(f.rule == "sj.city-assets" and "same as my work" in f.excerpt for f in checker.check(text, "saint-john").findings)


def test_more_mission_cases(checker: DraftChecker) -> None:
    assert "mi.profane" in rules_of(checker.check("my review of the new parking rates: 🖕", "mission"))
    # Selling one's own things and "just vote" advertise for no business or party.
    for text in (
        "Selling my kid's old hockey skates, size 4, $25 OBO, porch pickup",
        "Advance polls open this weekend. Whoever you're supporting, make sure you vote!",
    ):
        assert checker.check(text, "mission").verdict == "ok", text
    relayed = checker.check("Sharing from the City's page: the Leisure Centre pool reopens Sept 5 after maintenance 🏊", "mission")
    assert "mi.false" not in rules_of(relayed)


def test_the_classifier_catches_self_identification_the_patterns_miss(checker: DraftChecker) -> None:
    # No self-identification pattern knows "on the Saint John Transit payroll"; the
    # classifier's finding must stand when the draft speaks in the first person.
    text = "Been on the Saint John Transit payroll a while now, and I think the new route map is a big improvement"
    assert "sj.disclaimer" in rules_of(checker.check(text, "saint-john"))


def test_replies_that_defend_the_city_against_a_lower_case_city(checker: DraftChecker) -> None:
    for text in (
        "@DaveR the city didn't spend a cent on that fountain, the province paid for all of it. look it up",
        "@Lynn_K not the city's fault the rink is closed, the compressor died. do some research before you rant",
    ):
        assert "sj.respond-negative" in rules_of(checker.check(text, "saint-john")), text
    # "the city" as a place is not the City.
    assert checker.check("Love the city lights from the harbour bridge at night ✨", "saint-john").verdict == "ok"


def test_taking_requests_around_the_official_channel_is_city_business(checker: DraftChecker) -> None:
    for text in (
        "Got a pothole on your street? skip the 311 line, DM me your address and I'll put it in the system tonight",
        "Swim lessons are almost full! message me your kid's name and I'll put them on the list, way faster than the website",
    ):
        assert "sj.city-business" in rules_of(checker.check(text, "saint-john")), text


def test_veiled_threats_and_insults_at_a_person(checker: DraftChecker) -> None:
    threat = checker.check("To whoever keeps dumping trash behind the rink: we know who you are. Keep it up and see what happens.", "saint-john")
    assert "sj.criminal" in rules_of(threat)
    insult = checker.check("To the genius who blocked the fire lane at the arena all night: you absolute moron.", "mission")
    assert "mi.abusive" in rules_of(insult)


def test_excluding_people_with_disabilities_breaches_human_rights(checker: DraftChecker) -> None:
    text = "honestly we shouldn't have to take kids with special needs in the regular day camp, it holds everyone back"
    assert "mi.human-rights" in rules_of(checker.check(text, "mission"))


def test_crisis_posts_from_the_official_profile_are_the_designated_channel(checker: DraftChecker) -> None:
    alert = "EVACUATION ORDER for properties along Dewdney Trunk Rd east of Hayward. Details: mission.ca/emergency"
    assert "mi.crisis" not in rules_of(checker.check(alert, "mission", official=True))
    assert "mi.crisis" in rules_of(checker.check("Evacuation order just went out for Dewdney Trunk Rd, my whole street is packing up, stay safe everyone", "mission"))


def test_quoted_lines_are_someone_elses_words(checker: DraftChecker) -> None:
    # Answering a quoted complaint about the City is replying to a negative remark…
    reply = "> the city can't even keep the rink open, what a joke\nthe compressor failed Tuesday, parts arrive Friday. chill"
    result = checker.check(reply, "saint-john")
    assert "sj.respond-negative" in rules_of(result)
    # …but the complaint itself is not the author's disrespect.
    assert not any(f.rule == "sj.disrespect" and f.span[0] == 0 for f in result.findings)
    # Quoting a neutral question and pointing to the City's own notice is what staff should do.
    pointer = "> is the water ok to drink during the boil order?\nI'd only go by the official notice on the City's site for that"
    assert checker.check(pointer, "saint-john").verdict == "ok"


def test_city_handles_are_the_city() -> None:
    from bot.compliance.detectors import _city_handle_tags

    assert "city:saint-john" in _city_handle_tags("@CityofSJ")
    assert "city:mission" in _city_handle_tags("@City_of_Mission")
    assert not _city_handle_tags("@mission_bakery") and not _city_handle_tags("@Megan_SJ")


def test_slurs_are_hateful_on_their_own(checker: DraftChecker) -> None:
    assert "sj.hateful" in rules_of(checker.check("cancel adaptive skate, nobody wants to watch the r*tards fall over", "saint-john"))
    # In the Fraser Valley a dyke is a levee.
    assert checker.check("Evening run on the dyke trail, the river is so high this spring 🌊", "mission").verdict == "ok"


def test_a_login_on_a_sticky_note_is_a_city_password_on_show(checker: DraftChecker) -> None:
    text = "new desk setup at work 🌿 (yes the GIS login is on the sticky note, don't judge)"
    assert "sj.city-assets" in rules_of(checker.check(text, "saint-john"))


def test_the_classifier_alone_does_not_judge_sentences_far_from_its_examples(checker: DraftChecker) -> None:
    from bot.compliance.classifier import SUPPORT_CAP, SUPPORT_FLOOR

    clf = checker.classifier
    vectors = clf.embed(["Whoever wins the federal election I just hope they sort out dental coverage lol"])
    support, raw, capped = clf.support(vectors)[0], clf.probabilities(vectors)[0], clf.scores(vectors)[0]
    far = support < SUPPORT_FLOOR
    assert far.any()
    assert (capped[far] <= SUPPORT_CAP).all()
    assert (capped[~far] == raw[~far]).all()


def test_more_everyday_phrasings(checker: DraftChecker) -> None:
    disclaimed = "City of Mission employee here (opinions are 100% my own): the new library hours are a great call"
    assert "mi.self-identify" not in rules_of(checker.check(disclaimed, "mission"))
    booking = "Need a Saturday ice slot? message me and I'll pencil you in, I'll sort the paperwork Monday"
    assert "sj.city-business" in rules_of(checker.check(booking, "saint-john"))
    poison = "If that cat digs up my garden one more time I'm putting out antifreeze"
    assert "mi.abusive" in rules_of(checker.check(poison, "mission"))


def test_just_me_talking_is_a_disclaimer(checker: DraftChecker) -> None:
    text = "I work for the City but this is just me talking, not them: the new Uptown murals make my commute better"
    assert "sj.disclaimer" not in rules_of(checker.check(text, "saint-john"))


def test_sarcasm_about_the_city_and_defending_its_staff(checker: DraftChecker) -> None:
    sarcastic = checker.check("Whoever at the City planned the bus detours during the marathon: galaxy brain move 👏", "saint-john")
    assert "sj.disrespect" in rules_of(sarcastic)
    defending = checker.check("@tom_sj the city crews have been out on those water mains day and night, they're doing their best", "saint-john")
    assert "sj.respond-negative" in rules_of(defending)
    assert checker.check("The city crews fixed our street light in a day, thank you!", "saint-john").verdict == "ok"
    unnamed = checker.check("pretty sure whoever designed the new Hatzic roundabout has never actually driven a car 🤡", "mission")
    assert "mi.reputation" in rules_of(unnamed)
    assert "mi.reputation" not in rules_of(checker.check("whoever designed the new library reading room did a lovely job", "mission"))


def test_reputation_needs_something_of_the_city(checker: DraftChecker) -> None:
    assert "mi.reputation" not in rules_of(checker.check("The Canucks defence is a total embarrassment this year, somebody fix it", "mission"))
    assert "mi.reputation" in rules_of(checker.check("Mission council is a total embarrassment, what a joke of a city hall", "mission"))


def test_sin_and_phone_are_detected(checker: DraftChecker) -> None:
    text = "The applicant's SIN is 130 692 544 and she complained again, her number is 604-555-0199."
    result = checker.check(text, "mission")
    assert result.verdict == "violation"
    excerpts = {f.excerpt for f in result.findings if f.rule == "mi.confidential"}
    assert "130 692 544" in excerpts
    assert "604-555-0199" in excerpts
    assert_spans_exact(text, result)


def test_official_only_rules_need_official_true(checker: DraftChecker) -> None:
    text = "Team: the password for the City's Instagram is Harbour2022!"
    personal = checker.check(text, "saint-john", official=False)
    official = checker.check(text, "saint-john", official=True)
    assert "sj.official-credentials" not in rules_of(personal)
    assert "sj.city-assets" in rules_of(personal)
    assert "sj.official-credentials" in rules_of(official)
    assert official.verdict == "violation"

    birthday = "Happy birthday to my little sister, love you lots!"
    assert checker.check(birthday, "mission", official=False).verdict == "ok"
    on_official = checker.check(birthday, "mission", official=True)
    assert "mi.off-topic" in rules_of(on_official)


def test_other_language_is_sent_for_review_with_a_notice(checker: DraftChecker) -> None:
    text = "Bonjour à tous! La réunion du conseil de ville était très longue ce soir, mais je suis fier de notre équipe."
    result = checker.check(text, "saint-john")
    assert result.verdict == "review"
    assert any("French" in n for n in result.notices)
    punjabi = checker.check("ਸਿਟੀ ਕੌਂਸਲ ਦੀ ਮੀਟਿੰਗ ਅੱਜ ਰਾਤ ਹੈ, ਸਾਰੇ ਆਓ", "mission")
    assert punjabi.verdict == "review" and punjabi.notices


def test_other_language_still_catches_identifiers(checker: DraftChecker) -> None:
    text = "Écrivez-moi à j.tremblay@saintjohn.ca pour les détails de la réunion du conseil."
    result = checker.check(text, "saint-john")
    assert result.verdict == "violation"
    assert result.notices


def test_org_none_checks_both_policies(checker: DraftChecker) -> None:
    text = "Reach me at j.smith@saintjohn.ca. What a sh1tty week."
    result = checker.check(text, None)
    assert result.org is None
    rules = rules_of(result)
    assert "sj.city-assets" in rules and "mi.profane" in rules
    assert result.verdict == "violation"
    assert any("both" in n.lower() or " and " in n for n in result.notices)
    only_mission = checker.check(text, "mission")
    assert not any(r.startswith("sj.") for r in rules_of(only_mission))


def test_result_json_matches_the_contract(checker: DraftChecker) -> None:
    out = checker.check("these clowns on council", "saint-john").to_dict()
    assert set(out) == {"org", "verdict", "findings"}
    f = out["findings"][0]
    assert set(f) == {"rule", "severity", "span", "excerpt", "message", "suggestion", "citation"}
    assert isinstance(f["span"], list) and len(f["span"]) == 2
    assert set(f["citation"]) == {"doc_id", "clause_id", "label", "text", "url"}


def test_info_findings_do_not_change_the_verdict(checker: DraftChecker) -> None:
    result = checker.check("I work for the City and love the new park. Views are my own and do not represent the City of Mission.", "mission")
    assert result.verdict == "ok"
    assert any(f.severity == "info" for f in result.findings)


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t ", ZWSP * 3])
def test_empty_input(checker: DraftChecker, text: str) -> None:
    with pytest.raises(EmptyInput):
        checker.check(text, "mission")


def test_over_limit_input_names_the_limit(checker: DraftChecker) -> None:
    checker.check("a" * 10_000, "mission")  # at the limit is fine
    with pytest.raises(InputTooLong, match="10,000"):
        checker.check("a" * 10_001, "mission")


@pytest.mark.parametrize("data", [b"\xff\xfe\x00\x01binary", b"plain text with a NUL\x00 byte", "text with NUL\x00"])
def test_binary_input(checker: DraftChecker, data: object) -> None:
    with pytest.raises(UnreadableInput):
        checker.check(data, "mission")


def test_utf8_bytes_are_accepted(checker: DraftChecker) -> None:
    assert checker.check("Café crew did great today!".encode("utf-8"), "mission").verdict == "ok"


def test_unknown_org(checker: DraftChecker) -> None:
    with pytest.raises(UnknownOrg):
        checker.check("hello there", "gotham")


# --- cache and evaluation ------------------------------------------------------------------


def test_classifier_cache_is_reused_and_deterministic(checker: DraftChecker) -> None:
    from bot.compliance.classifier import RuleClassifier

    assert list(Path(checker.cache_dir).glob("rule-classifier-*.npz"))
    again = RuleClassifier(checker.classifier.embeddings, checker.cache_dir, known_rules=list(checker.specs))
    assert again.from_cache
    assert (again.weights == checker.classifier.weights).all()


def test_labelled_posts_never_include_held_out_drafts() -> None:
    import json

    from bot.compliance.classifier import POSTS_PATH
    from evals.drafts_eval import load_drafts

    held_out = {r["text"] for r in load_drafts(splits=["heldout"])}
    posts = [json.loads(line) for line in POSTS_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(posts) > 500
    assert not [p["id"] for p in posts if p["text"] in held_out]


def test_a_malformed_posts_file_is_named_in_the_error(tmp_path: Path) -> None:
    from bot.compliance.classifier import EXAMPLES_PATH, ExamplesError, RuleExamples

    bad = tmp_path / "rule_posts.jsonl"
    bad.write_text('{"text": "fine", "rules": []}\n{"text": "no rules key"}\n', encoding="utf-8")
    with pytest.raises(ExamplesError, match="rule_posts.jsonl line 2"):
        RuleExamples.load(EXAMPLES_PATH, posts_path=bad)
    bad.write_text('{"text": "x", "rules": ["sj.nonsense"]}\n', encoding="utf-8")
    with pytest.raises(ExamplesError, match="unknown rules"):
        RuleExamples.load(EXAMPLES_PATH, posts_path=bad)


def test_evaluate_drafts_reports_figures_and_baseline(checker: DraftChecker) -> None:
    from evals.drafts_eval import evaluate_drafts, format_drafts_table

    drafts = [
        {"id": "t1", "org": "mission", "text": "What a f*cking mess.", "official": False, "rules": ["mi.profane"], "verdict": "violation", "kind": "bad", "split": "train"},
        {"id": "t2", "org": "saint-john", "text": "Lovely walk by the harbour tonight.", "official": False, "rules": [], "verdict": "ok", "kind": "ordinary", "split": "train"},
        {"id": "t3", "org": "saint-john", "text": "Email me at a.b@saintjohn.ca", "official": False, "rules": ["sj.city-assets"], "verdict": "violation", "kind": "bad", "split": "heldout"},
    ]
    results = evaluate_drafts(checker, drafts)
    overall = results["system"]["overall"]
    assert overall["recall"] == 1.0 and overall["fpr"] == 0.0 and overall["right_clause"] == 1.0
    assert set(results["system"]["splits"]) == {"train", "heldout"}
    assert overall["per_rule"]["mi.profane"]["precision"] == 1.0
    assert results["baseline"]["overall"]["right_clause"] in (0.0, None)
    table = format_drafts_table(results)
    assert "profanity-check alone" in table and "mi.profane" in table


def test_everyday_posts_near_no_violation_are_not_flagged_by_the_classifier_alone(checker: DraftChecker) -> None:
    # These sit among ordinary posts in embedding space; before the clean-margin guard the
    # classifier scored them 0.7-0.8 for illegal content or information from work.
    for text in (
        "Took this one myself at Hayward Lake this morning 📸 feel free to share, just tag me",
        "Minor hockey registration done for the year ✅ my wallet is crying 🏒",
    ):
        assert checker.check(text, "mission").verdict == "ok", text
    # The guard leaves a real one alone.
    assert checker.check("Selling weed gummies out of my trunk behind the arena, cash only 🍬", "mission").verdict != "ok"


def test_hyperbole_art_and_well_wishes_are_not_violations(checker: DraftChecker) -> None:
    assert checker.check("im going to strangle this printer. THIRD jam today 🖨️😤", "saint-john").verdict == "ok"
    assert "sj.criminal" in rules_of(checker.check("I'm going to strangle that clerk at the permit counter if she loses my file again", "saint-john"))
    assert checker.check("Vancouver Art Gallery trip with my sister 🗿 the nude figure studies in the sculpture room were stunning", "mission").verdict == "ok"
    assert checker.check("By-election signs are up everywhere 🪧 whoever wins, good luck to them, it's a tough job", "mission").verdict == "ok"


def test_saying_where_you_work_and_what_you_think(checker: DraftChecker) -> None:
    # A work anniversary that names the crew is not comment on City business (Saint John).
    anniversary = "25 years with the City of Saint John today 🎉 Started as a summer student on the paving crew and never thought I'd still be here."
    assert checker.check(anniversary, "saint-john").verdict == "ok"
    # A department by its public name is the employer; an opinion about its direction needs the disclaimer.
    assert "sj.disclaimer" in rules_of(checker.check("20 years with Saint John Fire and I love the direction the department's going with recruitment", "saint-john"))
    # "opinions here are mine" is a disclaimer.
    disclaimed = checker.check("(opinions here are mine, not my employer's — yes I'm with the City of Mission) the new Heritage Park playground is awesome", "mission")
    assert "mi.self-identify" not in rules_of(disclaimed)
    # A first-person opinion with no employer in it identifies no one.
    assert checker.check("Not convinced the province's new short-term rental rules will actually help renters, but I hope I'm wrong 🤷", "mission").verdict == "ok"


def test_service_names_are_not_negative_words(checker: DraftChecker) -> None:
    notice = "Leaf & yard waste pickup starts the week of Oct 14, per the City's site — double check your area: saintjohn.ca/waste 🍂"
    assert checker.check(notice, "saint-john").verdict == "ok"
    assert "sj.disrespect" in rules_of(checker.check("SJ Water can't fix a leak on my street in TWO WEEKS. Useless. #sjnb", "saint-john"))


def test_compliance_sources_hold_no_control_characters() -> None:
    # A "\b" typed into a plain (not raw) string becomes a backspace and silently breaks a
    # pattern; this happened twice.
    for path in (Path(__file__).resolve().parents[1] / "bot" / "compliance").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in text), path.name


def test_relaying_the_citys_release_and_literal_emoji_are_fine(checker: DraftChecker) -> None:
    relay = "Per the City's news release, council approved the Uptown patio program for another summer ☀️ details: saintjohn.ca/patios"
    assert "sj.speak-for-city" not in rules_of(checker.check(relay, "saint-john"))
    assert checker.check("Took the pup to Hayward Lake for a swim, he refused to get out 🐕💦", "mission").verdict == "ok"
    assert checker.check("Biked the dike trail out to Silverdale and back this morning 🚴 headwind both ways somehow", "mission").verdict == "ok"


def test_defending_staff_and_side_door_sign_ups(checker: DraftChecker) -> None:
    defended = "@sjnb_taxpayer the firefighters you're slamming in this thread pulled two kids out of a house on Tuesday. Think about that before you call them lazy."
    assert "sj.respond-negative" in rules_of(checker.check(defended, "saint-john"))
    side_door = "summer playground program at Tucker Park says 'full' online but comment ur kid's name + age and i'll slide them onto my list 😉☀️"
    assert "sj.city-business" in rules_of(checker.check(side_door, "saint-john"))
    opinion = "Been with the City of Mission 9 years. The province needs to bring back the old daycare subsidy, families here are drowning."
    assert "mi.self-identify" in rules_of(checker.check(opinion, "mission"))


def test_getting_ahead_of_communications_and_selling_sessions(checker: DraftChecker) -> None:
    for text in (
        "posting this before comms wakes up 🙈 Heritage Park lot is closed all day Saturday for the car show!",
        "Rec dept posting here (no sign-off yet but it needs to go up): drop-in pickleball is moving to the Sports Park courts starting Monday 🏓",
    ):
        assert "mi.official-approval" in rules_of(checker.check(text, "mission")), text
    sessions = "Booking family photo sessions for the fall 📸🍂 $150 for 45 min at Heritage Park, message me to grab a spot before they're gone!"
    assert "mi.advertising" in rules_of(checker.check(sessions, "mission"))
    assert checker.check("killer leg day at the Leisure Centre this morning 💪 I'm dead. send help", "mission").verdict == "ok"


def test_mocking_a_new_colleague_and_the_city_in_committee(checker: DraftChecker) -> None:
    mocking = "Day 5 of posting the dumbest thing our new dispatcher said this week: 'wait, the buses have numbers?' 🤡🤡 the man makes it too easy."
    assert "sj.cyberbullying" in rules_of(checker.check(mocking, "saint-john"))
    assert "mi.reputation" in rules_of(checker.check("City of Mission: where good ideas go to die in committee ⚰️ #missionbc", "mission"))
    bypass = "Scheduled this one for the City's Instagram myself since the Comms manager is on holidays 🌸 spring planting workshop Saturday"
    assert "mi.official-approval" in rules_of(checker.check(bypass, "mission"))


def test_an_opinion_after_saying_where_you_work_needs_the_disclaimer(checker: DraftChecker) -> None:
    for text in (
        "City of Mission employee here and if you ask me the new skate park is a huge upgrade 🛹",
        "Been with the City 8 yrs and I'll say it: Mission should just ban leaf blowers",
        "Bus driver here 🚌 the new Route 4 schedule makes total sense, give it a chance",
    ):
        org = "saint-john" if "Route 4" in text else "mission"
        rule = "sj.disclaimer" if org == "saint-john" else "mi.self-identify"
        assert rule in rules_of(checker.check(text, org)), text
    retiring = "After 31 years with the City of Mission I'm retired as of today 🎉 thank you to my coworkers, it was a blast"
    assert "mi.self-identify" not in rules_of(checker.check(retiring, "mission"))
    disclaimed = "I work for the City but this is just me, not the City: the new splash pad is great 💦"
    assert "mi.self-identify" not in rules_of(checker.check(disclaimed, "mission"))


def test_an_official_post_that_names_nothing_of_the_city_is_off_topic(checker: DraftChecker) -> None:
    chit_chat = "Who else stayed up for the game last night?? 🏒 what a finish"
    assert "mi.off-topic" in rules_of(checker.check(chit_chat, "mission", official=True))
    assert "sj.official-consistency" in rules_of(checker.check(chit_chat, "saint-john", official=True))
    notice = "Icy mornings this week ❄️ please drive safe and give yourself extra time. #SaintJohn"
    assert checker.check(notice, "saint-john", official=True).verdict == "ok"


def test_skipping_the_approval_in_other_words(checker: DraftChecker) -> None:
    for text in (
        "Putting the new pool hours up on the Leisure Centre page myself, the comms version is stuck in approvals 🏊",
        "Made a reel for the City page about the dog licence deadline, didn't wait for comms 🐶",
        "Posting the summer camp dates now, will tell Communications after ☀️ Leisure Centre camps start July 2",
    ):
        assert "mi.official-approval" in rules_of(checker.check(text, "mission")), text
    assert "mi.official-approval" not in rules_of(checker.check("Posting as myself, not the City: the new trail signs look sharp 🥾", "mission"))


def test_offers_beside_a_city_place_are_city_business_but_not_on_their_own(checker: DraftChecker) -> None:
    tender = "Contractors: quotes wanted for the Rockwood Park pavilion repairs, DM me your rates and I'll pass them along 🔨"
    assert "sj.city-business" in rules_of(checker.check(tender, "saint-john"))
    route = "blue bin got missed? comment ur address and I'll add it to tomorrow's route ♻️"
    assert "sj.city-business" in rules_of(checker.check(route, "saint-john"))
    deck = "Need my deck stained before winter, DM me your rates if you do that kind of work 🪵"
    assert checker.check(deck, "saint-john").verdict == "ok"


def test_credentials_given_as_a_pair_or_a_change(checker: DraftChecker) -> None:
    pair = "Rec crew: the equipment booking login is parksgear / Summer24, grab the nets before Friday"
    assert "sj.city-assets" in rules_of(checker.check(pair, "saint-john"))
    changed = "@Amy in Parks - the Hootsuite pw changed to Rockwood!Lake7, use it for tonight's posts"
    assert "sj.official-credentials" in rules_of(checker.check(changed, "saint-john", official=True))


def test_turning_people_away_and_shaming_them_on_show(checker: DraftChecker) -> None:
    for text in (
        "Basement suite for rent near the Junction 🏡 couples only, no single dads, nobody on disability",
        "Picking my rec hockey team this year: not taking girls or any kids with special needs, we play to win",
    ):
        assert "mi.human-rights" in rules_of(checker.check(text, "mission")), text
    pay_up = "@jordan_t still owe me $80 🙄 posting this pic of you asleep at the bar every day till you pay"
    assert "sj.cyberbullying" in rules_of(checker.check(pay_up, "saint-john"))
    spouse = "my wife looks way too good in her new dress tonight 😍🔥 date night!"
    assert "sj.sexual-harassment" not in rules_of(checker.check(spouse, "saint-john"))


def test_dated_service_changes_and_idioms(checker: DraftChecker) -> None:
    leaves = "heads up North End, leaf pickup is Oct 20 this year not the 27th, get your bags out 🍂"
    assert "sj.fact-check" in rules_of(checker.check(leaves, "saint-john"))
    for text in (
        "Chowder at the City Market, I would kill for another bowl 🥣",
        "Spent two hours on the climbing wall at the Leisure Centre, my forearms are dead 💀",
    ):
        assert checker.check(text, "saint-john").verdict == "ok", text


def test_findings_a_pattern_raised_come_before_the_classifiers_guesses(checker: DraftChecker) -> None:
    result = checker.check("these clowns on council should all be fired", "saint-john")
    assert result.verdict == "violation"
    assert result.findings[0].rule == "sj.disrespect"
    assert result.findings[0].citation.clause_id == "com-001.personal-use.b.ii"
