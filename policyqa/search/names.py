"""Names that answer what/which questions: the noun a question asks for (什么发展模式 → 发展模式), and
the names in a sentence that can fill that role — a quoted name tied to it, a document title, an
organisation, a phrase ending in the asked noun, the subject of the question's verb, a place inside
the asked one. Never a fragment, an ordinal or a count."""
from __future__ import annotations

import re
from functools import lru_cache

from policyqa import lazyre
from policyqa import lexicon
from policyqa.index.gazetteer import contains, find_mentions, mentions_within
from policyqa.index.numbers import parse_quantity
from policyqa.index.tokenize import is_action_word, is_verb_like, is_verbal_noun
from policyqa.index.tokenize import words as cut

from .evidence import respectively
from .orgs import ORG_SUFFIX, company_inside, joined_orgs, org_spans
from .query import Query

_CLAUSE_BREAK = lexicon.CLAUSE_BREAK
QUOTED = lazyre.compile(lexicon.QUOTED)
_BOOK = lazyre.compile(r"《([^》]{2,60})》")
# (「…文旅专列名称」: a question may end in the word 名称 alone)
_ASKED_LAST = lazyre.compile(r"(?:(?:是|叫|为)?(?:什么|哪[一两几三]?[个家所座]|哪种|哪些)(?:名字|名称|全称)?|(?<=[\u4e00-\u9fff])的?(?:名称|名字|全称))"
                             r"[？?。 ]*(?:[(（][^)）]*[)）])?[？?。 ]*$")
ASKED = lazyre.compile(r"(?:什么|哪种|何种|哪[两几三]?[个家所座项条位名]|哪些|哪一)([\u4e00-\u9fff]{1,5})")
_LEAD_VERBS = lazyre.compile(r"^(?:成功|组织|推荐|帮助|支持|引导|推动|加快|推进|获批|认定|其中|目前|全市|我市|全年|当年|今年|年内|共|经|为|是|引进了?|新建|建成|"
                         r"牵头|驻点|依托|通过|新增|以及|与|和|及|在|将|把|对|由|了)+")
