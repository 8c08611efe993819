"""The scanner behind :func:`pipeline.numbers.find_values`.

The text is cut into tokens once (digit runs, letter runs, single symbols); a numeral is read
from the tokens (digits with separators, number words, scale words, fractions), then its
context is read from bounded windows around it: a currency before or after, a percent sign,
a unit, a hedge, a range partner, a stated equivalent in brackets.  Every step moves forward or
looks at most a fixed distance away, so the whole scan is linear in the length of the text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left

from pipeline import fx
from pipeline.numbers.context import carry_units, index_points
from pipeline.numbers.data import GluedMinorUnit, MinorUnit, NumbersData, load
from pipeline.numbers.drafts import Core, Draft, Skip, Tok
from pipeline.numbers.patterns import TOKEN, Patterns, normalise_symbol, patterns
from pipeline.numbers.vague import vague_at

_DASHES = frozenset("-−–")
_TIME_PREPOSITIONS = frozenset({"at", "by", "until", "till", "from", "before", "after"})
_OPEN = frozenset("([{")


def tokenize(text: str) -> list[Tok]:
    """Digit runs, letter runs and single symbols, each knowing whether a blank precedes it."""
    out: list[Tok] = []
    first = True
    pos = 0
    # the matches tile the text (blanks, then one token), so offsets are running sums; findall's
    # tuples cost far less than match objects
    for blank, digits, word, symbol in TOKEN.findall(text):
        pos += len(blank)
        if digits:
            kind, tok_text = "n", digits
        elif word:
            kind, tok_text = "w", word
        elif symbol:
            kind, tok_text = "s", symbol
        else:  # trailing blanks
            break
        end = pos + len(tok_text)
        out.append(Tok(kind, pos, end, tok_text, tok_text.lower(), first or bool(blank)))
        first = False
        pos = end
    return out


class Scanner:
    """One pass over one text."""

    def __init__(self, text: str, published: dt.date | None, data: NumbersData | None = None,
                 pats: Patterns | None = None) -> None:
        self.text = text
        self.published = published
        self.d = data or load()
        self.p = pats or patterns()
        self.toks = [t for t in tokenize(text) if not self.in_url(t.start)] if self.has_urls(text) \
            else tokenize(text)
        self.last_end = 0
        self.n = len(self.toks)
        self.starts = [t.start for t in self.toks]
        self.number_words, self.word_starts = _word_sets(self.d)

    # ------------------------------------------------------------------ helpers
    def has_urls(self, text: str) -> bool:
        self.url_spans = [(m.start(), m.end()) for m in self.p.url.finditer(text)]
        self.url_starts = [a for a, _ in self.url_spans]
        return bool(self.url_spans)

    def in_url(self, pos: int) -> bool:
        k = bisect_left(self.url_starts, pos + 1) - 1
        return k >= 0 and self.url_spans[k][0] <= pos < self.url_spans[k][1]

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < self.n else None

    def glued(self, i: int) -> bool:
        """Token i exists and follows the previous token with no blank."""
        return 0 < i < self.n and not self.toks[i].space

    def is_sym(self, i: int, chars: str | frozenset[str]) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "s" and t.text in chars

    def prefix_before(self, pos: int) -> re.Match[str] | None:
        """A currency symbol or code ending right before ``pos`` (checked cheaply first)."""
        j = pos - 1
        text = self.text
        while j >= 0 and pos - j <= 3 and text[j] in " \t\u00a0":
            j -= 1
        if j < 0 or text[j] not in self.p.prefix_last_chars:
            return None
        m = self.p.currency_prefix.search(text, max(0, pos - 14), pos)
        if m is not None and m.group("cur") in self.p.wire_symbols and not self.wire_amount(m.end("cur"), pos):
            return None
        return m

    def wire_amount(self, symbol_end: int, pos: int) -> bool:
        """Wire copy's "PS18,400" or "Y=31,450": glued, and more than one digit ("PS5" is a console)."""
        return symbol_end == pos and self.p.wire_digits.match(self.text, pos) is not None

    def tok_at_char(self, pos: int) -> int:
        return bisect_left(self.starts, pos)

    def sentence_initial(self, i: int) -> bool:
        """Token i starts a sentence (or the text)."""
        j = i - 1
        while j >= 0 and self.toks[j].kind == "s" and self.toks[j].text in "\"'“‘(*•-–—":
            j -= 1
        if j < 0:
            return True
        prev = self.toks[j]
        if prev.kind == "s" and prev.text in ".!?:;":
            return True
        return "\n" in self.text[prev.end:self.toks[i].start]

    # ------------------------------------------------------------------ main loop
    def run(self) -> list[Draft]:
        out: list[Draft] = []
        i = 0
        vulgar = self.d.vulgar
        while i < self.n:
            t = self.toks[i]
            start = False
            if t.kind == "w" and t.low in self.d.vague_words:
                found = vague_at(self, i)
                if found is not None and not (out and found.start < out[-1].end):
                    out.append(found)
                    self.last_end = found.end
                    i = max(found.end_tok, i + 1)
                    continue
            if t.kind == "n" or t.text in vulgar:
                start = True
            elif t.kind == "w" and t.low in self.word_starts:
                start = True
            elif t.text == "." and self.glued(i + 1) and self.toks[i + 1].kind == "n" and (
                    t.space or i == 0 or self.toks[i - 1].kind == "s" and self.toks[i - 1].text not in ".,"):
                start = True
            elif t.kind == "w" and t.low in ("percent", "percents", "per"):
                found = self.reversed_percent(i)
                if found is not None:
                    out.append(found)
                    i = max(found.end_tok, i + 1)
                    continue
            if not start:
                i += 1
                continue
            draft, nxt = self.mention_at(i, nested=False)
            if draft is not None:
                if out and draft.start < out[-1].end:
                    draft = None
                else:
                    out.append(draft)
                    self.last_end = draft.end
            i = max(nxt, i + 1)
        self.mark_changes(out)
        index_points(self, out)
        carry_units(self, out)
        return out

    def mark_changes(self, drafts: list[Draft]) -> None:
        """"slid from $1,980 to $1,905", "narrowed to 96,410 contracts from 143,220": the old and the new
        figure of one change, marked so that the linker can make one claim of them; a bare number takes
        the kind and unit of its partner."""
        text = self.text
        for a, b in zip(drafts, drafts[1:], strict=False):
            between = " ".join(text[a.end:b.start].lower().split())
            if a.counted and between.startswith(a.counted.lower() + " "):
                between = between[len(a.counted) + 1:]  # "to 96,410 contracts from 143,220"
            if between not in ("to", "from") or a.role or b.role:
                continue
            lead = "from" if between == "to" else "to"
            at = self.word_before(a.start, lead)
            if at is None or not self.change_just_before(at):
                continue
            if b.kind == "number" and a.kind != "number" and b.low is None:
                b.kind, b.unit, b.currency, b.value_kind, b.counted = a.kind, a.unit, a.currency, a.value_kind, \
                    a.counted
            _share_rate(a, b)
            if a.kind != b.kind or a.unit != b.unit or a.currency != b.currency:
                continue
            a.role, b.role = ("old", "new") if between == "to" else ("new", "old")

    # ------------------------------------------------------------------ numerals
    def digit_item(self, i: int, after_dash_ok: bool = False) -> Core | Skip | None:
        """Digits at token i with separators, decimals, exponents, slash fractions and glued scales."""
        toks, n = self.toks, self.n
        t = toks[i]
        text = self.text
        vulgar = self.d.vulgar
        if t.text in vulgar:
            return Core(t.start, t.end, vulgar[t.text], i + 1, is_int=False, fraction=True)
        leading_dot = t.text == "."
        if leading_dot:
            t = toks[i + 1]
            int_text, k, start = "0", i + 1, toks[i].start
            frac_text = t.text
            if self.glued(i + 2) and toks[i + 2].kind in "nw":
                return Skip(self.alnum_end(i + 2))
            return Core(start, t.end, float("0." + frac_text), i + 2, is_int=False)
        # --- code checks before the digits
        prev = self.tok(i - 1)
        if prev is not None and not t.space:
            if prev.kind == "w":
                if self.prefix_before(t.start) is None:  # "RTX4090", but "USD5", "$US41,287,000"
                    return Skip(self.alnum_end(i))
            elif prev.text in _DASHES and not after_dash_ok:
                before = self.tok(i - 2)
                if before is not None and not prev.space and before.kind in "nw":
                    if before.kind == "n" or before.low not in ("mid", "pre", "post", "early", "late", "non", "sub"):
                        return Skip(self.alnum_end(i))
            elif prev.text in "+#№" and not self.plus_sign(i) or (prev.text in "'’" and len(t.text) == 2):
                return Skip(self.alnum_end(i))
            elif prev.text == "." and self.glued(i - 1) and self.tok(i - 2) is not None and \
                    toks[i - 2].kind == "n":
                return Skip(self.alnum_end(i))
        int_text = t.text
        k = i + 1
        is_int = True
        grouped = False
        # --- thousands separators
        groups: list[str] = []
        g = k
        list_tail = self.is_sym(i - 1, ",") and self.glued(i) and self.tok(i - 2) is not None and \
            toks[i - 2].kind == "n"
        all_two = True
        while not list_tail and g + 1 < n and toks[g].text == "," and not toks[g].space and \
                toks[g + 1].kind == "n" and not toks[g + 1].space:
            size = len(toks[g + 1].text)
            groups.append(toks[g + 1].text)
            g += 2
            # stop as soon as the groups can no longer be thousands (1,234) or lakhs (12,34,567)
            all_two = all_two and size == 2
            if size != 3 and not (all_two and len(int_text) <= 2) or len(groups) > 8:
                break
            if size == 3 and len(groups) > 1 and len(groups[-2]) == 2:
                break
        more = self.is_sym(g, ",") and self.glued(g) and self.glued(g + 1) and self.tok(g + 1) is not None \
            and toks[g + 1].kind == "n"
        value_text = int_text
        if groups:
            lens = [len(x) for x in groups]
            if len(int_text) <= 3 and all(x == 3 for x in lens):
                value_text = int_text + "".join(groups)
                k = g
                grouped = True
            elif len(int_text) <= 2 and len(lens) >= 2 and lens[-1] == 3 and all(x == 2 for x in lens[:-1]):
                value_text = int_text + "".join(groups)
                k = g
                grouped = True
            elif len(groups) == 1 and lens[0] <= 2 and not more:
                value_text = int_text + "." + groups[0]
                k = g
                is_int = False
        elif len(int_text) <= 3:
            g = k
            while g < n and toks[g].kind == "n" and len(toks[g].text) == 3 and \
                    text[toks[g - 1].end:toks[g].start] in (" ", "\u00a0", "\u202f", "\u2009") and \
                    not (self.glued(g + 1) and toks[g + 1].kind == "w"):
                value_text += toks[g].text
                g += 1
                grouped = True
            k = g
        # --- time of day, ratios: 10:30, 16:9
        if self.is_sym(k, ":") and self.glued(k) and self.glued(k + 1) and toks[k + 1].kind == "n":
            end = k + 2
            m = self.p.time_suffix.match(text, toks[k + 1].end)
            if m:
                end = self.tok_at_char(m.end())
            return Skip(end)
        # --- decimals
        if is_int and self.is_sym(k, ".") and self.glued(k) and self.glued(k + 1) and toks[k + 1].kind == "n":
            if self.is_sym(k + 2, ".") and self.glued(k + 2) and self.glued(k + 3) and toks[k + 3].kind == "n":
                return Skip(self.dotted_end(k))
            value_text += "." + toks[k + 1].text
            k += 2
            is_int = False
        elif is_int and not grouped and len(int_text) <= 3 and self.is_sym(k, ".") and k + 1 < n and \
                toks[k + 1].kind == "n" and text[toks[k - 1].end:toks[k].start] == " " and \
                text[toks[k].end:toks[k + 1].start] == " " and len(toks[k + 1].text) <= 4:
            value_text += "." + toks[k + 1].text  # tokenised newswire: "6 . 2 %"
            k += 2
            is_int = False
        # --- dates and phone numbers: 5/17/2018, 2024-01-15, 555-123-4567
        for sep in ("/", "-", "."):
            if self.is_sym(k, sep) and self.glued(k) and self.glued(k + 1) and toks[k + 1].kind == "n" and \
                    self.is_sym(k + 2, sep) and self.glued(k + 2) and self.glued(k + 3) and toks[k + 3].kind == "n":
                return Skip(self.dotted_end(k))
        value = float(value_text)
        plain = int_text if (is_int and not grouped) else None
        core = Core(t.start, toks[k - 1].end, value, k, is_int=is_int, plain_digits=plain)
        # --- slash fractions and mixed numbers: 3/4, 2 1/4
        if is_int and not grouped and self.is_sym(k, "/") and self.glued(k) and self.glued(k + 1) and \
                toks[k + 1].kind == "n":
            den = float(toks[k + 1].text)
            if den == 0 or (int_text == "24" and toks[k + 1].text == "7"):
                return Skip(k + 2)
            core.value = value / den
            core.end, core.end_tok, core.is_int, core.fraction, core.plain_digits = \
                toks[k + 1].end, k + 2, False, True, None
            k += 2
        elif is_int and k + 2 < n and toks[k].kind == "n" and toks[k].space and self.is_sym(k + 1, "/") and \
                self.glued(k + 1) and self.glued(k + 2) and toks[k + 2].kind == "n" and \
                not (self.is_sym(k + 3, "/") and self.glued(k + 3)):
            num, den = float(toks[k].text), float(toks[k + 2].text)
            if 0 < num < den:
                core.value = value + num / den
                core.end, core.end_tok, core.is_int, core.plain_digits = toks[k + 2].end, k + 3, False, None
                k += 3
        elif self.glued(k) and toks[k].text in vulgar:
            core.value = value + vulgar[toks[k].text]
            core.end, core.end_tok, core.is_int, core.plain_digits = toks[k].end, k + 1, False, None
            k += 1
        # --- exponents: 1e10, 1.1^23, 1.3x10^6, 2.48×10−5
        nt = self.tok(k)
        if nt is not None and self.glued(k):
            exp = self.exponent(k)
            if exp is not None:
                how, number, k = exp
                try:
                    core.value = core.value ** number if how == "pow" else core.value * number
                except (OverflowError, ZeroDivisionError):
                    return Skip(k)
                if not math.isfinite(core.value):  # a product can overflow to infinity without raising
                    return Skip(k)
                core.end, core.end_tok, core.is_int, core.plain_digits = toks[k - 1].end, k, False, None
        # --- glued scale abbreviation: 10k, 35.1bn, 1MM, 70B
        nt = self.tok(k)
        if nt is not None and self.glued(k) and nt.kind == "w":
            scale = self.glued_scale(core, nt, k)
            if scale is not None:
                core.value *= scale
                core.scaled = True
                core.end, core.end_tok, core.plain_digits = nt.end, k + 1, None
        return core

    def glued_scale(self, core: Core, t: Tok, k: int) -> float | None:
        d = self.d
        after = self.tok(k + 1)
        if after is not None and not after.space and after.kind in "nw":
            return None
        if t.text in ("G", "K") and core.plain_digits is not None and len(core.plain_digits) == 1:
            return None  # 5G networks, 4K screens
        if t.text == "b":
            return None if core.is_int else 1e9  # 1500b: bits; 1.2b: billion
        if t.text == "m" and self.m_is_million(k):
            return 1e6
        if t.text in d.scale_abbr:
            return d.scale_abbr[t.text]
        if t.text.lower() in d.scale_abbr and len(t.text) > 1:
            return d.scale_abbr[t.text.lower()]
        return None

    def m_is_million(self, k: int) -> bool:
        """A glued "m" (token k) is a million before a plural noun, a unit or currency name other than a
        length, or "of" and a determiner ("3.4m tonnes", "5m users", "31m pounds", "20m of its phones"),
        and a metre otherwise ("300m tall", "the 100m hurdles", "1m is")."""
        d = self.d
        nxt = self.tok(k + 1)
        if nxt is None or not nxt.space or nxt.kind != "w" or nxt.low in d.metre_nouns:
            return False
        if nxt.low == "of":
            after = self.tok(k + 2)
            return after is not None and after.low in d.million_m_of
        ms = self.p.currency_suffix.match(self.text, nxt.start)
        if ms is not None and ms.group("name"):
            return True
        mu = self.p.unit_suffix.match(self.text, nxt.start)
        if mu is not None:
            surface = mu.group("u")
            found = self.p.unit_lookup_cs.get(surface) or self.p.unit_lookup_ci.get(surface.lower())
            return surface.lower() not in d.risky_spaced and found is not None and found[1] != "meter"
        return _plural(nxt.low, d)

    def exponent(self, k: int) -> tuple[str, float, int] | None:
        toks = self.toks
        t = toks[k]
        j = k
        if t.kind == "w" and t.low == "e":
            j = k + 1
            sign = 1
            if self.is_sym(j, "+-−") and self.glued(j):
                sign = -1 if toks[j].text in "-−" else 1
                j += 1
            if self.glued(j) and toks[j].kind == "n" and len(toks[j].text) <= 3:
                scale = _power_of_ten(sign * int(toks[j].text))
                return None if scale is None else ("mul", scale, j + 1)
            return None
        if t.text == "^":
            found = self.power(k)
            return None if found is None else ("pow", found[0], found[1])
        if (t.text in ("×",) or t.low == "x") and self.glued(k + 1) and toks[k + 1].kind == "n":
            base = float(toks[k + 1].text)
            j = k + 2
            if self.is_sym(j, "^") and self.glued(j):
                found = self.power(j)
                if found is None:
                    return None
                try:
                    return "mul", base ** found[0], found[1]
                except OverflowError:
                    return None
            if base == 10 and self.is_sym(j, "-−") and self.glued(j) and self.glued(j + 1) and \
                    toks[j + 1].kind == "n" and len(toks[j + 1].text) <= 3:
                scale = _power_of_ten(-int(toks[j + 1].text))
                return None if scale is None else ("mul", scale, j + 2)
        return None

    def power(self, k: int) -> tuple[float, int] | None:
        """The exponent after ``^`` at token k, and the token after it."""
        toks = self.toks
        j = k + 1
        sign = 1
        while self.is_sym(j, "+-−") and self.glued(j):
            if toks[j].text in "-−":
                sign = -sign
            j += 1
        if not (self.glued(j) and toks[j].kind == "n" and len(toks[j].text) <= 3):
            return None
        return float(sign * int(toks[j].text)), j + 1

    def alnum_end(self, i: int) -> int:
        """End of a glued run of letters, digits and inner hyphens/dots (a code like RTX4090-Ti), with the
        digit groups after it: a digit group is never split off as a number of its own."""
        j = i
        toks = self.toks
        while j + 1 < self.n and not toks[j + 1].space and (
                toks[j + 1].kind in "nw" or toks[j + 1].text in "-./" and self.glued(j + 2)
                and toks[j + 2].kind in "nw" or toks[j].kind == "n" and toks[j + 1].text == ","
                and self.glued(j + 2) and toks[j + 2].kind == "n" and len(toks[j + 2].text) == 3):
            j += 1
        return j + 1

    def dotted_end(self, k: int) -> int:
        j = k
        while j + 1 < self.n and not self.toks[j + 1].space and (
                self.toks[j].text in "-./:" or self.toks[j + 1].text in "-./:" or self.toks[j + 1].kind == "n"):
            j += 1
        return j + 1

    # ------------------------------------------------------------------ word chains
    def chain(self, i: int, money: bool = False, fraction_only: bool = False,
              after_dash_ok: bool = False) -> Core | Skip | None:
        """Digits and number words as one numeral: "two hundred and five", "4 thousand", "1.2 million"."""
        d = self.d
        toks, n = self.toks, self.n
        total = 0.0
        group: float | None = None
        last: str | None = None
        last_scale = math.inf
        k = i
        end_k = i
        first: Core | None = None
        negative = False
        words = False
        scaled = False
        numerator_a = False
        items = 0
        single: str | None = None
        if toks[k].kind == "w" and toks[k].low in d.negative_words and self.tok(k + 1) is not None:
            negative = True
            k += 1
            if self.is_sym(k, _DASHES) and self.glued(k) and self.glued(k + 1) and toks[k + 1].kind == "n":
                k += 1  # "minus-40 degrees"
                after_dash_ok = True
        start_char = toks[i].start
        while k < n:
            t = toks[k]
            lw = t.low
            if t.kind == "n" or t.text in d.vulgar or (t.text == "." and k == i and self.glued(k + 1)):
                if items and not (last in ("and", "and_h") or last == "scale" and self.next_is_multiplier(k)):
                    break
                if items and last == "scale" and group is not None:
                    break
                item = self.digit_item(k, after_dash_ok=after_dash_ok and items == 0)
                if isinstance(item, Skip) or item is None:
                    if items == 0:
                        return item
                    break
                if items == 0:
                    first = item
                    start_char = item.start if not negative else start_char
                group = item.value if group is None else group + item.value
                last = "digit"
                scaled = scaled or item.scaled
                if item.scaled:
                    last = "digit_scaled"
                k = item.end_tok
                end_k = k
                items += 1
                continue
            if t.kind == "w":
                if lw in self.number_words:
                    v = float(self.number_words[lw])
                    typ = "unit" if lw in d.units else "teen" if lw in d.teens else "tens"
                    if group is None and last in (None, "scale", "and", "a"):
                        if last == "a" and typ != "tens":
                            break
                        group = v
                    elif last == "tens" and typ == "unit" and v > 0:
                        assert group is not None
                        group += v
                    elif last in ("hundred", "and_h") and group is not None and v < 100:
                        group += v
                    else:
                        break
                    last = typ
                    words = True
                    k += 1
                    end_k = k
                    items += 1
                    single = lw if items == 1 else None
                    if self.is_sym(k, "-") and k + 1 < n and toks[k + 1].low in self.number_words and \
                            typ == "tens" and toks[k + 1].low in d.units:
                        k += 1  # twenty-one
                    continue
                if lw in d.hundred:
                    if last in ("unit", "teen", "digit", "tens") and group is not None and group < 1000:
                        group *= 100
                    elif last == "a":
                        group = 100.0
                    else:
                        break
                    last = "hundred"
                    words = True
                    k += 1
                    end_k = k
                    items += 1
                    continue
                scale = d.scales.get(lw)
                if scale is None and last in ("digit",) and t.text in d.scale_abbr:
                    scale = self.spaced_scale(k, money)
                if scale is None and last in ("digit",) and money and t.text.lower() in d.scale_money_only:
                    scale = d.scale_money_only[t.text.lower()]
                if scale is not None:
                    if group is None and last == "scale" and scale > last_scale:
                        total *= scale  # "three lakh crore"
                        last_scale = scale
                        k += 1
                        end_k = k
                        items += 1
                        continue
                    if group is None:
                        if last == "a":
                            group = 1.0
                        else:
                            break
                    if scale > last_scale or (total and scale >= last_scale):
                        total = (total + group) * scale
                    else:
                        total += group * scale
                    group = None
                    last = "scale"
                    last_scale = scale
                    scaled = True
                    k += 1
                    end_k = k
                    items += 1
                    if self.is_sym(k, "-") and self.glued(k) and k + 1 < n and toks[k + 1].low in d.scales:
                        k += 1
                    continue
                if lw in d.dozens and (group is not None or last == "a"):
                    group = (group if group is not None else 1.0) * 12
                    last = "dozen"
                    k += 1
                    end_k = k
                    items += 1
                    continue
                if lw in ("a", "an") and items == 0:
                    nxt = self.tok(k + 1)
                    if nxt is None or nxt.kind != "w":
                        break
                    if nxt.low in d.hundred or nxt.low in d.scales or nxt.low in d.dozens or \
                            nxt.low in d.denominators or nxt.low in d.tens:
                        last = "a"
                        numerator_a = True
                        k += 1
                        continue
                    break
                if lw in ("half", "quarter") and (items == 0 or last == "a"):
                    frac = 0.5 if lw == "half" else 0.25
                    j = k + 1
                    if self.tok(j) is not None and toks[j].low in ("a", "an"):
                        j += 1
                    nxt = self.tok(j)
                    if nxt is not None and (nxt.low in d.scales or nxt.low in d.dozens):
                        group = frac
                        last = "a"
                        words = True
                        k = j
                        items += 1
                        continue
                if lw in d.denominators and (group is not None or last == "a") and last != "scale":
                    num = (total + (group or 0.0)) if group is not None or total else 1.0
                    if last == "a" and group is None:
                        num = 1.0
                    plural = lw.endswith("s") and lw not in ("thirds",) or lw in ("thirds", "halves")
                    if not plural and num != 1:
                        break
                    if last in ("digit", "digit_scaled") and not fraction_only:
                        break
                    if lw in ("quarter", "quarters") and not fraction_only and \
                            not self.quarter_is_fraction(k, numerator_a):
                        break
                    if not plural and lw in ("second", "first"):
                        break
                    value = num / d.denominators[lw]
                    k += 1
                    end_k = k
                    # "three quarters billion", "two thirds of a million"
                    frac_scaled = False
                    if self.tok(k) is not None and toks[k].low in d.scales and toks[k].space and not fraction_only:
                        value *= d.scales[toks[k].low]
                        k += 1
                        end_k = k
                        frac_scaled = True
                    elif self.tok(k + 2) is not None and toks[k].low == "of" and toks[k + 1].low in ("a", "an") \
                            and toks[k + 2].low in d.scales:
                        value *= d.scales[toks[k + 2].low]
                        k += 3
                        end_k = k
                    return Core(start_char, toks[end_k - 1].end, -value if negative else value, end_k,
                                is_int=False, words=True, fraction=not frac_scaled, negative=negative,
                                scaled=frac_scaled)
                if lw == d.decimal_word and last in ("unit", "teen", "tens", "hundred") and words:
                    dec = self.decimal_words(k + 1)
                    if dec is not None:
                        digits, k = dec
                        group = (group or 0.0) + float("0." + digits)
                        end_k = k
                        last = "point"
                        continue
                    break
                if lw in ("and",) and last in ("hundred", "scale", "unit", "tens", "teen", "digit"):
                    and_frac = self.and_fraction(k + 1)
                    if and_frac is not None:
                        fvalue, fscale, fend = and_frac
                        if last == "scale":
                            value = total + fvalue * (fscale or last_scale)
                        elif fscale and not scaled:
                            value = (total + (group or 0.0) + fvalue) * fscale
                        else:
                            value = total + (group or 0.0) + fvalue
                            if fscale:
                                fend -= 1
                        return Core(start_char, toks[fend - 1].end, -value if negative else value, fend,
                                    is_int=False, words=True, scaled=True, negative=negative)
                    nxt = self.tok(k + 1)
                    after = self.tok(k + 2)
                    if after is not None and nxt is not None and nxt.kind == "n" and \
                            self.glued(k + 2) and after.text in ".,":
                        after = self.tok(k + 4)
                    if after is not None and last == "hundred" and after.low in d.hundred:
                        break  # "3 hundred and 2 hundred": two numbers
                    if last in ("hundred", "scale") and nxt is not None and (
                            nxt.low in self.number_words or nxt.kind == "n" and last == "hundred" or
                            nxt.kind == "n" and last == "scale"):
                        last = "and_h" if last == "hundred" else "and"
                        k += 1
                        continue
                    break
                if lw in ("&",):
                    break
                break
            if t.text == "," and last == "scale" and self.tok(k + 1) is not None and \
                    toks[k + 1].low in self.number_words and words:
                last = "and"
                k += 1
                continue
            if t.text == "&" and last in ("hundred", "scale"):
                last = "and_h" if last == "hundred" else "and"
                k += 1
                continue
            if t.text in _DASHES and last in ("tens", "unit", "teen", "hundred") and self.tok(k + 1) is not None and \
                    (toks[k + 1].low in self.number_words or toks[k + 1].low in d.denominators or
                     toks[k + 1].low in d.hundred) and words:
                k += 1
                continue
            if t.text in _DASHES and last == "digit" and self.glued(k) and self.glued(k + 1) and \
                    toks[k + 1].low in d.scales:
                k += 1
                continue
            break
        if items == 0 or (group is None and total == 0 and last not in ("scale",)):
            return None
        value = total + (group or 0.0)
        if not math.isfinite(value):  # '$' and 400 nines: beyond a float, so no figure at all
            return None
        if negative:
            value = -value
        end_tok = end_k
        if first is not None and items == 1:
            first.value = value
            first.negative = negative
            first.start = start_char
            first.end_tok = end_tok
            return first
        return Core(start_char, toks[end_tok - 1].end, value, end_tok, is_int=value == int(value),
                    words=words, scaled=scaled, negative=negative, single_word=single if items == 1 else None,
                    plain_digits=None)

    def next_is_multiplier(self, k: int) -> bool:
        """After a scale, digits continue the numeral only before hundred/thousand ("4 thousand 3 hundred")."""
        j = k + 1
        t = self.tok(j)
        return t is not None and t.space and (t.low in self.d.hundred or t.low in self.d.scales)

    def spaced_scale(self, k: int, money: bool) -> float | None:
        t = self.toks[k]
        d = self.d
        factor = d.scale_abbr.get(t.text)
        if factor is None:
            return None
        if len(t.text) > 1 and t.text not in ("MM",):
            return factor
        nxt = self.tok(k + 1)
        if money:
            return factor
        if nxt is None or nxt.kind == "s" and nxt.text not in "-/":
            return factor
        if nxt.kind == "w" and (self.p.unit_suffix.match(self.text, nxt.start) or
                                self.p.currency_suffix.match(self.text, nxt.start)):
            return factor
        return None

    def quarter_is_fraction(self, k: int, numerator_a: bool) -> bool:
        """"a quarter of the market" but not "the third quarter" or "three quarters in a row"."""
        nxt = self.tok(k + 1)
        if nxt is None:
            return not numerator_a
        if nxt.low in self.d.scales:
            return True
        if nxt.low == "of":
            after = self.tok(k + 2)
            return after is not None and after.kind == "w" and after.low not in (
                "the", "this", "last", "next", "fiscal")
        if self.is_sym(k - 1, "-") and self.glued(k):
            return True
        return nxt.kind == "s" and not numerator_a

    def decimal_words(self, k: int) -> tuple[str, int] | None:
        d = self.d
        digits = ""
        j = k
        while j < self.n and self.toks[j].low in d.units:
            digits += str(d.units[self.toks[j].low])
            j += 1
        if digits:
            return digits, j
        t = self.tok(j)
        if t is not None and (t.low in d.teens or t.low in d.tens):
            v = self.number_words[t.low]
            j += 1
            if t.low in d.tens and self.is_sym(j, "-") and self.tok(j + 1) is not None and \
                    self.toks[j + 1].low in d.units:
                v += d.units[self.toks[j + 1].low]
                j += 2
            elif t.low in d.tens and self.tok(j) is not None and self.toks[j].low in d.units:
                v += d.units[self.toks[j].low]
                j += 1
            return str(v), j
        return None

    def and_fraction(self, k: int) -> tuple[float, float | None, int] | None:
        """The fraction after "and" ("one and a half", "five billion and three quarters"), its scale, its end."""
        d = self.d
        t = self.tok(k)
        if t is None or t.kind != "w":
            return None
        if t.low in ("a", "an"):
            num, j = 1.0, k + 1
        elif t.low in self.number_words:
            num, j = float(self.number_words[t.low]), k + 1
            if t.low in d.tens and self.tok(j + 1) is not None and self.toks[j].text in _DASHES and \
                    self.toks[j + 1].low in d.units:
                num += d.units[self.toks[j + 1].low]
                j += 2
        else:
            return None
        den = self.tok(j)
        if den is None or den.low not in d.denominators:
            return None
        plural = den.low.endswith("s") or den.low == "halves"
        if plural == (num == 1) and den.low != "half":
            return None
        value = num / d.denominators[den.low]
        j += 1
        nxt = self.tok(j)
        if nxt is not None and nxt.low in d.scales:
            return value, d.scales[nxt.low], j + 1
        return value, None, j

    # ------------------------------------------------------------------ mentions
    def mention_at(self, i: int, nested: bool) -> tuple[Draft | None, int]:
        """The mention whose numeral starts at token i, and the token to continue from."""
        d = self.d
        t = self.toks[i]
        # multiples and halves written as words
        if t.kind == "w" and (t.low in d.multiple_verbs or t.low in d.multiple_words):
            return self.word_multiple(i), i + 1
        cur_prefix = self.prefix_before(t.start)
        if cur_prefix is None and self.is_sym(i - 1, _DASHES) and self.glued(i):
            cur_prefix = self.prefix_before(t.start - 1)
        if cur_prefix is not None and cur_prefix.start() < self.last_end and not nested:
            cur_prefix = None  # "10 rmb 20 usd": the code belongs to the amount before
        money_prefix = cur_prefix is not None
        core = self.chain(i, money=money_prefix, after_dash_ok=nested)
        if isinstance(core, Skip):
            return None, core.end_tok
        if core is None:
            if t.low == "half":
                return self.half(i), i + 1
            if t.low in ("a", "an"):
                found = self.article_unit(i)
                if found is not None:
                    return found, found.end_tok
            return None, i + 1
        draft = self.contextualise(core, cur_prefix, nested)
        if draft is None:
            return None, core.end_tok
        return draft, draft.end_tok

    def contextualise(self, core: Core, cur_prefix: object, nested: bool) -> Draft | None:
        """Read what the numeral is: money, percent, quantity, multiple, count, or not a number at all."""
        d, p, text = self.d, self.p, self.text
        start, end = core.start, core.end
        k = core.end_tok
        draft = Draft(start=start, end=end, kind="number", amount=core.value, core=core, end_tok=k)
        # sign written before a currency symbol: -$5m, or before the digits: -5
        start = self.apply_sign(core, draft)
        # ---- currency before
        m_cur = cur_prefix if isinstance(cur_prefix, re.Match) else None
        if m_cur is not None:
            surface = m_cur.group("cur")
            code = self.resolve_symbol(surface, core.start)
            if code is not None:
                draft.kind, draft.currency = "money", code
                draft.start = m_cur.start("cur")
                draft.pattern = "money:symbol"
                if normalise_symbol(surface).startswith(d.million_prefix) and \
                        normalise_symbol(surface)[len(d.million_prefix):] in d.codes and len(surface) == 4:
                    draft.amount = (draft.amount or 0) * d.million_scale
                # "$ 10 dollars": the name repeats the symbol
                ms = p.currency_suffix.match(text, draft.end)
                if ms and ms.group("name") and d.names.get(ms.group("name").lower()) == code:
                    draft.end = ms.end()
                    k = self.tok_at_char(draft.end)
                self.fix_sign_before_symbol(draft)
        if draft.kind == "number":
            # ---- percent
            mp = p.percent_suffix.match(text, end)
            if mp:
                unit = d.percent_words.get(mp.group("p").lower().replace("\u00a0", " "),
                                           d.percent_words.get(" ".join(mp.group("p").lower().split()), "percent"))
                draft.kind = "percent"
                draft.end = mp.end()
                k = self.tok_at_char(draft.end)
                factor = 1e-4 if unit == "basis_point" else 0.01
                draft.amount = (draft.amount or 0) * factor
                draft.unit = "percentage_point" if unit in ("percentage_point", "basis_point") else "percent"
                draft.pattern = "percent:" + unit
                self.percent_kind(draft)
        if draft.kind == "number":
            # ---- time of day: 6pm, 2 p.m.
            mt = p.time_suffix.match(text, end)
            if mt and self.clock_like(core):
                return None
            # ---- currency after: 600 million yuan, 50 cents, 115USD
            ms = p.currency_suffix.match(text, end)
            if ms and ms.group("sym") and self.symbol_belongs_to_next(ms.end()):
                ms = None  # "1 $ 10 dollars": the symbol is the next amount's
            if ms:
                code, minor = self.resolve_suffix(ms, core)
                if code is not None:
                    draft.kind, draft.currency = "money", code
                    draft.end = ms.end()
                    k = self.tok_at_char(draft.end)
                    draft.pattern = "money:name" if ms.group("name") else "money:code"
                    if ms.group("code") and ms.group("code").startswith(d.million_prefix) and \
                            ms.group("code")[len(d.million_prefix):] in d.codes:
                        draft.amount = (draft.amount or 0) * d.million_scale
                    if minor is not None:
                        draft.amount = (draft.amount or 0) * minor
                        draft.minor_factor = minor
                        draft.pattern = "money:minor"
                    else:
                        self.scale_after_code(draft)
                        self.minor_after_major(draft)
        if draft.kind == "number":
            glued = self.glued_minor(core)
            if glued is not None:
                minor_unit, draft.end = glued
                draft.kind, draft.currency, draft.pattern = "money", minor_unit.currency, "money:minor"
                draft.amount = (draft.amount or 0) * minor_unit.factor
                draft.minor_factor = minor_unit.factor
                k = self.tok_at_char(draft.end)
        if draft.kind == "number":
            mult = self.multiple_after(core, end)
            if mult is not None:
                draft.kind, draft.unit, draft.value_kind = "percent", "multiple", "multiple"
                draft.end = mult
                k = self.tok_at_char(mult)
                draft.pattern = "multiple:times"
        if draft.kind == "number":
            found_unit = self.unit_after(core, end) or self.modified_unit(core, end)
            if found_unit is not None:
                canonical, uend, pattern = found_unit
                draft.kind, draft.unit, draft.value_kind = "quantity", canonical, "measure"
                draft.end = uend
                k = self.tok_at_char(uend)
                draft.pattern = pattern
                if canonical == "foot":
                    self.feet_and_inches(draft)
                    uend = draft.end
                ma = p.age_suffix.match(text, uend)
                if ma and canonical in ("year", "month", "week", "day"):
                    draft.end = ma.end()
                    k = self.tok_at_char(draft.end)
                    draft.pattern = "quantity:age"
        if draft.kind == "number" and core.fraction and core.words and abs(core.value) <= 1:
            draft.kind, draft.unit, draft.value_kind = "percent", "ratio", "share"
            draft.pattern = "ratio:fraction"
        # ---- money: per-unit rates
        if draft.kind == "money":
            draft.value_kind = "amount"
            rate = self.money_rate(draft.end)
            if rate is not None:
                draft.unit, draft.end = rate
                draft.value_kind = "rate"
                k = self.tok_at_char(draft.end)
        draft.end_tok = max(k, self.tok_at_char(draft.end))
        if draft.kind == "number" and not nested:
            self.ratio_after(draft)
        # ---- not numbers: years, codes, list markers, dates
        if draft.kind in ("number",):
            if self.not_a_number(core, draft):
                return None
        if draft.kind == "money" and draft.start > 0 and text[draft.start - 1] == "(" and \
                text[draft.end:draft.end + 1] == ")":
            self.accounting_negative(draft)
        # ---- ranges: $1bn-$2bn, between 5 and 6 billion yuan, 10-15 exabytes
        if not nested:
            self.range_after(draft)
            if draft.kind == "number" and self.aged_before(draft.start):
                draft.kind, draft.unit, draft.value_kind, draft.pattern = "quantity", "year", "measure", "quantity:age"
            if draft.kind == "number" and draft.low is None:
                self.coordinated_unit(draft)
        # ---- stated equivalents: 600 million yuan (US$84.5 million)
        if not nested and draft.kind == "money":
            self.equivalent_after(draft)
        if draft.kind == "number":
            self.count_after(draft)
        self.hedge_before(draft)
        if draft.kind == "money":
            self.convert(draft)
        return draft

    # ------------------------------------------------------------------ context pieces
    def money_rate(self, end: int) -> tuple[str, int] | None:
        """What a price is per, and where it ends: a unit by its name ("$18.40 per square foot", "$98/t",
        "$9,100 a metric ton" -> "per tonne"), else a rate noun ("$30,000 per chip", "£30 a month")."""
        p, text, d = self.p, self.text, self.d
        mu = p.rate_unit.match(text, end)
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
        if prev is not None and prev.text in _DASHES and not core.negative and self.toks[i].kind == "n":
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

    def plus_sign(self, i: int) -> bool:
        """"+0.4%", "DAX +0.4%": a plus sign glued to a percentage, after a blank or a bracket, is its sign."""
        plus = self.toks[i - 1]
        before = self.tok(i - 2)
        return (before is None or plus.space or before.kind == "s" and before.text in "([{:=,;") and \
            self.p.signed_percent.match(self.text, self.toks[i].start) is not None

    def index_ends(self, pos: int) -> bool:
        """A market index's name ends at ``pos`` ("FTSE 100 -0.8%": the 100 is the name's, the sign the figure's)."""
        return self.p.index_before.search(self.text, max(0, pos - 40), pos) is not None

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

    def fix_sign_before_symbol(self, draft: Draft) -> None:
        i = self.tok_at_char(draft.start)
        prev = self.tok(i - 1)
        if prev is not None and prev.text in _DASHES and not self.toks[i].space and (
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

    def sentence_end(self, k: int) -> bool:
        t = self.toks[k]
        return t.kind == "s" and t.text in ".!?;" and (k + 1 >= self.n or self.toks[k + 1].space)

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
        if nxt is not None and nxt.text in _DASHES and not nxt.space and self.glued(nxt_i + 1) and \
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

    def not_a_number(self, core: Core, draft: Draft, bare_one: bool = True, years: bool = True) -> bool:
        """Years, model and part numbers, versions, list markers, dates, ordinals: not reported."""
        d, toks, text = self.d, self.toks, self.text
        i = self.tok_at_char(core.start)
        if self.toks[i].text in d.negative_words or self.toks[i].text in _DASHES:
            i += 1
        k = core.end_tok
        nxt = self.tok(k)
        # glued letters that are not a known suffix: 910C, 24703L202, 1990s, 21st
        if nxt is not None and not nxt.space and nxt.kind == "w" and not core.words:
            return True
        if core.plain_digits is not None:
            digits = core.plain_digits
            if years and len(digits) == 4 and 1800 <= int(digits) <= 2100:
                return True
            if self.code_like(core, digits):
                return True
        if not core.words and not core.scaled and not core.fraction and self.model_number_before(core):
            return True
        prev = self.tok(i - 1)
        if prev is not None and prev.kind == "w" and prev.low in d.months and not core.words:
            return True
        if prev is not None and prev.text == "." and self.tok(i - 2) is not None and not core.words and \
                toks[i - 2].low in d.months:
            return True  # "Aug. 28"
        if nxt is not None and nxt.kind == "w" and nxt.low in d.months and nxt.space and not core.words and \
                core.plain_digits is not None and int(core.plain_digits) <= 31:
            return True
        if prev is not None and prev.kind == "w" and prev.low in d.code_prefixes and not core.words:
            return True
        if prev is not None and prev.text == "." and self.tok(i - 2) is not None and \
                toks[i - 2].low in d.code_prefixes and toks[i - 2].low not in ("nr", "nrs") and not core.words:
            return True  # "No. 1", "Fig. 3"
        # list markers: "1." / "2)" at the start of a line
        if core.plain_digits is not None and len(core.plain_digits) <= 2 and nxt is not None and \
                nxt.text in ".)" and not nxt.space:
            before = text[:core.start].rstrip(" \t(")
            if before == "" or before.endswith("\n"):
                return True
        if prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")" and \
                core.plain_digits is not None and len(core.plain_digits) <= 2:
            return True
        # "one" as a pronoun: "the one you", "one of the largest"
        if core.single_word == "one" and not core.negative and bare_one:
            return True  # "one of the largest", "the one you": an article-like word, not a figure
        # ordinal compounds: "twenty-first century"
        if nxt is not None and nxt.text in _DASHES and self.glued(k) and self.tok(k + 1) is not None and \
                toks[k + 1].low in d.ordinals and core.words:
            return True
        return False

    def code_like(self, core: Core, digits: str) -> bool:
        """"0630 GMT" (a time of day), "Calif. 94043", "the 90210 ZIP code", "350 Fifth Avenue"."""
        p, text = self.p, self.text
        if len(digits) == 4 and int(digits[:2]) <= 23 and int(digits[2:]) <= 59 and \
                p.time_zone_after.match(text, core.end):
            return True
        if len(digits) == 5 and (p.zip_before.search(text, max(0, core.start - 12), core.start) or
                                 p.zip_after.match(text, core.end)):
            return True
        return len(digits) <= 5 and p.street_after.match(text, core.end) is not None

    def model_number_before(self, core: Core) -> bool:
        """"RTX 4090", "Gaudi 3", "iOS 18.2": a capitalised name right before the number."""
        i = self.tok_at_char(core.start)
        prev = self.tok(i - 1)
        if prev is None or prev.kind != "w" or not self.toks[i].space:
            return False
        if "\n" in self.text[prev.end:self.toks[i].start]:
            return False
        if not (prev.text[:1].isupper() or any(ch.isupper() for ch in prev.text[1:])):
            return False
        if prev.text in self.d.capitalised_ok or prev.low in self.d.months:
            return False
        if normalise_symbol(prev.text) in self.p.prefix_codes:
            return False
        if prev.text.isupper() and len(prev.text) == 1 and prev.text in "AI":
            return False
        if self.sentence_initial(i - 1) and prev.text[1:].islower() and not any(
                ch.isupper() for ch in prev.text[1:]):
            # "Over 300 firms": a capitalised sentence opener, not a product name
            return prev.low in self.d.code_prefixes
        return True

    def article_unit(self, i: int) -> Draft | None:
        """"a gallon", "a kibibyte", "a penny": one of a unit written with the article."""
        nxt = self.tok(i + 1)
        if nxt is None or nxt.kind != "w" or nxt.low not in self.d.article_units:
            return None
        after = self.tok(i + 2)
        if after is not None and not after.space and after.kind in "nw" or \
                after is not None and after.text in _DASHES and not after.space:
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

    def coordinated_unit(self, draft: Draft) -> None:
        """"45 and 50 mg": the first number takes the unit of the second."""
        text = self.text
        k = self.tok_at_char(draft.end)
        conj = self.tok(k)
        if conj is None or conj.low not in ("and", "or") or text[draft.end:conj.start] != " ":
            return
        j = self.numeral_start(k + 1)
        if j is None or self.toks[j].kind != "n" or text[conj.end:self.toks[j].start] != " ":
            return
        other, _ = self.mention_at(j, nested=True)
        if other is None or other.kind not in ("quantity", "percent") or other.core.scaled or \
                other.unit in ("ratio", "multiple"):
            return
        factor = 0.01 if other.kind == "percent" else 1.0
        draft.kind, draft.unit, draft.value_kind = other.kind, other.unit, other.value_kind
        draft.amount = (draft.amount or 0) * factor
        draft.pattern = other.pattern + "+coordinated"

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

    def ratio_after(self, draft: Draft) -> None:
        """"one in five", "two out of five hundred", "1 over 3": a ratio."""
        k = self.tok_at_char(draft.end)
        t = self.tok(k)
        if t is None or t.kind != "w" or t.low not in ("over", "in", "out"):
            return
        j = k + 1
        if t.low == "out":
            if self.tok(j) is None or self.toks[j].low != "of":
                return
            j += 1
        y = self.tok(j)
        if y is None or not (y.kind == "n" or y.low in self.number_words):
            return
        core = self.chain(j)
        if not isinstance(core, Core) or core.value == 0 or core.fraction:
            return
        nxt = self.tok(core.end_tok)
        if nxt is not None and not nxt.space and nxt.kind in "nw" or \
                self.not_a_number(draft.core, draft, bare_one=False, years=t.low == "in"):
            return  # "No. 1 in 5G"
        x = draft.amount or 0.0
        after = self.tok(core.end_tok)
        followed_by_word = after is not None and after.kind == "w"
        if core.plain_digits is not None and len(core.plain_digits) == 4:
            return
        if t.low == "over" and (followed_by_word or draft.core.scaled):
            return
        if t.low == "in" and not (0 < abs(x) < core.value and draft.core.is_int and core.is_int):
            return
        if t.low == "out" and not abs(x) <= core.value:
            return
        draft.amount = x / core.value
        draft.kind, draft.unit, draft.value_kind = "percent", "ratio", "share"
        draft.end = core.end
        draft.end_tok = core.end_tok
        draft.pattern = "ratio:" + ("out_of" if t.low == "out" else t.low)

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

    def range_after(self, draft: Draft) -> None:
        p = self.p
        text = self.text
        mc = p.range_connector.match(text, draft.end)
        if mc is None:
            return
        conn = mc.group().strip().lower()
        if conn == "and":
            before = text[max(0, draft.start - 12):draft.start].lower().rstrip()
            if not before.endswith("between"):
                return
        if conn == "to" and draft.kind != "number" and self.change_just_before(draft.start):
            return  # "fell 41p to 380p", "rose 27 cents to $14.10": the change, then the new level
        if conn in ("to", "- to", "through"):
            at = self.word_before(draft.start, "from", words=3)
            if at is not None and self.change_just_before(at):
                return  # "rose from $1bn to $2bn": two figures, not a range ("range from 3 to 6%" is one)
        if draft.core.plain_digits and len(draft.core.plain_digits) == 4 and draft.kind == "number":
            return
        at_tok = self.tok_at_char(mc.end())
        if at_tok >= self.n or mc.end() != self.toks[at_tok].start:
            return
        j = self.numeral_start(at_tok)
        if j is None:
            return
        other, _nxt = self.mention_at(j, nested=True)
        if other is None or other.amount is None or draft.amount is None:
            return
        low, high = draft.amount, other.amount
        if draft.kind == "number" and other.kind != "number":
            # the first number inherits the second's scale, unit and currency: "5 and 6 billion yuan"
            if other.core.scaled and not draft.core.scaled and abs(other.core.value) >= 1000 * abs(
                    draft.core.value or 1):
                scale = _scale_of(other.core)
                low = low * scale
            if other.kind == "percent":
                low = low * (0.01 if other.unit in ("percent", "percentage_point") else 1)
                if other.amount < 0 < low:
                    low = -low
            if other.kind == "money" and other.minor_factor:
                low = low * other.minor_factor
            draft.kind, draft.unit, draft.currency = other.kind, other.unit, other.currency
            draft.value_kind = other.value_kind
            draft.pattern = other.pattern
        elif draft.kind == "number" and other.kind == "number" and other.core.scaled and not draft.core.scaled:
            low = low * _scale_of(other.core)
        elif draft.kind == "money" and other.kind == "number" and other.core.scaled and not draft.core.scaled \
                and conn not in ("and",):
            low = low * _scale_of(other.core)  # "$5-6 billion"
            other.kind, other.currency, other.unit = draft.kind, draft.currency, draft.unit
        _share_rate(draft, other)
        if draft.kind != other.kind or draft.unit != other.unit or draft.currency != other.currency:
            return
        if conn in ("-", "–", "—", "~") and not (low < high):
            return
        if conn in ("-", "–", "—") and draft.core.words and text[draft.end:draft.end + 1] in _DASHES:
            return  # "three-nought-four"
        if draft.kind == "number" and conn in ("-", "–", "—") and (
                draft.core.plain_digits and other.core.plain_digits and len(other.core.plain_digits) >= 4):
            return
        draft.low, draft.high = low, high
        draft.amount = None
        draft.end = other.end
        draft.end_tok = other.end_tok
        draft.pattern = draft.pattern + "+range"

    def word_before(self, start: int, word: str, words: int = 1) -> int | None:
        """Where ``word`` starts when it is one of the last ``words`` words before ``start``."""
        lo = max(0, start - 40)
        found = self.text[lo:start].lower().replace(",", " ").split()[-words:]
        if word not in found:
            return None
        window = self.text[lo:start].lower()
        at = window.rfind(" " + word + " ")
        return lo + at + 1 if at >= 0 else (lo if window.startswith(word + " ") else None)

    def change_just_before(self, start: int) -> bool:
        """A verb of change right before ``start`` ("fell", "rose by", "slid sharply", "added about")."""
        words = self.text[max(0, start - 40):start].lower().replace(",", " ").split()[-3:]
        while words and (words[-1] == "by" or words[-1] in self.d.hedges or words[-1].endswith("ly")):
            words.pop()
        d = self.d
        return bool(words) and (words[-1] in d.up_words or words[-1] in d.down_words or words[-1] in d.change_verbs)

    def numeral_start(self, j: int) -> int | None:
        """The first numeral token at or just after j, past a currency symbol ("US$84.5", "HK $ 10")."""
        if j >= self.n:
            return None
        first = self.toks[j].start
        for k in range(j, min(self.n, j + 4)):
            t = self.toks[k]
            if t.kind == "w" and k > j and not t.space and t.text.isupper() and self.toks[k - 1].kind == "s":
                continue  # a letter of the prefix: "($A63,904,110)"
            if t.kind == "n" or t.text in self.d.vulgar or t.kind == "w" and t.low in self.word_starts:
                if k == j or k == j + 1 and self.toks[j].text in _DASHES and self.glued(k):
                    return k
                m = self.p.currency_prefix.search(self.text, first, t.start)
                return k if m is not None and m.start() == first else None
            if t.start - first > 8:
                return None
        return None

    def equivalent_after(self, draft: Draft) -> None:
        p, text = self.p, self.text
        mo = p.equivalent_open.match(text, draft.end)
        if mo is None:
            return
        j = self.numeral_start(self.tok_at_char(mo.end()))
        if j is None:
            return
        other, _ = self.mention_at(j, nested=True)
        if other is None or other.kind != "money" or other.currency == draft.currency:
            return
        end = other.end
        opened = mo.group().strip()[:1]
        if opened in "([":
            k = self.tok_at_char(end)
            close = self.tok(k)
            if close is None or close.text not in ")]":
                return
            end = close.end
        elif "USD" not in (draft.currency, other.currency):
            return
        if other.currency == "USD" and draft.currency != "USD":
            primary, stated = draft, other
        elif draft.currency == "USD" and other.currency != "USD":
            primary, stated = other, draft
        else:
            primary, stated = draft, None
        usd = None if stated is None else stated.amount  # taken before the primary's figures replace the draft's
        if stated is not None and usd is None and stated.low is not None and stated.high is not None:
            usd = (stated.low + stated.high) / 2
        if primary is other:
            draft.amount, draft.low, draft.high = other.amount, other.low, other.high
            draft.currency, draft.unit, draft.value_kind = other.currency, other.unit or draft.unit, \
                other.value_kind
        draft.end = end
        draft.end_tok = self.tok_at_char(end)
        draft.pattern = draft.pattern + "+stated_usd" if stated is not None else draft.pattern + "+equivalent"
        if usd is not None:
            self.convert(draft, stated_usd=usd)

    def count_after(self, draft: Draft) -> None:
        """"635,800 invention patents": the counted noun phrase, guessed from the words that follow."""
        d = self.d
        k = self.tok_at_char(draft.end)
        words: list[Tok] = []
        j = k
        while j < self.n and len(words) < 4:
            t = self.toks[j]
            if t.kind == "w" and t.space and t.low not in d.counted_stop and t.low not in d.months:
                words.append(t)
                j += 1
                if self.is_sym(j, "-") and self.glued(j) and self.glued(j + 1) and self.toks[j + 1].kind == "w":
                    j += 1  # AI-powered, GPU-hours
                    words[-1] = Tok("w", t.start, self.toks[j].end, self.text[t.start:self.toks[j].end],
                                    self.text[t.start:self.toks[j].end].lower(), True)
                    j += 1
                continue
            break
        if not words:
            return
        cut = 0
        one = draft.amount == 1
        for n_, w in enumerate(words):
            if one and n_ == 0 and w.low.isalpha():
                cut = 1
            if _plural(w.low, d):
                cut = n_ + 1
                if not one:
                    break
        if cut == 0:
            return
        chosen = words[:cut]
        draft.kind = "count"
        draft.value_kind = "count"
        draft.counted = self.text[chosen[0].start:chosen[-1].end]
        draft.pattern = "count:text"

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

    def convert(self, draft: Draft, stated_usd: float | None = None) -> None:
        """The US-dollar figure by the one rule (:func:`pipeline.fx.resolve_usd`), once per money value."""
        if draft.usd is not None or draft.currency is None:
            return
        figure = fx.resolve_usd(draft.amount, draft.currency, stated_usd, self.published)
        draft.usd, draft.usd_basis = figure.usd, figure.basis
        if figure.warning:
            draft.warnings.append(figure.warning)

    def word_multiple(self, i: int) -> Draft | None:
        t = self.toks[i]
        d = self.d
        value = d.multiple_verbs.get(t.low) or d.multiple_words.get(t.low)
        if value is None:
            return None
        if t.low in d.multiple_verb_words:  # 'double the amount', 'to double', not 'double-digit'
            nxt = self.tok(i + 1)
            if (nxt is None or nxt.kind != "w" or nxt.low not in d.multiple_verb_word_objects) \
                    and not self.verb_after_modal(i):
                return None
        core = Core(t.start, t.end, value, i + 1, is_int=False, words=True)
        draft = Draft(start=t.start, end=t.end, kind="percent", amount=value, core=core, unit="multiple",
                      value_kind="multiple", pattern="multiple:word", end_tok=i + 1)
        self.hedge_before(draft)
        return draft

    def verb_after_modal(self, i: int) -> bool:
        """'double' as a verb: 'on track to double', 'is set to more than double', 'will roughly triple'."""
        nxt = self.tok(i + 1)
        if nxt is not None and nxt.text in _DASHES and self.glued(i + 1):  # 'double-digit growth'
            return False
        j = i - 1
        while (prev := self.tok(j)) is not None and prev.low in self.d.multiple_verb_hedges:
            j -= 1
        prev = self.tok(j)
        return prev is not None and prev.low in self.d.multiple_verb_modals

    def half(self, i: int) -> Draft | None:
        """"more than half of", "half of the chips": a share of 0.5."""
        prev = self.tok(i - 1)
        nxt = self.tok(i + 1)
        if prev is not None and prev.low in self.d.ordinals or prev is not None and prev.low in ("the", "a", "one"):
            return None
        if nxt is not None and (nxt.text in _DASHES and self.glued(i + 1) or nxt.low in ("an", "a", "the", "time",
                                                                                         "hour", "year", "way")):
            return None
        t = self.toks[i]
        core = Core(t.start, t.end, 0.5, i + 1, is_int=False, words=True, fraction=True, single_word="half")
        draft = Draft(start=t.start, end=t.end, kind="percent", amount=0.5, core=core, unit="ratio",
                      value_kind="share", pattern="ratio:half", end_tok=i + 1)
        self.hedge_before(draft)
        return draft

    def reversed_percent(self, i: int) -> Draft | None:
        """"percent of 10", "per cent of twenty-two": the number comes after."""
        t = self.toks[i]
        j = i + 1
        if t.low == "per":
            if self.tok(j) is None or self.toks[j].low not in ("cent", "cents"):
                return None
            j += 1
        prev = self.tok(i - 1)
        if prev is not None and (prev.kind == "n" or prev.low in self.number_words or prev.text == "%"):
            return None
        if self.tok(j) is None or self.toks[j].low != "of" or self.tok(j + 1) is None:
            return None
        core = self.chain(j + 1)
        if not isinstance(core, Core):
            return None
        nxt = self.tok(core.end_tok)
        if nxt is not None and nxt.kind == "w":
            return None
        draft = Draft(start=t.start, end=core.end, kind="percent", amount=core.value / 100, core=core,
                      unit="percent", value_kind="share", pattern="percent:reversed", end_tok=core.end_tok)
        return draft


_WORD_SETS: dict[int, tuple[dict[str, int], frozenset[str]]] = {}


def _word_sets(d: NumbersData) -> tuple[dict[str, int], frozenset[str]]:
    """Number words, and the words a numeral can start with, built once per data object."""
    found = _WORD_SETS.get(id(d))
    if found is None:
        words = d.number_words
        starts = frozenset(set(words) | set(d.hundred) | {"a", "an", "half", "quarter"} | set(d.negative_words)
                           | set(d.multiple_words) | set(d.multiple_verbs))
        found = _WORD_SETS[id(d)] = (words, starts)
    return found


def _share_rate(first: Draft, second: Draft) -> None:
    """"between $41 and $47 a share": the rate written after the second price is the first's too."""
    if first.kind == second.kind == "money" and first.currency == second.currency and first.unit is None and \
            second.value_kind == "rate":
        first.unit, first.value_kind = second.unit, second.value_kind


def _plural(word: str, d: NumbersData) -> bool:
    """A plural noun, by its ending (the text-level guess the counted noun uses too)."""
    return word in d.irregular_plurals or (len(word) > 3 and word.endswith("s") and
                                           not word.endswith(("ss", "us", "is", "ous")))


def _singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return noun


def _scale_of(core: Core) -> float:
    """The scale factor a scaled numeral carries (1.2 billion -> 1e9)."""
    v = abs(core.value)
    if v == 0:
        return 1.0
    for factor in (1e12, 1e9, 1e6, 1e3):
        if v >= factor:
            return factor
    return 1.0


def _power_of_ten(exponent: int) -> float | None:
    """10 to ``exponent``, or None beyond what a float holds ("1e910C" is a chip name, not a number)."""
    return 10.0 ** exponent if -300 <= exponent <= 300 else None
