//! DTrace's integer standard deviation (`dt_stddev`).

/// sqrt(avg(x²) − avg(x)²) in integers: the average of the squares divided unsigned in 128
/// bits, the average truncated toward zero, the root rounded down. 0 without data.
pub fn stddev(count: u64, sum: i64, sumsq: u128) -> u64 {
    if count == 0 {
        return 0;
    }
    let avg_of_squares = sumsq / count as u128;
    let avg = sum.wrapping_div(count as i64).unsigned_abs() as u128;
    // DTrace subtracts without a check; in exact arithmetic the difference is never negative.
    isqrt(avg_of_squares.wrapping_sub(avg * avg))
}

/// Floor of the square root of a 128-bit number.
fn isqrt(n: u128) -> u64 {
    if n == 0 {
        return 0;
    }
    // Newton's iteration from an over-estimate converges down to the floor.
    let mut x: u128 = 1u128 << (128 - n.leading_zeros()).div_ceil(2);
    loop {
        let y = (x + n / x) / 2;
        if y >= x {
            return x as u64;
        }
        x = y;
    }
}