_PHRASE_STOP = set("，,。；;：:、《》 了的在被将已和与及等是为把对向从")
# no digits of their own: 「全省仅3家单位…」 is not a name; 「G60科创走廊…」 is
NAME_CHARS = r"(?:[A-Za-z][A-Za-z0-9]*|\d+[A-Za-z][A-Za-z0-9]*|[\u4e00-\u9fff（）()·])+"  # (「寒武纪1A处理器」「5G」「3D打印」)
_UNQUOTED_NAME = lazyre.compile(NAME_CHARS)
_COUNTED = lazyre.compile(r"^\d+[家个项名所条]")  # 「24家企业」 is a count, not a name
_ORDINAL = lazyre.compile(r"^[一二三四五六七八九十]+是|^第[一二三四五六七八九十]+")
# 「这些平台」「该企业」「上述园区」: words pointing at names said elsewhere, never a name
_POINTING = lazyre.compile(r"(?:这些|那些|这个|那个|这一|这家|该|此|上述|以上|其)")
# 「“一区四园”」「“三高四新”」: a slogan that counts parts, never the name of one thing
_NUMBERED_SLOGAN = lazyre.compile(r"(?:[一二两三四五六七八九十百]+[^一二两三四五六七八九十百]{1,3}){2,}")
_DOCUMENT_NOUNS = {"文件", "政策", "办法", "意见", "方案", "规划", "通知", "名称", "计划", "文件名"}
_ORG_KIND = lazyre.compile(rf"(?:{ORG_SUFFIX})$")
# 「七一电器成功被认定为…」: the subject is 七一电器, not 七一电器成功被
_TRAILING_ADVERBS = lazyre.compile(r"(?:成功|顺利|被|已经|已|均|分别|先后|再次|首次|正式|也|还|又)+$")
_GENERIC_WORDS = lazyre.compile("|".join(sorted(lexicon.GENERIC_BODY_WORDS, key=len, reverse=True)))
ORG_NOUNS = {"企业", "公司", "单位", "机构", "高校", "学校"}
_AT_A_PLACE = lazyre.compile(r"^[\u4e00-\u9fff]{0,12}?(?:会|会议|仪式|活动|论坛|大赛|典礼)[在于](?=[\u4e00-\u9fff]{4,})")
# 「新增的众创空间包括某某有限公司」: what stands before a list's introducer (and the 的 ending a description) is no
# part of the name after it
_BEFORE_LISTED = lazyre.compile(r"^.*?(?:包括|包含|例如|比如|诸如|其中有|分别是|分别为)|^的")
_YEARS_IN_BRACKETS = lazyre.compile(r"[(（][^)）]{4,16}[)）]")
_ITEM_BREAK = lazyre.compile(r"[、，,；;：:。]")
_ACTION_END = lazyre.compile(r"(?:打造|推动|推进|开展|举办|牵头|承担|负责|组织)$")  # 「雅安经开区打造」: a clause cut short
_ENTERPRISE = {"企业", "公司"}
# (研究院/研究所 without 公司: no business)
_PUBLIC_BODY = lazyre.compile(r"(?:中心|局|办公室|办|委员会|政府|大学|学院|医院|学校|研究院|研究所|科学院)$")
_PLACE_NOUNS = {"区", "县", "市", "城市", "地区", "县区", "县市", "地方", "乡镇", "镇", "县市区", "区县", "市州"}
_NAME_WORD_AT_END = lazyre.compile(rf"的?(?:{'|'.join(lexicon.NAME_WORDS)})$")
_NAME_JOINS = "与和及"
# 「并以科学谷为」: a piece of a clause, not a name — it opens or ends on a word that joins or governs
_DANGLING = lazyre.compile(r"^[并以而和与及]|[为以的了和与及在将被]$")
QUOTE_REACH = 16  # a quoted name answers only when the asked noun stands this close to it (「“…”为建设主题」)


def describes_itself(query: Query, sentence: str, start: int, end: int) -> bool:
    """A document's title says what the document is about, and a question about a document names that.

    Not when the noun comes before the question word (出台的双创顶层设计文件是什么): those words describe the
    document's context, and a title is judged by what stands around it."""
    heads = asked_nouns(query) if ASKED.search(query.text) else frozenset()
    wants_document = bool(heads & _DOCUMENT_NOUNS) or "叫什么" in query.text
    return wants_document and sentence[max(0, start - 1):start] == "《"


def asked_nouns(query: Query) -> frozenset[str]:
    """The noun a what/which question asks for: 什么发展模式 → 发展模式 / 模式, 哪家企业 → 企业,
    哪个科技企业孵化器 → 科技企业孵化器 / 孵化器."""
    return _asked(query)[0]


def whole_asked_noun(query: Query) -> str:
    """The asked noun as the question writes it (科技企业孵化器), not a member of its kind (园区 › 高新区) nor one of
    its tails; of two as long, the same one whatever Python's hashing."""
    own = [h for h in asked_nouns(query) if h not in _MEMBER_WORDS or h in query.text]
    return max(sorted(own), key=len, default="")


_MEMBER_WORDS = frozenset(w for members in lexicon.ASKED_KIND_MEMBERS.values() for w in members)


