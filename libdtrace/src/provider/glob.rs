//! DTrace's probe description patterns: `*`, `?`, `[...]` (with `!` or `^` negation and ranges)
//! and `\` escapes; an empty pattern matches anything.

pub fn matches(pat: &str, s: &str) -> bool {
    pat.is_empty() || glob(pat.as_bytes(), s.as_bytes())
}

/// Whether `pat` contains no glob characters (it then names exactly one string).
pub fn is_literal(pat: &str) -> bool {
    !pat.bytes().any(|c| matches!(c, b'*' | b'?' | b'[' | b'\\'))
}

/// Whether some string equal to `s` could match (cheap pre-check used to avoid enumerating a
/// provider's probes).
pub fn could_match(pat: &str, s: &str) -> bool {
    matches(pat, s)
}

fn glob(p: &[u8], s: &[u8]) -> bool {
    // Iterative matcher with single-star backtracking: linear in practice, no recursion depth.
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() {
            match p[pi] {
                b'*' => {
                    star = Some((pi, si));
                    pi += 1;
                    continue;
                }
                b'?' => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                b'[' => {
                    if let Some((ok, next)) = class(&p[pi..], s[si]) {
                        if ok {
                            pi += next;
                            si += 1;
                            continue;
                        }
                    } else if s[si] == b'[' {
                        pi += 1;
                        si += 1;
                        continue;
                    }
                }
                b'\\' if pi + 1 < p.len() => {
                    if p[pi + 1] == s[si] {
                        pi += 2;
                        si += 1;
                        continue;
                    }
                }
                c => {
                    if c == s[si] {
                        pi += 1;
                        si += 1;
                        continue;
                    }
                }
            }
        }
        match star {
            Some((sp, ss)) => {
                pi = sp + 1;
                si = ss + 1;
                star = Some((sp, ss + 1));
            }
            None => return false,
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

/// Match one character against a `[...]` class at the start of `p`. Returns whether it matched
/// and the length of the class, or `None` if the class is not closed.
fn class(p: &[u8], c: u8) -> Option<(bool, usize)> {
    let mut i = 1;
    let negate = i < p.len() && (p[i] == b'!' || p[i] == b'^');
    if negate {
        i += 1;
    }
    let mut found = false;
    let mut first = true;
    while i < p.len() && (p[i] != b']' || first) {
        first = false;
        let lo = p[i];
        if i + 2 < p.len() && p[i + 1] == b'-' && p[i + 2] != b']' {
            let hi = p[i + 2];
            if lo <= c && c <= hi {
                found = true;
            }
            i += 3;
        } else {
            if lo == c {
                found = true;
            }
            i += 1;
        }
    }
    if i >= p.len() {
        return None;
    }
    Some((found != negate, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(matches("", "anything"));
        assert!(matches("open*", "openat"));
        assert!(matches("open*", "open"));
        assert!(!matches("open*", "xopen"));
        assert!(matches("*at", "openat"));
        assert!(matches("re?d", "read"));
        assert!(matches("[rw]*", "write"));
        assert!(!matches("[!rw]*", "write"));
        assert!(matches("[a-c]x", "bx"));
        assert!(matches("a\\*", "a*"));
        assert!(!matches("a\\*", "ab"));
        assert!(matches("*e*n*", "openat"));
        assert!(!matches("BEGIN", "END"));
    }
}
