//! `print()`: a typed value laid out as Oracle Linux DTrace prints it.
//!
//! ```text
//! 0xffff9b7aca7e0000 = *
//!                                             (struct test_struct) {
//!                                              .a = (int)1,
//!                                              .b = (char [5]) [
//!                                               (char)'t',
//!                                              ],
//!                                             }
//! ```
//!
//! The body starts 44 columns in (where a non-quiet record's data column starts) and each
//! level of nesting adds one space. Members whose bytes are all zero are left out; a char array
//! shows up to its first NUL. A struct or union inside another shows as `(struct)` or
//! `(union)`, without its tag. Members starting at or past `printsize` bytes are not printed: a
//! `...` line stands for them.
//!
//! The type travels as a [`PNode`] tree built at compile time, so the consumer needs neither
//! the checker's tables nor BTF.

/// Columns before the outermost line of the body.
const BASE_INDENT: usize = 44;

/// A type as `print()` shows it: the name in the cast and how its bytes read.
#[derive(Debug, Clone, PartialEq)]
pub struct PNode {
    /// The C name shown in `(name)`: `int`, `uint64_t`, `struct foo`, `char [5]`, `struct` for
    /// an anonymous struct.
    pub name: String,
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Int { size: u8, signed: bool },
    /// `char`: printed as a character constant when printable.
    Char,
    Float { size: u8 },
    Ptr,
    Enum { size: u8, signed: bool, values: Vec<(String, i64)> },
    Array { elem: Box<PNode>, count: u32, elem_size: u32 },
    Sou { members: Vec<PMember> },
    /// Something `print()` cannot show by value (a function); skipped.
    Opaque,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PMember {
    /// Empty for an anonymous struct or union member.
    pub name: String,
    pub bit_offset: u32,
    /// Width of a bit-field; 0 for an ordinary member.
    pub bits: u8,
    pub node: PNode,
}

impl PNode {
    /// Whether every byte (or bit) the value of this type occupies at `bit_off` is zero.
    fn is_zero(&self, data: &[u8], bit_off: u32, bits: u8) -> bool {
        match &self.shape {
            Shape::Int { size, .. } | Shape::Enum { size, .. } | Shape::Float { size } => {
                read_bits(data, bit_off, bits, *size) == 0
            }
            Shape::Char => read_bits(data, bit_off, bits, 1) == 0,
            Shape::Ptr => read_bits(data, bit_off, 0, 8) == 0,
            Shape::Array { elem, count, elem_size } => (0..*count)
                .all(|i| elem.is_zero(data, bit_off + i * elem_size * 8, 0)),
            Shape::Sou { members } => members
                .iter()
                .all(|m| m.node.is_zero(data, bit_off + m.bit_offset, m.bits)),
            Shape::Opaque => true,
        }
    }
}

/// Reads an integer of `size` bytes (or a `bits`-wide bit-field) at `bit_off`; bytes past the
/// end of `data` (not recorded: beyond `printsize`) read as zero.
fn read_bits(data: &[u8], bit_off: u32, bits: u8, size: u8) -> u64 {
    let byte = |i: usize| data.get(i).copied().unwrap_or(0) as u64;
    if bits == 0 {
        let start = (bit_off / 8) as usize;
        let mut v = 0u64;
        for i in (0..size.min(8) as usize).rev() {
            v = (v << 8) | byte(start + i);
        }
        return v;
    }
    let mut v = 0u64;
    for b in 0..bits as u32 {
        let at = bit_off + b;
        let bit = (byte((at / 8) as usize) >> (at % 8)) & 1;
        v |= bit << b;
    }
    v
}

fn sign_extend(v: u64, bits: u32) -> i64 {
    if bits == 0 || bits >= 64 {
        return v as i64;
    }
    let shift = 64 - bits;
    ((v << shift) as i64) >> shift
}

struct Printer<'a> {
    out: &'a mut Vec<u8>,
    data: &'a [u8],
    limit: u32,
    /// Closing lines of structs whose last member has been visited: written when the next
    /// member is visited, so a `...` lands inside them as DTrace puts it.
    pending: Vec<(usize, &'static str)>,
    stopped: bool,
}

impl Printer<'_> {
    fn indent(&mut self, depth: usize) {
        self.out
            .extend(std::iter::repeat(b' ').take(BASE_INDENT + depth));
    }

    fn flush(&mut self) {
        // Inner structs finish first, so the list is already innermost-first.
        for (depth, s) in std::mem::take(&mut self.pending) {
            self.indent(depth);
            self.out.extend_from_slice(s.as_bytes());
            self.out.push(b'\n');
        }
    }