@lru_cache(maxsize=64)  # asked once per candidate; the query is the same for all of them
def _asked(query: Query) -> tuple[frozenset[str], str]:
    """(the asked noun and its tails, the rest of the question after it).

    The noun is the run of question terms after the question word up to the first verb or adverb
    (什么发展模式 → 发展模式; 哪个科技企业孵化器正式落户咸宁 → 科技企业孵化器)."""
    match = ASKED.search(query.text)
    if not match or match.group(1).startswith(lexicon.NAME_WORDS):  # 「…的研究院叫什么名字」 asks for the 研究院's name
        return _asked_before(query), ""
    after = query.text[match.start(1):].rstrip("？?。 ")
    for city in query.cities:  # 哪家咸宁企业 asks for a 企业; the place only narrows it
        if after.startswith(city):
            after = after[len(city):].removeprefix("市")
    words: list[str] = []
    while len("".join(words)) < len(after):
        rest = after[len("".join(words)):]
        found = [a for alts in query.terms for a in alts if rest.startswith(a)]
        word = max(found, key=len) if found else ""
        if not found or (words and (is_verb_like(word) or lexicon.ACHIEVED_BY.match(rest)
                                    or rest[len(word):len(word) + 1] in ("了", "过", "着")
                                    or (is_verbal_noun(word) and not rest[len(word):].strip("的了？?。 ")))):
            break  # (荣膺, 入选 … are verbs jieba's dictionary may not tag as such; 「突破了」 is one by its 了; a verbal
            # noun that ends the question is its verb: 「由哪家企业运营」, not 「哪个研发中心」)
        words.append(max(found, key=len))
    if words and (tail := _noun_tail(after[len("".join(words)):], query)):
        words.append(tail)  # 哪个科技城入选… : 城 is no word of the question, but it ends the asked noun
    if not words and after[:1] in _PHRASE_STOP and "家" in query.text[match.start():match.start(1)]:
        # 「以哪家为龙头」: 哪家 with no noun after it asks which organisation
        return _with_members(frozenset({"企业", "单位"})), after
    word = "".join(words) or _one_char_noun(after, query) or match.group(1)[:2]
    # a word cut across a particle (「科学谷为引领」 tokenised 科学|谷为) ends the noun at the particle
    word = word[:next((i for i, ch in enumerate(word) if i and ch in _PHRASE_STOP), len(word))]
    heads = frozenset({word, word[-2:]} | ({word[-3:]} if len(word) > 3 else set()))
    return _with_members(heads), after[len(word):]


def _with_members(heads: frozenset[str]) -> frozenset[str]:
    return heads.union(*(lexicon.ASKED_KIND_MEMBERS.get(h, ()) for h in heads))


def _noun_tail(rest: str, query: Query) -> str | None:
    """One or two characters between the asked noun's words and the question's next word that end the noun
    (科技|城|入选): not a particle or a verb."""
    for n in (1, 2):
        piece = rest[:n]
        if len(piece) == n and any(rest[n:].startswith(a) for alts in query.terms for a in alts):
            return piece if not set(piece) & _PHRASE_STOP and not is_verb_like(piece) \
                and not lexicon.ACHIEVED_BY.match(piece) else None
    return None


def _one_char_noun(after: str, query: Query) -> str | None:
    """哪个区的…, 哪个县…, 哪个区高新技术企业最多: a place noun of one character, which the word list leaves out."""
    if not after or after[0] not in _PLACE_NOUNS:
        return None
    return after[0] if after[1:2] in ("的", "") or any(after.startswith(a, 1) for alts in query.terms for a in alts) \
        else None


def _asked_before(query: Query) -> frozenset[str]:
    """The noun of a question that ends in its question word: …农业高新技术示范区是哪个 → 农业高新技术示范区."""
    match = _ASKED_LAST.search(query.text)
    if not match:
        return frozenset()
    # 「…链主企业的是哪家」 asks which 企业, as 「…链主企业是哪家」 does
    # (「…办法全称是什么」: 全称 asks for the 办法's whole name)
    before, words = _NAME_WORD_AT_END.sub("", query.text[:match.start()]).removesuffix("的"), []
    while True:
        rest = before[:len(before) - len("".join(words))]
        found = [a for alts in query.terms for a in alts if rest.endswith(a)]
        if not found:
            break
        longest = max(found, key=len)
        # a verb ends the noun (获得|称号), unless 的 stands before it: 「…运行的转化医学研究院」 is one noun
        if words and is_verb_like(longest) and not rest[:-len(longest)].endswith("的"):
            break
        words.insert(0, longest)
    word = "".join(words)
    if word in lexicon.POINTED_ORG:  # 「…做纺织科技的那家叫什么」: 那家 points back at an organisation
        return _with_members(frozenset({"企业", "单位"}))
    return _with_members(frozenset({word, word[-2:]} | ({word[-3:]} if len(word) > 3 else set()))) if word \
        else frozenset()


