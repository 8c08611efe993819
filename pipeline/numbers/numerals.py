"""Numerals in digits: separators, decimals, exponents, slash fractions and scales glued to the digits.

:meth:`Numerals.digit_item` reads one numeral written in digits from a token ("41,287,000", "3.4m",
"1e9", "3/4"), or says that the digits are a code, a date or a version and are to be skipped.
"""

from __future__ import annotations

import math

from pipeline.numbers.drafts import Core, Skip, Tok
from pipeline.numbers.tokens import DASHES, Tokens, plural


class Numerals(Tokens):
    """The numeral tokenizer: digits and what is glued to them."""

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
            elif prev.text in DASHES and not after_dash_ok:
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
        return plural(nxt.low, d)

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


def _power_of_ten(exponent: int) -> float | None:
    """10 to ``exponent``, or None beyond what a float holds ("1e910C" is a chip name, not a number)."""
    return 10.0 ** exponent if -300 <= exponent <= 300 else None