    /// One struct or union member at `depth`, `bit_off` bits into the data.
    fn member(&mut self, m: &PMember, bit_off: u32, depth: usize) {
        if self.stopped {
            return;
        }
        if bit_off / 8 >= self.limit {
            // At the depth of the member left out, but before the closing lines of the
            // structs visited last (DTrace's tst.print.local.trunc.r).
            self.indent(depth);
            self.out.extend_from_slice(b"...\n");
            self.stopped = true;
            return;
        }
        self.flush();
        if m.node.is_zero(self.data, bit_off, m.bits) {
            return;
        }
        let label = if m.name.is_empty() {
            None
        } else {
            Some(m.name.as_str())
        };
        // An unnamed struct or union member shows as `(struct)` whatever its kind, as
        // Oracle's print() shows the anonymous union of struct sk_buff (tst.print.skb.r); a
        // named member of an untagged union type keeps `(union)` (tst.print.local.r).
        let cast = match (&m.node.shape, label) {
            (Shape::Sou { .. }, None) => Some("struct"),
            _ => None,
        };
        self.value_as(&m.node, cast, label, bit_off, m.bits, depth, ",");
    }

    /// A value: `.name = (type)value` and what follows, `delim` after it.
    fn value(
        &mut self,
        n: &PNode,
        label: Option<&str>,
        bit_off: u32,
        bits: u8,
        depth: usize,
        delim: &'static str,
    ) {
        self.value_as(n, None, label, bit_off, bits, depth, delim)
    }

    /// [`Self::value`] with the type shown as `cast` instead of the node's own name.
    #[allow(clippy::too_many_arguments)]
    fn value_as(
        &mut self,
        n: &PNode,
        cast: Option<&str>,
        label: Option<&str>,
        bit_off: u32,
        bits: u8,
        depth: usize,
        delim: &'static str,
    ) {
        self.indent(depth);
        if let Some(l) = label {
            self.out.extend_from_slice(format!(".{} = ", l).as_bytes());
        }
        self.out
            .extend_from_slice(format!("({})", cast.unwrap_or(&n.name)).as_bytes());
        match &n.shape {
            Shape::Sou { members } => {
                self.out.extend_from_slice(b" {\n");
                for m in members {
                    self.member(m, bit_off + m.bit_offset, depth + 1);
                    if self.stopped {
                        break;
                    }
                }
                self.pending.push((depth, if delim.is_empty() { "}" } else { "}," }));
                return;
            }
            Shape::Array {
                elem,
                count,
                elem_size,
            } => {
                self.out.extend_from_slice(b" [\n");
                for i in 0..*count {
                    let off = bit_off + i * elem_size * 8;
                    if elem.shape == Shape::Char && read_bits(self.data, off, 0, 1) == 0 {
                        break;
                    }
                    self.value(elem, None, off, 0, depth + 1, ",");
                    // Structs inside arrays close right away.
                    self.flush();
                }
                self.indent(depth);
                self.out.push(b']');
                self.out.extend_from_slice(delim.as_bytes());
                self.out.push(b'\n');
                return;
            }
            _ => {}
        }
        let text = scalar_text(n, self.data, bit_off, bits);
        self.out.extend_from_slice(text.as_bytes());
        self.out.extend_from_slice(delim.as_bytes());
        self.out.push(b'\n');
    }
}

fn scalar_text(n: &PNode, data: &[u8], bit_off: u32, bits: u8) -> String {
    match &n.shape {
        Shape::Int { size, signed } => {
            let v = read_bits(data, bit_off, bits, *size);
            let width = if bits > 0 { bits as u32 } else { *size as u32 * 8 };
            if *signed {
                sign_extend(v, width).to_string()
            } else {
                v.to_string()
            }
        }
        Shape::Char => {
            let c = read_bits(data, bit_off, bits, 1) as u8;
            if c.is_ascii_graphic() || c == b' ' {
                format!("'{}'", c as char)
            } else {
                (c as i8).to_string()
            }
        }
        Shape::Float { size } => {
            let v = read_bits(data, bit_off, 0, *size);
            if *size == 4 {
                format!("{:.6}", f32::from_bits(v as u32))
            } else {
                format!("{:.6}", f64::from_bits(v))
            }
        }
        Shape::Ptr => format!("0x{:x}", read_bits(data, bit_off, 0, 8)),
        Shape::Enum {
            size,
            signed,
            values,
        } => {
            let raw = read_bits(data, bit_off, bits, *size);
            let v = if *signed {
                sign_extend(raw, *size as u32 * 8)
            } else {
                raw as i64
            };
            match values.iter().find(|(_, x)| *x == v) {
                Some((name, _)) => name.clone(),
                None => v.to_string(),
            }
        }
        Shape::Array { .. } | Shape::Sou { .. } | Shape::Opaque => String::new(),
    }
}