def asks_for_a_place(query: Query) -> bool:
    """哪个区, 哪个县: a place inside the asked one is the answer."""
    return bool(asked_nouns(query) & _PLACE_NOUNS)


def name_candidates(query: Query, sentence: str) -> list[tuple[int, int, str, str]]:
    """Named things, as (start, end, text, kind): quoted names and document titles, organisations, the
    noun phrase that ends in the asked noun (哪个孵化器 → 「清华大学启迪之星科技企业孵化器」), and the
    subject of the question's verb (哪家企业入选… → 「金盛兰」入选…) — minus what the question itself names.
    A longer name that ends in the asked noun replaces the shorter names inside it."""
    heads = asked_nouns(query)
    if lexicon.WHO_ASKED.search(query.text):  # 谁 is answered by a person, named after the title the sentence gives
        return _persons(query, sentence)
    if asks_for_a_place(query):  # 哪个区 is answered by a place inside the asked one, from the gazetteer
        found = mentions_within(sentence, query.places)
        # (「福州市鼓楼区」 names 鼓楼区: a place right before one of its own only says where that one is)
        return [(m.start, m.end, m.surface, "place") for m, after in zip(found, found[1:] + [None])
                if m.place not in query.places and any(contains(p, m.place) for p in query.places)
                and not (after and after.start == m.end and contains(m.place, after.place))]
    out = [(m.start(1), m.end(1), m.group(1), "quoted") for p in (QUOTED, _BOOK) for m in p.finditer(sentence)
           if _names_the_role(sentence, m.start(), m.end(), heads, query)
           # (a document's title answers which document, or names a thing of the asked kind by its last word: not
           # 《…特色园区(试点)名单》 for 哪个园区)
           and (p is QUOTED or heads & _DOCUMENT_NOUNS or any(m.group(1).endswith(h) for h in heads))]
    for start, end in (part for span in org_spans(sentence) for part in joined_orgs(sentence, *span)):
        # (「我县山东齐物智能科技有限公司」: the report's own place said before a name is not part of it)
        name = lexicon.SELF_PLACE.sub("", _LEAD_VERBS.sub("", _after_a_count(sentence, start, sentence[start:end])))
        name = _AT_A_PLACE.sub("", name)  # 「科技型企业座谈会在某某有限公司举行」: the name starts after the event's 在
        name = _BEFORE_LISTED.sub("", name)
        if heads & ORG_NOUNS and (company := company_inside(name)):  # 哪家企业: the company, not its centre
            end, name = end - len(name) + company.end(), company.group(0)
        if "的" in name and any(is_verb_like(w) for w in cut(name[:name.rindex("的")])):
            name = name[name.rindex("的") + 1:]  # 「位于晋江的福建夜光达科技股份有限公司」: a clause describes it
        # an organisation answers 哪家企业/哪个单位, or a which-question whose noun its name ends in
        kind = _ORG_KIND.search(name)
        fits = not heads or heads & ORG_NOUNS or any(name.endswith(h) for h in heads) or (kind and kind[0] in query.text)
        if len(name) >= 4 and _UNQUOTED_NAME.fullmatch(name) and fits and not _generic(name):
            out.append((end - len(name), end, name, "org"))
    from .subjects import subjects_of  # (subjects reads this module's pieces of names)

    if not heads & ORG_NOUNS:  # 「…企业」 phrases are everywhere; organisations have names of their own
        out += [(s, e, a, "phrase") for s, e, a in _phrases_ending_in(sentence, heads, query)]
    else:
        out += [(s, e, a, "subject") for s, e, a in subjects_of(sentence, query) if not _generic(a)]
    from .slots import slot_fillers  # (slots reads this module's pieces of names)

    # (a verb standing where the slot is, 「前三季度，完成…」, fills no slot)
    # (nor does one ending in a status granted: 「其中4家企业为新认定」)
    out += [(s, e, a, "slot") for s, e, a in slot_fillers(query, sentence)
            if not is_action_word(a) and not lexicon.STATUS_VERB.fullmatch((cut(a) or [""])[-1])]
    out = _by_year_respectively(query, sentence, out)
    flat = [t for alts in query.terms for t in alts]
    out = [_after_open_bracket(c) for c in out]
    out = [(s, e, a, k) for s, e, a, k in out
           if a and a not in query.text and not any(a in t for t in flat) and not _ORDINAL.match(a)
           and not _NUMBERED_SLOGAN.fullmatch(a) and not _POINTING.match(a)
           and not _COUNTED.match(a) and _balanced(a) and not _restates(query, a) and not _only_a_place(a)
           and parse_quantity(a) is None and not (k == "quoted" and heads & ORG_NOUNS and not _ORG_KIND.search(a))
           and not (k != "quoted" and (_DANGLING.search(a) or _ACTION_END.search(a) or _generic(a, heads)))]
    # a name inside a document's title is part of that title (「《内蒙古自治区高新技术产业开发区管理办法》」) — but for
    # the title without the years in brackets it ends in (「《…五年规划(2024—2028年)》」)
    titles = [(m.start(1), m.end(1)) for m in _BOOK.finditer(sentence)]
    out = [c for c in out if c[3] == "quoted" or not any(
        s <= c[0] and c[1] <= e and (s, e) != c[:2] and not (s == c[0] and _YEARS_IN_BRACKETS.fullmatch(sentence[c[1]:e]))
        for s, e in titles)]
    if heads & _ENTERPRISE:  # 哪家企业 is answered by a business, not a public body (「市科技金融服务中心」)
        out = [c for c in out if not _PUBLIC_BODY.search(c[2])]
    named = [(s, e) for s, e, a, k in out if k == "phrase"]
    out = [c for c in out if c[3] in ("phrase", "slot") or not any(s <= c[0] and c[1] <= e for s, e in named)]
    # a slot filled inside a longer phrase (「高标准打造西塞科学谷」 › 西塞科学谷) is the name; the phrase is not
    slots = [(s, e) for s, e, a, k in out if k == "slot"]
    return [c for c in out if c[3] != "phrase" or not any(c[0] < s and e <= c[1] for s, e in slots)]


