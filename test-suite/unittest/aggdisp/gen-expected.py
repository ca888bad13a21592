# Regenerate the .r files: cd test-suite/unittest/aggdisp && python3 gen-expected.py
# A model of the illumos C formats (dt_consume.c), written from the C source, used to derive
# the expected outputs of test-suite/unittest/aggdisp.
import math
DASH = "------------- Distribution -------------"
def hdr(width=0):
    return "\n%*s %41s %-9s\n" % (width if width else 16, "key" if width else "value", DASH, "count")
def cdiv(a, b):  # C division truncating toward zero
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q
def quantline(val, normal, total, pos, neg, utf8=False):
    ats = "@" * 40; sp = " " * 40; L = 40
    if not neg:
        if pos:
            if utf8:
                f = abs(val) * L / total
                whole = int(f); partial = int((f - whole) * 8)
                s = "|" + "\u2588" * whole; i = whole
                if partial:
                    s += chr(0x258f - (partial - 1)); i += 1
                return s + sp[i:] + " %-9d\n" % cdiv(val, normal)
            depth = int(abs(val) * L / total + 0.5)
        else:
            depth = 0
        return "|" + ats[L - depth:] + sp[depth:] + " %-9d\n" % cdiv(val, normal)
    if not pos:
        depth = int(abs(val) * L / total + 0.5)
        return sp[depth:] + ats[L - depth:] + "| %-9d\n" % cdiv(val, normal)
    L = 20; ats = ats[L:]; sp = sp[L:]
    depth = int(abs(val) * L / total + 0.5)
    if val <= 0:
        return sp[depth:] + ats[L - depth:] + "|" + " " * L + " %-9d\n" % cdiv(val, normal)
    return " " * 20 + "|" + ats[L - depth:] + sp[depth:] + " %-9d\n" % cdiv(val, normal)
def qtotal(vals, zoom):
    t = 0.0
    for v in vals:
        a = abs(v)
        if not zoom: t += a
        else:
            z = a * (1 / 0.95)
            if t < z: t = z
    return t
def bucketval(i):
    return 0 if i == 63 else (1 << (i - 64) if i > 63 else -(1 << (62 - i)))
def qbin(v):
    if v == 0: return 63
    k = min(abs(v).bit_length() - 1, 62)
    return 64 + k if v > 0 else 62 - k
def quantize_table(data, normal=1, zoom=False, utf8=False):
    nz = [i for i, v in enumerate(data) if v]
    if not nz: first, last = 62, 64
    else:
        first = max(nz[0] - 1, 0); last = min(nz[-1] + 1, 126)
    vals = data[first:last + 1]
    pos = any(v > 0 for v in vals); neg = any(v < 0 for v in vals)
    total = qtotal(vals, zoom)
    s = hdr()
    for i in range(first, last + 1):
        s += "%16d " % bucketval(i) + quantline(data[i], normal, total, pos, neg, utf8)
    return s
def lquantize_table(data, base, step, levels, normal=1, zoom=False, utf8=False):
    nz = [i for i, v in enumerate(data) if v]
    if not nz: first, last = 0, 2
    else:
        first = max(nz[0] - 1, 0); last = min(nz[-1] + 1, levels + 1)
    vals = data[first:last + 1]
    pos = any(v > 0 for v in vals); neg = any(v < 0 for v in vals)
    total = qtotal(vals, zoom)
    s = hdr()
    for i in range(first, last + 1):
        if i == 0: lab = "%16s " % ("< %d" % base)
        elif i == levels + 1: lab = "%16s " % (">= %d" % (base + levels * step))
        else: lab = "%16d " % (base + (i - 1) * step)
        s += lab + quantline(data[i], normal, total, pos, neg, utf8)
    return s
def lbin(v, base, step, levels):
    if v < base: return 0
    d = (v - base) // step
    return levels + 1 if d >= levels else d + 1
