"""Events stage: find triggers in the dependency parse and code PLOVER/CAMEO events.

Triggers come from the lexicon (:mod:`tidings.lexicon`).
Arguments come from the parse: the subject (or the passive agent) is the actor,
the object or a prepositional object ("with", "on", "against", "to" …) the
recipient, and conjuncts make compound actors. When one trigger governs another
("agreed to meet", "threatened to strike", "urged X to withdraw") the governing
one is coded and the inner one is not, so one action yields one event.
When the parse names no one where these rules look (a misparse, a long sentence), the named party
nearest to the trigger in the parse is taken: for the recipient always, for the actor only in a
sentence that would otherwise give no event.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .actors import NOT_ACTOR_ENTS, PARTITIVE, REPORTING_LEMMAS, ActorResolver, ArticleMemory, doc_text
from .factuality import ASSERTED, Judgement, judge, obliges
from .frames import STOP_LEMMAS, Frame, compose, demand_code, frame_of, load_frames
from .lexicon import Lexicon, Trigger, load_classes
from .ontology import Ontology
from .records import Actor

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "dative", "obj", "iobj"}
RECIPIENT_PREPS = {"with", "on", "against", "to", "at", "into", "toward", "towards", "upon", "from", "for", "over", "of"}
# prepositions that name what an act is aimed at: a bare past form with one is active ("shot at protesters");
# "at" and "on" only with people after them ("attacked at a rally", "killed on assignment" are passives)
AIMED_PREPS = {"upon", "into", "toward", "towards", "against"}
PLACE_OR_AIM_PREPS = {"at", "on"}
# what a host holds when it is no visit ("hosts Ukraine peace summit")
MEETING_NOUNS = {"summit", "talk", "conference", "meeting", "negotiation", "forum", "dialogue", "round", "session", "gathering"}
# participles that describe a state rather than an act ("armed with sticks", "charged with murder")
STATE_PARTICIPLES = {"arm", "equip", "charge", "fill", "load", "face", "associate", "connect", "link", "affiliate",
                     "ally", "align", "team", "cover", "concern", "involve", "tie", "back", "pack", "crowd", "credit"}
WEAK_PREPS = {"over", "for", "from", "of"}  # tried after the other recipient prepositions
CAUSE_PREPS = {"over", "for"}  # what an act aimed at a named party is over or for
# the target of accepting or rejecting one of these is whoever made it
PROPOSAL_NOUNS = {"request", "proposal", "appeal", "demand", "offer", "call", "plan", "bid", "initiative",
                  "invitation", "ultimatum", "plea", "suggestion", "petition", "overture", "peace"}
# the target of rejecting or denying one of these is whoever made it, before whom it is against ("rejected
# accusations by Maduro against its government": Maduro)
CHARGE_NOUNS = {"accusation", "allegation", "charge", "claim", "criticism", "complaint", "assertion", "insinuation"}
NOUN_ACTOR_PREPS = {"by"}
# a mobilisation's object that is the actor's own force ("mobilized the army", "deployed its men") is no recipient
OWN_FORCES = {"army", "troop", "force", "soldier", "man", "police", "officer", "reservist", "unit", "navy",
              "warship", "ship", "jet", "aircraft", "carrier", "tank", "battalion", "brigade", "division",
              "military", "personnel", "guard", "militia", "fighter", "reinforcement", "contingent", "marine",
              "presence", "defence", "defense"}
# verbs of impact whose subject can be the act itself ("air strikes hit the enclave", "the blast killed three")
IMPACT_VERBS = {"hit", "strike", "target", "kill", "wound", "injure", "destroy", "damage", "reach", "pound", "shell",
                "bomb", "level", "flatten", "rock"}
# verbs of keeping company: "joined X for talks" meets X
COMPANY_VERBS = {"join", "accompany", "meet", "host", "receive", "welcome", "invite", "bring"}
# verbs whose direct object is the thing handed over ("provided $49 million", "contributed troops"); the
# recipient is the "to" or indirect object ("gave Ukraine weapons") or named further on ("… in Ethiopia")
TRANSFER_VERBS = {"give", "provide", "send", "contribute", "donate", "offer", "deliver", "grant", "supply",
                  "pledge", "allocate", "disburse", "ship", "extend", "lend", "loan", "transfer", "hand",
                  "extradite", "repatriate"}
# what a party sends, recalls, moves or keeps of its own: "recalled its ambassador from Israel", "pulled its
# troops out of Lebanon", "reopen its embassy in Tehran" name the party acted on elsewhere, not in the object
OWN_THINGS = OWN_FORCES | {"ambassador", "envoy", "diplomat", "embassy", "consulate", "mission", "staff",
                           "national", "citizen", "delegation", "representative", "defence", "defense"}
OWN_POSSESSIVES = {"its", "their"}
# verbs whose object is the actor's own when "its"/"their" says so ("fired on its soldiers" is someone else's)
OWN_MOVERS = {"recall", "withdraw", "pull", "send", "deploy", "redeploy", "evacuate", "reopen", "close", "move",
              "station", "mass", "bring", "return", "put", "place", "order", "dispatch", "rush", "summon"}
MEETING_NOUNS = {"talk", "meeting", "discussion", "negotiation", "consultation", "summit"}
DEEP_PREPS = {"to", "with", "on", "against", "in", "for", "by", "into", "toward", "towards", "between", "among", "from"}
OCCASION_PREPS = {"on", "at", "during", "amid", "throughout"}  # not "in response to", "after" (another act)
GOVERNED_DEPS = {"xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj", "acl", "conj"}
VISIT_PREPS = {"in", "to"}
PLACE_PREPS = {"in", "near", "inside", "across", "along", "outside"}
FACING_PREPS = {"near", "around", "off", "along", "outside", "opposite"}  # where a show of force faces another's ground
BORDER_WORDS = {"border", "frontier"}  # "to the border with Guyana": the country on the other side
COMPASS_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
MEETING_PLACE_PREPS = PLACE_PREPS | {"at"}  # "met in Sochi", "talks at Camp David"
PLACE_ENTS = {"GPE", "LOC", "FAC"}
NOUN_FRAME_PREPS = {"in", "into", "with", "to", "for", "of"}
VISIT_CODE, HOST_CODE, THIRD_PLACE_CODE, MEDIATE_CODE = "042", "043", "044", "045"
MEET_INTENT_CODE, MEDIATE_INTENT_CODE = "036", "039"
# acts that two parties do to each other: agreeing, meeting and talking, negotiating, settling, signing,
# cooperating, restoring ties, truces. With two parties or more as the subject and no one else as the
# recipient ("Russia and Turkey agreed a ceasefire", "the two leaders met"), each party's event has the
# others as recipients, so that dyads count it both ways. Both the trigger's lemma and its code must be
# mutual: "agreed to withdraw", "accepted the proposal", "hosted talks", "resumed imports" are one-sided.
RECIPROCAL_LEMMAS = {"agree", "meet", "talk", "negotiate", "discuss", "confer", "cooperate", "sign", "hold",
                     "reach", "clinch", "restore", "normalize", "normalise", "establish", "forge", "resume",
                     "consult", "trade", "exchange", "speak", "promise", "pledge", "vow", "commit",
                     "wrap", "conclude", "begin", "start", "continue", "enter", "return", "complete", "clash", "skirmish"}
RECIPROCAL_CODES = {"030", "031", "032", "036", "037", "040", "041", "044", "046", "050", "057", "06", "060", "062", "063", "064", "0871"}
# mutual whatever their code: "began trading" (061, where "resumed imports" is one-sided), "exchanged prisoners / fire"
MUTUAL_LEMMAS = {"trade", "exchange", "clash", "skirmish"}  # "troops and rebels clashed": each against the other
TOPIC_LEMMAS = {"discuss", "debate"}  # "Biden and Xi discussed Taiwan": the object is what they talked about
# where a place under "agreed to" is where they meet ("talks in Quito", "sign the deal at a summit")
MEETING_WORDS = {"talk", "negotiation", "summit", "meeting", "conference", "round", "dialogue", "consultation",
                 "deal", "agreement", "accord", "treaty", "pact", "protocol", "ceremony"}
MEETING_VERBS = {"meet", "sign", "hold", "negotiate", "convene", "gather"}
ORDERING_VERBS = {"order", "direct", "decree"}  # "ordered the arrest of" (not "the bill would authorise the deployment")
WHO_NOUNS = {"partner", "ally", "neighbour", "neighbor", "counterpart", "creditor", "donor", "lender", "backer", "sponsor"}
FILING_LEMMAS = {"file", "lodge", "bring", "submit", "launch"}  # a complaint, a case, a lawsuit
RELATION_NOUNS = {"participation", "membership", "role", "cooperation", "tie", "relation", "contact", "engagement",
                  "involvement", "presence", "partnership"}
HELP_VERBS = {"help", "protect", "assist", "support", "defend", "guard", "shield", "evacuate", "rescue", "feed"}
DEMAND_MODALS = {"must": False, "should": True, "ought": True}  # modal → an appeal rather than a demand
FIRST_PERSON = {"I", "we", "We", "us", "me"}  # as written: "US" is no pronoun
PLACE_TARGET = "@place"  # the lexicon's word class for a named place as a verb's object
ECONOMIC_BLOWS = {"tariff", "sanction", "duty", "tax", "levy", "embargo", "price", "inflation", "layoff", "cut", "recession",
                  "shortage", "scandal", "crisis", "slump", "downturn"}
# a noun before an act in a headline's first place that names how, not who ("Drone attack on Kyiv", "Terror attack")
INSTRUMENT_NOUNS = {"terror", "car", "truck", "suicide", "roadside", "air", "cyber", "knife", "gun", "arson", "grenade"}
TARGET_PREPS = {"on", "against", "at", "in", "near", "into"}
STATEMENT_NOUNS = {"statement", "communique", "communiqué", "declaration", "letter", "post", "tweet", "speech"}
SPEECH_VERBS = {"say", "tell", "announce", "state", "declare", "insist", "add", "confirm", "stress", "reiterate",
                "indicate", "assure", "write", "tweet"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
ARMED_SECTORS = {"REB", "CRM", "INS"}
AIMED_KINDS = {"MOBILIZE", "PROTEST"}  # a place they go to is not whom they aim at
COUNTERPART_KINDS = {"MOBILIZE", "RETREAT", "CONCEDE"}  # acts aimed at a rival the circumstances name
# purpose verbs that say what a protest or a deployment is against ("to protest the laws", "to fight cartels")
AIM_VERBS = {"protest", "oppose", "denounce", "condemn", "decry", "demand", "reject", "block", "resist", "challenge",
             "fight", "confront", "combat", "counter", "crush", "quell", "deter", "hunt", "tackle", "battle",
             "repel", "suppress", "pursue", "stop", "halt"}
PROTEST_CAUSE_PREPS = {"against", "over", "at", "of"}  # "in protest against / over / at / of X"
# what a crowd does to buildings and places in a violent protest; "attack" and "kill" stay assaults
RIOT_LEMMAS = {"storm", "seize", "overrun", "set", "torch", "burn", "loot", "ransack", "vandalise", "vandalize",
               "smash", "invade", "raid"}
OBSTRUCT_LEMMAS = {"occupy", "besiege", "surround", "blockade"}
OBSTRUCT_CODE = "144"
PERSON_WORDS = {"man", "woman", "men", "women", "person", "people", "child", "boy", "girl", "officer", "policeman",
                "soldier", "journalist", "reporter", "worker", "resident", "passer", "driver", "guard"}
CROWD_WORDS = {"protesters", "protestors", "demonstrators", "rioters", "crowd", "crowds", "mob", "mobs", "marchers"}
RIOT_CODE = "145"
CALL_OFF_CODE, EASE_DISSENT_CODE = "120", "082"
DISSENT_NOUNS = {"strike", "protest", "blockade", "boycott", "sit-in", "march", "rally", "demonstration", "walkout", "stoppage"}
LEAVE_LEMMAS = {"withdraw", "quit", "leave", "exit"}
EXPEL_LEMMAS = {"expel", "deport", "evict"}  # "inspectors were expelled from North Korea"
LEAVE_BODY_CODE = "160"
# freeing hostages or victims from someone else is a rescue, which PLOVER codes AID ("police freed 10 trafficking
# victims"); captors letting their own captives go is a release (RETREAT)
RESCUE_LEMMAS = {"free", "liberate", "rescue"}
CAPTIVE_WORDS = {"hostage", "captive", "victim", "abductee"}
CAPTOR_WORDS = {"kidnap", "kidnapped", "abduct", "abducted", "trafficking", "hostage", "captive"}
RESCUE_CODE = "070"
CURRENCY_WORDS = {"dollar", "euro", "pound", "yuan", "yen", "rupee", "ruble", "rouble", "franc", "shekel", "dinar", "riyal",
                  "peso", "naira", "shilling", "rand", "lira", "usd", "eur", "$", "€", "£"}
STATE_OF = {"emergency", "siege", "war", "alert", "readiness", "exception"}  # "a state of emergency", not "the states of the Gulf"
# nouns that name the measure an act takes, never whom it is aimed at ("declared a state of emergency in X")
MEASURE_NOUNS = {"state", "emergency", "siege", "curfew", "lockdown", "ceasefire", "truce", "condolence", "sympathy",
                 "solidarity", "appeal", "law", "measure", "restriction", "alert", "readiness", "standby",
                 "weight"}  # "threw its weight behind Y"
RESTRICT_PROTEST_CODE, STOP_PROTEST_LEMMAS = "1721", {"stop", "prevent"}  # "police stopped the march"
TARGET_OBJECT_VERBS = {"boycott", "blockade", "picket"}  # what they take as object is what they aim at
LODGE_VERBS = {"protest", "complain", "appeal"}  # "protested to Washington": to whom, not where
PLACE_HEAD_NOUNS = {"area", "region", "province", "state", "district", "border", "frontier", "city", "town", "village",
                    "coast", "waters", "sea", "island", "valley", "zone", "capital", "territory", "county", "port"}
NOT_WHERE_PREPS = {"with", "by", "against", "for", "over", "about", "from", "between", "among", "like"}
JOINT_LEMMAS = {"coordinate", "collaborate", "partner", "team"}  # acts that two subjects do with each other
TRUCE_WORDS = {"ceasefire", "truce", "armistice"}  # "agreed a ceasefire" (0356) is mutual, "agreed to withdraw" not
DRILL_WORDS = {"exercise", "drill", "manoeuvre", "maneuver", "manoeuvres", "maneuvers", "wargame", "patrol"}
MILITARY_COOPERATION = "062"
ORGANISATION_KB = ("kb:igo:", "kb:inst:")  # international organisations and institutions
BODY_KB = ORGANISATION_KB + ("kb:party:",)  # bodies that have offices a protest can stand outside
BUILDING_NOUNS = {"office", "headquarters", "building", "compound", "gate", "premises", "residence", "palace", "seat"}
SITE_PREPS = {"outside", "at", "before", "near"}  # where a protest stands: the building it faces
HOST_PREPS = MEETING_PLACE_PREPS | SITE_PREPS  # where an act happened, never its party
# people sent by a party, who stand for it: "envoys of the two governments met"
ENVOY_NOUNS = {"representative", "delegate", "delegation", "envoy", "negotiator", "leader", "official", "member",
               "head", "chief", "minister", "diplomat", "emissary", "mediator"}
HOPE_ON_VERBS = {"bet", "gamble", "pin", "count", "bank"}  # "betting everything on a second summit"


@dataclass(frozen=True)
class Demand:
    """Who says another party must do an act, the modal that says it, and the verb that reports it."""

    by: list[Actor]
    cue: Token
    appeal: bool
    verb: Token | None


@dataclass
class Found:
    """An event found in one sentence, before it becomes an :class:`~tidings.records.Event`."""

    token: Token
    cameo: str
    actor: list[Actor]
    recipient: list[Actor]
    factuality: Judgement
    confidence: float


class EventFinder:
    """Finds events in a parsed sentence."""

    def __init__(self, lexicon: Lexicon, ontology: Ontology, resolver: ActorResolver) -> None:
        self.lexicon = lexicon
        self.ontology = ontology
        self.resolver = resolver
        self.frames = load_frames()
        self._resolved: dict[int, list[Actor]] = {}  # head index → actors, for the sentence being coded
        classes = lexicon.classes
        self._arms_and_troops = classes.get("weapon", frozenset()) | classes.get("troop", frozenset())  # can attack a place
        self._instruments = classes.get("weapon", frozenset()) | INSTRUMENT_NOUNS  # how an act is done, not who does it

    def triggers(self, tokens) -> dict[int, Trigger]:
        """Token index → trigger, for tokens whose lexicon entry has a PLOVER type; not a passive whose doer
        is left unsaid after "if" ("vowed to defend the Philippines if attacked")."""
        return {tok.i: trig for tok in tokens if (trig := self.lexicon.match(tok)) and self.ontology.codes[trig.cameo].plover
                and not _elliptic_passive(tok)}

    def find(self, sent: SpacySpan, memory: ArticleMemory) -> list[Found]:
        self._resolved = {}
        trigger_ids = self.triggers(sent)
        found: list[Found] = []
        governed: list[tuple[Token, Trigger, Token]] = []
        for tok, trig in ((sent.doc[i], t) for i, t in trigger_ids.items()):
            boss = governor(tok, trigger_ids)
            if boss is not None:
                governed.append((tok, trig, boss))
            elif not self._act_as_subject(tok, trig, trigger_ids):
                self._code(tok, trig, trigger_ids, memory, found)
        # A governed trigger belongs to its governor's event ("refused to engage in talks": one REJECT). When
        # no governor up its chain made an event and it is a verb with its own subject ("civilians were killed
        # as forces launched air strikes": the killing has no actor), it stands on its own. Governors first,
        # so a standing one absorbs its own.
        coded = {f.token.i for f in found}
        absorbed: set[int] = set()
        for tok, trig, boss in sorted(governed, key=lambda g: _depth(g[0], trigger_ids)):
            if boss.i in coded or boss.i in absorbed or not _own_subject(tok):
                absorbed.add(tok.i)  # an object or infinitive takes its actor from the governor: not alone
            elif not self._act_as_subject(tok, trig, trigger_ids):
                before = len(found)
                self._code(tok, trig, trigger_ids, memory, found)
                if len(found) > before:
                    coded.add(tok.i)
        if not found:
            self._fall_back(sent, trigger_ids, memory, found)
        found = self._without_occasions(found)
        return sorted(found, key=lambda f: f.token.i)

    def _without_occasions(self, found: list[Found]) -> list[Found]:
        """Without a meeting, an attack … named as the occasion of a verb's event of the same type ("Biden
        meets Xi on the sidelines of the G20 summit", "met at the summit", "were killed during the
        offensive"): one event, the verb's."""
        kind = {f.token.i: self.ontology.codes[f.cameo].plover for f in found}
        verbs = [f for f in found if f.token.pos_ in ("VERB", "AUX")]
        return [f for f in found if not (f.token.pos_ in ("NOUN", "PROPN") and any(
            v.token.i != f.token.i and kind[v.token.i] == kind[f.token.i] and _occasion_of(f.token, v.token) for v in verbs))]

    def _fall_back(self, sent: SpacySpan, trigger_ids: dict[int, Trigger], memory: ArticleMemory,
                   found: list[Found]) -> None:
        """A sentence with triggers and no event, because the parse gave no trigger a subject that names
        anyone ("Iranian agents re-arrested X" split at the hyphen, "Prison guards at Abu Ghraib tortured
        detainees" read as a noun phrase, "The head of the African Union Commission, Moussa Faki, met …").
        The outermost trigger with a named party before it is coded, with the party nearest to it in the
        parse as the actor: one event at most."""
        doc = sent.doc
        for i in sorted(trigger_ids, key=lambda i: (governor(doc[i], trigger_ids) is not None, len(ancestors(doc[i])), i)):
            self._code(doc[i], trigger_ids[i], trigger_ids, memory, found, nearest=True)
            if found:
                return

    def _sides(self, subjects: list[Token], memory: ArticleMemory) -> list[Token]:
        """ "Representatives of the government and the rebels met": the parties the envoys stand for, when
        the "of" phrase names two or more with a country or a KB entry ("the head of the army and police"
        is one person, and stays)."""
        out: list[Token] = []
        for head in subjects:
            sides = [p for p in _prep_objects(head, {"of"}) if p.conjuncts] if head.lemma_.lower() in ENVOY_NOUNS else []
            named = {(a.country, a.kb_id) for a in self._resolve_all(sides, memory) if a.country or a.kb_id}
            out += _with_conjuncts(sides) if len(named) > 1 else [head]
        return out

    def _nearest_party(self, tok: Token, others: list[Actor], memory: ArticleMemory, before: bool = True) -> list[Actor]:
        """The named party nearest to the trigger in the parse: before it, for an actor the parse did not
        give; or linked to it through no other verb, for a recipient ("Backed by Russia, troops attacked":
        Russia is not attacked). Never the ``others`` already found, a phrase the trigger is part of, whoever
        reports the act ("…, her family said", "according to X") or where it happened ("in Karaj")."""
        taken = [(r.start, r.end) for r in others]
        countries = {a.country for a in others if a.country}
        roots = [t for t in (tok.doc[i] for i in (_root_index(a, tok) for a in others) if i is not None)]
        best: tuple[int, int] | None = None
        chosen: list[Actor] = []
        for head in tok.sent:
            if (before and head.i >= tok.i) or head.i == tok.i or head.pos_ not in ("NOUN", "PROPN") or head.dep_ in ("compound", "poss", "amod"):
                continue
            if before and head.head.i == tok.i and head.dep_ in OBJECT_DEPS:
                continue
            if _reports_or_hosts(head, tok) or (not before and not _clause_mates(head, tok)):
                continue
            if before and head.dep_ == "pobj" and head.head.lower_ in TARGET_PREPS and head.head.head.pos_ == "NOUN":
                continue  # "Drone attack on Kyiv kills two": the target of the act named as subject, not its actor
            if not before and any(head in r.subtree or r in head.subtree or head in r.conjuncts for r in roots):
                continue  # the actor's own phrase ("Secretary of State Mike Pompeo") or its partner ("China and Russia")
            found = self._resolve_all([head], memory) if before else self._resolve_head(head, memory)
            actors = [a for a in found
                      if (a.country or a.kb_id or (a.sector and not before)) and not any(a.start < e and s < a.end for s, e in taken)
                      and not a.start <= tok.idx < a.end and (before or (_party(a) and a.country not in countries))]
            if not actors:
                continue
            rank = (_tree_distance(head, tok), abs(tok.i - head.i))
            if best is None or rank < best:
                best, chosen = rank, actors
        return chosen

    def final_code(self, tok: Token, trig: Trigger, trigger_ids: dict[int, Trigger], memory: ArticleMemory,
                   actor_at: int | None = None) -> str | None:
        """The code the coder gives this trigger after its rules on the parties (a crowd storming a building,
        an organisation left, a strike called off, drills held together), or None when it makes no event.
        ``actor_at`` is where the caller's actor starts: a host given as the actor of a visit the coder
        turned round ("Xi hosted Lula": Lula visits) keeps the hosting code."""
        found: list[Found] = []
        self._resolved = {}
        self._code(tok, trig, trigger_ids, memory, found)
        event = next((f for f in found if f.token.i == tok.i), None)
        if event is None:
            return None
        if event.cameo == VISIT_CODE and actor_at is not None and any(r.start <= actor_at < r.end for r in event.recipient):
            return HOST_CODE
        return event.cameo

    def _code(self, tok: Token, trig: Trigger, trigger_ids: dict[int, Trigger], memory: ArticleMemory,
              found: list[Found], nearest: bool = False) -> None:
        """Code one trigger, adding its event to ``found`` when it has the actors an event needs (with
        ``nearest``, an actor the parse does not give is the nearest named party before the trigger)."""
        subjects = _children(tok, SUBJECT_DEPS) if tok.pos_ in ("VERB", "AUX") else []
        if subjects and all(self._hazard(s) for s in subjects):
            return  # "after an earthquake killed 200 people": nobody's act, and not that of a party nearby
        if tok.pos_ in ("VERB", "AUX") and self._sport(tok):
            return  # "Djokovic storms into Australian Open final", "Pacquiao to fight in exhibition bout"
        inner = inner_trigger(tok, trigger_ids)
        actor, recipient = self._arguments(tok, memory)
        if trig.with_ == PLACE_TARGET and not self._armed(tok, actor):
            # "Tariffs hit China", "Liverpool hit Chelsea for four", "protesters seized Parliament Square": not an
            # attack on a place; the word's other senses may still apply
            trig = self.lexicon.match(tok, without=PLACE_TARGET)
            if trig is None:
                return
        cameo, negated = self.combine(tok, trig.cameo, trigger_ids[inner.i] if inner is not None else None)
        if nearest and tok.pos_ in ("VERB", "AUX") and not _is_passive(tok) and not any(_named(a) or a.sector for a in actor):
            actor = self._nearest_party(tok, recipient, memory)
        lemma, kind = tok.lemma_.lower(), self.ontology.codes[cameo].plover
        if not actor and _is_passive(tok):
            # "Zimbabwe was suspended from the Commonwealth", "Russia was expelled from the Council of Europe":
            # with no "by", the body it is put out of acts
            bodies = [b for b in self._resolve_all(_prep_objects(tok, {"from"}), memory) if (b.kb_id or "").startswith(ORGANISATION_KB)
                      or lemma in EXPEL_LEMMAS and (b.kb_id or "").startswith("kb:country:")  # a country or its capital
                      and not any(r.sector in ARMED_SECTORS | {"MIL"} for r in recipient)]  # not a military expulsion
            if bodies:
                actor, recipient = bodies, [r for r in recipient if all(r.start != b.start for b in bodies)]
        if (kind == "MOBILIZE" or kind == "AID" and lemma in OWN_MOVERS) and not actor and _is_passive(tok):
            # "British warships were dispatched to Guyana's coast", "troops were put on alert": with no one
            # named as sending them, the forces are the mobilising party (their country's), not its target
            actor, recipient = [r for r in recipient if _named(r) or r.sector], []
        if cameo == CALL_OFF_CODE and lemma == "call" and not _own_states(actor) and any(
                o.lemma_.lower() in DISSENT_NOUNS and not _prep_objects(o, {"on", "against"}) for o in _children(tok, OBJECT_DEPS)):
            cameo, kind = EASE_DISSENT_CODE, "CONCEDE"  # "called off the strike": protest eased (082), not talks cancelled
        if kind == "RETREAT" and lemma in LEAVE_LEMMAS and any(_named_body(r, tok) for r in recipient):
            # "quit ECOWAS", "withdrew from the regional bloc IGAD": leaving an organisation cuts ties (160),
            # it is no military withdrawal (the lexicon knows "the alliance", "the bloc", not every acronym)
            cameo, kind = LEAVE_BODY_CODE, "SANCTION"
        if kind in ("ASSAULT", "COERCE") and lemma in RIOT_LEMMAS | OBSTRUCT_LEMMAS and (_crowd(actor) or _protest_purpose(tok)) \
                and not any(_person_word(r, tok) for r in recipient):
            # "protesters stormed the parliament", "students occupied schools to protest the reform", "the embassy
            # was besieged by demonstrators": a violent protest (145) or an obstruction (144), not an armed attack
            # or a seizure; what a crowd does to people stays an assault ("a mob burned a man to death")
            cameo, kind = (OBSTRUCT_CODE if lemma in OBSTRUCT_LEMMAS else RIOT_CODE), "PROTEST"
        if cameo == RESTRICT_PROTEST_CODE and lemma in STOP_PROTEST_LEMMAS and _crowd(actor) and not _children(tok, OBJECT_DEPS):
            cameo, kind = EASE_DISSENT_CODE, "CONCEDE"  # "the protesters stopped marching": their own protest eased
        if kind == "RETREAT" and lemma in RESCUE_LEMMAS and _security_forces(actor) and _freed_captives(tok):
            # "Nigerian troops freed 300 hostages held by Boko Haram", "police freed 10 trafficking victims": a
            # rescue (AID), not captors releasing their own captives ("the Taliban freed two professors")
            cameo, kind = RESCUE_CODE, "AID"
        # "Japan and India held air drills" (each with the other), "staged an exercise with X": military cooperation
        drill = kind == "MOBILIZE" and _drill(tok)
        drill_together = drill and len({a.country for a in actor if _party(a)}) > 1
        if drill_together or (drill and any(_party(r) for r in self._resolve_all(_partners(tok), memory))):
            cameo, kind = MILITARY_COOPERATION, "COOPERATE"
        if kind == "MOBILIZE" or lemma in OWN_MOVERS:
            # the forces sent are the actor's own, also when they are sent to help ("deployed soldiers to help Y")
            own = {a.country for a in actor}  # not the actor's own, named or not ("U.S. carriers were ordered by the Pentagon")
            recipient = [r for r in recipient if not _own_forces(r, tok) or _party(r) and r.country not in own]
        if lemma in TRANSFER_VERBS:  # "gave 350 million euros": what is given, not to whom
            recipient = [r for r in recipient if _party(r) or not _given(r, tok)]
        if lemma in OWN_MOVERS:
            recipient = [r for r in recipient if not _own_thing(r, tok)]
        # the measure itself ("declared a state of emergency in Rakhine", "expressed condolences to X") and a sum
        # of money ("assistance of 60 million euros to help people in Somalia") are never whom an act is aimed at
        recipient = [r for r in recipient if not _not_whom(r, tok)]
        rescue = kind == "AID" and lemma in RESCUE_LEMMAS  # whom it frees, not who held them ("held by a gang")
        if kind == "MOBILIZE" and not any(_party(r) for r in recipient):
            recipient = self._faced(tok, actor, memory) or recipient  # before what a later clause names
        if not any(_party(r) for r in recipient) and not (rescue and recipient):
            recipient = self._look_further(tok, inner, actor, recipient, memory)
        if cameo in (MEDIATE_CODE, MEDIATE_INTENT_CODE):
            # "Qatar mediated talks between Israel and Hamas", "Brazil offered to mediate between Russia and
            # Ukraine": both sides
            between = self._parties_between(tok, memory) or (inner is not None and self._parties_between(inner, memory))
            recipient = between or recipient
        hosted = self._hosted_parties(tok, memory) if cameo == THIRD_PLACE_CODE else []
        if hosted:
            # "Qatar hosted talks between the Taliban and the United States": the parties meet at a third
            # place (044); the host is where, not one of them
            actor, recipient = hosted, []
        elif cameo == THIRD_PLACE_CODE:  # "Russia hosted talks … in Sochi": its own city is where, not a guest
            recipient = [r for r in recipient if not (_is_place(r) and r.country in {a.country for a in actor})]
        if kind == "AID" and lemma in OWN_MOVERS:
            # "deployed soldiers to Cabo Delgado to help Mozambique's army", "sent peacekeepers to South Sudan to
            # protect civilians": whom they are sent to help, not where they go
            taken = {(a.country, a.sector) for a in actor}
            helped = [r for r in self._resolve_all(_helped(tok), memory) if (_party(r) or r.sector)
                      and (r.country, r.sector) not in taken and not _own_thing(r, tok)]
            home = next((r.country for r in recipient if r.country), None)  # "to South Sudan to protect civilians"
            recipient = [r if r.country else dataclasses.replace(r, country=home) for r in helped] or recipient
        if kind == "THREATEN" and not any(_threatened_party(r, tok) for r in recipient):
            # an ultimatum's addressee, when the threat names no party of its own: "threatened civil war unless
            # Prime Minister Henry resigned" (but "threatened to cut gas supplies to Spain if Madrid …": Spain)
            # not the actor itself ("… if it was attacked", "if its citizens are harmed"), but a rival at home may
            # be ("a gang leader threatened civil war unless the prime minister resigned")
            taken = {(a.country, a.sector) for a in actor} | {(a.country, None) for a in actor if a.country}
            addressed = [r for r in self._resolve_all(_conditional_subjects(tok), memory)
                         if (_named(r) or r.sector) and (r.country, r.sector) not in taken and not _own_thing(r, tok)]
            recipient = addressed or recipient
        if kind in AIMED_KINDS and actor and recipient and all(_is_place(r) or not _party(r) or _only_where(r, tok) for r in recipient):
            # troops sent to a place, a march to a building: aimed at whom? ("sent reinforcements to North Kivu
            # to confront M23 rebels", "marched to the Union Buildings to demand the resignation of President X")
            aimed = [r for r in self._rivals(_circumstance_parties(tok) + _purpose_targets(tok), actor, memory)
                     if not _is_place(r)]
            recipient = aimed or recipient
        if kind == "ACCUSE" and lemma in FILING_LEMMAS:
            # "filed a complaint with the WTO against the United States", "filed a case at the ICJ accusing
            # Myanmar of genocide": the one accused, not the court or body it is filed with
            accused = [r for r in self._resolve_all(_accused(tok), memory) if _party(r) or r.sector]
            recipient = accused or recipient
        if kind in AIMED_KINDS and actor and all(_only_where(r, tok) for r in recipient):
            # still only where it went or a thing it used: what the protest or the deployment is against ("blocked highways
            # into New Delhi to protest against the farm laws", "rioted over the cartoons", "sent troops to
            # Mali to bolster its forces against Islamist militants"), a party in it first
            aims = _aims(tok, kind)
            if aims:
                # a topic that replaces a place keeps its country ("protested in Israel over the overhaul": ISR)
                home = next((r.country for r in recipient if r.country), None)
                recipient = self._rivals(aims, actor, memory) or self._issue(aims[0], home)
            elif kind == "MOBILIZE":
                # "deployed special forces to Zamfara after bandits kidnapped 300 schoolgirls": whom the
                # circumstances name, a role with no country too, not the actor's own state
                recipient = self._rivals(_circumstance_parties(tok), actor, memory, roles=True) or recipient
        if kind == "PROTEST" and actor:
            # a protest outside an embassy, a ministry, a parliament or a known body's offices is aimed at whoever it houses ("held a
            # vigil outside the Russian embassy to protest against the death of Navalny")
            housed = [r for r in self._resolve_all(_sites(tok), memory)
                      if (r.sector in STATE_SECTORS or (r.kb_id or "").startswith(BODY_KB)) and not _names_a_place(r, tok)]
            opposed = {t.i for verb in (tok, tok.head) for t in _prep_objects(verb, {"against"})}  # "… against the military"
            if housed and not any(_root_index(r, tok) in opposed for r in recipient if _party(r) or r.sector):
                recipient = housed
        if kind in COUNTERPART_KINDS and not recipient and actor:
            # "deployed soldiers in Harare as the opposition claimed victory", "resigned after protests led by X";
            # here a party of the actor's own state's country with no sector counts as its own too
            own = _own_states(actor)
            heads = _circumstance_parties(tok)
            recipient = [r for r in self._rivals(heads, actor, memory) if not (r.country in own and not r.sector)]
            if not recipient and kind == "CONCEDE" and not any(a.sector in STATE_SECTORS | ARMED_SECTORS for a in actor):
                # "unions called off the strike after the government raised pay": for unarmed people outside the
                # state, the state they face, of their own country
                home = next((a.country for a in actor if a.country), None)
                recipient = [dataclasses.replace(r, country=home) for r in self._resolve_all(heads, memory)
                             if r.sector in STATE_SECTORS and r.country is None]
        demand = self._demand(tok, memory) if actor and not _is_passive(tok) else None
        own = False
        if demand is not None and any(a.start == d.start for a in actor for d in demand.by):
            return  # the speaker taken for the one who must act: the parse went wrong
        if demand is not None and _same_side(demand.by, actor):
            # "Iran said it must retaliate against Israel", "Zelensky said Ukraine must defend itself": its own
            # intention (a threat, a promise, a refusal), not a demand; "must stop arming X" keeps its ending's code
            if frame_of(tok, self.frames).kind != "ended":
                cameo = compose(cameo, Frame("intent", negated, demand.cue), self.ontology, self.frames)
            elif cameo == trig.cameo:
                return  # "Xi: China must stop arming Russia": no code for stopping that act, and arming it is not
            refused = self.ontology.codes[cameo].plover == "REJECT"
            negated, demand, own = negated and not refused, None, True
        elif demand is not None:
            # "Germany says Israel must allow aid into Gaza", "Kurti: EU must lift sanctions": Germany demands of
            # Israel (PLOVER REQUEST, the code of demanding the act as the lexicon codes it), the act is not told as done
            stop = negated or frame_of(tok, self.frames).kind == "ended"  # "must not attack", "should stop arming"
            cameo, kind = demand_code(trig.cameo, demand.appeal, self.frames, stop=stop, ontology=self.ontology), "REQUEST"
            actor, recipient = demand.by, actor
        speaker = self._speaker_standing_in(tok, actor, memory) if demand is None else []
        if speaker:  # "Zelensky said Kyiv would never cede territory": the one who speaks for Kyiv
            actor = speaker
        if lemma == "receive" and cameo != HOST_CODE and demand is None:  # "Zambia received debt relief from China": China gives
            givers = [g for g in self._resolve_all(_from_objects(tok), memory) if _party(g)]
            if givers and actor:
                actor, recipient = givers, actor
        if actor and not recipient and len(_parties(actor)) < 2 and not (tok.pos_ == "NOUN" and tok.dep_ in SUBJECT_DEPS | {"compound"}):
            # the parse names no one acted on: the party nearest to the trigger ("Russia's invasion pushed
            # Finland to join NATO": what the invasion made Finland do is not whom it was aimed at)
            recipient = self._nearest_party(tok, actor, memory, before=False)
        if not actor and not (_is_passive(tok) and any(r.country or r.kb_id for r in recipient)) and not (
                recipient and (_headline_passive(tok) or _reduced_passive(tok)) and not self._by_hazard(tok)):
            # no actor: only a passive with a known recipient ("Kim was received in Beijing"), or a headline's
            # ("Opposition leader arrested in Kinshasa": the headline is about the one it happened to)
            return
        if cameo == THIRD_PLACE_CODE and lemma == "host" and not _hosts_meeting(tok) and any(_named(a) for a in recipient if _is_object(a, tok)):
            # "Lula hosts Petro for Amazon summit": a guest named as the object makes it a visit, the summit its reason
            cameo, recipient = HOST_CODE, [a for a in recipient if _is_object(a, tok)]
        if cameo == HOST_CODE:
            # PLOVER: visitor = actor, host = recipient; where the guest came to is no guest ("welcomed Lula to Beijing")
            guests = [r for r in recipient if not _came_to(r, tok)] or recipient
            actor, recipient, cameo = guests, actor, VISIT_CODE
        confidence = 0.9 if trig.with_ else 0.75 if tok.pos_ == "VERB" else 0.6
        if demand is None:
            factuality = judge(tok, negated, memory.date, self.frames)
            if own and factuality.value == "hypothetical":  # "Israel must win", said by Israel: an intention
                factuality = Judgement("future", factuality.cue)
        else:  # the demand is made, as the verb that reports it tells
            factuality = ASSERTED if demand.verb is None else judge(demand.verb, False, memory.date, self.frames)
        # a joint act is each party's towards the other, whatever its object ("jointly arrested 12 smugglers")
        # so are talks, a pact or a meeting "between X and Y"
        joint = _joint(tok) or drill_together or bool(hosted) or (tok.pos_ == "NOUN" and bool(_prep_objects(tok, {"between", "among"})))
        joint = joint or kind == "COOPERATE" and _joint_noun(tok)  # not "a joint offer to Ukraine"
        # a joint production or venture is each side's (061), though resuming imports may be one-sided
        two_way = cameo in RECIPROCAL_CODES or trig.with_ in TRUCE_WORDS or lemma in MUTUAL_LEMMAS or joint and kind == "COOPERATE"
        mutual = demand is None and ((lemma in RECIPROCAL_LEMMAS or joint) and two_way
                  and (joint or all(_where(r, tok) or _held_in(r, tok) or not (_party(r) or r.sector) or _topic(r, tok) for r in recipient))
                  and (bool(hosted) or _all_subjects_named(self._sides(_children(tok, SUBJECT_DEPS), memory) if tok.pos_ in ("VERB", "AUX") else [], actor)))
        parties = _parties(actor) if mutual else []
        if len(parties) > 1:  # "Canada and Costa Rica agreed": each party's act towards the others
            for i, party in enumerate(parties):
                others = [a for j, group in enumerate(parties) if j != i for a in group]
                found.append(Found(tok, cameo, party, others, factuality, confidence))
            return
        found.append(Found(tok, cameo, actor, recipient, factuality, confidence))

    def _rivals(self, heads: list[Token], actor: list[Actor], memory: ArticleMemory, roles: bool = False) -> list[Actor]:
        """The parties ``heads`` name that are neither one of the actors nor the actor's own state
        ("deployed soldiers as the government declared a curfew": not the government). With ``roles``,
        any party with a role instead, named or not ("bandits", "opposition supporters"), and a state role
        with no country counts as the actor's own."""
        own, taken = _own_states(actor), {(a.country, a.sector) for a in actor}
        return [r for r in self._resolve_all(heads, memory) if (r.sector if roles else _party(r)) and (r.country, r.sector) not in taken
                and not ((r.country in own or roles and r.country is None) and r.sector in STATE_SECTORS)]

    def _people_word(self, lemma: str) -> bool:
        """A word for people who can act: a KB role ("rebels", "students") or a word of the people, worker
        or troop classes; not "crocodile"."""
        roles = self.resolver.kb.roles
        classes = self.lexicon.classes
        return lemma in roles or lemma + "s" in roles or any(lemma in classes.get(name, ()) for name in ("people", "worker", "troop"))

    def _armed(self, tok: Token, actor: list[Actor]) -> bool:
        """Can the subject attack a place: a state, its forces or an armed group, or arms and troops
        ("Russian missiles", "Israeli jets")?"""
        subjects = _children(tok, SUBJECT_DEPS)
        if any(s.lemma_.lower() in ECONOMIC_BLOWS for s in subjects):
            return False  # "US tariffs hit Canada"
        if any(a.sector in STATE_SECTORS | ARMED_SECTORS or (a.kb_id or "").startswith("kb:country:") for a in actor):
            return True
        return any(s.lemma_.lower() in self._arms_and_troops for s in subjects)

    def _demand(self, tok: Token, memory: ArticleMemory) -> Demand | None:
        """The party that says another must do the act ("Zelensky said the West must send more air defence",
        "China says the U.S. should stop arming Taiwan", "Kurti: EU must lift sanctions"), with the modal
        that makes it a demand; ``None`` when the act is not under "must", "should", "has to" or "needs to"
        in a clause a speaker reports."""
        node, modal = tok, _demand_modal(tok)
        for _ in range(4):
            if modal is not None or node.head.i == node.i:
                break
            head = node.head
            if node.dep_ == "dobj" and head.lemma_.lower() in STOP_LEMMAS and tok.pos_ == "NOUN" and node.i == tok.i:
                node = head  # "China must stop its military drills": the noun's act is the one to stop
                modal = _demand_modal(node)
                continue
            if node.dep_ not in ("xcomp", "conj"):
                break
            if node.dep_ == "conj" and any(c.dep_ == "aux" for c in node.children):
                return None  # "met X and must now …": a conjunct with its own auxiliary has its own mood
            if node.dep_ == "xcomp" and obliges(head, node):
                modal = (head, head.lower_ == "ought")  # "has to lift", "needs to send", "ought to allow"
            node = head
            modal = modal or _demand_modal(node)
        if modal is None:
            return None
        if modal[1] and any(t.ent_type_ in ("DATE", "TIME") for t in node.subtree):
            return None  # "talks should resume next week": an expectation, not an appeal
        clause = node
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        verb = _reporting_verb(clause)
        if verb is not None:
            heads = _children(verb, {"nsubj"})
        elif clause.dep_ == "ROOT" and memory.block == 0 and memory.told_by:  # the headline's source ("Kurti: EU must …")
            return Demand([dataclasses.replace(a) for a in memory.told_by], modal[0], modal[1], None)
        elif clause.dep_ == "ROOT":  # a source before a colon that the headline stage did not take for one
            heads = [c for c in clause.children if c.i < clause.i and c.dep_ in ("dep", "npadvmod", "nsubj")
                     and c.i + 1 < len(c.doc) and c.doc[c.i + 1].text == ":"]
        else:
            return None
        demanders = [d for d in self._resolve_all(heads, memory) if _named(d) or d.sector]
        return Demand(demanders, modal[0], modal[1], verb) if demanders else None

    def _speaker_standing_in(self, tok: Token, actor: list[Actor], memory: ArticleMemory) -> list[Actor]:
        """The speaker who reports his own government's act through its name ("President Zelensky said
        Kyiv would never cede territory"): the named speaker, when every actor is a country or capital
        of the speaker's country."""
        if not actor or not all(_stand_in(a) for a in actor):
            return []
        clause = tok
        while clause.dep_ in ("xcomp", "conj", "aux", "acomp") and clause.head.i != clause.i:  # "… was willing to lead"
            clause = clause.head
        verb = clause.head
        # the speaker first ("X said Kyiv would …"), not a report tagged on after ("Kyiv refused, X said")
        if clause.dep_ != "ccomp" or verb.lemma_.lower() not in SPEECH_VERBS or verb.i > clause.i:
            return []
        subjects = [h for h in _children(verb, SUBJECT_DEPS) if h.i < verb.i]
        speakers = [s for s in self._resolve_all(subjects, memory)
                    if s.country and (s.kb_id or "").startswith("kb:person:")]
        countries = {a.country for a in actor if a.country}
        if not speakers or any(s.country not in countries for s in speakers) and countries:
            return []
        return speakers

    def _act_as_subject(self, verb: Token, trig: Trigger, triggers: dict[int, Trigger]) -> bool:
        """Is the verb's subject the same act, named ("a drone strike killed three commanders": both
        ASSAULT)? Then the noun's event is the one coded, with the verb's object as its recipient."""
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        kind = self.ontology.codes[trig.cameo].plover
        return any(s.i in triggers and s.pos_ == "NOUN" and self.ontology.codes[triggers[s.i].cameo].plover == kind
                   for s in _children(verb, SUBJECT_DEPS))

    def combine(self, token: Token, cameo: str, inner: Trigger | None) -> tuple[str, bool]:
        """The code after the trigger's frame ("will meet" → AGREE), and whether it is negated."""
        frame = frame_of(token, self.frames)
        composed = compose(cameo, frame, self.ontology, self.frames)
        if self.ontology.codes[composed].plover == "AGREE":
            # "offered to mediate", "is ready to mediate": intent to mediate (039), not to meet (036)
            if cameo == MEDIATE_CODE or inner is not None and inner.cameo == MEDIATE_CODE:
                composed = MEDIATE_INTENT_CODE
            elif inner is not None and self.ontology.codes[inner.cameo].plover == "CONSULT":
                composed = MEET_INTENT_CODE
        refused = composed != cameo and self.ontology.codes[composed].plover == "REJECT"
        return composed, frame.negated and not refused

    # -- arguments --------------------------------------------------------
    def _look_further(self, tok: Token, inner: Token | None, actor: list[Actor], recipient: list[Actor],
                      memory: ArticleMemory) -> list[Actor]:
        """No named recipient yet: look in governed clauses, then deeper in the trigger's phrase."""
        deeper = self._governed_recipients(tok, inner, actor, memory)
        located = False
        if not deeper:
            deeper, located = self._deep_recipients(tok, actor, memory)
        roles = [r for r in recipient if r.sector]
        if deeper and roles:  # "rallied in Seoul against the government": the government of that place
            for role in roles:
                role.country = deeper[0].country
            return recipient
        if located and recipient:  # "arrested 20 protesters in Nairobi": the place is where, not whom
            for plain in recipient:
                plain.country = plain.country or deeper[0].country
            return recipient
        return deeper or recipient

    def _deep_recipients(self, tok: Token, actor: list[Actor], memory: ArticleMemory) -> tuple[list[Actor], bool]:
        """A known actor named further down the trigger's phrase ("provide ammunition alongside aid to Turkey"),
        and whether it is only a place where something happened ("… in Jeddah")."""
        taken = {(a.country, a.sector) for a in actor}
        # a gift's or a deployment's purpose infinitive stays in ("gave 350 million euros to promote investment
        # in Ethiopia", "sent fighters toward the valley to confront resistance forces")
        giving = tok.lemma_.lower() in TRANSFER_VERBS
        purposeful = giving or tok.lemma_.lower() in OWN_MOVERS
        skip = {t.i for c in tok.children if c.dep_ in SUBJECT_DEPS | {"relcl", "advcl"} and not (purposeful and _purpose(c))
                for t in c.subtree}
        queue = [(c, 1) for c in tok.children if c.i not in skip and not _other_clause(c, tok)]
        roles: list[Actor] = []  # a party with no country ("resistance forces", "cartels"), if none has one
        while queue:
            node, depth = queue.pop(0)
            if node.dep_ == "pobj" and node.head.head.lower_ in ("according", "thanks", "due", "owing"):
                continue  # "…, according to Press Trust of India": who reports it, not whom it is aimed at
            if node.dep_ in ("pobj", "dobj") and (node.dep_ == "dobj" and node.head.i != tok.i
                                                  or node.head.lower_ in DEEP_PREPS or _out_of(node.head)):
                # not the actor again, nor a name inside the actor's phrase that a pronoun points back to
                resolved = [r for r in self._resolve_head(node, memory) if (r.country, r.sector) not in taken
                            and not any(a.start <= r.start < a.end for a in actor)]
                found = [r for r in resolved if r.country]
                if found:  # with the names joined to it ("the deal between Armenia and Azerbaijan")
                    found += [r for r in self._resolve_all(node.conjuncts, memory) if r.country and (r.country, r.sector)
                              not in taken | {(f.country, f.sector) for f in found} and not any(a.start <= r.start < a.end for a in actor)]
                    located = (node.head.lower_ in MEETING_PLACE_PREPS and not giving
                               and (node.ent_type_ in PLACE_ENTS or all(_is_place(r) for r in found)))
                    return found, located
                # not the actor's own people ("deployed warships to protect its fishermen")
                if not roles and node.head.lower_ not in MEETING_PLACE_PREPS and not any(
                        c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in node.children):
                    roles = [r for r in resolved if r.sector]
            if depth < 6:
                queue.extend((c, depth + 1) for c in node.children if c.dep_ not in ("relcl", "advcl", "punct")
                             and not _other_clause(c, node))
        return roles, False

    def _governed_recipients(self, tok: Token, inner: Token | None, actor: list[Actor], memory: ArticleMemory) -> list[Actor]:
        """Recipients named in a clause the trigger governs ("promised to send howitzers to Kyiv"), not the
        actor named again ("warned it would retaliate if *it* was attacked")."""
        taken = {(a.country, a.sector) for a in actor}
        starts = {a.start for a in actor}
        # not a clause that describes a noun ("detained exiles protesting outside the embassy in Kathmandu")
        candidates = [inner] if inner is not None and inner.dep_ not in ("acl", "relcl") else []
        candidates += [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
        for clause in candidates:
            found = [r for r in self._arguments(clause, memory)[1] if (r.country, r.sector) not in taken
                     and r.start not in starts and (
                r.kb_id or r.name or (r.sector and not _own_thing(r, clause) and not _own_forces(r, clause)))]
            if found:
                for role in (r for r in found if r.country is None):
                    role.country = self._country_of_place_on(role, clause, memory)  # "troops in Kharkiv"
                return found
            for deeper in clause.children:
                if deeper.dep_ in ("xcomp", "conj") and deeper.pos_ == "VERB":
                    found = [r for r in self._arguments(deeper, memory)[1]
                             if r.country and (r.country, r.sector) not in taken and r.start not in starts]
                    if found:
                        return found
        return []

    def _country_of_place_on(self, role: Actor, clause: Token, memory: ArticleMemory) -> str | None:
        """The country of a place that the role's own phrase names ("troops *in Kharkiv*"), or where what is
        sent goes ("send air defence systems to troops in Kharkiv"). A place on any other verb is where it
        happens and lends nothing ("agreed to meet a delegation next month in Barbados")."""
        span = _phrase(role, clause)
        places = _prep_objects(span.root, {"in", "from", "at"}) if span is not None else []
        if clause.lemma_.lower() in TRANSFER_VERBS:
            places += _prep_objects(clause, {"in"})
        for pobj in places:
            for actor in self._resolve_head(pobj, memory):
                if actor.country:
                    return actor.country
        return None

    def _arguments(self, tok: Token, memory: ArticleMemory) -> tuple[list[Actor], list[Actor]]:
        if tok.pos_ in ("NOUN", "PROPN"):
            return self._noun_arguments(tok, memory)
        return self._verb_arguments(tok, memory)

    def _verb_arguments(self, verb: Token, memory: ArticleMemory) -> tuple[list[Actor], list[Actor]]:
        subjects = self._sides(_children(verb, SUBJECT_DEPS) or _inherited_subject(verb), memory)
        passive = _children(verb, PASSIVE_SUBJECT_DEPS)
        agents = _agents(verb)
        if not passive and _headline_passive(verb):
            # "Opposition leader arrested in Kinshasa": the one arrested, not the one arresting
            passive = _children(verb.head if verb.dep_ == "conj" else verb, SUBJECT_DEPS)
            agents, subjects = agents or _prep_objects(verb, {"by"}), []  # the parse reads the "by" as a plain preposition
        elif not passive and not subjects and _reduced_passive(verb):
            passive = [verb.head]  # "a Ukrainian pilot captured by Russian forces"
        elif not passive and agents and verb.tag_ == "VBN" and verb.dep_ == "advcl" and not _children(verb, SUBJECT_DEPS):
            # "Extradited by Mexico to Spain, Cavallo became …": the main clause's subject is the one extradited
            passive, subjects = _inherited_subject(verb), []
        concerned: list[Token] = []
        proposers: list[Token] = []
        accusers: list[Token] = []
        visit = self._is_visit(verb)
        if passive:
            actor_heads, recipient_heads = agents, passive
            # "the ban on the OLF was lifted by parliament": the OLF, when the subject names no one
            concerned = [p for head in passive for p in _prep_objects(head, {"on", "against", "to"})]  # "an apology to X"
        else:
            actor_heads = subjects
            objects = _children(verb, OBJECT_DEPS)
            # "detained Uighur economist Ilham Tohti": the small model makes a long name a clause (ccomp)
            misparsed = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("PROPN", "NOUN") and c.i > verb.i
                         and not _children(c, SUBJECT_DEPS)]
            preps = RECIPIENT_PREPS | VISIT_PREPS if visit else RECIPIENT_PREPS
            prepositional = _prep_objects(verb, preps)
            particles = [c for c in verb.children if c.dep_ in ("advmod", "prt") and c.lower_ in ("back", "over")]
            prepositional += [p for c in particles for p in _prep_objects(c, {"to"})]  # "hands the pilot back to India"
            for obj in objects:
                prepositional += _prep_objects(obj, RECIPIENT_PREPS - {"of"})
            for pobj in _prep_objects(verb, {"in", "into"}) + [p for p in _prep_objects(verb, {"on"}) if self._is_event_word(p)]:
                prepositional += _prep_objects(pobj, RECIPIENT_PREPS - {"of"})  # "went on strike against Boeing"
            for proposal in [o for o in objects + _prep_objects(verb, {"to", "with"}) if o.lemma_.lower() in PROPOSAL_NOUNS]:
                proposers += _proposers(proposal)  # "complied with the demands of X", "agreed to the demands of X"
            prepositional += proposers
            accusers = _with_conjuncts([h for o in objects if o.lemma_.lower() in CHARGE_NOUNS for h in _proposers(o)
                                        if not (h.dep_ == "pobj" and h.head.lower_ == "of")])
            # "imposed sanctions over the crisis on the commanders": "on" names the target, "over" the cause
            recipient_heads = objects + misparsed + sorted(prepositional, key=lambda p: p.head.lower_ in WEAK_PREPS)
            if verb.lemma_.lower() in TRANSFER_VERBS:  # "handed a Turkish national over to the authorities in Ankara"
                recipient_heads.sort(key=lambda h: not (h.dep_ == "pobj" and h.head.lower_ == "to"
                                                        and (h.head.head == verb or h.head.head in particles)))
            # "warned Azerbaijan that …": the small model reads a name right after the verb as an adverb
            named_next = [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
                          and min(t.i for t in c.subtree) == verb.i + 1]
            # "suspended its participation in the New START treaty", "froze its membership of the CSTO", "cut
            # ties with X": the other side of a relation is the recipient, not the relation
            related = [p for o in objects if o.lemma_.lower() in RELATION_NOUNS for p in _prep_objects(o, {"in", "with", "of", "to"})]
            recipient_heads = accusers + named_next + related + recipient_heads
            if not objects and not named_next:
                # "demanded that the government resign": the clause's subject is the one addressed; not a
                # pronoun, which is most often the speaker himself ("warned he would destroy North Korea")
                recipient_heads += [s for c in verb.children if c.dep_ == "ccomp" for s in _children(c, SUBJECT_DEPS)
                                    if s.lower_ not in CLAUSE_SELF_PRONOUNS]
        # "a landslide that killed 300 people": a natural hazard or an accident is nobody's act
        actor = self._resolve_all(actor_heads, memory) or self._plain_objects([h for h in actor_heads if not self._hazard(h)])
        if passive and not agents:
            # "were poisoned with a nerve agent by Russian officers", "was promised $50 million in budget
            # support by the EU": the parse hangs the "by" on a noun before it; a named party there acts
            actor = [a for a in self._resolve_all(_stray_agents(verb), memory) if _party(a)] or actor
        named_again = {(a.country, a.start) for a in actor}
        if visit:  # "flew to Ankara for talks with Erdogan": the one met is the host
            met = [m for m in self._resolve_all(_met(verb), memory) if (m.country, m.start) not in named_again]
            if met:
                return actor, met
        recipient = self._resolve_all(recipient_heads, memory) or self._resolve_all(concerned, memory)
        recipient = [r for r in recipient if (r.country, r.start) not in named_again]
        accused_by = [r for r in recipient if any(r.start <= h.idx < r.end for h in accusers)]
        recipient = accused_by or recipient  # the accuser, not whom the accusation was against
        if not passive:
            recipient = _without_causes(recipient, [h for h in recipient_heads if h.dep_ == "pobj" and h.head.lower_ in CAUSE_PREPS
                                                    and h.head.head == verb])
        if not recipient:
            recipient = self._plain_objects([h for h in recipient_heads if h.head.lower_ != "of" or h in proposers])
        return actor, recipient

    def _plain_objects(self, heads: list[Token]) -> list[Actor]:
        """Objects that name no known actor ("a military base", "the town"), kept with a null code."""
        out = []
        for head in heads:
            counted = head.ent_type_ in NOT_ACTOR_ENTS and head.lemma_.lower() not in PARTITIVE
            if head.pos_ not in ("NOUN", "PROPN", "NUM") or counted or self._is_event_word(head):
                continue
            out.extend(self._issue(head))
            break
        return out

    def _place_country(self, head: Token) -> str | None:
        """The country of a place named inside an object phrase ("targets in Gaza" → PSE)."""
        places = _prep_objects(head, PLACE_PREPS)
        if head.dep_ in OBJECT_DEPS:
            places += _prep_objects(head.head, PLACE_PREPS)
        for pobj in places:
            tokens = [t for t in pobj.subtree]
            for hit in self.resolver.hits(tokens, ArticleMemory(None)):
                if hit.entry is not None and hit.entry.kind in ("country", "capital", "adjective"):
                    return hit.entry.country
        return None

    def _faced(self, tok: Token, actor: list[Actor], memory: ArticleMemory) -> list[Actor]:
        """The foreign country or territory a show of force is made near ("massed troops near Ukraine", "drills
        around Taiwan", "warships off Georgia's coast", "massed south of Kirkuk"), not the actor's own ground."""
        own = {a.country for a in actor if a.country}
        if not own:
            return []  # "the army deployed troops near Kherson": whose ground it is cannot be told
        heads = [tok, *_children(tok, OBJECT_DEPS)]
        heads += [p for o in heads[1:] for p in _prep_objects(o, {"of"})]  # "ordered the mobilisation of troops to …"
        heads += [c for h in heads for c in h.children if c.dep_ == "advmod" and c.lower_ in COMPASS_WORDS]  # "south of"
        places = [p for h in heads for p in _prep_objects(h, FACING_PREPS | {"of"} if h.lower_ in COMPASS_WORDS else FACING_PREPS)]
        places += [p for h in heads for p in _prep_objects(h, {"to", "toward", "towards"}) if p.lemma_.lower() in BORDER_WORDS]
        places += [w for p in places if p.lemma_.lower() in BORDER_WORDS for w in _prep_objects(p, {"with"})]
        ground = [p for p in places if p.lemma_.lower() in PLACE_HEAD_NOUNS or p.ent_type_ in PLACE_ENTS]  # not "the embassy"
        return [r for r in self._resolve_all(ground, memory) if r.country and r.country not in own]

    def _parties_between(self, tok: Token, memory: ArticleMemory) -> list[Actor]:
        """The named parties of the trigger's talks or summit "between X and Y" (or "among"), when the
        phrase names two or more."""
        objects = _children(tok, OBJECT_DEPS)
        objects += [p for o in objects for p in _prep_objects(o, {"of"})]  # "a round of talks between"
        heads = [p for o in [tok, *objects] for p in _prep_objects(o, {"between", "among"})]  # "mediated between"
        parties = [a for a in self._resolve_all(heads, memory) if _named(a)]
        return parties if len(_parties(parties)) > 1 else []

    def _hosted_parties(self, tok: Token, memory: ArticleMemory) -> list[Actor]:
        """The parties of talks or a summit "between X and Y" that the trigger's subject hosts."""
        parties = self._parties_between(tok, memory)
        hosts = {a.country for a in self._resolve_all(_children(tok, SUBJECT_DEPS), memory) if a.country}
        if any(a.country in hosts for a in parties):
            return []  # "Russia hosted talks between Putin and Erdogan": the host meets them at home
        return parties if len(_parties(parties)) > 1 else []

    def _issue(self, head: Token, country: str | None = None) -> list[Actor]:
        """The phrase headed by ``head`` as an actor with no code: a plain object ("a military base"), or
        what an act is aimed at even when it names an act ("the sacking of members"); with the country of a
        place in it, or else ``country``."""
        tokens = self.resolver.phrase_tokens(head)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return [Actor(doc_text(head.doc)[start:end], start, end, self._place_country(head) or country)]

    def _is_event_word(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma in WHO_NOUNS and token.pos_ == "NOUN":
            return False  # "its euro zone partners": who, though "partnered with" is an act
        return (lemma, "NOUN") in self.lexicon.entries or (lemma, "VERB") in self.lexicon.entries

    def _hazard(self, token: Token) -> bool:
        """A natural hazard, an accident or a market as the doer ("an earthquake", "Typhoon Rai", "the Chilean
        peso"), with no one named as its source ("a landslide caused by mining", "floods from the dam")."""
        classes = self.lexicon.classes
        # a storm's name ("Typhoon Rai"), not "earthquake survivors" or "oil firm"
        named = {c.lemma_.lower() for c in token.children if c.dep_ == "compound"} if token.pos_ == "PROPN" else set()
        if not ({token.lemma_.lower()} | named) & classes.get("hazard", frozenset()) \
                and token.lemma_.lower() not in classes.get("market", frozenset()):
            return False
        if any(c.dep_ == "prep" and c.lower_ in ("from", "by") for c in token.children):
            return False
        return not any(c.dep_ == "acl" and _agents(c) for c in token.children)

    def _by_hazard(self, verb: Token) -> bool:
        """Did a hazard or an accident do it? ("Pilgrims killed in stampede", "rescued after storm")"""
        hazards = self.lexicon.classes.get("hazard", frozenset())
        return any(p.dep_ == "pobj" and p.lemma_.lower() in hazards for c in verb.children
                   if c.dep_ == "prep" and c.lower_ in ("in", "by", "after", "during", "from") for p in c.children)

    def _sport(self, verb: Token) -> bool:
        """Is the act a game: "storms into the final", "to fight in an exhibition bout"? (Not what happens at a
        match or to a league: "gunmen killed five at a football match", "bans the Awami League".)"""
        sport = self.lexicon.classes.get("sport", frozenset())
        heads = _children(verb, {"npadvmod"}) + [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "into")
                                                 for p in c.children if p.dep_ == "pobj"]
        return any(h.lemma_.lower() in sport for h in heads)

    def _is_visit(self, verb: Token) -> bool:
        trig = self.lexicon.match(verb)
        return trig is not None and trig.cameo == VISIT_CODE

    def _noun_arguments(self, noun: Token, memory: ArticleMemory) -> tuple[list[Actor], list[Actor]]:
        between = _prep_objects(noun, {"between", "among"})
        if between:
            return self._resolve_all(between, memory), []
        # a modifier that names a party ("Russian attack", "Hamas attack", "Rebel attack"), not a common noun a
        # headline's capital makes look like a name ("Drone attack on Kyiv", "Car bomb attack in Mogadishu")
        modifiers = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i]
        modifiers = [c for c in modifiers if not (c.pos_ == "NOUN" and not c.ent_type_ and c.i == c.sent.start
                                                  and c.lemma_.lower() in self._instruments)]
        actor = [a for a in self._resolve_all(modifiers, memory) if a.country or a.name]
        if not actor:  # "Student protest in Dhaka", "Insurgent attack on …": people, in a headline's capital
            actor = [Actor(c.text, c.idx, c.idx + len(c.text)) for c in modifiers
                     if c.pos_ == "NOUN" and c.dep_ == "compound" and c.i == c.sent.start and c.is_title
                     and self._people_word(c.lemma_.lower())][:1]
        actor += self._resolve_all(_prep_objects(noun, NOUN_ACTOR_PREPS), memory)
        verb = None
        if noun.dep_ in OBJECT_DEPS or noun.dep_ in SUBJECT_DEPS:
            verb = noun.head
        elif noun.dep_ == "pobj" and (noun.head.lower_ in NOUN_FRAME_PREPS or _hoped_on(noun)):
            verb = noun.head.head
        if verb is not None and verb.pos_ not in ("VERB", "AUX"):
            verb = None
        if not actor and verb is not None and noun.dep_ not in SUBJECT_DEPS:
            doers = _children(verb, SUBJECT_DEPS) or _inherited_subject(verb)
            actor = self._resolve_all(doers, memory)
            if not actor and verb.lemma_.lower() in ORDERING_VERBS:
                # "the junta ordered the arrest of …": a doer the KB does not know is kept uncoded, as for a verb;
                # not who saw, reported or expects it ("the video shows the arrest of …")
                actor = self._plain_objects([h for h in doers if not self._hazard(h)])
        if not actor and _visiting_name(noun):  # "Rabuka in Beijing for talks with Xi"
            root = noun.head.head  # the parse may have made the name a verb: read its words as a name
            actor = [a for a in self.resolver.resolve(list(root.doc[root.left_edge.i:root.i + 1]), memory) if a.kb_id or a.country]
        recipient_heads = _prep_objects(noun, RECIPIENT_PREPS)
        if not recipient_heads and verb is not None and noun.dep_ in OBJECT_DEPS:
            recipient_heads = _prep_objects(verb, RECIPIENT_PREPS - {"of"})
        if not recipient_heads and verb is not None and noun.dep_ in SUBJECT_DEPS and verb.lemma_.lower() in IMPACT_VERBS:
            # the act named as the subject: "air strikes hit the enclave", "the raid killed three policemen"
            recipient_heads = _children(verb, OBJECT_DEPS) + _prep_objects(verb, RECIPIENT_PREPS - {"of"})
        recipient = self._resolve_all(recipient_heads, memory)
        if (not recipient and verb is not None and noun.dep_ == "pobj" and noun.head.lower_ == "for"
                and verb.lemma_.lower() in COMPANY_VERBS):
            # the one the actor is with for the act: "joined the Iranian minister for a first meeting"
            taken = {a.country for a in actor if a.country}
            recipient = [r for r in self._resolve_all(_children(verb, OBJECT_DEPS), memory)
                         if _named(r) and r.country not in taken]
        if not recipient:
            recipient = self._plain_objects(recipient_heads)
        return actor, recipient

    def _resolve_head(self, head: Token, memory: ArticleMemory) -> list[Actor]:
        """The resolver's answer for a phrase head, asked once per sentence (the rules ask for the same heads
        again and again); each caller gets its own copies, which it may change."""
        cached = self._resolved.get(head.i)
        if cached is None:
            cached = self._resolved[head.i] = self.resolver.resolve_head(head, memory)
        return [Actor(a.text, a.start, a.end, a.country, a.sector, a.name, a.kb_id) for a in cached]

    def _resolve_all(self, heads: list[Token], memory: ArticleMemory) -> list[Actor]:
        out: list[Actor] = []
        seen: set[tuple[str | None, int]] = set()
        for head in _with_conjuncts(heads):
            for actor in self._resolve_head(head, memory):
                # one actor per party or organisation: "Biden and Blinken" are one, "the government and the ELN"
                # two, "Hamas and Islamic Jihad" two
                group = actor.kb_id if actor.kb_id and not actor.kb_id.startswith(("kb:country:", "kb:person:")) else None
                key = (actor.country, actor.sector, group) if actor.country else (actor.text, actor.start)
                if key not in seen:
                    seen.add(key)
                    out.append(actor)
        return out


