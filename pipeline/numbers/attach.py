"""Currency and unit attachment: what a numeral is, from what stands around it.

A currency symbol or code before it, a currency name, code or minor unit after it, a percent sign,
a unit (with a divisor: "tokens per second"), a rate ("$18.40 per square foot"), a sign, a multiple,
a hedge; and the US-dollar figure of money, by :func:`pipeline.fx.resolve_usd`.
"""

from __future__ import annotations

import re

from pipeline import fx
from pipeline.numbers.data import GluedMinorUnit, MinorUnit
from pipeline.numbers.drafts import Core, Draft
from pipeline.numbers.grammar import Grammar
from pipeline.numbers.patterns import normalise_symbol
from pipeline.numbers.tokens import DASHES

_TIME_PREPOSITIONS = frozenset({"at", "by", "until", "till", "from", "before", "after"})
# "a year earlier", "a quarter ago": the time of a comparison's baseline, not a rate ("$30 a month")
_AGO = re.compile(r"[ \t\u00a0]{1,2}(?:earlier|ago|before|prior|previously|later|back)\b", re.IGNORECASE)


class Attachments(Grammar):
    """The context of a numeral: currencies, units, signs, rates and hedges."""

    def money_rate(self, end: int) -> tuple[str, int] | None:
        """What a price is per, and where it ends: a unit by its name ("$18.40 per square foot", "$98/t",
        "$9,100 a metric ton" -> "per tonne"), else a rate noun ("$30,000 per chip", "£30 a month")."""
        p, text, d = self.p, self.text, self.d
        mu = p.rate_unit.match(text, end)
        if mu is not None and mu.group("per").strip().lower() in ("a", "an") and _AGO.match(text, mu.end()):
            return None
        if mu is not None:
            surface = mu.group("u")
            found = p.unit_lookup_cs.get(surface) or p.unit_lookup_ci.get(" ".join(surface.lower().split()))
            if found is not None and surface.lower() not in d.risky_spaced and surface not in d.risky_spaced:
                return "per " + p.unit_names[found[0]], mu.end()
        mr = p.rate_suffix.match(text, end)
        if mr is None:
            return None
        noun = " ".join(mr.group("noun").lower().split())
        per = mr.group("per").strip().lower().strip("-").strip()
        if per in ("a", "an") and _AGO.match(text, mr.end()):
            return None
        if per in ("per", "/", "each"):
            return "per " + _singular(noun), mr.end()
        after = self.tok(self.tok_at_char(mr.end()))
        if noun in d.article_rate_nouns and not (after is not None and after.low == "of"):
            return "per " + _singular(noun), mr.end()  # not "$100 million a unit of SoftBank"
        return None

    def apply_sign(self, core: Core, draft: Draft) -> int:
        i = self.tok_at_char(core.start)
        prev = self.tok(i - 1)
        if prev is not None and prev.text == "+" and self.toks[i].kind == "n" and self.plus_sign(i):
            draft.start = prev.start
            core.sign = "+"
        if prev is not None and prev.text in DASHES and not core.negative and self.toks[i].kind == "n":
            before = self.tok(i - 2)
            glued = not self.toks[i].space
            ok = before is None or (before.kind == "s" and (
                before.text in "([{:=,;\"'“" or normalise_symbol(before.text) in self.p.prefix_codes)) or (
                prev.space and before.kind == "w" and (glued or before.low in ("is", "at", "to", "convert", "of")))
            if before is not None and (before.kind == "n" or not prev.space and before.kind == "w"):
                ok = before.kind == "n" and prev.space and glued and self.index_ends(before.end)
            if ok and (glued or before is None or prev.space):
                draft.start = prev.start
                draft.amount = -(draft.amount or 0)
                core.negative = True
                core.sign = "-"
        return draft.start

    def index_ends(self, pos: int) -> bool:
        """A market index's name ends at ``pos`` ("FTSE 100 -0.8%": the 100 is the name's, the sign the figure's)."""
        return self.p.index_before.search(self.text, max(0, pos - 40), pos) is not None

    def fix_sign_before_symbol(self, draft: Draft) -> None:
        i = self.tok_at_char(draft.start)
        prev = self.tok(i - 1)
        if prev is not None and prev.text in DASHES and not self.toks[i].space and (
                i - 2 < 0 or self.toks[i - 2].kind == "s" or prev.space):
            draft.start = prev.start
            draft.amount = -(draft.amount or 0)

    def resolve_symbol(self, surface: str, pos: int) -> str | None:
        key = normalise_symbol(surface)
        code = self.p.prefix_codes.get(key)
        if code is None and key.startswith("U.S") and key.endswith("$"):
            code = "USD"
        if surface.strip() in self.d.ambiguous:
            return self.disambiguate(surface.strip(), pos)
        return code

    def disambiguate(self, symbol: str, pos: int) -> str:
        default, cues = self.d.ambiguous[symbol]
        best, best_n = default, 0
        lo, hi = max(0, pos - 600), min(len(self.text), pos + 600)
        for code in cues:
            pat = self.p.cue_words[symbol + ":" + code]
            count = sum(1 for _ in pat.finditer(self.text, lo, hi))
            if count > best_n:
                best, best_n = code, count
        return best

    def resolve_suffix(self, m: object, core: Core) -> tuple[str | None, float | None]:
        assert isinstance(m, re.Match)
        d = self.d
        if m.group("name"):
            name = " ".join(m.group("name").lower().split())
            if "-" in m.group("sep") and not core.words and core.scaled:
                return None, None
            if name in d.minor_units:
                minor = d.minor_units[name]
                return self.minor_currency(minor, core.start, m.end()), minor.factor
            code = d.names.get(name)
            if code == "GBP" and name in ("pound", "pounds") and not self.pounds_are_money(core, m.end()):
                return None, None
            return code, None
        if m.group("code"):
            raw = m.group("code")
            if raw in d.codes:
                return d.codes[raw], None
            if raw.startswith(d.million_prefix) and raw[len(d.million_prefix):] in d.codes:
                return d.codes[raw[len(d.million_prefix):]], None
            return d.codes.get(raw.upper()), None
        if m.group("sym"):
            return self.resolve_symbol(m.group("sym"), core.start), None
        return None, None

    def minor_currency(self, minor: MinorUnit, start: int, end: int) -> str:
        """"27 cents" are cents of the currency stated nearest in the sentence ("rose 27 cents to A$41.10")."""
        for k in self.sentence_numerals(start, end):
            m = self.prefix_before(self.toks[k].start)
            if m is not None:
                code = self.resolve_symbol(m.group("cur"), self.toks[k].start)
                if code in minor.of:
                    return code
        return minor.currency

    def sentence_numerals(self, start: int, end: int, reach: int = 16) -> list[int]:
        """The digit tokens within ``reach`` tokens of a span and in its sentence, nearest first."""
        toks = self.toks
        found: list[tuple[int, int]] = []
        first, last = self.tok_at_char(start), self.tok_at_char(end)
        for step, stop in ((1, min(self.n, last + reach)), (-1, max(-1, first - 1 - reach))):
            k = last if step == 1 else first - 1
            while k != stop and not self.sentence_end(k):
                if toks[k].kind == "n":
                    found.append((abs(k - (last if step == 1 else first)), k))
                k += step
        return [k for _, k in sorted(found)]

    def glued_minor(self, core: Core) -> tuple[GluedMinorUnit, int] | None:
        """"212p", "fell 41p": a minor unit glued to the digits; not "1080p" video or "back at 7p"."""
        k = core.end_tok
        t = self.tok(k)
        if t is None or t.space or t.kind != "w" or core.words or core.scaled:
            return None
        unit = self.d.glued_minor.get(t.text)
        if unit is None or self.glued(k + 1) and self.toks[k + 1].kind in "nw":
            return None
        if core.is_int and int(core.value) in unit.not_after:
            return None
        prev = self.tok(self.tok_at_char(core.start) - 1)
        if prev is not None and prev.low in _TIME_PREPOSITIONS and self.clock_like(core):
            return None
        return unit, t.end

    def pounds_are_money(self, core: Core, end: int) -> bool:
        if core.scaled:
            return True
        window = self.text[max(0, core.start - 80):min(len(self.text), end + 40)].lower()
        words = set(window.replace(",", " ").replace(".", " ").split())
        if words & self.d.pound_weight_cues:
            return False
        return bool(words & self.d.pound_money_cues) or "£" in window

    def scale_after_code(self, draft: Draft) -> None:
        """"75 USD million": a scale word after the currency code."""
        k = self.tok_at_char(draft.end)
        t = self.tok(k)
        if t is not None and t.space and t.low in self.d.scales and not draft.core.scaled:
            draft.amount = (draft.amount or 0) * self.d.scales[t.low]
            draft.end = t.end

    def minor_after_major(self, draft: Draft) -> None:
        """"3 dollars 50 cents", "17 USD 25": the minor unit after the major one."""
        if draft.core.scaled or not draft.core.is_int:
            return
        k = self.tok_at_char(draft.end)
        t = self.tok(k)
        if t is not None and t.low == "and":
            k += 1
        t = self.tok(k)
        if t is None or not (t.kind == "n" or t.low in self.number_words):
            return
        core = self.chain(k)
        if not isinstance(core, Core) or not core.is_int or not 0 < core.value < 100 or core.scaled:
            return
        end = core.end
        ms = self.p.currency_suffix.match(self.text, end)
        after = self.tok(core.end_tok)
        if ms and ms.group("name") and ms.group("name").lower() in self.d.minor_units:
            end = ms.end()
        elif after is not None and after.kind == "w" and after.low not in ("and", "more"):
            return
        elif after is not None and after.kind == "n":
            return
        elif after is not None and after.kind == "s" and normalise_symbol(after.text) in self.p.prefix_codes:
            return
        draft.amount = (draft.amount or 0) + core.value / 100
        draft.end = end
        draft.pattern += "+minor"

    def symbol_belongs_to_next(self, pos: int) -> bool:
        k = self.tok_at_char(pos)
        t = self.tok(k)
        if t is None or t.kind != "n":
            return False
        core = self.digit_item(k)
        if not isinstance(core, Core):
            return False
        ms = self.p.currency_suffix.match(self.text, core.end)
        return ms is not None and ms.group("name") is not None and \
            ms.group("name").lower() not in self.d.minor_units

    def accounting_negative(self, draft: Draft) -> None:
        """"revenue is ($99.99)": brackets around an amount mark a loss in accounts."""
        i = self.tok_at_char(draft.start - 1)
        before = self.tok(i - 1)
        if before is None or before.kind == "s" and before.text == ":" or before.low in (
                "is", "was", "were", "are", "of", "at"):
            draft.start -= 1
            draft.end += 1
            draft.amount = -(draft.amount or 0)
            draft.end_tok = self.tok_at_char(draft.end)
            draft.pattern += "+accounting"

    def convert(self, draft: Draft, stated_usd: float | None = None) -> None:
        """The US-dollar figure by the one rule (:func:`pipeline.fx.resolve_usd`), once per money value."""
        if draft.usd is not None or draft.currency is None:
            return
        figure = fx.resolve_usd(draft.amount, draft.currency, stated_usd, self.published)
        draft.usd, draft.usd_basis = figure.usd, figure.basis
        if figure.warning:
            draft.warnings.append(figure.warning)

    def percent_kind(self, draft: Draft) -> None:
        """share, change or points; a fall makes the change negative."""
        d = self.d
        if draft.unit == "percentage_point":
            draft.value_kind = "points"
        else:
            draft.value_kind = "share"
        i = self.tok_at_char(draft.start) - 1
        # skip a hedge ("up about 3%")
        mh = self.p.hedge_before.search(self.text, max(0, draft.start - 30), draft.start)
        if mh:
            i = self.tok_at_char(mh.start()) - 1
        direction = 0
        steps = 0
        while i >= 0 and steps < 3:
            t = self.toks[i]
            if t.kind != "w":
                if t.text in ("-",) and steps == 0:
                    i -= 1
                    continue
                break
            if t.low in d.blockers:
                break
            if t.low in d.up_words:
                direction = 1
                break
            if t.low in d.down_words:
                direction = -1
                break
            if t.low == "by":
                i -= 1
                steps += 1
                continue
            i -= 1
            steps += 1
        if direction == 0:
            j = self.tok_at_char(draft.end)
            nxt = self.tok(j)
            if nxt is not None and nxt.kind == "w" and nxt.low in d.after_change:
                direction = -1 if nxt.low in d.down_words or nxt.low in ("loss",) else 1
        if direction:
            if draft.value_kind == "share":
                draft.value_kind = "change"
            if direction < 0 and draft.amount is not None and draft.amount > 0:
                draft.amount = -draft.amount
        elif draft.core.sign and draft.value_kind == "share":
            draft.value_kind = "change"  # "+0.4%", "FTSE 100 -0.8%": a signed percentage is a change

    def multiple_after(self, core: Core, end: int) -> int | None:
        """"2x", "three times faster", "a 3-fold increase": the end of the multiple."""
        d = self.d
        k = self.tok_at_char(end)
        t = self.tok(k)
        if t is None:
            return None
        if t.low in ("x", "×") and not t.space and not (self.glued(k + 1) and self.toks[k + 1].kind in "nw"):
            return t.end
        if t.low == "fold" and not t.space:
            return t.end
        if t.text == "-" and self.glued(k) and self.glued(k + 1) and self.toks[k + 1].low == "fold":
            return self.toks[k + 1].end
        if t.low == "times" and t.space:
            nxt = self.tok(k + 1)
            if nxt is not None and nxt.kind == "w" and (nxt.low in d.comparatives or nxt.low.endswith("er")):
                return t.end
        return None

    def unit_after(self, core: Core, end: int, lenient: bool = False) -> tuple[str, int, str] | None:
        """A unit right after the numeral, with an optional divisor ("tokens per second")."""
        p, d, text = self.p, self.d, self.text
        m = p.unit_suffix.match(text, end)
        bracket = False
        if m is None:
            m = p.bracket_unit.match(text, end)
            bracket = m is not None
            if m is None:
                return None
        surface = m.group("u")
        sep = m.group("sep")
        spaced = bool(sep.strip(" \t\u00a0-") == "" and sep != "")
        hyphen = "-" in sep
        found = p.unit_lookup_cs.get(surface)
        if found is None:
            found = p.unit_lookup_ci.get(" ".join(surface.lower().split()))
        if found is None:
            return None
        expr, canonical = found
        # guards for short aliases
        nxt_i = self.tok_at_char(m.end())
        nxt = self.tok(nxt_i)
        risky = surface in d.risky_spaced or surface.lower() in d.risky_spaced
        if surface in ("C", "F"):
            if not spaced and not core.negative:
                return None
            if core.plain_digits is not None and len(core.plain_digits) == 4:
                return None
            if nxt is not None and nxt.text == "." and not nxt.space:
                return None
            if nxt is not None and nxt.kind == "w" and nxt.text[:1].isupper():
                return None
            if nxt is not None and nxt.kind in "n" or nxt is not None and nxt.text in "-/" and not nxt.space:
                return None
        elif risky and (spaced or hyphen) and not bracket and not lenient:
            if nxt is not None and nxt.kind in "nw" and nxt.low not in d.risky_allowed_after:
                return None
            if surface == "in" and core.words:
                return None
        if surface in ("am", "pm") and (core.words or self.clock_like(core)):
            return None
        if surface == "s" and not spaced:
            return None  # the 1990s, her 20s
        if surface in ("\"", "″", "”"):
            if core.words or spaced and (nxt is None or nxt.low not in d.risky_allowed_after):
                return None
            if self.text.count("\"", max(0, core.start - 120), core.start) % 2 == 1:
                return None  # a closing quotation mark: 'the class is "English 101"'
        if nxt is not None and nxt.text in DASHES and not nxt.space and self.glued(nxt_i + 1) and \
                self.toks[nxt_i + 1].kind == "n":
            return None  # a part number: "24703 L-202"
        if canonical == "degree" and surface in ("°", "º") and nxt is not None and nxt.low in ("c", "f"):
            return None
        uend = m.end()
        pattern = "quantity:unit"
        if canonical == "degree":
            pattern = "quantity:" + self.degree_kind(core.start, m.end())
        md = p.unit_divisor.match(text, uend)
        if md is not None and "/" not in canonical:
            dsurf = md.group("u")
            dfound = p.unit_lookup_cs.get(dsurf) or p.unit_lookup_ci.get(" ".join(dsurf.lower().split()))
            if dfound is not None and "/" not in dfound[1] and dfound[1] != canonical:
                per_word = text[uend:md.start("u")].strip().lower()
                # "a" or "an" makes a rate only of time units: "60 tokens a second", not "5 W a chip"
                if per_word not in ("a", "an") or dfound[1] in ("hour", "second", "minute", "day", "week",
                                                                 "month", "year"):
                    canonical = f"{canonical} / {dfound[1]}"
                    uend = md.end()
                    pattern = "quantity:rate"
        return canonical, uend, pattern

    def modified_unit(self, core: Core, end: int) -> tuple[str, int, str] | None:
        """"312 receiving yards", "five business days": a unit after one of the words that qualify it."""
        t = self.tok(self.tok_at_char(end))
        if t is None or t.kind != "w" or not t.space or t.low not in self.d.unit_modifiers:
            return None
        found = self.unit_after(core, t.end)
        if found is None or self.text[t.end:t.end + 1] not in " \t":
            return None
        canonical, uend, pattern = found
        return canonical, uend, pattern + "+modifier"

    def aged_before(self, start: int) -> bool:
        """"aged 25 to 40", "aged between 25 and 40": years of age."""
        words = self.text[max(0, start - 20):start].lower().split()[-2:]
        if words and words[-1] == "between":
            words.pop()
        return bool(words) and words[-1] in self.d.age_words_before

    def feet_and_inches(self, draft: Draft) -> None:
        """"5 feet 2 inches", "12 ft 2 in": one length in feet."""
        k = self.tok_at_char(draft.end)
        t = self.tok(k)
        if t is not None and t.low == "and":
            k += 1
        t = self.tok(k)
        if t is None or t.kind != "n" or not t.space:
            return
        core = self.digit_item(k)
        if not isinstance(core, Core) or core.value >= 12:
            return
        unit = self.unit_after(core, core.end, lenient=True)
        if unit is None or unit[0] != "inch":
            return
        draft.amount = (draft.amount or 0) + core.value / 12
        draft.end = unit[1]
        draft.pattern = "quantity:feet_inches"

    def degree_kind(self, start: int, end: int) -> str:
        """A bare "degrees": an angle or a temperature, from the words around it."""
        window = self.text[max(0, start - 60):min(len(self.text), end + 40)].lower()
        for kind in ("angle", "temperature"):
            if any(cue in window for cue in self.d.degree_cues.get(kind, ())):
                return "degree_" + kind
        return "degree"

    def clock_like(self, core: Core) -> bool:
        """6, 11 or 2.13 before am/pm is a time; 2.1 or 2.123 is a length."""
        if core.words:
            return True
        surface = self.text[core.start:core.end]
        if core.is_int:
            return abs(core.value) <= 12
        whole, _, frac = surface.partition(".")
        return len(frac) == 2 and int(frac) < 60 and whole.isdigit() and int(whole) <= 12

    def article_unit(self, i: int) -> Draft | None:
        """"a gallon", "a kibibyte", "a penny": one of a unit written with the article."""
        nxt = self.tok(i + 1)
        if nxt is None or nxt.kind != "w" or nxt.low not in self.d.article_units:
            return None
        after = self.tok(i + 2)
        if after is not None and not after.space and after.kind in "nw" or \
                after is not None and after.text in DASHES and not after.space:
            return None
        t = self.toks[i]
        core = Core(t.start, t.end, 1.0, i + 1, words=True)
        minor = self.d.minor_units.get(nxt.low)
        if minor is not None:
            return Draft(start=t.start, end=nxt.end, kind="money", amount=minor.factor, core=core,
                         currency=minor.currency, value_kind="amount", pattern="money:minor+article",
                         end_tok=i + 2)
        found = self.p.unit_lookup_ci.get(nxt.low)
        if found is None:
            return None
        return Draft(start=t.start, end=nxt.end, kind="quantity", amount=1.0, core=core, unit=found[1],
                     value_kind="measure", pattern="quantity:article", end_tok=i + 2)

    def hedge_before(self, draft: Draft) -> None:
        m = self.p.hedge_before.search(self.text, max(0, draft.start - 30), draft.start)
        if m is not None:
            hedge = " ".join(m.group("h").lower().split())
            if hedge in ("over", "under", "within") and draft.kind == "quantity" and draft.unit in (
                    "year", "month", "week", "day", "hour", "minute", "second"):
                return
            if hedge in ("over", "above", "below", "under") and draft.kind == "number":
                return
            draft.hedge = hedge
        elif draft.start > 0 and self.text[draft.start - 1] == "~":
            draft.hedge = "~"


def _singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return noun