/// Appends `print()`'s output for a value of type `node` whose recorded bytes are `data`
/// (at most `printsize` of them). `addr` is the pointer `print()` was given, `None` when it was
/// given a struct, union or array value.
pub fn print_typed(out: &mut Vec<u8>, node: &PNode, addr: Option<u64>, data: &[u8], limit: u32) {
    if let Some(a) = addr {
        out.extend_from_slice(format!("0x{:x} = *\n", a).as_bytes());
    }
    let mut p = Printer {
        out,
        data,
        limit,
        pending: Vec::new(),
        stopped: false,
    };
    p.value(node, None, 0, 0, 0, "");
    p.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(name: &str, size: u8, signed: bool) -> PNode {
        PNode {
            name: name.into(),
            shape: Shape::Int { size, signed },
        }
    }

    fn member(name: &str, byte: u32, node: PNode) -> PMember {
        PMember {
            name: name.into(),
            bit_offset: byte * 8,
            bits: 0,
            node,
        }
    }

    /// Oracle's test_struct of test/unittest/print (tst.print.local.d).
    fn test_struct() -> PNode {
        let ch = PNode {
            name: "char".into(),
            shape: Shape::Char,
        };
        let u = PNode {
            name: "union".into(),
            shape: Shape::Sou {
                members: vec![member("c", 0, int("__u8", 1, false)), member("d", 0, int("__u64", 8, false))],
            },
        };
        let s = PNode {
            name: "struct".into(),
            shape: Shape::Sou {
                members: vec![
                    member("e", 0, PNode { name: "void *".into(), shape: Shape::Ptr }),
                    member("f", 8, int("uint64_t", 8, false)),
                ],
            },
        };
        let h = PNode {
            name: "enum eh".into(),
            shape: Shape::Enum {
                size: 4,
                signed: false,
                values: vec![("FIRSTVAL".into(), 0), ("SECONDVAL".into(), 1), ("THIRDVAL".into(), 3)],
            },
        };
        PNode {
            name: "struct test_struct".into(),
            shape: Shape::Sou {
                members: vec![
                    member("a", 0, int("int", 4, true)),
                    member(
                        "b",
                        4,
                        PNode {
                            name: "char [5]".into(),
                            shape: Shape::Array { elem: Box::new(ch), count: 5, elem_size: 1 },
                        },
                    ),
                    member("u", 16, u),
                    member("s", 24, s),
                    member("g", 40, int("bool", 1, false)),
                    member("h", 44, h),
                ],
            },
        }
    }

    fn data() -> Vec<u8> {
        let mut d = vec![0u8; 48];
        d[0] = 1;
        d[4..9].copy_from_slice(b"test\0");
        d[16..24].copy_from_slice(&123456789u64.to_le_bytes());
        d[24..32].copy_from_slice(&0xffff9b7aca7e0000u64.to_le_bytes());
        d[32..40].copy_from_slice(&987654321u64.to_le_bytes());
        d[40] = 1;
        d[44] = 1;
        d
    }

    fn ind(n: usize) -> String {
        " ".repeat(44 + n)
    }

    #[test]
    fn oracle_local() {
        let mut out = Vec::new();
        print_typed(&mut out, &test_struct(), Some(0x1000), &data(), 8192);
        let want = format!(
            "0x1000 = *\n{0}(struct test_struct) {{\n{1}.a = (int)1,\n{1}.b = (char [5]) [\n{2}(char)'t',\n{2}(char)'e',\n{2}(char)'s',\n{2}(char)'t',\n{1}],\n{1}.u = (union) {{\n{2}.c = (__u8)21,\n{2}.d = (__u64)123456789,\n{1}}},\n{1}.s = (struct) {{\n{2}.e = (void *)0xffff9b7aca7e0000,\n{2}.f = (uint64_t)987654321,\n{1}}},\n{1}.g = (bool)1,\n{1}.h = (enum eh)SECONDVAL,\n{0}}}\n",
            ind(0),
            ind(1),
            ind(2)
        );
        assert_eq!(String::from_utf8_lossy(&out), want);
    }

    #[test]
    fn oracle_truncated() {
        // tst.print.local.trunc.r: printsize 8, then 24.
        let mut d = data();
        d[16..24].copy_from_slice(&12345678u64.to_le_bytes());
        let mut out = Vec::new();
        print_typed(&mut out, &test_struct(), Some(0x10), &d[..8], 8);
        let want = format!(
            "0x10 = *\n{0}(struct test_struct) {{\n{1}.a = (int)1,\n{1}.b = (char [5]) [\n{2}(char)'t',\n{2}(char)'e',\n{2}(char)'s',\n{2}(char)'t',\n{1}],\n{1}...\n{0}}}\n",
            ind(0),
            ind(1),
            ind(2)
        );
        assert_eq!(String::from_utf8_lossy(&out), want);
        let mut out = Vec::new();
        print_typed(&mut out, &test_struct(), Some(0x10), &d[..24], 24);
        let want = format!(
            "0x10 = *\n{0}(struct test_struct) {{\n{1}.a = (int)1,\n{1}.b = (char [5]) [\n{2}(char)'t',\n{2}(char)'e',\n{2}(char)'s',\n{2}(char)'t',\n{1}],\n{1}.u = (union) {{\n{2}.c = (__u8)78,\n{2}.d = (__u64)12345678,\n{1}...\n{1}}},\n{0}}}\n",
            ind(0),
            ind(1),
            ind(2)
        );
        assert_eq!(String::from_utf8_lossy(&out), want);
    }

    #[test]
    fn anonymous_members() {
        // struct sk_buff's struct_group(headers, ...): an unnamed union of an unnamed struct
        // and a named one (Oracle's tst.print.skb.r): both unnamed members show as
        // `(struct)`, the named one as its own untagged type.
        let inner = |name: &str| PNode {
            name: name.into(),
            shape: Shape::Sou {
                members: vec![member("network_header", 0, int("__u16", 2, false))],
            },
        };
        let u = PNode {
            name: "union".into(),
            shape: Shape::Sou {
                members: vec![member("", 0, inner("struct")), member("headers", 0, inner("struct"))],
            },
        };
        let named_union = PNode {
            name: "union".into(),
            shape: Shape::Sou {
                members: vec![member("x", 0, int("int", 4, true))],
            },
        };
        let t = PNode {
            name: "struct sk_buff".into(),
            shape: Shape::Sou {
                members: vec![member("", 0, u), member("v", 2, named_union)],
            },
        };
        let mut d = vec![0u8; 8];
        d[0] = 32;
        d[2] = 7;
        let mut out = Vec::new();
        print_typed(&mut out, &t, None, &d, 8192);
        let want = format!(
            "{0}(struct sk_buff) {{\n{1}(struct) {{\n{2}(struct) {{\n{3}.network_header = (__u16)32,\n{2}}},\n{2}.headers = (struct) {{\n{3}.network_header = (__u16)32,\n{2}}},\n{1}}},\n{1}.v = (union) {{\n{2}.x = (int)7,\n{1}}},\n{0}}}\n",
            ind(0),
            ind(1),
            ind(2),
            ind(3)
        );
        assert_eq!(String::from_utf8_lossy(&out), want);
    }

    #[test]
    fn oracle_zeroed() {
        // tst.print.local.zeroed.r: zero members left out, a char array stops at its NUL.
        let mut d = vec![0u8; 48];
        d[5..8].copy_from_slice(b"est");
        let mut out = Vec::new();
        let mut t = test_struct();
        if let Shape::Sou { members } = &mut t.shape {
            members[1].node.shape = Shape::Array {
                elem: Box::new(int("char", 1, true)),
                count: 5,
                elem_size: 1,
            };
        }
        // An all-zero array is left out like any other member.
        print_typed(&mut out, &t, None, &vec![0u8; 48], 8192);
        assert_eq!(String::from_utf8_lossy(&out), format!("{0}(struct test_struct) {{\n{0}}}\n", ind(0)));
        d[40] = 1;
        d[44] = 1;
        let mut t = test_struct();
        if let Shape::Sou { members } = &mut t.shape {
            members[5].node.shape = Shape::Enum {
                size: 4,
                signed: false,
                values: vec![("FIRSTVAL".into(), 1)],
            };
        }
        let mut out = Vec::new();
        print_typed(&mut out, &t, None, &d, 8192);
        let want = format!(
            "{0}(struct test_struct) {{\n{1}.b = (char [5]) [\n{1}],\n{1}.g = (bool)1,\n{1}.h = (enum eh)FIRSTVAL,\n{0}}}\n",
            ind(0),
            ind(1)
        );
        assert_eq!(String::from_utf8_lossy(&out), want);
    }

    #[test]
    fn bitfields_and_negative() {
        let n = PNode {
            name: "struct b".into(),
            shape: Shape::Sou {
                members: vec![
                    PMember { name: "x".into(), bit_offset: 0, bits: 3, node: int("int", 4, true) },
                    PMember { name: "y".into(), bit_offset: 3, bits: 5, node: int("unsigned int", 4, false) },
                ],
            },
        };
        // x = -1 (0b111), y = 9
        let d = [0b0100_1111u8, 0, 0, 0];
        let mut out = Vec::new();
        print_typed(&mut out, &n, None, &d, 64);
        let want = format!("{0}(struct b) {{\n{1}.x = (int)-1,\n{1}.y = (unsigned int)9,\n{0}}}\n", ind(0), ind(1));
        assert_eq!(String::from_utf8_lossy(&out), want);
    }
}