def _where(recipient: Actor, trigger: Token) -> bool:
    """Is the recipient only where the act took place ("met in Sochi", "held talks at Camp David")? The
    place must hang on the trigger or on its object, not deeper ("agreed to send aid to troops in Kharkiv")."""
    span = _phrase(recipient, trigger)
    if span is None or (recipient.sector and not _is_place(recipient)):  # "in Brasilia" is where, not Brazil
        return False
    prep = span.root.head
    attached = prep.head == trigger or (prep.head.head == trigger and prep.head.dep_ in OBJECT_DEPS)
    return (span.root.dep_ == "pobj" and prep.lower_ in MEETING_PLACE_PREPS and attached
            and span.root.ent_type_ in PLACE_ENTS)


def _held_in(recipient: Actor, trigger: Token) -> bool:
    """Is the recipient a city or country named after "in" or "at" under the trigger, on talks, a summit or
    a deal or on a verb of meeting or signing: where what was agreed will happen ("agreed to open peace
    negotiations in Quito", "to sign the deal at a summit in Montevideo"; not "agreed to build a railway in
    South Sudan", where South Sudan is the third party)?"""
    span = _phrase(recipient, trigger)
    if span is None or not _is_place(recipient) or span.root.dep_ != "pobj" or span.root.ent_type_ not in PLACE_ENTS:
        return False
    prep = span.root.head
    if prep.lower_ not in ("in", "at") or not trigger.is_ancestor(prep):
        return False
    host = prep.head  # "talks in Quito", "sign the deal at a summit in Montevideo", "meet again in Moscow"
    return (host.lemma_.lower() in MEETING_WORDS or host.lemma_.lower() in MEETING_VERBS
            or any(o.lemma_.lower() in MEETING_WORDS for o in _children(host, OBJECT_DEPS)))