def _persons(query: Query, sentence: str) -> list[tuple[int, int, str, str]]:
    """The people a sentence names after their titles, those whose own words (their item of a list: 「新疆农业科学院
    研究员王成」) hold most of the question's words."""
    words = [t for alts in query.terms for t in alts]
    found = []
    for m in lexicon.PERSON_AFTER_TITLE.finditer(sentence):
        if m.group(1) in query.text:
            continue
        item = sentence[max((b.end() for b in _ITEM_BREAK.finditer(sentence, 0, m.start())), default=0):m.start(1)]
        found.append((sum(w in item for w in words), (m.start(1), m.end(1), m.group(1), "person")))
    best = max((held for held, _ in found), default=0)
    return [person for held, person in found if held == best]


def _after_open_bracket(candidate: tuple[int, int, str, str]) -> tuple[int, int, str, str]:
    """「湖北技术交易所咸宁分所(科慧网咸宁分中心」 runs into a bracket it does not close: the name is what the bracket
    opens (the other name of the thing before it)."""
    s, e, a, k = candidate
    cut = max(a.rfind("("), a.rfind("（"))
    if cut >= 0 and a.count("(") + a.count("（") > a.count(")") + a.count("）"):
        tail = a[cut + 1:]  # (a word or two cut off at the passage's end, 「(国家」, names nothing: no candidate)
        return s + cut + 1, e, tail if len(tail) >= 4 else "", k
    return candidate


