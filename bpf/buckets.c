/*
 * The bucket of a value in quantize(), lquantize() and llquantize() histograms: the same
 * arithmetic as the consumer's aggregate/hist.rs, which documents the layouts. The code
 * generator passes the function's parameters as constants and clamps the result to the
 * histogram's size, so the verifier can prove the store in bounds.
 */
#include "runtime.h"

/* Quantize's bucket of 0; powers of two count up above it and down below it. */
#define QUANTIZE_ZERO 63

/* floor(log2(m)) for m != 0, by halving the search range (no loop for the verifier). */
static inline u64 log2_floor(u64 m)
{
	u64 r = 0;

	if (m >> 32) { m >>= 32; r += 32; }
	if (m >> 16) { m >>= 16; r += 16; }
	if (m >> 8) { m >>= 8; r += 8; }
	if (m >> 4) { m >>= 4; r += 4; }
	if (m >> 2) { m >>= 2; r += 2; }
	if (m >> 1) r += 1;
	return r;
}

/*
 * quantize(): 0 in its own bucket, positive values by their power of two above it, negative
 * ones by their magnitude's below it (INT64_MIN's magnitude, 2^63, shares the last bucket
 * with 2^62).
 */
ROUTINE u64 dt_quantize_bucket(s64 v)
{
	u64 l;

	if (v == 0)
		return QUANTIZE_ZERO;
	if (v > 0)
		return QUANTIZE_ZERO + 1 + log2_floor((u64)v);
	l = log2_floor(-(u64)v);
	if (l > 62)
		l = 62;
	return QUANTIZE_ZERO - 1 - l;
}

/*
 * lquantize(v, base, step, levels): bucket 0 below base, `levels` buckets of `step`, then one
 * above. step is at least 1 (the checker refuses 0).
 */
ROUTINE u64 dt_lquantize_bucket(s64 v, s64 base, u64 step, u64 levels)
{
	u64 d;

	if (v < base)
		return 0;
	/* v >= base: the distance fits in an unsigned 64-bit number. */
	d = (u64)v - (u64)base;
	if (d >= levels * step)
		return levels + 1;
	return 1 + d / (step ? step : 1);
}

/*
 * llquantize(v, factor, lmag, hmag, steps): positions above bin0 = 1 + (hmag - lmag + 1) *
 * (steps - steps / factor) by magnitude, mirrored below bin0 for negative values; position 0
 * below factor^lmag, bin0 itself (the overflow bucket) from factor^(hmag + 1). The checker
 * guarantees factor^(hmag + 1) fits in 64 bits, so hmag is below 64.
 */
ROUTINE u64 dt_llquantize_bucket(s64 v, u64 factor, u64 lmag, u64 hmag, u64 steps)
{
	u64 per = steps - steps / factor;
	u64 bin0 = 1 + (hmag - lmag + 1) * per;
	u64 m = v < 0 ? -(u64)v : (u64)v;
	u64 lower = 1, upper, j, pos = bin0, r, i;

	for (i = 0; i < 64 && i < lmag; i++)
		lower *= factor;
	if (m < lower) {
		pos = 0;
	} else {
		for (r = 0; r < 64 && r <= hmag - lmag; r++) {
			upper = lower * factor;
			if (m < upper) {
				/* j = m * steps / upper, exact for the parameters the checker allows. */
				if (upper >= steps && upper % steps == 0)
					j = m / (upper / steps);
				else if (steps % upper == 0)
					j = m * (steps / upper);
				else
					j = m * steps / upper;
				pos = 1 + r * per + j - steps / factor;
				break;
			}
			lower = upper;
		}
	}
	return v < 0 ? bin0 - pos : bin0 + pos;
}