def _accused(verb: Token) -> list[Token]:
    """Whom a filed complaint or case is against: "against X" on the verb or on its object, or the object
    of an "accusing X" that describes it."""
    heads = _prep_objects(verb, {"against"})
    # the parse often hangs "against" on the body it is filed with ("with the WTO against the United States")
    heads += [p for body in _prep_objects(verb, {"with", "at", "to", "before", "in"}) for p in _prep_objects(body, {"against"})]
    for obj in _children(verb, OBJECT_DEPS):
        heads += _prep_objects(obj, {"against"})
        heads += [o for c in obj.children if c.dep_ == "acl" and c.lemma_.lower() in ("accuse", "charge")
                  for o in _children(c, OBJECT_DEPS)]
    clauses = [c for c in verb.children if c.dep_ in ("advcl", "xcomp")]
    clauses += [c for prep in _children(verb, {"prep"}) for c in prep.children if c.dep_ in ("pcomp", "acl")]
    clauses += [c for pobj in _prep_objects(verb, {"at", "with", "before", "to", "in"}) for c in pobj.children if c.dep_ == "acl"]
    heads += [o for c in clauses if c.lemma_.lower() in ("accuse", "charge") for o in _children(c, OBJECT_DEPS)]
    return heads


def _topic(recipient: Actor, trigger: Token) -> bool:
    """Is the recipient what two parties discussed ("discussed Taiwan"), not a party to the talks?"""
    return trigger.lemma_.lower() in TOPIC_LEMMAS and _object_head(recipient, trigger, OBJECT_DEPS) is not None