def _balanced(name: str) -> bool:
    """A name cut inside its quotation marks or brackets (「众创空间(国家」) is a piece of one."""
    return all(name.count(a) == name.count(b) for a, b in ("“”", "()", "（）", "《》"))


def _only_a_place(name: str) -> bool:
    """「鞍山市」 names where a thing is, not the thing asked for (a place asked with 哪个区 is answered above)."""
    found = find_mentions(name)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(name)


def _restates(query: Query, name: str) -> bool:
    """「我省第一家生物化工专业孵化器」 for 甘肃第一家生物化工专业孵化器叫什么: the question's own description
    (its place said as 我省), not the name it asks for."""
    rest = lexicon.SELF_PLACE.sub("", name)
    # (「鲁南地区最大的软件测试中心」 restates 「鲁南地区最大软件测试中心」: a 的 more or less is the same words)
    return len(rest) >= 4 and (rest in query.text or rest.replace("的", "") in query.text.replace("的", ""))


def _by_year_respectively(query: Query, sentence: str, found: list) -> list:
    """「扬杰电子、新扬新材料分别获得2020年、2021年度…奖」: for a question about 2020 the first name answers and the
    second is another year's."""
    if query.year is None:
        return found
    for pairs in respectively(sentence):
        years = [value for _, (_, _, value) in pairs]
        if not all(v.isdigit() for v in years) or str(query.year) not in years:
            continue
        (start, end, name), _ = pairs[years.index(str(query.year))]
        name = _LEAD_VERBS.sub("", name.strip())
        others = [(s, e) for (s, e, _), _ in pairs]
        found = [c for c in found if not any(s <= c[0] and c[1] <= e for s, e in others)]
        found.append((end - len(name), end, name, "subject"))
    return found


def _after_a_count(sentence: str, start: int, name: str) -> str:
    """「…5家市研发中心」: the counter after a figure belongs to the figure, not to the name."""
    if start and sentence[start - 1].isdigit():
        return name.lstrip(lexicon.COUNTERS)
    return name


def _generic(name: str, heads: frozenset[str] = frozenset()) -> bool:
    """「研发中心」「省高新技术企业研发中心」「省级重点实验室」 name a kind of body, not one body: nothing but generic
    words before the kind (an organisation's, or the asked noun)."""
    kind = _ORG_KIND.search(name)
    head = next((h for h in sorted(heads, key=len, reverse=True) if name.endswith(h)), "")
    stem = name[:kind.start()] if kind else name[:len(name) - len(head)]
    return len(_GENERIC_WORDS.sub("", stem)) < 2


def _names_the_role(sentence: str, start: int, end: int, heads: frozenset[str], query: Query) -> bool:
    """A quoted name answers a what/which question only when the sentence ties it to the asked noun
    (「以“科技支撑生态文明”为建设主题」, 「《…管理办法》」 for 什么文件) — not any quoted word of the sentence."""
    if describes_itself(query, sentence, start + 1, end - 1):
        return True
    # (what follows it, only within its own clause: 「…“绣花针”的功夫，首次夺得…荣誉」 does not tie the quote to 荣誉;
    # what precedes it may introduce it: 「确定主题：“…”」「获得荣誉称号，即“…”」)
    near = sentence[max(0, start - QUOTE_REACH):start] + _CLAUSE_BREAK.split(sentence[end:end + QUOTE_REACH])[0]
    inside = sentence[start + 1:end - 1]  # the name within its quotation marks
    if heads and not heads & ORG_NOUNS and any(h in near or inside.endswith(h) for h in heads):
        return True
    # the object of the question's own verb: 举办什么活动 → 「举办“咸宁·青桐汇”」, 被授予什么 → 「被授予“…”」, with the
    # question's own words between them (入选了中国科协的什么称号 → 「入选中国科协“…”」)
    lead = sentence[max(0, start - 12):start]
    words = [t for alts in query.terms for t in alts]
    # (a verb inside the asked noun, 创新 of 「科技创新荣誉」, is not the question's own)
    for verb in (t for t in words if len(t) >= 2 and is_verb_like(t) and not any(t in h for h in heads)):
        if (at := lead.rfind(verb)) < 0:
            continue
        rest = lead[at + len(verb):]
        for word in sorted(words, key=len, reverse=True):
            rest = rest.replace(word, "")
        if len(rest) <= 2:
            return True
    return False


