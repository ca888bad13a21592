//! The argument types of usdt probes, from provider definitions.
//!
//! sys/sdt.h notes say where each argument is and its size, not its C type. DTrace's DOF
//! carries each probe's native and translated types from the provider definition; here
//! `dtrace -G` records the definitions, as D text, in a `.dtrace_provdefs` section of the
//! object it makes (linked into the program), and the usdt provider reads them back with
//! the notes. A D program may also define the provider itself (check/usdtxl.rs).

use crate::parse::ast::{Item, ProbeDef, ProviderDef, TypeName};

/// The section of the `-G` object holding the provider definitions, one NUL-terminated
/// D text per object linked.
pub const SECTION: &str = ".dtrace_provdefs";

/// One probe's argument types: `args[i]` has type `xlated[i]` and is native argument
/// `mapping[i]`, of type `native[mapping[i]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsdtTypes {
    pub native: Vec<TypeName>,
    pub xlated: Vec<TypeName>,
    pub mapping: Vec<usize>,
}

impl UsdtTypes {
    pub fn of(p: &ProbeDef) -> UsdtTypes {
        UsdtTypes {
            native: p.native.clone(),
            xlated: p.xlated.clone().unwrap_or_else(|| p.native.clone()),
            mapping: p.mapping.clone(),
        }
    }

    /// Output types differ from the native ones: `args[]` is translated.
    pub fn translated(&self) -> bool {
        self.mapping.iter().enumerate().any(|(i, &m)| m != i)
            || self.native.len() != self.xlated.len()
            || self.native.iter().zip(&self.xlated).any(|(n, x)| n != x)
    }
}

/// A type as DTrace names it (`char *`, `struct foo **`, `int [4]`).
pub fn spell(t: &TypeName) -> String {
    let (dims, words): (Vec<&String>, Vec<&String>) =
        t.words.iter().partition(|w| w.starts_with('['));
    let mut s = words
        .iter()
        .map(|w| w.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if t.ptr > 0 {
        s.push(' ');
        s.push_str(&"*".repeat(t.ptr as usize));
    }
    if !dims.is_empty() {
        s.push(' ');
        for d in dims {
            s.push_str(d);
        }
    }
    s
}

/// A parameter declaration `type name` in D.
fn declare(t: &TypeName, name: &str) -> String {
    let (dims, words): (Vec<&String>, Vec<&String>) =
        t.words.iter().partition(|w| w.starts_with('['));
    let base = words
        .iter()
        .map(|w| w.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let dims: String = dims.into_iter().map(String::as_str).collect();
    format!("{} {}{}{}", base, "*".repeat(t.ptr as usize), name, dims)
}

/// D text defining `providers` again with their probes' types, for the section: native
/// arguments are named `a0`, `a1`, ... so that the output list keeps its mapping.
pub fn definitions_text(providers: &[ProviderDef]) -> String {
    let mut out = String::new();
    for pv in providers {
        out.push_str(&format!("provider {} {{\n", pv.name));
        for p in &pv.probes {
            let native: Vec<String> = p
                .native
                .iter()
                .enumerate()
                .map(|(i, t)| declare(t, &format!("a{}", i)))
                .collect();
            out.push_str(&format!(
                "\tprobe {}({})",
                p.name.replace('-', "__"),
                native.join(", ")
            ));
            if let Some(x) = &p.xlated {
                let xl: Vec<String> = x
                    .iter()
                    .zip(&p.mapping)
                    .map(|(t, m)| declare(t, &format!("a{}", m)))
                    .collect();
                out.push_str(&format!(" : ({})", xl.join(", ")));
            }
            out.push_str(";\n");
        }
        out.push_str("};\n");
    }
    out
}

/// The probes the definitions in a `.dtrace_provdefs` section's contents declare, as
/// (provider, probe, types). A text that does not parse (not ours) declares nothing.
pub fn from_section(data: &[u8]) -> Vec<(String, String, UsdtTypes)> {
    let mut out = Vec::new();
    for chunk in data.split(|&b| b == 0) {
        let Ok(text) = std::str::from_utf8(chunk) else {
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        let Ok(prog) = crate::parse::parse_program(text) else {
            continue;
        };
        for item in prog.items {
            if let Item::Provider(pv) = item {
                for p in &pv.probes {
                    out.push((pv.name.clone(), p.name.clone(), UsdtTypes::of(p)));
                }
            }
        }
    }
    out
}

/// The `.dtrace_provdefs` section of an ELF object, if it has one.
pub fn section_of(file: &object::File) -> Vec<(String, String, UsdtTypes)> {
    use object::{Object, ObjectSection};
    file.section_by_name(SECTION)
        .and_then(|s| s.data().ok())
        .map(from_section)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(words: &[&str], ptr: u32) -> TypeName {
        TypeName {
            words: words.iter().map(|w| w.to_string()).collect(),
            ptr,
        }
    }

    #[test]
    fn spelling() {
        assert_eq!(spell(&ty(&["char"], 1)), "char *");
        assert_eq!(spell(&ty(&["struct", "foo"], 2)), "struct foo **");
        assert_eq!(spell(&ty(&["int", "[4]"], 0)), "int [4]");
        assert_eq!(spell(&ty(&["foo_t"], 0)), "foo_t");
    }

    #[test]
    fn definitions_round_trip_through_the_section() {
        let src = "provider app {\n\
            \tprobe go__on(struct foo *f, int n, char *s) : (foo_t *f, string s, int n);\n\
            \tprobe plain(long x, int v[4]);\n\
            \tprobe none();\n\
            };\n";
        let pvs = crate::usdtgen::providers(src).unwrap();
        let text = definitions_text(&pvs);
        let mut data = b"\0".to_vec();
        data.extend_from_slice(text.as_bytes());
        data.push(0);
        data.extend_from_slice(b"not D at all {\0");
        let got = from_section(&data);
        assert_eq!(got.len(), 3);
        let (pv, name, t) = &got[0];
        assert_eq!((pv.as_str(), name.as_str()), ("app", "go-on"));
        assert_eq!(
            t.native,
            [ty(&["struct", "foo"], 1), ty(&["int"], 0), ty(&["char"], 1)]
        );
        assert_eq!(
            t.xlated,
            [ty(&["foo_t"], 1), ty(&["string"], 0), ty(&["int"], 0)]
        );
        assert_eq!(t.mapping, [0, 2, 1]);
        assert!(t.translated());
        let (_, name, t) = &got[1];
        assert_eq!(name, "plain");
        assert_eq!(t.native, [ty(&["long"], 0), ty(&["int", "[4]"], 0)]);
        assert_eq!(t.xlated, t.native);
        assert!(!t.translated());
        assert!(got[2].2.native.is_empty());
    }
}