def _joint(trigger: Token) -> bool:
    """Is the act done together ("jointly arrested", "carried out a joint patrol", "coordinated a search")?"""
    if trigger.lemma_.lower() in JOINT_LEMMAS or any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together")
                                                     for c in trigger.children):
        return True
    return any(_called_joint(o) for o in _children(trigger, OBJECT_DEPS))


def _joint_noun(trigger: Token) -> bool:
    """Is the act a noun named joint ("their joint exercise", "joint production")?"""
    return trigger.pos_ == "NOUN" and _called_joint(trigger)


def _called_joint(word: Token) -> bool:
    """Does "joint" or "combined" qualify the word ("a joint patrol", "combined exercises")?"""
    return any(m.dep_ == "amod" and m.lower_ in ("joint", "combined") for m in word.children)


def _all_subjects_named(subjects: list[Token], actors: list[Actor]) -> bool:
    """Did every conjunct of the subject become an actor? ("Turkey, Russia and several armed groups": no)."""
    heads = _with_conjuncts(subjects)
    spans = [(a.start, a.end) for a in actors]
    return all(any(start <= head.idx < end for start, end in spans) for head in heads)


def _parties(actors: list[Actor]) -> list[list[Actor]]:
    """The actors grouped by the party they stand for (country and sector; an uncoded one by name), in
    order; only named ones count ("Biden and Blinken" are one party, "Putin and Erdogan" two)."""
    groups: dict[tuple, list[Actor]] = {}
    for actor in actors:
        if not _named(actor):
            return []
        key = (actor.country, actor.sector) if actor.country else ("~", (actor.name or actor.text).lower())
        groups.setdefault(key, []).append(actor)
    return list(groups.values())