def _phrases_ending_in(sentence: str, heads: set[str], query: Query) -> list[tuple[int, int, str]]:
    out = []
    # The question's verbs end a name (获得|…称号); its nouns may be part of one (「全省科技系统先进集体」称号).
    stops = {t for alts in query.terms for t in alts if len(t) >= 2 and is_verb_like(t)}
    stops |= set(lexicon.NAME_GIVEN_BY)
    for head in sorted(heads):  # (in one order whatever Python's hashing: callers take the first they like)
        for m in re.finditer(re.escape(head), sentence):
            start = m.start()
            while start > 0 and sentence[start - 1] not in _PHRASE_STOP and m.end() - start < 30:
                if any(sentence[:start].endswith(s) for s in stops):
                    break
                city = next((c for c in query.cities if sentence[:start].endswith(c)), None)
                if city:  # the asked place opens a name (「，宜昌柔性电子重点实验室」) or ends its context
                    before = start - len(city)
                    if before and sentence[before - 1] not in _PHRASE_STOP and _inside_name(sentence, before, stops):
                        start = before  # 「签约长三角一体化六安创新中心项目」: the place stands inside the name
                        continue
                    start = before if before == 0 or sentence[before - 1] in _PHRASE_STOP else start
                    break
                start -= 1
            if start > 1 and sentence[start - 1] in _NAME_JOINS and "\u4e00" <= sentence[start - 2] <= "\u9fff":
                # 「张湾汽车智能装备及零部件特色产业基地」: cut at 及, the name is longer than the phrase — it runs
                # on to its clause's start when what stands there is no name of its own (「A公司和B实验室」)
                if (whole := _joined_name(sentence, start - 1, m.end(), heads)) is not None:
                    out.append(whole)
                continue
            phrase = _without_leading_verbs(_LEAD_VERBS.sub("", sentence[start:m.end()]))
            if len(phrase) > len(head) + 1 and _UNQUOTED_NAME.fullmatch(phrase.replace("“", "").replace("”", "").replace("+", "")) \
                    and not _generic(phrase, frozenset(heads)):
                out.append((m.end() - len(phrase), m.end(), phrase))
    return out


def _inside_name(sentence: str, at: int, stops: set[str]) -> bool:
    """The words right before a place go on with a name (「长三角一体化」六安…) rather than set its context (「落户」宜昌…,
    「在」宜昌…, 某集团「投资」宜昌…): no verb, verbal noun or word of the question's verbs ends them."""
    words = cut(sentence[max(0, at - 8):at])
    return bool(words) and not is_action_word(words[-1]) and not any(sentence[:at].endswith(s) for s in stops)


def _joined_name(sentence: str, join: int, end: int, heads: set[str]) -> tuple[int, int, str] | None:
    left = max((b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, join)), default=0)
    first = _without_leading_verbs(_LEAD_VERBS.sub("", sentence[left:join]))
    if not first or _ORG_KIND.search(first) or any(first.endswith(h) for h in heads) \
            or any(is_verb_like(w) for w in cut(first)) or not _UNQUOTED_NAME.fullmatch(first):
        return None
    begin = join - len(first)
    return begin, end, sentence[begin:end]


def _without_leading_verbs(phrase: str) -> str:
    """「实现省级以上高新区」 → 省级以上高新区: a verb opens the clause, not the name."""
    words = cut(phrase)
    while len(words) > 1 and is_verb_like(words[0]):
        words = words[1:]
    return "".join(words)