def ndigits(v):
    r = 1; c = 10
    if v < 0: v = -v; r += 1
    while v > c:
        r += 1; c *= 10
    return max(r, 4)
def packed(d, total, utf8):
    if d == 0: return " "
    if d < 0: return "vvvvVV"[int(abs(d * 5) / total + 0.5)]
    if utf8: return chr(0x2581 + int(d * 7 / total + 0.5))
    return "__xxxxXX"[int(d * 7 / total + 0.5)]
def qrange(entries):
    lo = hi = None
    for data in entries:
        nz = [i for i, v in enumerate(data) if v]
        a, b = (nz[0], nz[-1]) if nz else (63, 63)
        lo = a if lo is None else min(lo, a); hi = b if hi is None else max(hi, b)
    if lo != 0 and lo != 63: lo -= 1
    if hi < 126: hi += 1
    return lo, hi
def qpack_hdr(width, lo, hi):
    return "\n%*s %*s ." % (width, "key" if width > 0 else "", ndigits(bucketval(lo)), "min") + "-" * (hi - lo + 1) + ". %-*s | count\n" % (ndigits(bucketval(hi)), "max")
def qpack_row(data, lo, hi, zoom=False, utf8=False):
    tot = qtotal(data[lo:hi + 1], zoom); cnt = sum(data[lo:hi + 1])
    mn, mx = bucketval(lo), bucketval(hi)
    return " %*d :" % (ndigits(mn), mn) + "".join(packed(v, tot, utf8) for v in data[lo:hi + 1]) + ": %-*d | %d\n" % (ndigits(mx), mx, cnt)
def lpack_hdr(width, levels):
    return "\n%*s %*s ." % (width, "key" if width > 0 else "", 7, "min") + "-" * (levels + 2) + ". %-*s | count\n" % (8, "max")
def lpack_row(data, base, step, levels, zoom=False, utf8=False):
    tot = qtotal(data, zoom); cnt = sum(data)
    return "%8s :" % ("< %d" % base) + "".join(packed(v, tot, utf8) for v in data) + ": %-8s | %d\n" % (">= %d" % (base + levels * step), cnt)
def agg_total(vals, zoom):
    t = 0; pos = neg = False
    for v in vals:
        if v > 0: pos = True
        if v < 0: neg = True; v = -v
        if zoom:
            v = int(v * (1 / 0.95))
            if v > t: t = v
        else: t += v
    return t, pos, neg
def skey(s, packed_=True):
    return " %16s" % s if packed_ else "  %-50s" % s
def ikey(v, size=4):
    return " %*d" % ({1: 3, 2: 5, 4: 8, 8: 16}[size], v)
def Q(pairs):
    d = [0] * 127
    for v, n in pairs: d[qbin(v)] += n
    return d
def LQ(pairs, base, step, levels):
    d = [0] * (levels + 2)
    for v, n in pairs: d[lbin(v, base, step, levels)] += n
    return d

# ---- the expected outputs of this directory ----