def _circumstance_parties(verb: Token) -> list[Token]:
    """Who acts in the circumstances of a verb: the subject of an "after/as/when" clause on it, and who
    leads or stages the protests, march or pressure it follows ("after protests led by X", "ahead of a
    march by supporters of Y", "bowed to pressure from Z")."""
    heads: list[Token] = []
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("after", "as", "when", "while") for m in child.children):
            heads += _children(child, SUBJECT_DEPS) + _agents(child)
        elif child.dep_ == "prep" and child.lower_ in ("after", "amid", "to") or child.lower_ == "ahead":
            nouns = [g for g in child.children if g.dep_ == "pobj"] if child.lower_ != "ahead" else _prep_objects(child, {"of"})
            for noun in list(nouns):  # "after 11 days of street protests led by X"
                nouns += _prep_objects(noun, {"of"})
            for noun in nouns:
                heads += [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
                heads += _prep_objects(noun, {"by", "from"})
                for clause in (c for c in noun.children if c.dep_ == "acl"):  # "protests led by X"
                    heads += _agents(clause)
    return heads


def _purpose_targets(verb: Token) -> list[Token]:
    """Whom a march or a deployment is for or against: objects of its purpose infinitive and who they
    belong to ("to confront M23 rebels", "to demand the resignation of President X", "calling for an end to
    rule by King Y"), and "against X's policy"."""
    heads: list[Token] = []
    clauses = [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"]
    nouns = [o for c in clauses for o in _children(c, OBJECT_DEPS) + _prep_objects(c, {"for", "against", "on"})]
    nouns += _prep_objects(verb, {"against"}) + [p for o in _children(verb, OBJECT_DEPS) for p in _prep_objects(o, {"against"})]
    for noun in list(nouns):
        nouns += _prep_objects(noun, {"of", "to", "by"})
    for noun in nouns:
        heads.append(noun)
        heads += [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        heads += _prep_objects(noun, {"by"})
    return heads


def _only_where(recipient: Actor, trigger: Token) -> bool:
    """Does a protest's or a deployment's recipient only say where it went or what it used, not at whom it
    was aimed? A thing ("blocked roads"), or a place after a preposition of place or direction ("sent
    troops to Mali", "rallied in Sofia", "the highway out of Tegucigalpa"); not what is boycotted or blockaded, nor whom a protest is lodged
    with ("protested to Washington"), nor a body with a role ("marched to the Indian High Commission")."""
    if trigger.lemma_.lower() in TARGET_OBJECT_VERBS and _object_head(recipient, trigger, OBJECT_DEPS) is not None:
        return False
    if not _party(recipient):
        return not recipient.sector
    span = _phrase(recipient, trigger)
    if span is None or span.root.dep_ != "pobj":
        return False
    prep = span.root.head.lower_
    if prep in NOT_WHERE_PREPS or (prep == "to" and trigger.lemma_.lower() in LODGE_VERBS):
        return False
    if not _is_place(recipient):
        # a name the KB lacks, of a place by its entity or its head word ("the disputed al-Fashaga border area")
        return (not recipient.kb_id and not recipient.sector
                and (span.root.ent_type_ in PLACE_ENTS or span.root.lemma_.lower() in PLACE_HEAD_NOUNS))
    country = (recipient.kb_id or "").startswith("kb:country:")
    if country and prep == "into" and recipient.text == recipient.name:
        return False  # "deployed troops into Ukraine": the country entered is the target, not a city in it
    # a country's word in a body's name is no place ("the Indian High Commission")
    return not country or span.root.ent_type_ in PLACE_ENTS


def _named_body(recipient: Actor, trigger: Token) -> bool:
    """Is the recipient an international organisation of the KB named by its own name, as what is left
    ("quit ECOWAS", "withdrew from the bloc IGAD"; not "the UN buffer zone")?"""
    span = _phrase(recipient, trigger)
    return ((recipient.kb_id or "").startswith("kb:igo:") and span is not None
            and (span.root.pos_ == "PROPN" or span.root.text.isupper())  # the small model tags "ECOWAS" a noun
            and (span.root.head.i == trigger.i or span.root.head.head.i == trigger.i))


def _came_to(recipient: Actor, trigger: Token) -> bool:
    """Is the recipient where a guest came to, on the trigger ("welcomed Lula to Beijing", "in Ankara")?"""
    span = _phrase(recipient, trigger)
    return (span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ in ("to", "in", "at")
            and span.root.head.head == trigger)


def _person_word(recipient: Actor, trigger: Token) -> bool:
    """Does the recipient name a person or people ("a man", "two police officers", a PERSON entity)?"""
    span = _phrase(recipient, trigger)
    return span is not None and len(span) > 0 and (span.root.ent_type_ in ("PERSON", "NORP")
                                                   or span.root.lemma_.lower() in PERSON_WORDS or span.root.lower_ in PERSON_WORDS)


def _security_forces(actors: list[Actor]) -> bool:
    """Is an actor a state's police, army or security service ("Nigerian troops", "police in Barcelona")?"""
    return any(a.sector in ("MIL", "COP", "SPY") for a in actors)


def _freed_captives(verb: Token) -> bool:
    """Are the ones freed hostages, captives or victims ("300 hostages held by Boko Haram", "10 trafficking
    victims", "kidnapped schoolgirls")?"""
    for obj in _children(verb, OBJECT_DEPS):
        words = {t.lemma_.lower() for t in obj.subtree if t.i <= obj.i or t.dep_ == "acl" or t.head.dep_ == "acl"}
        held_by = any(c.dep_ == "acl" and c.lemma_.lower() == "hold" and _agents(c) for c in obj.children)  # "held by a gang"
        if obj.lemma_.lower() in CAPTIVE_WORDS or words & CAPTOR_WORDS or held_by:
            return True
    return False


def _crowd(actors: list[Actor]) -> bool:
    """Is an actor a crowd of protesters ("thousands of demonstrators", "rioters", "crowds of Kenyans")?"""
    return any(word in CROWD_WORDS for actor in actors for word in actor.text.lower().split())


def _protest_purpose(verb: Token) -> bool:
    """Is the act done to protest ("occupied schools to protest against the reform", "in protest at")?"""
    return any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() == "protest" for c in verb.children) or any(
        p.lemma_.lower() == "protest" for p in _prep_objects(verb, {"in"}))


def _threatened_party(recipient: Actor, trigger: Token) -> bool:
    """Does a threat's recipient name a party ("threatened to cut gas supplies to Spain"), not a region,
    a place where the threat would be carried out ("to deploy missiles in Kaliningrad") or a thing with a country's word ("Ukrainian grain imports")?"""
    if not (recipient.kb_id or recipient.name):
        return False
    span = _phrase(recipient, trigger)
    if span is None:
        return True
    root = span.root
    if (recipient.kb_id or "").startswith(("kb:region:", "kb:place:")):
        return False
    if _is_place(recipient) and root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS:
        return False  # "in Kaliningrad"; "at Israel" is the target
    return bool(recipient.sector) or root.pos_ == "PROPN"


def _other_clause(child: Token, verb: Token) -> bool:
    """Is the child a coordinated verb with an object of its own after a verb that has one ("charged 18
    leaders … and held them", "reopen embassies, restore flights and give Ethiopia access")? Verbs that
    share one object do not count ("detained, beat and charged several activists")."""
    return child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and bool(_children(verb, OBJECT_DEPS))


def _helped(verb: Token) -> list[Token]:
    """The objects of a purpose verb of help or protection on the verb ("to help Mozambique's army", "to
    protect civilians")."""
    return [o for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in HELP_VERBS
            for o in _children(c, OBJECT_DEPS)]


def _aims(verb: Token, kind: str) -> list[Token]:
    """What a protest or a deployment is against, in the verb's own clause (not its subject's phrase):
    objects of "against" anywhere in it; for a protest, "over X" on the verb or its object and "in
    protest at X"; then the objects of a purpose verb ("to protest the laws", "to fight drug cartels",
    "demanding an end to his rule"). Nouns only, in that order of preference."""
    skip = {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS | {"relcl"} for t in c.subtree}
    inside = [t for t in verb.subtree if t.i not in skip]
    heads = [p for t in inside if t.dep_ == "prep" and t.lower_ == "against" for p in t.children if p.dep_ == "pobj"]
    if kind == "PROTEST":
        heads += _prep_objects(verb, {"over"}) + [p for o in _children(verb, OBJECT_DEPS) for p in _prep_objects(o, {"over"})]
        heads += [p for cause in _prep_objects(verb, {"in"}) if cause.lemma_.lower() == "protest"
                  for p in _prep_objects(cause, PROTEST_CAUSE_PREPS)]
    for clause in (c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"):
        if clause.lemma_.lower() in AIM_VERBS:
            heads += _children(clause, OBJECT_DEPS)
    return [h for h in heads if h.pos_ in ("NOUN", "PROPN") and h.ent_type_ not in NOT_ACTOR_ENTS]


def _from_objects(verb: Token) -> list[Token]:
    """Objects of a "from" in the verb's own phrase, not in a clause under it ("received debt relief
    worth $1.3 billion from China")."""
    out = []
    for prep in verb.subtree:
        if prep.lower_ != "from" or prep.dep_ != "prep":
            continue
        head = prep.head
        while head.i != verb.i and head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.i == verb.i:
            out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


def _own_states(actors: list[Actor]) -> set[str | None]:
    """Countries whose state (government, army, police, courts …) is among the actors."""
    return {a.country for a in actors if a.sector in STATE_SECTORS}


def _stand_in(actor: Actor) -> bool:
    """A country or capital named for its government ("Kyiv", "Ukraine"). ("His country" stays: it is
    already the speaker's, and the store keeps it apart from the country's other acts that day.)"""
    return (actor.kb_id or "").startswith("kb:country:")


def _demand_modal(verb: Token) -> tuple[Token, bool] | None:
    """The verb's "must" or "should" (and whether it only appeals: "should", "ought to"), not the inference
    of "must have been"."""
    for child in verb.children:
        if child.dep_ == "aux" and child.i < verb.i and child.lower_ in DEMAND_MODALS:
            if any(c.dep_ == "aux" and c.lower_ in ("have", "'ve") and c.i > child.i for c in verb.children):
                return None
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.i > child.i for c in verb.children):
                return None  # "Should the talks collapse, …": a condition, not a demand
            return child, DEMAND_MODALS[child.lower_]
    return None


def _reporting_verb(clause: Token) -> Token | None:
    """The speech verb that reports a clause: "said Y must …", "Y must …, X said", "said in a statement that
    Y must …" (a clause the parse hangs on "statement")."""
    if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in SPEECH_VERBS:
        return clause.head
    if clause.dep_ == "acl" and clause.head.lemma_.lower() in STATEMENT_NOUNS:
        verb = clause.head.head.head if clause.head.dep_ == "pobj" else clause.head.head
        if verb.lemma_.lower() in SPEECH_VERBS | {"issue"}:
            return verb
    return None


def _same_side(demanders: list[Actor], actor: list[Actor]) -> bool:
    """Is the party that must act the one who says so ("Israel said it must respond", "Zelensky said Ukraine
    must defend itself", "the Pentagon said the United States must …", "we must")?"""
    kb_ids = {a.kb_id for a in demanders if a.kb_id}
    states = {a.country for a in demanders if a.country and a.sector in STATE_SECTORS}
    return any(a.kb_id in kb_ids or a.country in states and (a.sector in STATE_SECTORS or not a.sector)
               or a.text in FIRST_PERSON and not a.kb_id for a in actor)


def _without_causes(recipient: list[Actor], causes: list[Token]) -> list[Actor]:
    """Whom an act is aimed at, without what it is over or for, once a named party is among them
    ("slams US over Taiwan arms sale", "summons Swedish envoy over Koran burning", "thanks Denmark for
    F-16 jets"): the cause names a country or a thing, not a second target."""
    spans = [(head.left_edge.idx, head.right_edge.idx + len(head.right_edge)) for head in causes]
    if not spans:
        return recipient
    aimed = [r for r in recipient if not any(start <= r.start < end for start, end in spans)]
    return aimed if any(_party(r) for r in aimed) else recipient


def _party(actor: Actor) -> bool:
    """A named party, not a thing that only lies somewhere ("50 million euros … in Sindh province" has
    Pakistan's code from the place, and is still what was given)."""
    return _named(actor) and bool(actor.kb_id or actor.name or actor.sector)


def _named(actor: Actor) -> bool:
    """Does the mention name someone (a KB entry, a country, or an unknown proper name)?"""
    return bool(actor.country or actor.kb_id or actor.name)


def _proposers(noun: Token) -> list[Token]:
    """Who made the request, offer or demand that is accepted or rejected: "rejected a request by
    Erdogan", "a proposal from the U.N.", "conceded to the demands of the drivers", "an appeal
    filed by his lawyers", "Kyiv's proposal"."""
    heads = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    heads += _prep_objects(noun, {"by", "from", "of"})
    for clause in (c for c in noun.children if c.dep_ == "acl"):  # "filed by", "put forward by"
        heads += _agents(clause)
    return heads


CLAUSE_SELF_PRONOUNS = {"he", "she", "i", "we", "they", "it"}
STRAY_AGENT_PATH = {"prep", "pobj", "dobj", "dative", "npadvmod", "oprd", "attr", "compound", "appos"}


def _agents(verb: Token) -> list[Token]:
    """The objects of a passive's "by" ("was attacked by rebels")."""
    return [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def _stray_agents(verb: Token) -> list[Token]:
    """The objects of a "by" the parse hangs inside a passive verb's objects and prepositional
    phrases (or on the verb as a plain preposition), not inside a clause of their own."""
    out: list[Token] = []
    stack = [(c, 1) for c in verb.children if c.dep_ in STRAY_AGENT_PATH]
    while stack:
        tok, depth = stack.pop()
        if tok.dep_ == "prep" and tok.lower_ == "by":
            out += [p for p in tok.children if p.dep_ == "pobj"]
            continue
        if depth < 4:
            stack += [(c, depth + 1) for c in tok.children if c.dep_ in STRAY_AGENT_PATH]
    return sorted(out, key=lambda t: t.i)


def _phrase(actor: Actor, token: Token) -> SpacySpan | None:
    """The actor's phrase in the parse of the token's document (None when its offsets fall outside it)."""
    return token.doc.char_span(actor.start, actor.end, alignment_mode="expand")


def _root_index(actor: Actor, trigger: Token) -> int | None:
    """The token index of the head of an actor's phrase in the trigger's document."""
    span = _phrase(actor, trigger)
    return span.root.i if span is not None and len(span) else None


def _object_head(recipient: Actor, trigger: Token, deps: set[str]) -> Token | None:
    """The head of the recipient's phrase when it is the trigger's own object (one of ``deps``), else None."""
    span = _phrase(recipient, trigger)
    if span is None or span.root.head.i != trigger.i or span.root.dep_ not in deps:
        return None
    return span.root


def _own_forces(recipient: Actor, trigger: Token) -> bool:
    """Is this plain object of a mobilisation the actor's own force ("mobilized the troops")?"""
    # only the mobilisation's own object: "deployed soldiers against militia fighters" keeps its target
    span = _phrase(recipient, trigger)
    if span is None:
        return False
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:  # "soldiers and police"
        head = head.head
    if head.head.i != trigger.i or head.dep_ not in OBJECT_DEPS | {"nsubjpass"}:  # "reservists were called up"
        return False
    if head.lemma_.lower() in PARTITIVE:  # "thousands of soldiers"
        head = next(iter(_prep_objects(head, {"of"})), head)
    return span.root.lemma_.lower() in OWN_FORCES or head.lemma_.lower() in OWN_FORCES


def _out_of(prep: Token) -> bool:
    """The "of" of "pulled out of Lebanon", "withdrew its forces out of the city"."""
    return prep.lower_ == "of" and prep.head.lower_ == "out"


def _conditional_subjects(trigger: Token) -> list[Token]:
    """Subjects of an "if"/"unless" clause on the trigger or on the act it threatens ("threatened to resume
    fighting *if Hamas* did not release hostages", "warned of retaliation *unless Kyiv* withdrew")."""
    clauses = [trigger] + [c for c in trigger.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
    heads = []
    for clause in clauses:
        for cond in clause.children:
            if cond.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in cond.children):
                heads += _children(cond, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
    return heads


def _met(visit: Token) -> list[Token]:
    """Whom a visit was for: "for talks with X", "to meet X", "and held talks with X"."""
    heads = []
    for noun in _prep_objects(visit, {"for"}):
        if noun.lemma_.lower() in MEETING_NOUNS:
            heads += _prep_objects(noun, {"with"})
    for clause in visit.children:
        if clause.dep_ in ("xcomp", "advcl", "conj") and clause.pos_ == "VERB":
            if clause.lemma_.lower() in ("meet", "see"):
                heads += _children(clause, OBJECT_DEPS)
            elif clause.lemma_.lower() == "hold":
                heads += [w for o in _children(clause, OBJECT_DEPS) if o.lemma_.lower() in MEETING_NOUNS
                          for w in _prep_objects(o, {"with"})]
    return heads


def _is_place(actor: Actor) -> bool:
    """Is the actor a country, region or place of the KB (a city stands for its country's government as a
    subject, "Jeddah said", but after "in" it is where)?"""
    return (actor.kb_id or "").split(":")[1:2] in (["country"], ["region"], ["place"])


def _own_thing(recipient: Actor, trigger: Token) -> bool:
    """Is the recipient the actor's own ("its ambassador", "their troops")?"""
    span = _phrase(recipient, trigger)
    if span is None:
        return False
    root = span.root
    return root.lemma_.lower() in OWN_THINGS and any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in root.children)


def _purpose(clause: Token) -> bool:
    """A "to …" infinitive of purpose ("… to promote investment")."""
    return clause.dep_ == "advcl" and clause.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _not_whom(recipient: Actor, trigger: Token) -> bool:
    """Is a recipient with no country a sum of money or the name of the measure taken ("a state of siege",
    "a curfew", "condolences", "an appeal")?"""
    if recipient.country or recipient.kb_id or recipient.sector:
        return False
    span = _phrase(recipient, trigger)
    if span is None or not len(span):
        return False
    root = span.root
    if any(t.ent_type_ in ("ORG", "GPE", "PERSON", "NORP") or t.pos_ == "PROPN" for t in span):
        return False  # "fined Microsoft 497 million euros" read as one phrase
    lemma = root.lemma_.lower()
    money = lemma in CURRENCY_WORDS or root.ent_type_ == "MONEY" and (root.like_num or root.lower_ in ("million", "billion"))
    measure = lemma in MEASURE_NOUNS and (lemma != "state" or any(o.lemma_.lower() in STATE_OF for o in _prep_objects(root, {"of"}))) \
        and (lemma != "law" or any(c.lower_ == "martial" for c in root.children))
    on_trigger = root.head.i in (trigger.i, trigger.head.i) or root.dep_ == "pobj" and root.head.head.i == trigger.i
    return money or measure and on_trigger


def _given(recipient: Actor, trigger: Token) -> bool:
    """Is this plain recipient the direct object of a transfer verb, the thing given?"""
    if _prep_objects(trigger, {"with"}):
        return False  # "supplied the rebels with weapons": the object is who gets them
    return _object_head(recipient, trigger, {"dobj", "obj"}) is not None


def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    out = []
    for child in token.children:
        # spaCy labels the "to" of "gave aid to Y" dative, not prep
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            out.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prt":
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ in preps:
                    out.extend(g for g in grand.children if g.dep_ == "pobj")
    return out


def _drill(trigger: Token) -> bool:
    """Is the act an exercise, a drill or a patrol ("held drills", "the exercise", "conducted manoeuvres")?"""
    return trigger.lemma_.lower() in DRILL_WORDS or any(o.lemma_.lower() in DRILL_WORDS for o in _children(trigger, OBJECT_DEPS))


def _partners(trigger: Token) -> list[Token]:
    """Who the act is done with: "with" on the trigger or on its object ("staged an exercise with X")."""
    return _prep_objects(trigger, {"with"}) + [p for o in _children(trigger, OBJECT_DEPS) for p in _prep_objects(o, {"with"})]


def _names_a_place(actor: Actor, trigger: Token) -> bool:
    """Is the phrase a place's name ("outside Kyiv"), not a building of a state ("outside the embassy")?"""
    span = _phrase(actor, trigger)
    return span is None or span.root.ent_type_ in ("GPE", "LOC")


def _sites(trigger: Token) -> list[Token]:
    """What a protest is held outside, at or in front of: on the trigger, or on the verb whose purpose it
    is ("stood outside the ministry to protest")."""
    verbs = [trigger] + ([trigger.head] if trigger.dep_ in ("advcl", "xcomp") else [])
    sites = [p for verb in verbs for p in _prep_objects(verb, SITE_PREPS)]
    fronts = [p for verb in verbs for p in _prep_objects(verb, {"in"}) if p.lower_ == "front"]
    sites += [p for front in fronts for p in _prep_objects(front, {"of"})]
    # "outside the offices of UNRWA", "at the headquarters of Shell": the body whose building it is
    return sites + [p for site in sites if site.lemma_.lower() in BUILDING_NOUNS for p in _prep_objects(site, {"of"})]


def _with_conjuncts(heads: list[Token]) -> list[Token]:
    out: list[Token] = []
    for head in heads:
        for tok in (head, *head.conjuncts):
            if tok not in out:
                out.append(tok)
    return out


def _inherited_subject(verb: Token) -> list[Token]:
    """Subject of a governing verb for infinitives and conjoined verbs ("agreed to meet")."""
    current = verb
    for _ in range(4):
        if current.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "acl", "acomp") or current.head.i == current.i:
            return []
        link = current.dep_
        if link == "acl" and _misread_main_verb(current):
            return [current.head]  # "Prison guards tortured detainees": the small model made the verb a clause of the noun
        current = current.head
        subjects = _children(current, SUBJECT_DEPS)
        if not subjects and link == "xcomp":
            subjects = _children(current, PASSIVE_SUBJECT_DEPS)  # "are believed to have met", "is set to visit"
        if subjects:
            if current.dep_ == "xcomp" or verb.dep_ == "xcomp":
                objects = _children(current, OBJECT_DEPS)
                if objects and verb.dep_ == "xcomp":
                    return objects  # "urged Iran to return": Iran is the one who would act
            return subjects
    return []


def _elliptic_passive(verb: Token) -> bool:
    """A past participle after "if", "when", "unless" with no subject of its own ("if attacked", "unless
    provoked"): a passive whose doer is left unsaid."""
    return verb.tag_ == "VBN" and not _children(verb, SUBJECT_DEPS) and not _agents(verb) \
        and any(c.dep_ == "mark" and c.lower_ in ("if", "when", "unless", "once", "until") for c in verb.children)


def _visiting_name(noun: Token) -> bool:
    """Is the noun what a verbless headline's name came somewhere for ("Fiji's Rabuka in Beijing for talks
    with Xi", "Blinken in Riyadh for talks": the parse may take the name for a verb)?"""
    if not (noun.dep_ == "pobj" and noun.head.lower_ == "for"):
        return False
    root = noun.head.head
    if root.dep_ != "ROOT" or not root.is_title or root.i > noun.i or _children(root, SUBJECT_DEPS | OBJECT_DEPS):
        return False
    return root.pos_ in ("PROPN", "VERB") and any(c.dep_ == "prep" and c.lower_ in ("in", "to", "at") for c in root.children)


def _hosts_meeting(verb: Token) -> bool:
    """Is what the host holds a meeting ("hosts Ukraine peace summit", "hosts Gaza ceasefire talks", the last
    read as a second verb by the parse)?"""
    objects = _children(verb, OBJECT_DEPS)
    words = objects + _children(verb, {"conj"}) + [c for o in objects for c in o.children if c.dep_ in ("compound", "conj")]
    return any(w.lemma_.lower() in MEETING_NOUNS for w in words)


def _is_object(actor: Actor, verb: Token) -> bool:
    """Is the actor's phrase the verb's direct object (or a conjunct of it)?"""
    return any(actor.start <= o.idx < actor.end for d in _children(verb, OBJECT_DEPS) for o in (d, *d.conjuncts))


def _misread_main_verb(verb: Token) -> bool:
    """Is this clause of a noun the sentence's main verb? The small model reads "Prison guards tortured
    detainees" and "Youths clashed with police" as a noun with a clause and no verb. When the noun is the
    sentence's root (or the subject of a verb after the clause) and the clause is active (a past tense, a direct object, or a "with" or "against"
    phrase), the noun is the clause's subject. Not a participle of a clause with no object ("Activists
    detained in Istanbul": a headline's passive) nor one set off by a comma."""
    noun = verb.head
    if noun.pos_ not in ("NOUN", "PROPN") or verb.i < noun.i or verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBN"):
        return False  # "Militants holding hostages demanded a ransom": a gerund clause describes the noun
    if not (noun.dep_ == "ROOT" or noun.dep_ == "nsubj" and noun.head.i > verb.i and noun.head.pos_ in ("VERB", "AUX")
            and _children(noun.head, SUBJECT_DEPS) == [noun]):  # "... leaving officers injured", not "X killed, army claims"
        return False
    if any(t.is_punct for t in noun.doc[noun.i + 1:verb.i]) or _marked_passive(verb) or _agents(verb):
        return False
    if verb.tag_ == "VBN" and verb.lemma_.lower() in STATE_PARTICIPLES:
        return False  # "a mob armed with sticks", "groups allied with the army"
    clause = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    # a participle with an object may be a passive with two ("migrants given asylum"); a past tense in the clause is not
    past = any(v.tag_ == "VBD" for v in clause)
    return (past and any(c.dep_ in OBJECT_DEPS for v in clause for c in v.children) or verb.tag_ == "VBD"
            or any(c.dep_ == "prep" and c.lower_ in ("with", "against") for c in verb.children))


def _is_passive(token: Token) -> bool:
    return _marked_passive(token) or _headline_passive(token) or _reduced_passive(token)


def _marked_passive(token: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in token.children)


def _reduced_passive(verb: Token) -> bool:
    """A headline's participle that says what was done to its noun ("Ukrainian pilot captured by Russian
    forces", "Russian diplomats expelled from Poland"): the parse makes the noun the root and the verb its
    clause; the noun is the one it was done to. (Participles inside a longer sentence, "nationals abducted
    in the 1970s", are background and stay unread.)"""
    return (verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN")
            and verb.i > verb.head.i and not _misread_main_verb(verb))


def _headline_passive(verb: Token) -> bool:
    """A headline's passive with its "were" left out ("Activists detained in Istanbul", "Ukrainian pilot
    captured by Russian forces"), which the parse reads as active: a bare past form of a verb of the
    ``undergone`` class, with a subject, no auxiliary and no object, in a sentence with no final stop."""
    if verb.tag_ not in ("VBN", "VBD") or verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return False
    if verb.dep_ == "ccomp" and not (verb.head.i > verb.i and verb.head.lemma_.lower() in REPORTING_LEMMAS):
        return False  # only "Journalist killed, police say": the report after the headline
    if verb.lemma_.lower() not in load_classes().get("undergone", frozenset()):
        return False
    if verb.dep_ == "conj" and not _headline_passive(verb.head):
        return False  # "Rebels regrouped and attacked at dawn": the first verb is active, so is this one
    clause = verb.head if verb.dep_ == "conj" else verb
    if not _children(clause, SUBJECT_DEPS) or any(c.dep_ in ("aux", "auxpass", "neg") for c in clause.children):
        return False
    if any(c.dep_ in OBJECT_DEPS for c in verb.children):
        return False
    classes = load_classes()
    people = (classes.get("troop", frozenset()), classes.get("people", frozenset()))
    if any(c.dep_ == "prep" and (c.lower_ in AIMED_PREPS or c.lower_ in PLACE_OR_AIM_PREPS and any(
            p.dep_ == "pobj" and any(p.lemma_.lower() in words for words in people) for p in c.children)) for c in verb.children):
        return False  # "Soldiers shot at protesters", "Troops fired on the crowd": active, aimed at someone
    sentence = verb.sent
    last = next((t for t in reversed(sentence) if not (t.is_punct and t.text in "\"'”’)")), None)
    return last is not None and last.text not in (".", "!", "?")


def _occasion_of(noun: Token, verb: Token) -> bool:
    """Is the noun inside a prepositional phrase of the verb ("on the sidelines of the summit", "at the
    summit", "during the offensive"), at most five links down?"""
    current, links = noun, 0
    while current.head.i != current.i and links < 5:
        if current.dep_ == "prep" and current.head.i == verb.i:
            return current.lower_ in OCCASION_PREPS
        current, links = current.head, links + 1
    return False


def governor(token: Token, triggers: dict[int, Trigger]) -> Token | None:
    """A trigger that governs this one through a clause or object link, if any."""
    current = token
    for _ in range(3):
        if current.dep_ not in GOVERNED_DEPS or current.head.i == current.i:
            return None
        if current.dep_ == "conj":
            current = current.head  # a conjunct is governed by whatever governs its head
            continue
        current = current.head
        if current.i in triggers and current.i != token.i:
            return current
    return None


def _own_subject(token: Token) -> bool:
    """A verb with a subject of its own ("as *forces* launched"), not a relative pronoun."""
    return token.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("who", "which", "that") for c in token.children)


def ancestors(token: Token) -> list[Token]:
    """The token and its heads up to the root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _path_between(a: Token, b: Token) -> list[Token]:
    """The tokens strictly between two tokens of one sentence on their path in the parse."""
    up_a, up_b = ancestors(a), ancestors(b)
    ids_b = [t.i for t in up_b]
    for i, t in enumerate(up_a):
        if t.i in ids_b:
            return (up_a[1:i + 1] + list(reversed(up_b[1:ids_b.index(t.i)])))[: -1 if t.i == b.i else None]
    return up_a[1:] + up_b[1:]


def _clause_mates(head: Token, trigger: Token) -> bool:
    """Is the phrase outside any other clause with a party of its own: a relative clause ("the minister,
    who met Putin, resigned"), an adverbial clause with its own subject ("protested as Israel mourned") or
    the agent of another verb ("Backed by Russia, troops attacked")? (A clause the trigger governs, "demanded
    that Kyiv withdraw", names its party.)"""
    if head.dep_ == "pobj" and head.head.dep_ == "agent" and head.head.head != trigger:
        return False
    return not any(t.pos_ in ("VERB", "AUX") and t != trigger and (t.dep_ == "relcl" or t.dep_ == "advcl" and _own_subject(t))
                   for t in _path_between(head, trigger))


def _reports_or_hosts(head: Token, trigger: Token) -> bool:
    """Does the phrase name who reports the act ("…, her family said", "according to X") or where it
    happened ("in Karaj", "at the embassy")?"""
    if head.dep_ in SUBJECT_DEPS and head.head.lemma_.lower() in SPEECH_VERBS and head.head != trigger:
        return True
    prep = head.head
    return head.dep_ == "pobj" and (prep.lower_ in HOST_PREPS or prep.head.lower_ == "according")


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two different tokens of one sentence in the parse."""
    return len(_path_between(a, b)) + 1


def _depth(token: Token, triggers: dict[int, Trigger]) -> int:
    """How many triggers govern this one, one above the other."""
    depth, boss = 0, governor(token, triggers)
    while boss is not None and depth < len(triggers):
        depth, boss = depth + 1, governor(boss, triggers)
    return depth


def inner_trigger(token: Token, triggers: dict[int, Trigger]) -> Token | None:
    """The trigger this one governs ("refused to *engage*"), if any."""
    for other_i in triggers:
        other = token.doc[other_i]
        boss = governor(other, triggers)
        if other.i != token.i and boss is not None and boss.i == token.i:
            return other
    return None


def _hoped_on(noun: Token) -> bool:
    """ "betting on a summit", "pinning hopes on talks": the subject of the verb is the noun's actor."""
    prep = noun.head
    return prep.lower_ == "on" and prep.head.lemma_.lower() in HOPE_ON_VERBS