R = {}
# End of run: "\n", then every aggregation printa() did not print.
R["aggzoom-quantize"] = "\n" + quantize_table(Q([(1, 1), (2, 5), (4, 2)]), zoom=True) + "\n"
R["aggzoom-lquantize"] = "\n" + lquantize_table(LQ([(3, 2), (5, 6), (7, 1)], 0, 1, 10), 0, 1, 10, zoom=True) + "\n"
ents = {"alpha": Q([(1, 1), (3, 2), (100, 1)]), "beta": Q([(8, 4), (16, 1)]), "gamma": Q([(0, 3), (-2, 1)])}
lo, hi = qrange(ents.values())
R["aggpack-quantize"] = "\n" + qpack_hdr(17, lo, hi) + "".join(skey(k) + qpack_row(d, lo, hi) for k, d in sorted(ents.items()))
L = lambda pairs: LQ(pairs, 0, 10, 10)
ents = {1: L([(-5, 1), (15, 3)]), 2: L([(50, 2), (55, -1)]), 3: L([(200, 7), (0, -2)])}
R["aggpack-lquantize"] = "\n" + lpack_hdr(9, 10) + "".join(ikey(k) + lpack_row(d, 0, 10, 10) for k, d in sorted(ents.items()))
d = Q([(1, 1), (2, 3), (4, 2)])
lo, hi = qrange([d])
R["aggpack-utf8"] = "\n" + qpack_hdr(0, lo, hi) + qpack_row(d, lo, hi, utf8=True)
c = {"read": 1, "open": 2, "write": 5}
t, p, n = agg_total(c.values(), False)
R["agghist-count"] = "\n" + hdr(17) + "".join(skey(k) + " " + quantline(v, 1, t, p, n) for k, v in sorted(c.items()))
s = [(1, -30), (2, 10), (3, 20)]
t, p, n = agg_total([v for _, v in s], False)
R["agghist-sum"] = "\n" + hdr(9) + "".join(ikey(k) + " " + quantline(v, 1, t, p, n) for k, v in sorted(s, key=lambda e: e[1]))
R["encoding-utf8"] = "\n" + quantize_table(Q([(1, 1), (2, 2)]), utf8=True) + "\n" + lquantize_table(LQ([(1, 3), (2, -1)], 0, 1, 4), 0, 1, 4, utf8=True) + "\n"
s = {"big": 100, "small": 30}
t, p, n = agg_total(s.values(), True)
R["agghist-zoom-utf8"] = "\n" + hdr(17) + "".join(skey(k) + " " + quantline(v, 1, t, p, n, True) for k, v in sorted(s.items(), key=lambda e: e[1]))
ents = {"a": Q([(2, 1)]), "b": Q([(8, 3)])}
plain = "\n" + "".join(skey(k, False) + quantize_table(d) + "\n" for k, d in sorted(ents.items()))
lo, hi = qrange(ents.values())
packd = "\n" + qpack_hdr(17, lo, hi) + "".join(skey(k) + qpack_row(d, lo, hi) for k, d in sorted(ents.items()))
zoomd = "\n" + "".join(skey(k, False) + quantize_table(d, zoom=True) + "\n" for k, d in sorted(ents.items()))
R["setopt"] = plain + packd + zoomd + "\n"
s = {"x": 100, "y": 300}
t, p, n = agg_total(s.values(), False)
R["agghist-normalize"] = "\n" + hdr(17) + "".join(skey(k) + " " + quantline(v, 100, t, p, n) for k, v in sorted(s.items(), key=lambda e: e[1])) + "\n"
c = {"a": 1, "b": 3}
t, p, n = agg_total(c.values(), False)
both = "\n" + hdr(17) + "".join(skey(k) + " " + quantline(v, 1, t, p, n) for k, v in sorted(c.items()))
ents = {"a": Q([(5, 1)]), "b": Q([(1, 1)])}
lo, hi = qrange(ents.values())
both += qpack_hdr(17, lo, hi) + "".join(skey(k) + qpack_row(d, lo, hi) for k, d in sorted(ents.items()))
both += skey("a", False) + " %16d\n" % 7
R["both"] = both
d = Q([(2, 1)])
lo, hi = qrange([d])
run = lambda u: "\n" + qpack_hdr(0, lo, hi) + qpack_row(d, lo, hi, utf8=u)
R["aggpack-term"] = "TERM=dumb\n" + run(False) + "TERM=sun\n" + run(False) + "TERM=xterm\n" + run(True) + \
    "TERM=xterm encoding=ascii\n" + run(False) + "TERM=dumb encoding=utf8\n" + run(True)
for k, v in R.items():
    open("tst.%s.r" % k, "w", encoding="utf-8").write(v)
d = Q([(1, 1), (2, 3)])
R["printa-format"] = "key k:" + quantize_table(d, zoom=True) + "\n" + "key k:" + quantize_table(d, utf8=True) + "\n" + "\n"
open("tst.printa-format.r", "w", encoding="utf-8").write(R["printa-format"])
